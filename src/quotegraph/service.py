"""Read-side use cases over a quotegraph database.

The command line, the JSON API and the web pages all query through
``Service``; none of them, and not the service either, contains SQL: the
read queries are named in ``store.queries`` (search in ``store.query``). Every parameter a user can type is
validated here, once (E600 bad search query, E601 bad parameter, E602 not
found), and every result is a typed record of ``quotegraph.model.views``
(built on the extraction records). Callers turn a result into JSON-ready data
once, at their own boundary, with its ``to_dict``: that form is what the
API's OpenAPI document describes, what the web templates render and what the
exports flatten, so all three show the same data.

Query-string parameters are read, and every parameter checked, by the
fields of the parameter records (``SearchParams``, ``SpeakerListParams``,
``PageParams``): a field's type, bounds (``Describe``), choices
(``Literal``, ``Repeatable``) and case rule (``Folded``) are its check, and
the same declarations give the OpenAPI document its parameters.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import re
import sqlite3
import threading
import time
import types
import typing
from dataclasses import replace
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Mapping

from .errors import QueryError, StoreError
from .model import QUOTE_TYPES, Mention
from .model import views as _views
from .model.dates import PARTIAL_DATE_PATTERN, is_partial_date
from .model.record import Describe
from .model.views import (ArticleView, Collection, CoSpeaker, Context, Folded, MergedName, MergeState, MonthCount,
                          NamedCount, NameRef, Overview, PageParams, Repeatable, SearchParams, SourceView, SpeakerCount,
                          SpeakerDetail, SpeakerListParams, SpeakerPage, SpeakerRef, SpeakerRow, StatementDetail,
                          StatementPage, StatementView, SubjectCount)
from .store import queries
from .store.names import speaker_name_problem
from .store.query import (DEFAULT_KINDS, KINDS, StatementQuery, build_statement_search, fts_terms, query_words,
                          signatory_named, speakers_named)
from .store.reader import connect_reader
from .store.rows import QUOTE_COLUMNS, from_row
from .store.writer import merge_state

__all__ = ["Service", "MAX_QUERY_CHARS", "MAX_TERMS", "MAX_RAW_TERMS", "MAX_OFFSET", "MAX_SPEAKER_STATEMENTS",
           "QUERY_TIME_LIMIT", "EXPORT_TIME_LIMIT", "TYPES", "flag", "search_arguments",
           "speaker_arguments"]

MAX_QUERY_CHARS = _views.MAX_QUERY_CHARS
MAX_TERMS = 24  # distinct words or phrases in one search (repeats count once)
MAX_RAW_TERMS = 64  # words in one FTS-syntax search (operators not counted)
_RAW_WORD = re.compile(r"[^\W_]+", re.UNICODE)
QUERY_TIME_LIMIT = 2.0  # seconds of database work one request may use
EXPORT_TIME_LIMIT = 120.0  # seconds one streamed download (CSV, JSONL) may read for
_PROGRESS_OPS = 5_000  # SQLite virtual-machine steps between two checks of the deadline
MAX_OFFSET = _views.MAX_OFFSET
MAX_SPEAKER_STATEMENTS = 1000  # a speaker page shows at most this many statements
TYPES = QUOTE_TYPES
# what a search parameter left empty means (None for the rest): every type, the usual kinds
_SEARCH_DEFAULTS = {"type": (), "kind": DEFAULT_KINDS}
_FTS_ERRORS = ("fts5", "syntax error", "no such column", "unterminated", "unknown special query", "malformed MATCH")


def _paragraph(text: str, start: int, end: int) -> dict[str, Any]:
    """The paragraph(s) around ``[start, end)`` of ``text`` and where the quote sits in it."""
    begin = text.rfind("\n\n", 0, start)
    begin = 0 if begin < 0 else begin + 2
    stop = text.find("\n\n", end)
    stop = len(text) if stop < 0 else stop
    return {"before": text[begin:start], "quote": text[start:end], "after": text[end:stop]}


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


def flag(name: str, value: str | None) -> bool:
    """A boolean query parameter (E601 when it is neither true nor false)."""
    if value is None:
        return False
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise QueryError("E601", name=name, detail="must be true or false")


@functools.cache
def _hints(spec: type) -> dict[str, Any]:
    return typing.get_type_hints(spec, include_extras=True)


@dataclasses.dataclass(frozen=True)
class _Rule:
    """What a parameter record declares of one field, as its check reads it."""

    kind: str  # text, int, float, date, choice, many or bool
    optional: bool  # ``X | None``: an empty value means "not given"
    choices: tuple[str, ...] = ()
    fold: bool = False  # compare choices with space and case ignored
    every: str | None = None  # the word asking for every choice
    low: Any = None
    high: Any = None
    max_length: int | None = None


def _unwrap(hint: Any) -> tuple[Any, bool, list[Any]]:
    """``(type, optional, markers)`` of a field: ``Annotated[...]`` and ``| None`` taken off."""
    optional, markers = False, []
    while True:
        if typing.get_origin(hint) is typing.Annotated:
            markers.extend(hint.__metadata__)
            hint = hint.__origin__
        elif typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in typing.get_args(hint):
            optional = True
            rest = [a for a in typing.get_args(hint) if a is not type(None)]
            hint = rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]
        else:
            return hint, optional, markers


@functools.cache
def _rule(spec: type, name: str) -> _Rule:
    """The check of field ``name`` of the parameter record ``spec``, read from its annotation."""
    hint, optional, markers = _unwrap(_hints(spec)[name])
    keywords = {k: v for m in markers if isinstance(m, Describe) for k, v in m.keywords.items()}
    bounds = dict(low=keywords.get("minimum"), high=keywords.get("maximum"), max_length=keywords.get("maxLength"))
    many = next((m for m in markers if isinstance(m, Repeatable)), None)
    if many is not None:
        return _Rule("many", optional, many.choices, True, many.every)
    if typing.get_origin(hint) is typing.Literal:
        return _Rule("choice", optional, typing.get_args(hint), any(isinstance(m, Folded) for m in markers))
    if keywords.get("pattern") == PARTIAL_DATE_PATTERN:
        return _Rule("date", optional)
    kind = {bool: "bool", int: "int", float: "float", str: "text"}[hint]
    return _Rule(kind, optional, **bounds)


@functools.cache
def _field_names(spec: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(spec))


def _check(spec: type, name: str, value: Any, *, default: Any = None, high: Any = None) -> Any:
    """``value`` of field ``name`` of ``spec``, checked as the record declares it (E601 when it does not fit).

    ``default`` stands in for a missing value; ``high`` for a bound the
    record leaves to the server (the largest page).
    """
    rule = _rule(spec, name)
    if rule.kind == "bool":
        return bool(value)
    if rule.kind == "choice":
        return _one_of(name, value, rule, default)
    if value in (None, "", [], ()):
        return default
    if rule.kind == "many":
        return _many_of(name, value, rule)
    if rule.kind == "text":
        return _text(name, value, rule.max_length)
    if rule.kind == "date":
        if not is_partial_date(str(value)):
            detail = f"'{str(value)[:40]}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
            raise QueryError("E601", name=name, detail=detail)
        return str(value)
    return _number(name, value, rule, rule.high if high is None else high)


def _text(name: str, value: Any, max_length: int | None) -> str | None:
    value = str(value).strip()
    if max_length is not None and len(value) > max_length:
        raise QueryError("E601", name=name, detail=f"longer than {max_length} characters")
    return value or None


def _number(name: str, value: Any, rule: _Rule, high: Any) -> int | float:
    whole = rule.kind == "int"
    try:
        number = int(value) if whole else float(value)
    except (TypeError, ValueError):
        what = "a whole number" if whole else "a number"
        raise QueryError("E601", name=name, detail=f"'{str(value)[:40]}' is not {what}") from None
    low = -math.inf if rule.low is None else rule.low
    if not low <= number <= (math.inf if high is None else high):
        raise QueryError("E601", name=name, detail=f"must be between {rule.low} and {high}")
    return number


def _one_of(name: str, value: Any, rule: _Rule, default: Any) -> str:
    """One of a ``Literal``'s values; an optional field left empty is ``default``."""
    if rule.optional and not value:
        return default
    if rule.fold:
        value = str(value).strip().lower()
    if value not in rule.choices:
        a, *rest = rule.choices
        detail = (f"must be '{a}' or '{rest[0]}'" if len(rest) == 1 else f"must be one of {', '.join(rule.choices)}")
        raise QueryError("E601", name=name, detail=detail)
    return value


