"""Read-side use cases over a quotegraph database.

The command line, the JSON API and the web pages all query through
``Service``; none of them contains SQL. Every parameter a user can type is
validated here, once (E600 bad search query, E601 bad parameter, E602 not
found), and every result is plain JSON-ready data.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from .errors import QueryError, StoreError
from .store.query import StatementQuery, build_statement_search, escape_like, fts_terms
from .store.reader import connect_reader
from .store.writer import merge_state

__all__ = ["Service", "MAX_QUERY_CHARS", "MAX_TERMS", "MAX_RAW_TERMS", "MAX_OFFSET", "MAX_SPEAKER_STATEMENTS", "QUERY_TIME_LIMIT"]

MAX_QUERY_CHARS = 500
MAX_TERMS = 24  # distinct words or phrases in one search (repeats count once)
MAX_RAW_TERMS = 64  # words in one FTS-syntax search (operators not counted)
_RAW_WORD = re.compile(r"[^\W_]+", re.UNICODE)
QUERY_TIME_LIMIT = 2.0  # seconds of database work one request may use
_PROGRESS_OPS = 5_000  # SQLite virtual-machine steps between two checks of the deadline
MAX_OFFSET = 100_000
MAX_SPEAKER_STATEMENTS = 1000  # a speaker page shows at most this many statements
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_FTS_ERRORS = ("fts5", "syntax error", "no such column", "unterminated", "unknown special query", "malformed MATCH")


def _loads(value: str | None) -> Any:
    return json.loads(value) if value else None


class Service:
    """Queries over one database file, each on its own read-only connection."""

    def __init__(self, db: str | Path, *, page_size: int = 50, max_page_size: int = 200,
                 time_limit: float = QUERY_TIME_LIMIT) -> None:
        self.db = Path(db)
        self.page_size = page_size
        self.max_page_size = max_page_size
        self.time_limit = float(time_limit)
        self._local = threading.local()
        connect_reader(self.db).close()  # fail now (E302/E303) rather than on the first request

    @contextmanager
    def cancellable(self, cancel: threading.Event) -> Iterator[None]:
        """Calls made by this thread inside the block stop (E607) as soon as ``cancel`` is set."""
        self._local.cancel = cancel
        try:
            yield
        finally:
            self._local.cancel = None

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        conn = connect_reader(self.db)
        deadline = time.monotonic() + self.time_limit
        cancel: threading.Event | None = getattr(self._local, "cancel", None)
        # SQLite calls this every _PROGRESS_OPS steps; a true result interrupts the statement
        conn.set_progress_handler(
            lambda: time.monotonic() > deadline or (cancel is not None and cancel.is_set()), _PROGRESS_OPS)
        try:
            # one read transaction: every query of a call sees the same snapshot
            conn.execute("BEGIN")
            yield conn
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                if cancel is not None and cancel.is_set():
                    raise QueryError("E607", detail="the client went away") from exc
                raise QueryError("E606", limit=f"{self.time_limit:g}") from exc
            raise StoreError("E300", path=str(self.db), detail=str(exc)) from exc
        finally:
            conn.close()

    @staticmethod
    def is_heavy(q: str | None = "", *, raw: bool = False, scope: str = "quotes", **_: Any) -> bool:
        """Whether a search may be costly (article text, FTS syntax, many words): such searches share a smaller limit."""
        return bool(raw) or scope == "articles" or len(fts_terms(str(q or "")[:MAX_QUERY_CHARS])) > 4

    # -- parameter checks -------------------------------------------------
    def page(self, limit: Any = None, offset: Any = None) -> tuple[int, int]:
        """Validated ``(limit, offset)``: limit in 1..max_page_size, offset in 0..MAX_OFFSET."""
        limit_v = self._int("limit", limit, self.page_size, 1, self.max_page_size)
        offset_v = self._int("offset", offset, 0, 0, MAX_OFFSET)
        return limit_v, offset_v

    @staticmethod
    def _int(name: str, value: Any, default: int, low: int, high: int) -> int:
        if value is None or value == "":
            return default
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise QueryError("E601", name=name, detail=f"'{str(value)[:40]}' is not a whole number") from None
        if not low <= number <= high:
            raise QueryError("E601", name=name, detail=f"must be between {low} and {high}")
        return number

    @staticmethod
    def _date(name: str, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not _DATE.match(str(value)):
            raise QueryError("E601", name=name, detail=f"'{str(value)[:40]}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        return str(value)

    @staticmethod
    def _text(name: str, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        value = str(value).strip()
        if len(value) > MAX_QUERY_CHARS:
            raise QueryError("E601", name=name, detail=f"longer than {MAX_QUERY_CHARS} characters")
        return value or None

    # -- statements ---------------------------------------------------------
    def search_statements(self, q: str | None = "", *, raw: bool = False, scope: str = "quotes",
                          speaker: str | None = None, about: str | None = None, channel: str | None = None,
                          since: str | None = None, until: str | None = None,
                          limit: Any = None, offset: Any = None) -> dict[str, Any]:
        """Statements matching a full-text query and filters, one page, best match first."""
        if scope not in ("quotes", "articles"):
            raise QueryError("E601", name="scope", detail="must be 'quotes' or 'articles'")
        limit_v, offset_v = self.page(limit, offset)
        query = StatementQuery(
            q=self._text("q", q) or "", raw=bool(raw), scope=scope, speaker=self._text("speaker", speaker),
            about=self._text("about", about), channel=self._text("channel", channel),
            since=self._date("since", since), until=self._date("until", until), limit=limit_v, offset=offset_v)
        if query.raw and not query.q:
            raise QueryError("E600", detail="a raw query cannot be empty")
        if query.raw:
            words = [w for w in _RAW_WORD.findall(query.q) if w not in ("AND", "OR", "NOT", "NEAR")]
            if len(words) > MAX_RAW_TERMS:
                raise QueryError("E601", name="q", detail=f"{len(words)} words in the query; limit {MAX_RAW_TERMS}")
        elif len(terms := fts_terms(query.q)) > MAX_TERMS:
            raise QueryError("E601", name="q", detail=f"{len(terms)} different words or phrases; limit {MAX_TERMS}")
        rows_sql, rows_params, count_sql, count_params = build_statement_search(query)
        with self._read() as conn:
            try:
                total = conn.execute(count_sql, count_params).fetchone()[0]
                rows = conn.execute(rows_sql, rows_params).fetchall()
            except sqlite3.OperationalError as exc:
                if "interrupted" not in str(exc) and any(marker in str(exc) for marker in _FTS_ERRORS):
                    raise QueryError("E600", detail=f"{exc} (in {query.q[:80]!r})") from exc
                raise
        return {"total": total, "limit": limit_v, "offset": offset_v, "items": [self._statement(r) for r in rows]}

    @staticmethod
    def _statement(row: sqlite3.Row) -> dict[str, Any]:
        speaker = None
        if row["slug"]:
            speaker = {"slug": row["slug"], "name": row["speaker"], "kind": row["speaker_kind"]}
        said_on = row["said_on"]
        return {
            "id": row["id"], "text": row["text"], "type": row["type"], "speaker": speaker,
            "first_seen": row["first_seen"], "said_on": said_on,
            "date": said_on if said_on and len(said_on) == 10 else row["first_seen"],
            "source_count": row["source_count"], "quote_count": row["quote_count"],
            "article_id": row["article_id"],
        }

    def get_statement(self, statement_id: str) -> dict[str, Any]:
        """One statement with every article that carries it (E602 when unknown)."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT s.*, p.name AS speaker, p.kind AS speaker_kind FROM statements s"
                " LEFT JOIN persons p ON p.slug = s.slug WHERE s.id = ?", (statement_id,)).fetchone()
            if row is None:
                raise QueryError("E602", what="statement", key=statement_id[:80])
            sources = conn.execute(
                "SELECT a.id, a.date, a.title, a.url, a.source, q.ordinal, q.text, q.type, q.channel,"
                " q.said_on, q.speaker_name, q.cue, l.rule FROM quote_links l"
                " JOIN quotes q ON q.article_id = l.article_id AND q.ordinal = l.ordinal"
                " JOIN articles a ON a.id = q.article_id WHERE l.statement_id = ?"
                " ORDER BY a.date IS NULL, a.date, a.id, q.ordinal", (statement_id,)).fetchall()
            about = conn.execute("SELECT name, slug FROM statement_about WHERE statement_id = ? ORDER BY name",
                                 (statement_id,)).fetchall()
        out = self._statement(row)
        out["about"] = [{"name": a["name"], "slug": a["slug"]} for a in about]
        out["sources"] = [{
            "article_id": s["id"], "date": s["date"], "title": s["title"], "url": s["url"], "source": s["source"],
            "ordinal": s["ordinal"], "text": s["text"], "type": s["type"], "channel": s["channel"],
            "said_on": s["said_on"], "speaker_name": s["speaker_name"], "cue": _loads(s["cue"]), "rule": s["rule"],
        } for s in sources]
        return out

    # -- speakers -----------------------------------------------------------
    def list_speakers(self, q: str | None = None, *, limit: Any = None, offset: Any = None) -> dict[str, Any]:
        """Merged speakers, most statements first; ``q`` filters by name."""
        limit_v, offset_v = self.page(limit, offset)
        q = self._text("q", q)
        where, params = "", []
        if q:
            where = " WHERE name LIKE ? ESCAPE '\\' OR slug IN (SELECT slug FROM person_names WHERE name LIKE ? ESCAPE '\\')"
            params = ["%" + escape_like(q) + "%"] * 2
        with self._read() as conn:
            total = conn.execute(f"SELECT count(*) FROM persons{where}", params).fetchone()[0]
            rows = conn.execute(f"SELECT * FROM persons{where} ORDER BY statement_count DESC, name, slug"
                                " LIMIT ? OFFSET ?", params + [limit_v, offset_v]).fetchall()
        return {"total": total, "limit": limit_v, "offset": offset_v, "items": [dict(r) for r in rows]}

    def get_speaker(self, slug: str) -> dict[str, Any]:
        """One speaker: names and merge evidence, whom they talk about, their statements by date."""
        with self._read() as conn:
            person = conn.execute("SELECT * FROM persons WHERE slug = ?", (slug,)).fetchone()
            if person is None:
                raise QueryError("E602", what="speaker", key=slug[:80])
            merges = conn.execute("SELECT name, rule, detail, article_ids FROM merges WHERE slug = ?"
                                  " ORDER BY rule = 'exact' DESC, name, rule", (slug,)).fetchall()
            about = conn.execute(
                "SELECT a.name, a.slug, count(*) AS n FROM statement_about a JOIN statements s ON s.id = a.statement_id"
                " WHERE s.slug = ? GROUP BY a.name, a.slug ORDER BY n DESC, a.name", (slug,)).fetchall()
            rows = conn.execute(
                "SELECT s.*, p.name AS speaker, p.kind AS speaker_kind FROM statements s JOIN persons p"
                " ON p.slug = s.slug WHERE s.slug = ? ORDER BY coalesce(CASE WHEN length(s.said_on) = 10"
                " THEN s.said_on END, s.first_seen) IS NULL, coalesce(CASE WHEN length(s.said_on) = 10"
                " THEN s.said_on END, s.first_seen), s.id LIMIT ?",
                (slug, MAX_SPEAKER_STATEMENTS)).fetchall()
        out = dict(person)
        out["names"] = [{"name": m["name"], "rule": m["rule"], "detail": m["detail"],
                         "article_ids": _loads(m["article_ids"])} for m in merges]
        out["about"] = [{"name": a["name"], "slug": a["slug"], "count": a["n"]} for a in about]
        out["statements"] = [self._statement(r) for r in rows]
        out["truncated"] = person["statement_count"] > len(rows)
        return out

    # -- articles -----------------------------------------------------------
    def get_article(self, article_id: str) -> dict[str, Any]:
        """One article: its text and every quote with spans, speaker entity and statement."""
        with self._read() as conn:
            article = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
            if article is None:
                raise QueryError("E602", what="article", key=article_id[:80])
            quotes = conn.execute(
                "SELECT q.*, l.slug, l.statement_id, p.name AS person, s.source_count FROM quotes q"
                " LEFT JOIN quote_links l ON l.article_id = q.article_id AND l.ordinal = q.ordinal"
                " LEFT JOIN persons p ON p.slug = l.slug LEFT JOIN statements s ON s.id = l.statement_id"
                " WHERE q.article_id = ? ORDER BY q.ordinal", (article_id,)).fetchall()
        out = {k: article[k] for k in ("id", "date", "title", "url", "source", "origin", "text")}
        out["warnings"] = _loads(article["warnings"]) or []
        out["quotes"] = [self._quote(q) for q in quotes]
        return out

    @staticmethod
    def _quote(q: sqlite3.Row) -> dict[str, Any]:
        speaker = None
        if q["speaker_name"]:
            speaker = {"name": q["speaker_name"], "kind": q["speaker_kind"], "mention": _loads(q["speaker_mention"]),
                       "slug": q["slug"], "entity": q["person"]}
        return {
            "ordinal": q["ordinal"], "type": q["type"], "text": q["text"], "spans": _loads(q["spans"]),
            "speaker": speaker, "cue": _loads(q["cue"]), "channel": q["channel"], "said_on": q["said_on"],
            "signatories": _loads(q["signatories"]) or [], "about": _loads(q["about"]) or [],
            "confidence": q["confidence"], "statement_id": q["statement_id"], "source_count": q["source_count"],
        }

    def overview(self) -> dict[str, Any]:
        """Counts and the channels in use (for the search form)."""
        with self._read() as conn:
            counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                      for t in ("articles", "quotes", "statements", "persons")}
            channels = [r[0] for r in conn.execute(
                "SELECT DISTINCT channel FROM quotes WHERE channel IS NOT NULL ORDER BY channel LIMIT 100")]
            merge = merge_state(conn)
        return {"counts": counts, "channels": channels, "merge": merge}
