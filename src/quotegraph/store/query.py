"""Building statement searches: FTS escaping, filters, pagination.

User text is never handed to FTS5 as query syntax: ``escape_fts`` turns it
into a conjunction of quoted terms (a ``"quoted phrase"`` in the input stays a
phrase). Only an explicit ``raw`` search passes FTS5 syntax through, and a
malformed one is reported as E600 by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.views import STATEMENT_KINDS

__all__ = ["fts_terms", "escape_fts", "escape_like", "KINDS", "DEFAULT_KINDS", "SORTS", "StatementQuery",
           "build_statement_search", "query_words", "speakers_named", "signatory_named"]

_TERM = re.compile(r'"([^"]*)"|(\S+)')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def fts_terms(text: str) -> list[str]:
    """The distinct words and "quoted phrases" of ``text``, in order (a repeat, in any case, counts once)."""
    # control characters (NUL above all) end an SQL string inside FTS5's parser
    text = _CONTROL.sub(" ", text or "")
    terms: dict[str, str] = {}
    for phrase, word in _TERM.findall(text):
        term = " ".join((phrase or word).replace('"', "").split())
        # a term with no letters or digits would be an empty FTS phrase
        if term and any(c.isalnum() for c in term):
            terms.setdefault(term.casefold(), term)
    return list(terms.values())


def escape_fts(text: str) -> str:
    """FTS5 query matching every word (and every "quoted phrase") of ``text``, as plain text.

    Repeated words are dropped: they match nothing more and only cost time.
    """
    return " ".join('"' + term + '"' for term in fts_terms(text))


def escape_like(text: str) -> str:
    """``text`` for a LIKE pattern with ``ESCAPE '\\'``."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


KINDS = STATEMENT_KINDS
DEFAULT_KINDS = ("speech", "writing")  # and statements whose kind is not known
SORTS = ("relevance", "said", "first_seen", "sources")
# ranking weights: a match on the speaker's own name counts like a strong text match
SPEAKER_BONUS = {"person": 4.0, "other": 2.0}
SIGNATORY_BONUS = 2.0
FULL_LENGTH_WORDS = 8  # statements shorter than this many words rank lower, in proportion
_KIND_WEIGHT = "CASE WHEN q.kind IS NULL OR q.kind IN ('speech', 'writing') THEN 1.0 WHEN q.kind = 'document' THEN 0.8 ELSE 0.6 END"
_WORDS = "(length(trim(s.text)) - length(replace(trim(s.text), ' ', '')) + 1)"


@dataclass(frozen=True, slots=True)
class StatementQuery:
    """A normalised statement search (validated by the service)."""

    q: str = ""
    raw: bool = False
    scope: str = "quotes"  # "quotes": match quote content; "articles": match article text
    speaker: str | None = None  # exact: slug, canonical name, merged name or alias
    speaker_name: str | None = None  # part of a speaker's name
    about: str | None = None
    channel: str | None = None
    since: str | None = None
    until: str | None = None
    types: tuple[str, ...] = ()
    kinds: tuple[str, ...] | None = DEFAULT_KINDS  # None: every kind
    min_confidence: float | None = None
    source: str | None = None
    signatory: str | None = None
    sort: str = "relevance"
    # speakers whose name holds every query word, as (slug, kind), and whether some co-signer's does:
    # found beforehand (``speakers_named``, ``signatory_named``), so a search reads only their links
    named: tuple[tuple[str, str], ...] = ()
    signed: bool = False
    limit: int | None = 50  # None: every match (exports)
    offset: int = 0


def _match(query: StatementQuery) -> str:
    return query.q.strip() if query.raw else escape_fts(query.q)


def query_words(query: StatementQuery) -> list[str]:
    """Plain query words for matching speaker and co-signer names (none for raw or article searches)."""
    if query.raw or query.scope != "quotes":
        return []
    words = [(phrase or word).strip('"').lower() for phrase, word in _TERM.findall(_CONTROL.sub(" ", query.q))]
    words = [w for w in words if any(c.isalnum() for c in w)]
    return words if 0 < len(words) <= 4 else []


