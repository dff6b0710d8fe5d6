"""``quotegraph ingest`` / ``search`` in-process (CliRunner), and FTS escaping."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from store_docs import corpus, write_jsonl

from quotegraph.cli import main
from quotegraph.errors import QueryError
from quotegraph.service import Service
from quotegraph.ingestion import ingest
from quotegraph.store import escape_fts


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "q.db"
    report = ingest([str(write_jsonl(tmp_path / "docs.jsonl", corpus()))], db=path, documents=True)
    assert not report.failures
    return path


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_ingest_summary_and_idempotence(tmp_path):
    source = write_jsonl(tmp_path / "docs.jsonl", corpus())
    db = tmp_path / "q.db"
    first = invoke("ingest", str(source), "--documents", "--db", str(db), "--no-progress")
    assert first.exit_code == 0, first.output
    assert "5 added" in first.output and "0 failed" in first.output
    second = invoke("ingest", str(source), "--documents", "--db", str(db), "--no-progress")
    assert second.exit_code == 0 and "5 unchanged" in second.output


def test_ingest_exit_status_is_nonzero_only_when_an_article_failed(tmp_path):
    source = write_jsonl(tmp_path / "docs.jsonl", corpus())
    with open(source, "a", encoding="utf-8") as handle:
        handle.write("{broken json\n")
        handle.write('{"id": "no-text"}\n')
    result = CliRunner().invoke(main, ["ingest", str(source), "--documents", "--db", str(tmp_path / "q.db"),
                                       "--no-progress"])
    assert result.exit_code == 1
    assert "5 added" in result.output and "2 failed" in result.output
    assert "E105" in result.output and f"{source}:6" in result.output and "E106" in result.output and "missing required field 'text'" in result.output


def test_ingest_bad_alias_file_is_an_error(tmp_path):
    bad = tmp_path / "aliases.json"
    bad.write_text("{")
    source = write_jsonl(tmp_path / "docs.jsonl", corpus())
    result = CliRunner().invoke(main, ["ingest", str(source), "--documents", "--aliases", str(bad),
                                       "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 1 and "E304" in result.output


def test_search_table_and_json(db):
    table = invoke("search", "solidarity", "--db", str(db))
    assert table.exit_code == 0 and "Ken Loach" in table.output and "1 statements" in table.output
    data = json.loads(invoke("search", "solidarity", "--format", "json", "--db", str(db)).output)
    assert data["total"] == 1
    item = data["items"][0]
    assert item["speaker"]["slug"] == "ken-loach" and item["source_count"] == 2


def test_search_filters(db):
    def ids(*args):
        out = invoke("search", *args, "--format", "json", "--db", str(db)).output
        return {(i["speaker"] or {}).get("name") for i in json.loads(out)["items"]}

    assert ids("--speaker", "Loach") == {"Ken Loach"}
    assert ids("--speaker", "ken-loach", "--channel", "twitter") == {"Ken Loach"}
    assert ids("--about", "Ken Loach") == {"Socialist Campaign Group"}
    assert ids("--since", "2021-08-22", "--until", "2021-08") == {"Marsh"}
    assert ids("--until", "2021-08-16") == {"Ken Loach", "Socialist Campaign Group"}
    assert ids("fair", "hearing", "--scope", "quotes") == {"Helen Marsh"}
    assert ids("rally", "--scope", "articles") == {"Ken Loach", "Helen Marsh"}


def test_search_errors(db, tmp_path):
    bad = invoke("search", 'NEAR("a"', "--raw", "--db", str(db))
    assert bad.exit_code == 2 and "E600" in bad.output
    date = invoke("search", "x", "--since", "last week", "--db", str(db))
    assert date.exit_code == 2 and "E601" in date.output and "since" in date.output
    missing = invoke("search", "x", "--db", str(tmp_path / "none.db"))
    assert missing.exit_code == 1 and "E302" in missing.output


def test_raw_fts_syntax(db):
    service = Service(db)
    assert service.search_statements("solid*", raw=True).total == 1
    assert service.search_statements("many OR hearing", raw=True).total == 2
    assert service.search_statements("solid*").total == 0  # plain text: the star is not syntax
    for query in ['"unbalanced', "AND", "a:b", "NEAR(", "*", "(x"]:
        with pytest.raises(QueryError) as err:
            service.search_statements(query, raw=True)
        assert err.value.code == "E600"


@pytest.mark.parametrize("text", ['"', '""', "AND OR NOT", "a:b", "NEAR(x y)", "*", "^x", "'", "-x", "(", "🙂", ""])
def test_escaped_text_is_never_syntax(db, text):
    Service(db).search_statements(text)  # must not raise


@given(st.text(max_size=60))
def test_escape_fts_always_gives_a_valid_query(text):
    import sqlite3

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    conn.execute("INSERT INTO t VALUES ('some text')")
    query = escape_fts(text)
    if query:
        conn.execute("SELECT * FROM t WHERE t MATCH ?", (query,)).fetchall()
