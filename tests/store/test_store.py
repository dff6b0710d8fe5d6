"""The SQLite store on real files: idempotent writes, replacement, rebuild, readers, migrations."""

from __future__ import annotations

import random
import sqlite3

import pytest
from store_docs import build, corpus, Say

from quotegraph.errors import StoreError
from quotegraph.store import SCHEMA_VERSION, Store, connect_reader, content_hash, dump
from quotegraph.store.schema import MIGRATIONS


def stored(path, docs, *, rebuild=True):
    with Store(path) as store:
        outcomes = [store.put(d, origin=f"{d.id}.txt") for d in docs]
        if rebuild:
            store.rebuild()
    return outcomes


def rows(path, sql, *args):
    conn = connect_reader(path)
    try:
        return [tuple(r) for r in conn.execute(sql, args)]
    finally:
        conn.close()


def test_same_article_twice_is_stored_once(tmp_path):
    db = tmp_path / "q.db"
    docs = corpus()
    assert stored(db, docs) == ["added"] * len(docs)
    assert stored(db, docs) == ["unchanged"] * len(docs)
    assert rows(db, "SELECT count(*) FROM articles") == [(len(docs),)]
    assert rows(db, "SELECT count(*) FROM quotes") == [(sum(len(d.quotes) for d in docs),)]


def test_changed_text_replaces_old_version(tmp_path):
    db = tmp_path / "q.db"
    old = build("a", "2021-01-01", "X said: “", Say("Ann Lee", "old words here"), "”")
    new = build("a", "2021-01-01", "X said: “", Say("Ann Lee", "new words now"), "” and more.")
    assert stored(db, [old]) == ["added"]
    assert stored(db, [new]) == ["replaced"]
    assert rows(db, "SELECT text FROM quotes") == [("new words now",)]
    assert rows(db, "SELECT text FROM statements") == [("new words now",)]
    # the full-text index followed the replacement
    assert rows(db, "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'old'") == [(0,)]
    assert rows(db, "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'new'") == [(1,)]
    assert content_hash(old) != content_hash(new)


def test_rebuild_merges_across_articles(tmp_path):
    db = tmp_path / "q.db"
    stored(db, corpus())
    persons = dict(rows(db, "SELECT name, statement_count FROM persons"))
    assert "Loach" not in persons and persons["Ken Loach"] == 3
    assert {"Helen Marsh", "David Marsh", "Marsh"} <= set(persons)
    merges = rows(db, "SELECT slug, name, rule, article_ids FROM merges WHERE name = 'Loach'")
    assert merges == [("ken-loach", "Loach", "surname", '["rally"]')]
    assert rows(db, "SELECT rule FROM merges WHERE name = 'Marsh' AND rule != 'exact'") == [("ambiguous-surname",)]
    solidarity = rows(db, "SELECT source_count, quote_count, first_seen FROM statements WHERE text LIKE 'We are many%'")
    assert solidarity == [(2, 2, "2021-08-16")]
    carried = rows(db, "SELECT source_count FROM statements WHERE text LIKE 'Ken is an outstanding%'")
    assert carried == [(2,)]
    about = rows(db, "SELECT a.name, a.slug FROM statement_about a JOIN statements s ON s.id = a.statement_id"
                     " WHERE s.slug = 'socialist-campaign-group'")
    assert about == [("Ken Loach", "ken-loach")]


def test_database_does_not_depend_on_ingest_order_or_runs(tmp_path):
    docs = corpus()
    stored(tmp_path / "one.db", docs)
    shuffled = docs[:]
    random.Random(7).shuffle(shuffled)
    stored(tmp_path / "two.db", shuffled[:2])  # a first run ...
    stored(tmp_path / "two.db", shuffled)  # ... and a second one with everything
    assert dump(tmp_path / "one.db") == dump(tmp_path / "two.db")


def test_dirty_flag_survives_until_rebuild(tmp_path):
    db = tmp_path / "q.db"
    stored(db, corpus()[:1], rebuild=False)
    with Store(db) as store:
        assert store.is_dirty()
        assert store.rebuild() is not None
        assert not store.is_dirty()
        assert store.rebuild() is None  # nothing to do


def test_readers_are_read_only(tmp_path):
    db = tmp_path / "q.db"
    stored(db, corpus()[:1])
    conn = connect_reader(db)
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM articles")
    conn.close()


def test_reader_errors_are_coded(tmp_path):
    with pytest.raises(StoreError) as missing:
        connect_reader(tmp_path / "absent.db")
    assert missing.value.code == "E302"
    assert not (tmp_path / "absent.db").exists()  # looking did not create it
    newer = tmp_path / "newer.db"
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError) as too_new:
        connect_reader(newer)
    assert too_new.value.code == "E301"
    with pytest.raises(StoreError) as writer_too_new:
        Store(newer)
    assert writer_too_new.value.code == "E301"
    older = tmp_path / "older.db"
    sqlite3.connect(older).close()
    with pytest.raises(StoreError) as too_old:
        connect_reader(older)
    assert too_old.value.code == "E303" and "ingest" in too_old.value.message
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError) as bad:
        connect_reader(garbage)
    assert bad.value.code == "E300"


def test_migrations_run_once_and_record_the_version(tmp_path):
    db = tmp_path / "q.db"
    Store(db).close()
    Store(db).close()  # a second open applies nothing
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_dump_detects_a_difference(tmp_path):
    docs = corpus()
    stored(tmp_path / "a.db", docs)
    stored(tmp_path / "b.db", docs[:-1])
    assert dump(tmp_path / "a.db") != dump(tmp_path / "b.db")