def speakers_named(words: list[str]) -> tuple[str, list]:
    """SQL for the (slug, kind) of every speaker whose canonical name holds each of ``words`` as a word."""
    like = " AND ".join("(' ' || lower(name) || ' ') LIKE ? ESCAPE '\\'" for _ in words)
    return f"SELECT slug, kind FROM persons WHERE {like} ORDER BY slug LIMIT 50", ["% " + escape_like(w) + " %" for w in words]


def signatory_named(words: list[str]) -> tuple[str, list]:
    """SQL answering whether any co-signer's name holds each of ``words``."""
    like = " AND ".join("lower(j.value) LIKE ? ESCAPE '\\'" for _ in words)
    return (f"SELECT EXISTS (SELECT 1 FROM quotes q, json_each(q.signatories) j WHERE q.signatories != '[]' AND {like})",
            ["%" + escape_like(w) + "%" for w in words])


def _filters(query: StatementQuery) -> tuple[list[str], list]:
    """WHERE conditions over quote_links l, quotes q, articles a for every filter but the text."""
    where: list[str] = []
    params: list = []
    if query.speaker:
        where.append(
            "l.slug IN (SELECT slug FROM persons WHERE slug = ? OR name = ? COLLATE NOCASE"
            " UNION SELECT slug FROM person_names WHERE name = ? COLLATE NOCASE"
            " UNION SELECT p.slug FROM aliases al JOIN persons p ON p.name = al.canonical"
            " WHERE al.alias = ? COLLATE NOCASE)")
        params += [query.speaker] * 4
    if query.speaker_name:
        pattern = "%" + escape_like(query.speaker_name) + "%"
        where.append("l.slug IN (SELECT slug FROM persons WHERE name LIKE ? ESCAPE '\\'"
                     " UNION SELECT slug FROM person_names WHERE name LIKE ? ESCAPE '\\')")
        params += [pattern, pattern]
    if query.channel:
        where.append("q.channel = ? COLLATE NOCASE")
        params.append(query.channel)
    if query.since:
        where.append("coalesce(q.said_on, a.date) >= ?")
        params.append(query.since)
    if query.until:
        where.append("coalesce(q.said_on, a.date) <= ?")
        params.append(query.until + "\uffff")  # "2021-08" includes every day of August
    if query.about:
        pattern = "%" + escape_like(query.about) + "%"
        where.append("l.statement_id IN (SELECT statement_id FROM statement_about"
                     " WHERE slug = ? OR name LIKE ? ESCAPE '\\')")
        params += [query.about, pattern]
    if query.types:
        where.append(f"q.type IN ({','.join('?' * len(query.types))})")
        params += list(query.types)
    if query.kinds is not None:
        where.append(f"(q.kind IS NULL OR q.kind IN ({','.join('?' * len(query.kinds))}))"
                     if query.kinds == DEFAULT_KINDS else f"q.kind IN ({','.join('?' * len(query.kinds))})")
        params += list(query.kinds)
    if query.min_confidence is not None:
        where.append("q.confidence >= ?")
        params.append(query.min_confidence)
    if query.source:
        where.append("a.source = ? COLLATE NOCASE")
        params.append(query.source)
    if query.signatory:
        where.append("EXISTS (SELECT 1 FROM json_each(q.signatories) j WHERE j.value LIKE ? ESCAPE '\\')")
        params.append("%" + escape_like(query.signatory) + "%")
    return where, params


_BASE = ("FROM quote_links l JOIN quotes q ON q.article_id = l.article_id AND q.ordinal = l.ordinal"
         " JOIN articles a ON a.id = q.article_id")


def _part(select: str, joins: str, conditions: list[str], params: list) -> tuple[str, list]:
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    return (f"SELECT l.statement_id AS sid, {select}, max(q.confidence) AS conf, max({_KIND_WEIGHT}) AS kw"
            f" {_BASE}{joins}{where} GROUP BY l.statement_id", params)


