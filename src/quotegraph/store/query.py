"""Building statement searches: FTS escaping, filters, pagination.

User text is never handed to FTS5 as query syntax: ``escape_fts`` turns it
into a conjunction of quoted terms (a ``"quoted phrase"`` in the input stays a
phrase). Only an explicit ``raw`` search passes FTS5 syntax through, and a
malformed one is reported as E600 by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["fts_terms", "escape_fts", "escape_like", "StatementQuery", "build_statement_search"]

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


@dataclass(frozen=True, slots=True)
class StatementQuery:
    """A normalised statement search (validated by the service)."""

    q: str = ""
    raw: bool = False
    scope: str = "quotes"  # "quotes": match quote content; "articles": match article text
    speaker: str | None = None
    about: str | None = None
    channel: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 50
    offset: int = 0


def _match(query: StatementQuery) -> str:
    return query.q.strip() if query.raw else escape_fts(query.q)


def _hits(query: StatementQuery) -> tuple[str, list]:
    """SQL selecting (statement id, score) for every statement with a quote matching the filters."""
    joins = ["JOIN quotes q ON q.article_id = l.article_id AND q.ordinal = l.ordinal",
             "JOIN articles a ON a.id = q.article_id"]
    where: list[str] = []
    params: list = []
    score = "0"
    match = _match(query)
    if match:
        if query.scope == "articles":
            joins.append("JOIN articles_fts f ON f.rowid = a.rowid")
            where.append("articles_fts MATCH ?")
        else:
            joins.append("JOIN quotes_fts f ON f.rowid = q.rowid")
            where.append("quotes_fts MATCH ?")
        params.append(match)
        score = "min(f.rank)"
    if query.speaker:
        pattern = "%" + escape_like(query.speaker) + "%"
        where.append(
            "l.slug IN (SELECT slug FROM persons WHERE slug = ? OR name LIKE ? ESCAPE '\\'"
            " UNION SELECT slug FROM person_names WHERE name = ? COLLATE NOCASE"
            " UNION SELECT p.slug FROM aliases al JOIN persons p ON p.name = al.canonical"
            " WHERE al.alias = ? COLLATE NOCASE)"
        )
        params += [query.speaker, pattern, query.speaker, query.speaker]
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
    sql = (f"SELECT l.statement_id AS sid, {score} AS score FROM quote_links l {' '.join(joins)}"
           + (f" WHERE {' AND '.join(where)}" if where else "") + " GROUP BY l.statement_id")
    return sql, params


def build_statement_search(query: StatementQuery) -> tuple[str, list, str, list]:
    """SQL and parameters for one page of matching statements, and for their total count."""
    hits, params = _hits(query)
    order = "h.score, s.first_seen DESC, s.id" if _match(query) else "s.first_seen IS NULL, s.first_seen DESC, s.id"
    rows = (
        f"WITH h AS ({hits}) SELECT s.*, p.name AS speaker, p.kind AS speaker_kind"
        " FROM h JOIN statements s ON s.id = h.sid LEFT JOIN persons p ON p.slug = s.slug"
        f" ORDER BY {order} LIMIT ? OFFSET ?"
    )
    count = f"WITH h AS ({hits}) SELECT count(*) FROM h"
    return rows, params + [query.limit, query.offset], count, list(params)
