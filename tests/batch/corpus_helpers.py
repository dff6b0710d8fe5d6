"""The batch corpus tables and the SQLite store's merged tables, in one comparable shape."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path


def corpus_view(out: str | Path) -> dict[str, list[tuple]]:
    """Speakers, merge evidence, statements, quote links and subjects of a batch's corpus pass."""
    from quotegraph.batch.corpus import read_corpus

    tables = read_corpus(out)
    speakers = tables["speakers"].to_pylist()
    statements = tables["statements"].to_pylist()
    return {
        "speakers": sorted((s["speaker_id"], s["name"], s["kind"], s["external_id"], s["n_statements"],
                            s["first_seen"], s["last_seen"]) for s in speakers),
        "evidence": sorted({(s["speaker_id"], e["name"], e["rule"], e["detail"], tuple(e["doc_ids"]))
                            for s in speakers for e in s["evidence"]}),
        "statements": sorted((s["statement_id"], s["speaker_id"], s["text"], s["type"], s["first_seen"], s["said_on"],
                              s["n_sources"], s["n_quotes"], s["first_doc_id"], s["first_quote_index"])
                             for s in statements),
        "links": sorted((q["doc_id"], q["quote_index"], s["speaker_id"], s["statement_id"], q["rule"])
                        for s in statements for q in s["sources"]),
        "about": sorted((s["statement_id"], a["name"], a["speaker_id"]) for s in statements for a in s["about"]),
    }


def store_view(db: str | Path) -> dict[str, list[tuple]]:
    """The same view of a database written by ``quotegraph ingest``."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        q = lambda sql: [tuple(r) for r in conn.execute(sql)]  # noqa: E731
        return {
            "speakers": sorted(q("SELECT slug, name, kind, external_id, statement_count, first_seen, last_seen FROM persons")),
            "evidence": sorted({(slug, name, rule, detail, tuple(json.loads(ids)))
                                for slug, name, rule, detail, ids in q("SELECT * FROM merges")}),
            "statements": sorted(q("SELECT id, slug, text, type, first_seen, said_on, source_count, quote_count,"
                                   " article_id, ordinal FROM statements")),
            "links": sorted(q("SELECT article_id, ordinal, slug, statement_id, rule FROM quote_links")),
            "about": sorted(q("SELECT statement_id, name, slug FROM statement_about")),
        }
    finally:
        conn.close()


def assert_same(batch: dict[str, list[tuple]], store: dict[str, list[tuple]]) -> None:
    """Equal table by table, with the first difference named."""
    for name in store:
        only_batch = sorted(set(batch[name]) - set(store[name]))[:5]
        only_store = sorted(set(store[name]) - set(batch[name]))[:5]
        assert batch[name] == store[name], f"{name}: only in batch {only_batch}; only in the store {only_store}"