def _hits(query: StatementQuery) -> tuple[str, list]:
    """SQL selecting (sid, tr: text rank, bonus: name match, conf) for every matching statement."""
    where, params = _filters(query)
    match = _match(query)
    if not match:
        return _part("0 AS tr, 0 AS bonus", "", where, params)
    table = "articles_fts" if query.scope == "articles" else "quotes_fts"
    on = "a.rowid" if query.scope == "articles" else "q.rowid"
    parts = [_part("min(f.rank) AS tr, 0 AS bonus", f" JOIN {table} f ON f.rowid = {on}",
                   [f"{table} MATCH ?", *where], [match, *params])]
    words = query_words(query)
    if words and query.named:
        people = [slug for slug, kind in query.named if kind == "person"]
        person = f"l.slug IN ({','.join('?' * len(people))})" if people else "0"
        parts.append(_part(f"0 AS tr, max(CASE WHEN {person} THEN {SPEAKER_BONUS['person']}"
                           f" ELSE {SPEAKER_BONUS['other']} END) AS bonus", "",
                           [f"l.slug IN ({','.join('?' * len(query.named))})", *where],
                           [*people, *(slug for slug, _ in query.named), *params]))
    if words and query.signed:
        signed = " AND ".join("lower(j.value) LIKE ? ESCAPE '\\'" for _ in words)
        parts.append(_part(f"0 AS tr, {SIGNATORY_BONUS} AS bonus", "",
                           ["q.signatories != '[]'",
                            f"EXISTS (SELECT 1 FROM json_each(q.signatories) j WHERE {signed})", *where],
                           ["%" + escape_like(w) + "%" for w in words] + params))
    sql = " UNION ALL ".join(p[0] for p in parts)
    all_params = [v for p in parts for v in p[1]]
    return (f"SELECT sid, min(tr) AS tr, max(bonus) AS bonus, max(conf) AS conf, max(kw) AS kw FROM ({sql})"
            " GROUP BY sid", all_params)


def _order(query: StatementQuery) -> str:
    said = "coalesce(CASE WHEN length(s.said_on) = 10 THEN s.said_on END, s.first_seen)"
    if query.sort == "said":
        return f"{said} IS NULL, {said} DESC, s.id"
    if query.sort == "first_seen":
        return "s.first_seen IS NULL, s.first_seen DESC, s.id"
    if query.sort == "sources":
        return "s.source_count DESC, s.first_seen IS NULL, s.first_seen DESC, s.id"
    return "score, s.first_seen IS NULL, s.first_seen DESC, s.id"


def build_statement_search(query: StatementQuery) -> tuple[str, list, str, list]:
    """SQL and parameters for one page of matching statements, and for their total count.

    Relevance: the text rank (FTS5 bm25, negative: lower is better) plus a
    bonus when the words name the speaker or a co-signer, scaled by quality:
    the statement's confidence, its kind (speech and writing first) and its
    length (a one-word "statement" is rarely what a reader looks for).
    """
    hits, params = _hits(query)
    quality = f"(0.25 + coalesce(h.conf, 0)) * h.kw * min(1.0, {_WORDS} * 1.0 / {FULL_LENGTH_WORDS})"
    score = f"((h.tr - h.bonus) * {quality})" if _match(query) else f"(-{quality})"
    page = " LIMIT ? OFFSET ?" if query.limit is not None else ""
    # rank and cut the page first; only the page's rows are joined to their first quote and article
    rows = (
        f"WITH h AS ({hits}), top AS (SELECT s.id AS sid, {score} AS score FROM h JOIN statements s ON s.id = h.sid"
        f" ORDER BY {_order(query)}{page})"
        " SELECT s.*, p.name AS speaker, p.kind AS speaker_kind, top.score AS score,"
        " fq.cue AS cue, fq.channel AS channel, fq.confidence AS confidence, fq.kind AS kind,"
        " fq.signatories AS signatories, fa.title AS article_title, fa.source AS outlet"
        " FROM top JOIN statements s ON s.id = top.sid LEFT JOIN persons p ON p.slug = s.slug"
        " LEFT JOIN quotes fq ON fq.article_id = s.article_id AND fq.ordinal = s.ordinal"
        " LEFT JOIN articles fa ON fa.id = s.article_id"
        f" ORDER BY {_order(query)}"
    )
    count = f"WITH h AS ({hits}) SELECT count(*) FROM h"
    page_params = [query.limit, query.offset] if query.limit is not None else []
    return rows, params + page_params, count, list(params)