def _many_of(name: str, value: Any, rule: _Rule) -> tuple[str, ...] | None:
    """A comma-separated list (or a list) of the field's choices; None for its ``every`` word."""
    if rule.every is not None and isinstance(value, str) and value.strip().lower() == rule.every:
        return None
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    out = tuple(dict.fromkeys(str(v).strip().lower() for v in items if str(v).strip()))
    bad = [v for v in out if v not in rule.choices]
    if bad:
        raise QueryError("E601", name=name, detail=f"'{bad[0][:40]}' is not one of {', '.join(rule.choices)}")
    return out


def _arguments(spec: type, params: Mapping[str, str]) -> dict[str, Any]:
    """Keywords for the service from a query string: one per field of the parameter record ``spec``.

    Values stay text (the service checks each once, with coded errors); a
    boolean field is read as a flag, a repeatable one joined with commas.
    """
    out: dict[str, Any] = {}
    for f in dataclasses.fields(spec):
        kind = _rule(spec, f.name).kind
        if kind == "bool":
            out[f.name] = flag(f.name, params.get(f.name))
        elif kind == "many":
            out[f.name] = _many(params, f.name)
        else:
            out[f.name] = params.get(f.name, f.default)
    return out


def search_arguments(params: Mapping[str, str]) -> dict[str, Any]:
    """``search_statements`` keywords from a query string (the API's and the search page's): ``SearchParams``."""
    return _arguments(SearchParams, params)


