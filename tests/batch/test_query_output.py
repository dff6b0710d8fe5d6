"""The README's DuckDB queries run on real batch output and give what the documents say."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from batch_helpers import articles, hand_loader, write_jsonl
from quotegraph.batch.parquet import read_documents
from quotegraph.batch.run import run_batch
from quotegraph.model import Article, Document

duckdb = pytest.importorskip("duckdb")

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_queries() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("<!-- section: batch -->", 1)[1].split("<!-- /section: batch -->", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, re.S)


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("query")
    items = articles(10) + [Article("bad", "FAIL please"), Article("bug", "BUG please")]
    run_batch([write_jsonl(root / "in.jsonl", items)], root / "out", partition_size=4, processes=1, loader=hand_loader)
    return root / "out"


def _run(query: str, out: Path) -> list[tuple]:
    return duckdb.connect().execute(query.replace("DIR/", f"{out}/")).fetchall()


def test_readme_has_the_five_queries():
    assert len(_readme_queries()) == 5


def test_most_quoted_speakers(out):
    top = _run(_readme_queries()[0], out)
    docs = [d for d in read_documents(out) if isinstance(d, Document)]
    expected = Counter(q.speaker.name for d in docs for q in d.quotes if q.speaker)
    assert top == sorted(expected.items(), key=lambda kv: (-kv[1], kv[0]))[:20]


def test_statements_joined_with_their_articles(out):
    rows = _run(_readme_queries()[1], out)
    docs = [d for d in read_documents(out) if isinstance(d, Document)]
    # said_on is a real date in Parquet (issue 13); the documents give the contract's string
    expected = [(d.date, d.source, q.speaker.name if q.speaker else None, q.channel,
                 date.fromisoformat(q.said_on) if q.said_on else None, q.text, q.confidence)
                for d in docs for q in d.quotes if q.confidence >= 0.5]
    assert len(rows) == len(expected) > 0
    assert sorted(rows) == sorted(e[:6] for e in expected)


def test_rejection_summary(out):
    rows = _run(_readme_queries()[2], out)
    assert sorted((code, n) for code, n, _ in rows) == [("E202", 1), ("E507", 1)]
    assert all(example.startswith(str(out.parent)) for _, _, example in rows)


def test_most_quoted_speakers_across_articles(out):
    from quotegraph.batch.corpus import read_corpus

    rows = _run(_readme_queries()[3], out)
    speakers = read_corpus(out)["speakers"].to_pylist()
    expected = sorted(((s["name"], s["n_statements"], s["n_quotes"]) for s in speakers), key=lambda r: (-r[2], r[0]))
    assert rows == expected[:20] and rows


def test_statements_carried_by_several_articles(out):
    from quotegraph.batch.corpus import read_corpus

    rows = _run(_readme_queries()[4], out)
    merged = [s for s in read_corpus(out)["statements"].to_pylist() if s["n_sources"] > 1]
    assert sorted((r[0], r[1], r[4]) for r in rows) == sorted((s["speaker_name"], s["n_sources"], s["text"]) for s in merged)
    assert rows and all(r[1] > 1 and list(r[3]) == sorted(set(r[3])) for r in rows)
