"""The one writer connection to a quotegraph database.

Every article is written in its own ``BEGIN IMMEDIATE`` transaction, so a run
killed at any moment (even with SIGKILL) leaves each article either fully
stored or absent; running the same ingest again stores what is missing and
skips what is there (same id, same content hash). Derived tables (merged
persons and statements) are rebuilt in one transaction by ``rebuild``; a
``dirty`` flag, set in the same transaction as every article change, makes
the next run rebuild them if a run died before it could.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path
from typing import Any, Iterable

from ..errors import InputError, StoreError
from ..model import Article, Document
from . import merge
from .contract import check_document
from .rows import ARTICLE_COLUMNS, ENTITY_COLUMNS, QUOTE_COLUMNS, dumps, from_row, insert_sql, select_sql, to_row
from .schema import migrate

__all__ = ["Store", "content_hash", "merge_state"]


def content_hash(item: Article | Document) -> str:
    """A digest of everything about an article that extraction depends on."""
    payload = json.dumps([item.text, item.date, item.title, item.url, item.source], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


_PENDING = "pending:"  # meta keys "pending:<article id>": changed since the last merge
_PENDING_END = "pending;"


def merge_state(conn: sqlite3.Connection) -> dict[str, Any]:
    """Whether a merge is pending: ``{"pending", "full", "articles"}`` (articles waiting to be merged)."""
    dirty = conn.execute("SELECT value FROM meta WHERE key = 'dirty'").fetchone()
    full = conn.execute("SELECT value FROM meta WHERE key = 'rebuild'").fetchone()
    waiting = conn.execute("SELECT count(*) FROM meta WHERE key >= ? AND key < ?", (_PENDING, _PENDING_END)).fetchone()[0]
    return {"pending": bool(dirty and dirty[0] == "1"), "full": bool(full), "articles": int(waiting)}


def _stored_document(conn: sqlite3.Connection, article_id: str) -> dict[str, Any]:
    """A stored article as the document record it was ingested from (for checking it again)."""
    conn.row_factory = sqlite3.Row
    try:
        a = conn.execute("SELECT id, date, title, url, source, text, warnings FROM articles WHERE id = ?",
                         (article_id,)).fetchone()
        quotes = [from_row(QUOTE_COLUMNS, q) for q in conn.execute(select_sql("quotes", QUOTE_COLUMNS), (article_id,))]
        entities = [from_row(ENTITY_COLUMNS, e) for e in conn.execute(select_sql("entities", ENTITY_COLUMNS), (article_id,))]
    finally:
        conn.row_factory = None
    return {"id": a["id"], "date": a["date"], "title": a["title"], "url": a["url"], "source": a["source"],
            "text": a["text"], "warnings": json.loads(a["warnings"]) if a["warnings"] else [], "quotes": quotes,
            "entities": entities}


def _merge(conn: sqlite3.Connection, step, path: str) -> merge.RebuildStats:
    try:
        return step(conn)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise StoreError("E300", path=path, detail=f"merging stored statements failed ({type(exc).__name__}: "
                         f"{exc}); run `quotegraph repair`") from exc


def _use_wal(conn: sqlite3.Connection, attempts: int = 100) -> None:
    """Switch the file to WAL. Two writers opening a new file at once may both
    try; SQLite answers "locked" at once instead of waiting, so retry a bounded time."""
    for attempt in range(attempts):
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                return
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05)


def _validate(doc: Document, origin: str) -> dict[str, Any]:
    """The document's ``to_dict`` form; E106/E107 when it breaks the output contract, before anything is written."""
    try:
        data = doc.to_dict()
    except (AttributeError, TypeError, ValueError) as exc:
        raise InputError("E107", origin=f"{origin} (document '{str(doc.id)[:80]}')", field="(document)",
                         detail=f"not an extracted document: {exc}") from None
    check_document(data, origin)
    return data


_INSERT_ARTICLE = insert_sql("articles", ("id", "content_hash", *ARTICLE_COLUMNS))
_INSERT_QUOTE = insert_sql("quotes", ("article_id", "ordinal", *(c.name for c in QUOTE_COLUMNS)))
_INSERT_ENTITY = insert_sql("entities", ("article_id", "ordinal", *(c.name for c in ENTITY_COLUMNS)))


