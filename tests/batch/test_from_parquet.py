"""`quotegraph ingest --from-parquet`: batch output into the SQLite store, same as the documents themselves."""

from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

from batch_helpers import articles, hand_loader, write_jsonl
from quotegraph.batch.parquet import read_documents
from quotegraph.batch.run import run_batch
from quotegraph.cli import main
from quotegraph.model import Article, Document


def _dump(db, sql):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_ingest_from_parquet_equals_ingest_of_the_documents(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", articles(9) + [Article("bad", "FAIL here")])
    out = tmp_path / "out"
    run_batch([src], out, partition_size=4, processes=1, loader=hand_loader)
    docs = list(read_documents(out))
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("".join(json.dumps(d.to_dict()) + "\n" for d in docs if isinstance(d, Document)))

    runner = CliRunner()
    from_parquet = runner.invoke(main, ["ingest", "--from-parquet", str(out), "--db", str(tmp_path / "a.db")])
    assert from_parquet.exit_code == 1, from_parquet.output  # the one rejected article is reported
    assert "E202" in from_parquet.output and "9 added" in from_parquet.output
    from_docs = runner.invoke(main, ["ingest", "--documents", str(jsonl), "--db", str(tmp_path / "b.db")])
    assert from_docs.exit_code == 0, from_docs.output
    for sql in ("SELECT id, content_hash, date, title, text FROM articles ORDER BY id",
                "SELECT * FROM quotes ORDER BY article_id, ordinal",
                "SELECT * FROM entities ORDER BY article_id, ordinal",
                "SELECT * FROM statements ORDER BY 1"):
        assert _dump(tmp_path / "a.db", sql) == _dump(tmp_path / "b.db", sql), sql
    # the store records where each article came from: the batch's own input, line by line
    origins = [o for (o,) in _dump(tmp_path / "a.db", "SELECT origin FROM articles ORDER BY id")]
    assert origins == [f"{src}:{i}" for i in range(1, 10)]
    again = runner.invoke(main, ["ingest", "--from-parquet", str(out), "--db", str(tmp_path / "a.db")])
    assert "9 unchanged" in again.output


def test_ingest_from_a_directory_that_is_not_batch_output_fails_clearly(tmp_path):
    result = CliRunner().invoke(main, ["ingest", "--from-parquet", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1 and "E504" in result.output
