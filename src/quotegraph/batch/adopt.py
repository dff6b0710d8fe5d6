"""Taking a batch's corpus tables as the store's merged speakers and statements.

``quotegraph ingest --from-parquet DIR`` stores the batch's documents; when
the batch also holds a completed corpus pass (``DIR/corpus/``, see
``quotegraph.batch.corpus``) over exactly what the database now holds, its
speakers and statements are written into the derived tables as they are,
instead of merging every stored quote again. Both are computed by the same
rules (``quotegraph.linking``), so the tables are those a merge would give.

"Exactly what the database holds" is checked, not assumed: the database's
articles and quotes (id, ordinal, date, text, type, speaker name and kind,
said_on, subjects) must equal the batch's, and its alias table must equal
the aliases the corpus pass used. Otherwise nothing is written here and the
store's own merge runs as usual.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any, Sequence

from ..store.merge import RebuildStats
from ..store.schema import DERIVED_TABLES
from .parquet import OutputDir
from .tables import _said_on_text

__all__ = ["corpus_matches", "adopt_corpus"]

_PENDING, _PENDING_END = "pending:", "pending;"  # the writer's meta keys for articles waiting to be merged


def _fingerprint(rows) -> str:
    digest = hashlib.sha256()
    for row in sorted(rows, key=lambda r: (r[0], r[1])):
        digest.update(json.dumps(row, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


def _store_quotes(conn: sqlite3.Connection) -> tuple[set[str], str]:
    articles = {r[0] for r in conn.execute("SELECT id FROM articles")}
    rows = [(a, o, d, t, ty, n, k, s, json.loads(ab or "[]")) for a, o, d, t, ty, n, k, s, ab in conn.execute(
        "SELECT q.article_id, q.ordinal, a.date, q.text, q.type, q.speaker_name, q.speaker_kind, q.said_on, q.about"
        " FROM quotes q JOIN articles a ON a.id = q.article_id")]
    return articles, _fingerprint(rows)


def _batch_quotes(out: Path) -> tuple[set[str], str]:
    import pyarrow.parquet as pq  # imported with the batch extra, as this module is

    target = OutputDir(out)
    articles: dict[str, str | None] = {}
    rows = []
    for part in target.committed():
        docs = pq.read_table(out / "documents" / f"{part['name']}.parquet", columns=["id", "status", "date"]).to_pylist()
        dates = {d["id"]: d["date"] for d in docs if d["status"] == "ok"}
        articles.update(dates)
        for q in pq.read_table(out / "statements" / f"{part['name']}.parquet",
                               columns=["doc_id", "quote_index", "text", "type", "speaker_name", "speaker_kind",
                                        "said_on", "said_on_precision", "about"]).to_pylist():
            if q["doc_id"] in dates:
                rows.append((q["doc_id"], q["quote_index"], dates[q["doc_id"]], q["text"], q["type"],
                             q["speaker_name"] or None,  # the store keeps an empty name as NULL
                             q["speaker_kind"],
                             _said_on_text(q["said_on"], q["said_on_precision"]), list(q["about"] or [])))
    return set(articles), _fingerprint(rows)


def corpus_matches(conn: sqlite3.Connection, out: str | Path) -> dict[str, Any] | None:
    """The corpus manifest of batch ``out`` when its tables describe exactly this database, else None."""
    out = Path(out)
    try:
        manifest = json.loads((out / "corpus" / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    committed = [m["name"] for m in OutputDir(out).committed()]
    if manifest.get("partitions") != committed:
        return None  # the pass ran before some partitions were committed
    aliases = sorted(tuple(r) for r in conn.execute("SELECT alias, canonical, external_id FROM aliases"))
    if aliases != sorted(tuple(a) for a in manifest.get("aliases", [])):
        return None
    if _store_quotes(conn) != _batch_quotes(out):
        return None
    return manifest


def adopt_corpus(conn: sqlite3.Connection, paths: Sequence[str | Path]) -> RebuildStats | None:
    """Write the derived tables from the corpus tables of the one batch in ``paths``, inside the caller's
    transaction; None (nothing written) when they do not describe exactly this database."""
    if len(paths) != 1 or corpus_matches(conn, paths[0]) is None:
        return None
    from .corpus import read_corpus

    tables = read_corpus(paths[0])
    speakers, statements = tables["speakers"].to_pylist(), tables["statements"].to_pylist()
    for table in reversed(DERIVED_TABLES):
        conn.execute(f"DELETE FROM {table}")
    for s in speakers:
        conn.execute("INSERT INTO persons VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (s["speaker_id"], s["name"], s["kind"], s["external_id"], s["n_statements"],
                      s["first_seen"], s["last_seen"]))
        for e in s["evidence"]:
            if e["merged"]:
                conn.execute("INSERT INTO person_names VALUES (?, ?)", (e["name"], s["speaker_id"]))
            conn.execute("INSERT OR REPLACE INTO merges VALUES (?, ?, ?, ?, ?)",
                         (s["speaker_id"], e["name"], e["rule"], e["detail"], json.dumps(e["doc_ids"])))
    quotes = 0
    for s in statements:
        conn.execute("INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (s["statement_id"], s["speaker_id"], s["text"], s["type"], s["first_seen"], s["said_on"],
                      s["n_sources"], s["n_quotes"], s["first_doc_id"], s["first_quote_index"]))
        conn.executemany("INSERT INTO quote_links VALUES (?, ?, ?, ?, ?)",
                         [(q["doc_id"], q["quote_index"], s["speaker_id"], s["statement_id"], q["rule"])
                          for q in s["sources"]])
        conn.executemany("INSERT INTO statement_about VALUES (?, ?, ?)",
                         [(s["statement_id"], a["name"], a["speaker_id"]) for a in s["about"]])
        quotes += s["n_quotes"]
    conn.execute("DELETE FROM meta WHERE (key >= ? AND key < ?) OR key = 'rebuild'", (_PENDING, _PENDING_END))
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('dirty', '0')")
    return RebuildStats(len(speakers), len(statements), quotes, "batch")