class Store:
    """Exactly one writer per database file: ingest goes through here, nothing else writes."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
            self.conn.execute("PRAGMA foreign_keys=ON")
            # the schema first (under the write lock, refusing a foreign file
            # before touching it), then the journal mode
            migrate(self.conn, self.path)
            # WAL lets readers (search, serve) work while an ingest runs; commits
            # survive a killed process with synchronous=NORMAL.
            _use_wal(self.conn)
            self.conn.execute("PRAGMA synchronous=NORMAL")
        except StoreError:
            self.conn.close()
            raise
        except sqlite3.Error as exc:
            raise StoreError("E300", path=self.path, detail=str(exc)) from exc

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the writer connection."""
        self.conn.close()

    def _transaction(self, work) -> Any:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                result = work(self.conn)
            except BaseException:
                self.conn.rollback()
                raise
            self.conn.execute("COMMIT")
            return result
        except sqlite3.Error as exc:
            raise StoreError("E300", path=self.path, detail=str(exc)) from exc

    def stored_hash(self, article_id: str) -> str | None:
        """The content hash stored for ``article_id``, or None when it is not stored."""
        row = self.conn.execute("SELECT content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def put(self, doc: Document, *, origin: str = "<memory>") -> str:
        """Store one extracted document in its own transaction.

        Returns ``"added"``, ``"replaced"`` (same id, changed content: the old
        version and its statements are removed) or ``"unchanged"``.
        """
        data = _validate(doc, origin)
        digest = content_hash(doc)

        def work(conn: sqlite3.Connection) -> str:
            row = conn.execute("SELECT content_hash FROM articles WHERE id = ?", (doc.id,)).fetchone()
            if row and row[0] == digest:
                return "unchanged"
            if row:
                conn.execute("DELETE FROM quotes WHERE article_id = ?", (doc.id,))
                conn.execute("DELETE FROM entities WHERE article_id = ?", (doc.id,))
                conn.execute("DELETE FROM articles WHERE id = ?", (doc.id,))
            self._insert(conn, data, digest, origin)
            self._set_dirty(conn, doc.id)
            return "replaced" if row else "added"

        return self._transaction(work)

    def _insert(self, conn: sqlite3.Connection, data: dict[str, Any], digest: str, origin: str) -> None:
        """Write one document's rows (from its ``to_dict`` form), every value bound by column name."""
        article_id = data["id"]
        conn.execute(_INSERT_ARTICLE, {**{k: data.get(k) for k in ARTICLE_COLUMNS}, "id": article_id,
                                       "content_hash": digest, "origin": origin, "warnings": dumps(data["warnings"])})
        conn.executemany(_INSERT_QUOTE, [to_row(QUOTE_COLUMNS, q, article_id, i) for i, q in enumerate(data["quotes"])])
        conn.executemany(_INSERT_ENTITY,
                         [to_row(ENTITY_COLUMNS, e, article_id, i) for i, e in enumerate(data["entities"])])

    @staticmethod
    def _set_dirty(conn: sqlite3.Connection, article_id: str | None = None) -> None:
        """Mark the derived tables out of step: for one changed article, or for everything (``None``)."""
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('dirty', '1')")
        if article_id is None:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('rebuild', 'full')")
        else:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')", (_PENDING + article_id,))

    def set_aliases(self, rows: Iterable[tuple[str, str, str | None]]) -> int:
        """Replace the alias table with ``(alias, canonical, external_id)`` rows."""
        rows = list(rows)

        def work(conn: sqlite3.Connection) -> int:
            conn.execute("DELETE FROM aliases")
            conn.executemany("INSERT OR REPLACE INTO aliases VALUES (?, ?, ?)", rows)
            self._set_dirty(conn)
            return len(rows)

        return self._transaction(work)

    def is_dirty(self) -> bool:
        """True when derived tables are out of step with the stored articles."""
        return merge_state(self.conn)["pending"]

    def rebuild(self, *, force: bool = False) -> merge.RebuildStats | None:
        """Bring merged persons and statements up to date, in one transaction.

        Only the articles changed since the last merge (and the speakers they
        touch) are merged again, unless the alias table changed, the pending
        list is missing (a database from an older quotegraph) or ``force``
        asks for a full rebuild from all stored quotes. Readers keep seeing
        the previous, consistent tables until the transaction commits.
        """
        if not force and not self.is_dirty():
            return None

        def work(conn: sqlite3.Connection) -> merge.RebuildStats:
            state = merge_state(conn)
            pending = [r[0][len(_PENDING):] for r in conn.execute(
                "SELECT key FROM meta WHERE key >= ? AND key < ?", (_PENDING, _PENDING_END))]
            if force or state["full"] or not pending:
                stats = _merge(conn, merge.rebuild, self.path)
            else:
                try:
                    stats = merge.update(conn, pending)
                except (ValueError, TypeError, KeyError, AttributeError):
                    # whatever an incremental merge trips over, a full one recomputes
                    # every derived table from scratch in the same transaction
                    stats = _merge(conn, merge.rebuild, self.path)
            conn.execute("DELETE FROM meta WHERE (key >= ? AND key < ?) OR key = 'rebuild'", (_PENDING, _PENDING_END))
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('dirty', '0')")
            return stats

        return self._transaction(work)

    def repair(self) -> dict[str, Any]:
        """Make a database that was left dirty or broken usable again, and say what was done.

        Every stored article is checked against the output contract as it
        would be on ingest; articles that fail (stored by an older quotegraph
        that did not check) are removed, listed with the reason. Then the
        full-text indexes are rebuilt and all merged tables recomputed.
        """
        removed: list[dict[str, str]] = []
        ids = [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY id")]
        for article_id in ids:
            try:
                check_document(_stored_document(self.conn, article_id), f"stored article '{article_id}'")
            except (InputError, ValueError, TypeError) as exc:
                removed.append({"id": article_id, "reason": getattr(exc, "message", str(exc))})
        was_pending = merge_state(self.conn)

        def work(conn: sqlite3.Connection) -> merge.RebuildStats:
            for item in removed:
                for table in ("quotes", "entities"):
                    conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (item["id"],))
                conn.execute("DELETE FROM articles WHERE id = ?", (item["id"],))
            for table in ("quotes_fts", "articles_fts"):
                conn.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
            stats = merge.rebuild(conn)
            # the statements' index follows the rebuilt rows (schema version 2)
            conn.execute("INSERT INTO statements_fts(statements_fts) VALUES ('rebuild')")
            conn.execute("DELETE FROM meta WHERE (key >= ? AND key < ?) OR key = 'rebuild'", (_PENDING, _PENDING_END))
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('dirty', '0')")
            return stats

        stats = self._transaction(work)
        return {"checked": len(ids), "removed": removed, "was_pending": was_pending["pending"],
                "persons": stats.persons, "statements": stats.statements, "quotes": stats.quotes}

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables (for summaries)."""
        out = {}
        for table in ("articles", "quotes", "statements", "persons"):
            out[table] = int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        return out