def speaker_arguments(params: Mapping[str, str]) -> dict[str, Any]:
    """``list_speakers`` keywords from a query string: ``SpeakerListParams``."""
    return _arguments(SpeakerListParams, params)


def _many(params: Mapping[str, str], name: str) -> str | None:
    """A parameter that may repeat (``kind=speech&kind=writing``) as one comma-separated value."""
    getlist = getattr(params, "getlist", None)
    values = getlist(name) if getlist else [params.get(name)]
    return ",".join(v for v in values if v) or None

def _match_words(query: StatementQuery) -> bool:
    return bool(fts_terms(query.q))


def _loads(value: str | None) -> Any:
    if value == "[]":
        return []
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
    def _read(self, time_limit: float | None = None) -> Iterator[sqlite3.Connection]:
        conn = connect_reader(self.db)
        time_limit = self.time_limit if time_limit is None else time_limit
        deadline = time.monotonic() + time_limit
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
                raise QueryError("E606", limit=f"{time_limit:g}") from exc
            raise StoreError("E300", path=str(self.db), detail=str(exc)) from exc
        finally:
            conn.close()

    @staticmethod
    def is_heavy(q: str | None = "", *, raw: bool = False, scope: str = "quotes", **_: Any) -> bool:
        """Whether a search may be costly (article text, FTS syntax, many words): such searches share a smaller limit."""
        return bool(raw) or scope == "articles" or len(fts_terms(str(q or "")[:MAX_QUERY_CHARS])) > 4

    # -- parameter checks -------------------------------------------------
    def page(self, limit: Any = None, offset: Any = None) -> tuple[int, int]:
        """Validated ``(limit, offset)``: limit in 1..max_page_size, offset in 0..MAX_OFFSET (``PageParams``)."""
        limit_v = _check(PageParams, "limit", limit, default=self.page_size, high=self.max_page_size)
        return limit_v, _check(PageParams, "offset", offset, default=0)

    # -- statements ---------------------------------------------------------
    def statement_query(self, q: str | None = "", *, raw: bool = False, scope: str = "quotes",
                        speaker: str | None = None, speaker_name: str | None = None, about: str | None = None,
                        channel: str | None = None, since: str | None = None, until: str | None = None,
                        type: Any = None, kind: Any = None, min_confidence: Any = None, source: str | None = None,
                        signatory: str | None = None, sort: str | None = None,
                        limit: Any = None, offset: Any = None, everything: bool = False) -> StatementQuery:
        """Validate search parameters once, each as ``SearchParams`` declares it (E600/E601).

        ``everything`` drops the page (exports).
        """
        scope_v = _check(SearchParams, "scope", scope)
        sort_v = _check(SearchParams, "sort", sort, default="relevance")
        limit_v, offset_v = (None, 0) if everything else self.page(limit, offset)
        given = dict(q=q, raw=raw, speaker=speaker, speaker_name=speaker_name, about=about, channel=channel,
                     since=since, until=until, type=type, kind=kind, min_confidence=min_confidence, source=source,
                     signatory=signatory)
        # in the record's field order, so the first bad parameter is the one reported
        v = {name: _check(SearchParams, name, given[name], default=_SEARCH_DEFAULTS.get(name))
             for name in _field_names(SearchParams) if name in given}
        query = StatementQuery(
            q=v["q"] or "", raw=v["raw"], scope=scope_v, speaker=v["speaker"], speaker_name=v["speaker_name"],
            about=v["about"], channel=v["channel"], since=v["since"], until=v["until"], types=v["type"],
            kinds=v["kind"], min_confidence=v["min_confidence"], source=v["source"], signatory=v["signatory"],
            sort=sort_v, limit=limit_v, offset=offset_v)
        if query.raw and not query.q:
            raise QueryError("E600", detail="a raw query cannot be empty")
        if query.raw:
            words = [w for w in _RAW_WORD.findall(query.q) if w not in ("AND", "OR", "NOT", "NEAR")]
            if len(words) > MAX_RAW_TERMS:
                raise QueryError("E601", name="q", detail=f"{len(words)} words in the query; limit {MAX_RAW_TERMS}")
        elif len(terms := fts_terms(query.q)) > MAX_TERMS:
            raise QueryError("E601", name="q", detail=f"{len(terms)} different words or phrases; limit {MAX_TERMS}")
        return query

    def search_statements(self, q: str | None = "", **params: Any) -> StatementPage:
        """Statements matching a full-text query and filters, one page, best match first."""
        query = self.statement_query(q, **params)
        with self._read() as conn:
            query = self._named(conn, query)
            rows_sql, rows_params, count_sql, count_params = build_statement_search(query)
            try:
                total = conn.execute(count_sql, count_params).fetchone()[0]
                rows = conn.execute(rows_sql, rows_params).fetchall()
            except sqlite3.OperationalError as exc:
                self._fts_error(exc, query)
                raise
        return StatementPage(total, query.limit, query.offset, [self._statement(r) for r in rows])

    @staticmethod
    def _named(conn: sqlite3.Connection, query: StatementQuery) -> StatementQuery:
        """``query`` with the speakers and co-signers its words name (they rank first)."""
        words = query_words(query)
        if not words or not _match_words(query):
            return query
        named = tuple((r[0], r[1]) for r in conn.execute(*speakers_named(words)))
        signed = bool(conn.execute(*signatory_named(words)).fetchone()[0])
        return replace(query, named=named, signed=signed)

    @staticmethod
    def _fts_error(exc: sqlite3.OperationalError, query: StatementQuery) -> None:
        if "interrupted" not in str(exc) and any(marker in str(exc) for marker in _FTS_ERRORS):
            raise QueryError("E600", detail=f"{exc} (in {query.q[:80]!r})") from exc

    def iter_statements(self, q: str | None = "", **params: Any) -> Iterator[StatementView]:
        """Every statement matching the search, in order, without a page cap (for exports).

        Parameters (and a raw query's syntax) are checked before this
        returns, so a bad one fails the request rather than a half-written
        download; the rows are read lazily, on a connection of the thread
        that consumes them.
        """
        params.pop("limit", None)
        params.pop("offset", None)
        query = self.statement_query(q, everything=True, **params)
        with self._read() as conn:
            query = self._named(conn, query)
            rows_sql, rows_params, count_sql, count_params = build_statement_search(query)
            try:
                conn.execute(count_sql, count_params).fetchone()
            except sqlite3.OperationalError as exc:
                self._fts_error(exc, query)
                raise
        return self._drain(rows_sql, rows_params)

    def _drain(self, sql: str, params: list) -> Iterator[StatementView]:
        # a download streams for as long as the rows take to send, within its own, longer limit
        with self._read(EXPORT_TIME_LIMIT) as conn:
            cursor = conn.execute(sql, params)
            while batch := cursor.fetchmany(500):
                for row in batch:
                    yield self._statement(row)

    @staticmethod
    def _statement(row: sqlite3.Row, view: type[StatementView] = StatementView, **extra: Any) -> StatementView:
        speaker = SpeakerRef(row["slug"], row["speaker"], row["speaker_kind"]) if row["slug"] else None
        said_on = row["said_on"]
        keys = row.keys()

        def opt(name: str) -> Any:
            return row[name] if name in keys else None
        cue = _loads(opt("cue"))
        return view(
            id=row["id"], text=row["text"], type=row["type"], speaker=speaker,
            first_seen=row["first_seen"], said_on=said_on,
            date=said_on if said_on and len(said_on) == 10 else row["first_seen"],
            source_count=row["source_count"], quote_count=row["quote_count"],
            article_id=row["article_id"], article_title=opt("article_title"), outlet=opt("outlet"),
            kind=opt("kind"), cue=Mention.from_dict(cue), channel=opt("channel"),
            confidence=opt("confidence"), signatories=_loads(opt("signatories")) or [], **extra)

    def get_statement(self, statement_id: str) -> StatementDetail:
        """One statement with every article that carries it (E602 when unknown)."""
        with self._read() as conn:
            row = conn.execute(queries.STATEMENT, (statement_id,)).fetchone()
            if row is None:
                raise QueryError("E602", what="statement", key=statement_id[:80])
            sources = conn.execute(queries.STATEMENT_SOURCES, (statement_id,)).fetchall()
            about = conn.execute(queries.STATEMENT_ABOUT, (statement_id,)).fetchall()
        return self._statement(row, StatementDetail, about=[NameRef(a["name"], a["slug"]) for a in about], sources=[
            SourceView(article_id=s["id"], date=s["date"], title=s["title"], url=s["url"], source=s["source"],
                       ordinal=s["ordinal"], text=s["text"], type=s["type"], channel=s["channel"],
                       said_on=s["said_on"], speaker_name=s["speaker_name"], cue=Mention.from_dict(_loads(s["cue"])),
                       rule=s["rule"], signatories=_loads(s["signatories"]) or [], context=self._context(s))
            for s in sources])

    # -- speakers -----------------------------------------------------------
    def list_speakers(self, q: str | None = None, *, kind: Any = None, sort: str | None = None,
                      limit: Any = None, offset: Any = None, everything: bool = False) -> SpeakerPage:
        """Merged speakers (most statements first, or by ``sort``); ``q`` filters by name, ``kind`` by kind."""
        limit_v, offset_v = (None, 0) if everything else self.page(limit, offset)
        q = _check(SpeakerListParams, "q", q)
        kinds = _check(SpeakerListParams, "kind", kind, default=())
        sort_v = _check(SpeakerListParams, "sort", sort, default="statements")
        count_sql, count_params, rows_sql, rows_params = queries.speakers_page(q, kinds, sort_v, limit_v, offset_v)
        with self._read() as conn:
            total = conn.execute(count_sql, count_params).fetchone()[0]
            rows = conn.execute(rows_sql, rows_params).fetchall()
        return SpeakerPage(total, limit_v, offset_v, [SpeakerRow(**dict(r)) for r in rows])

    def get_speaker(self, slug: str, *, limit: Any = None, offset: Any = None) -> SpeakerDetail:
        """One speaker: names and merge evidence, subjects, co-speakers, statements by month, one page of statements."""
        limit_v, offset_v = self.page(limit, offset)
        with self._read() as conn:
            person = conn.execute(queries.PERSON, (slug,)).fetchone()
            if person is None:
                raise QueryError("E602", what="speaker", key=slug[:80])
            merges = conn.execute(queries.PERSON_MERGES, (slug,)).fetchall()
            about = conn.execute(queries.PERSON_ABOUT, (slug,)).fetchall()
            co = conn.execute(queries.PERSON_CO_SPEAKERS, (slug, slug)).fetchall()
            months = conn.execute(queries.PERSON_MONTHS, (slug,)).fetchall()
            rows = conn.execute(queries.PERSON_STATEMENTS, (slug, limit_v, offset_v)).fetchall()
        return SpeakerDetail(
            **dict(person),
            names=[MergedName(m["name"], m["rule"], m["detail"], _loads(m["article_ids"])) for m in merges],
            about=[SubjectCount(a["name"], a["slug"], a["n"]) for a in about],
            co_speakers=[CoSpeaker(c["slug"], c["name"], c["n"]) for c in co],
            by_month=[MonthCount(m[0], m[1]) for m in months],
            statements=[self._statement(r) for r in rows],
            total=person["statement_count"], limit=limit_v, offset=offset_v,
            truncated=person["statement_count"] > offset_v + len(rows))

    # -- articles -----------------------------------------------------------
    def get_article(self, article_id: str) -> ArticleView:
        """One article: its text and every quote with spans, speaker entity and statement."""
        with self._read() as conn:
            article = conn.execute(queries.ARTICLE, (article_id,)).fetchone()
            if article is None:
                raise QueryError("E602", what="article", key=article_id[:80])
            quotes = conn.execute(queries.ARTICLE_QUOTES, (article_id,)).fetchall()
        out = {k: article[k] for k in ("id", "date", "title", "url", "source", "origin", "text")}
        out["warnings"] = _loads(article["warnings"]) or []
        out["quotes"] = [self._quote(q) for q in quotes]
        return ArticleView.from_dict(out)

    @staticmethod
    def _context(s: sqlite3.Row) -> Context | None:
        spans = _loads(s["spans"]) or []
        if not spans:
            return None
        return Context(**_paragraph(s["article_text"], spans[0]["start"], spans[0]["end"]))

    @staticmethod
    def _quote(q: sqlite3.Row) -> dict[str, Any]:
        """One stored quote in ``ArticleQuote`` form: every column of the record definition, and its links."""
        out = from_row(QUOTE_COLUMNS, q)
        speaker = out["speaker"]
        if speaker is not None:
            # a pronoun or fragment ("I", "his father") names no entity: no slug, and it says why
            name = speaker["name"]
            speaker.update(slug=q["slug"], entity=q["person"],
                           not_a_name=speaker_name_problem(name) if name and q["slug"] is None else None)
        out.update(ordinal=q["ordinal"], statement_id=q["statement_id"], source_count=q["source_count"],
                   signatories=out["signatories"] or [], about=out["about"] or [])
        return out

    def overview(self) -> Overview:
        """Counts and the channels in use (for the search form); ``openapi`` is left for the API to fill in."""
        with self._read() as conn:
            counts = {t: conn.execute(queries.count_rows(t)).fetchone()[0] for t in queries.COUNTED_TABLES}
            channels = [r[0] for r in conn.execute(queries.CHANNELS)]
            outlets = [r[0] for r in conn.execute(queries.OUTLETS)]
            merge = merge_state(conn)
        return Overview(counts, channels, MergeState(**merge), outlets, list(KINDS), list(TYPES))

    def collection(self, *, top: int = 15) -> Collection:
        """Counts across the collection for charts: most-quoted speakers, statements by month, outlet and channel."""
        with self._read() as conn:
            speakers = conn.execute(queries.TOP_SPEAKERS, (top,)).fetchall()
            months = conn.execute(queries.MONTHS).fetchall()
            outlets = conn.execute(queries.BY_OUTLET, (top,)).fetchall()
            channels = conn.execute(queries.BY_CHANNEL, (top,)).fetchall()
        return Collection(speakers=[SpeakerCount(*r) for r in speakers], by_month=[MonthCount(*r) for r in months],
                          by_outlet=[NamedCount(*r) for r in outlets], by_channel=[NamedCount(*r) for r in channels])
