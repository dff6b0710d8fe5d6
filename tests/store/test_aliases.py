"""Alias files: JSON and CSV, and their errors (E304)."""

from __future__ import annotations

import pytest
from store_docs import corpus

from quotegraph.errors import StoreError
from quotegraph.store import Store, connect_reader, load_aliases, parse_aliases


def test_json_aliases(tmp_path):
    path = tmp_path / "aliases.json"
    path.write_text('[{"canonical": "David Marsh", "aliases": ["Marsh", "D. Marsh"], "wikidata": "Q42"}]')
    assert load_aliases(path) == [("D. Marsh", "David Marsh", "Q42"), ("David Marsh", "David Marsh", "Q42"),
                                  ("Marsh", "David Marsh", "Q42")]


def test_csv_aliases(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("Canonical,Aliases,External_ID\nKen Loach,Loach|Kenneth Loach,Q1\nSCG,Socialist Campaign Group;,\n")
    rows = load_aliases(path)
    assert ("Loach", "Ken Loach", "Q1") in rows and ("Kenneth Loach", "Ken Loach", "Q1") in rows
    assert ("Socialist Campaign Group", "SCG", None) in rows


@pytest.mark.parametrize("fmt,text,fragment", [
    ("json", "{not json", "invalid JSON"),
    ("json", '{"canonical": "x"}', "JSON list"),
    ("json", '[{"aliases": ["x"]}]', "no canonical name"),
    ("json", '[{"canonical": "A", "aliases": "x"}, {"canonical": "B", "aliases": ["x"]}]', "alias of both"),
    ("json", '[{"canonical": "A", "aliases": [1]}]', "list of strings"),
    ("csv", "name,other\nx,y\n", "'canonical' column"),
])
def test_bad_alias_files_are_named_and_explained(fmt, text, fragment):
    with pytest.raises(StoreError) as err:
        parse_aliases(text, fmt=fmt, origin="my-aliases")
    assert err.value.code == "E304"
    assert "my-aliases" in err.value.message and fragment in err.value.message


def test_missing_alias_file(tmp_path):
    with pytest.raises(StoreError) as err:
        load_aliases(tmp_path / "nope.csv")
    assert err.value.code == "E304" and "nope.csv" in err.value.message


def test_aliases_override_merging_in_the_store(tmp_path):
    db = tmp_path / "q.db"
    with Store(db) as store:
        for doc in corpus():
            store.put(doc)
        store.set_aliases(parse_aliases("canonical,aliases,external_id\nDavid Marsh,Marsh,Q99\n", fmt="csv"))
        store.rebuild()
    conn = connect_reader(db)
    slug, external = conn.execute("SELECT slug, external_id FROM persons WHERE name = 'David Marsh'").fetchone()
    assert external == "Q99"
    assert conn.execute("SELECT slug FROM person_names WHERE name = 'Marsh'").fetchone()[0] == slug
    assert conn.execute("SELECT rule FROM merges WHERE name = 'Marsh'").fetchone()[0] == "alias"
    conn.close()
