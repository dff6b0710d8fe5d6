"""Datasette on a real ingested database, in-process (issue 13).

The example articles are extracted with the real model and stored; Datasette
then serves the file (with and without quotegraph's metadata) and its search,
foreign-key links, facets and CSV export are checked against the database.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from datasette import app as datasette_app

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def db(tmp_path_factory, repo_root) -> Path:
    from quotegraph.ingestion import ingest

    path = tmp_path_factory.mktemp("ds") / "news.db"
    report = ingest([str(repo_root / "examples")], db=path, processes=1)
    assert not report.failures
    return path


@pytest.fixture(scope="module")
def metadata(db) -> dict:
    from click.testing import CliRunner

    from quotegraph.cli import main

    out = db.parent / "metadata.json"
    result = CliRunner().invoke(main, ["datasette-metadata", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


def _get(db: Path, paths: list[str], metadata: dict | None = None) -> list:
    ds = datasette_app.Datasette([str(db)], metadata=metadata)

    async def fetch():
        return [await ds.client.get(p) for p in paths]

    return asyncio.run(fetch())


def _sql(db: Path, query: str, *args) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(query, args).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("with_metadata", [False, True], ids=["file-alone", "with-metadata"])
@pytest.mark.parametrize("table", ["statements", "quotes"])
def test_search_finds_exactly_the_matching_rows(db, metadata, table, with_metadata):
    # issue 13: content='quotes' in single quotes was not detected and ?_search= returned every row
    total = _sql(db, f"SELECT count(*) FROM {table}")[0][0]
    expected = _sql(db, f"SELECT count(*) FROM {table} WHERE text LIKE '%solidarity%'")[0][0]
    hit, miss = _get(db, [f"/news/{table}.json?_search=solidarity&_shape=array&_size=max",
                          f"/news/{table}.json?_search=zzyzxnothere&_shape=array"], metadata if with_metadata else None)
    assert hit.status_code == miss.status_code == 200
    found = hit.json()
    assert 0 < len(found) == expected < total
    assert all("solidarity" in row["text"].lower() for row in found)
    assert miss.json() == []


def test_foreign_keys_link_to_labelled_rows(db, metadata):
    (link,) = _sql(db, "SELECT article_id, statement_id, slug FROM quote_links WHERE slug IS NOT NULL ORDER BY 1, 2 LIMIT 1")
    article_id, statement_id, slug = link
    statement_text = _sql(db, "SELECT text FROM statements WHERE id = ?", statement_id)[0][0]
    person = _sql(db, "SELECT name FROM persons WHERE slug = ?", slug)[0][0]
    rows, page = _get(db, [f"/news/quote_links.json?_shape=array&_labels=on&article_id={article_id}&statement_id={statement_id}",
                           f"/news/quote_links?article_id={article_id}&statement_id={statement_id}"], metadata)
    (row,) = rows.json()
    assert row["statement_id"] == {"value": statement_id, "label": statement_text}
    assert row["slug"] == {"value": slug, "label": person}
    assert row["article_id"]["value"] == article_id and row["article_id"]["label"] == article_id
    html = page.text
    assert f'href="/news/statements/{statement_id}"' in html and f'href="/news/persons/{slug}"' in html
    assert f'href="/news/articles/{article_id}"' in html and ">None<" not in html


def test_facets_on_speaker_kind_channel_and_type(db, metadata):
    (quotes, statements) = _get(db, ["/news/quotes.json?_size=0", "/news/statements.json?_size=0"], metadata)
    facets = quotes.json()["facet_results"]
    facets = facets.get("results", facets)  # the shape moved between Datasette releases
    assert {"speaker_name", "speaker_kind", "channel", "type"} <= set(facets)
    speakers = {v["value"]: v["count"] for v in facets["speaker_name"]["results"]}
    assert speakers == dict(_sql(db, "SELECT speaker_name, count(*) FROM quotes WHERE speaker_name IS NOT NULL GROUP BY 1"))
    assert {"slug", "type"} <= set(statements.json()["facet_results"].get("results", statements.json()["facet_results"]))


def test_csv_export_of_a_search(db, metadata):
    (response,) = _get(db, ["/news/statements.csv?_search=solidarity&_size=max"], metadata)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    columns = [r[1] for r in _sql(db, "PRAGMA table_info(statements)")]
    assert list(rows[0]) == columns
    expected = _sql(db, "SELECT id, text FROM statements WHERE text LIKE '%solidarity%' ORDER BY id")
    assert sorted((r["id"], r["text"]) for r in rows) == expected
