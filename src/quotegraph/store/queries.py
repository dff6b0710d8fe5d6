"""The read side's SQL, each query named once (the service runs them; it holds no SQL).

Every statement here is read-only and takes its values as parameters; the
only text put into SQL is a table name from ``COUNTED_TABLES`` and the fixed
filter of ``speakers_page``.
"""

from __future__ import annotations

from .query import escape_like

__all__ = ["STATEMENT", "STATEMENT_SOURCES", "STATEMENT_ABOUT", "PERSON", "PERSON_MERGES", "PERSON_ABOUT",
           "PERSON_STATEMENTS", "PERSON_CO_SPEAKERS", "PERSON_MONTHS", "ARTICLE", "ARTICLE_QUOTES", "CHANNELS",
           "OUTLETS", "TOP_SPEAKERS", "MONTHS", "BY_OUTLET", "BY_CHANNEL", "COUNTED_TABLES", "SPEAKER_SORTS",
           "SPEAKER_KINDS", "count_rows", "speakers_page"]

# a statement row with what its first quote and article say (cue, channel, kind, title, outlet)
_STATEMENT_ROW = (
    "SELECT s.*, p.name AS speaker, p.kind AS speaker_kind, fq.cue AS cue, fq.channel AS channel,"
    " fq.confidence AS confidence, fq.kind AS kind, fq.signatories AS signatories,"
    " fa.title AS article_title, fa.source AS outlet FROM statements s LEFT JOIN persons p ON p.slug = s.slug"
    " LEFT JOIN quotes fq ON fq.article_id = s.article_id AND fq.ordinal = s.ordinal"
    " LEFT JOIN articles fa ON fa.id = s.article_id")
_MONTH = "substr(coalesce(CASE WHEN length(said_on) >= 7 THEN said_on END, first_seen), 1, 7)"
SPEAKER_SORTS = {"statements": "statement_count DESC, name, slug", "name": "name, slug",
                 "first_seen": "first_seen IS NULL, first_seen, name",
                 "last_seen": "last_seen IS NULL, last_seen DESC, name"}
SPEAKER_KINDS = ("person", "organisation", "group", "unknown")

STATEMENT = f"{_STATEMENT_ROW} WHERE s.id = ?"

# every quote carrying a statement, with its article's text (for the surrounding paragraph)
STATEMENT_SOURCES = (
    "SELECT a.id, a.date, a.title, a.url, a.source, q.ordinal, q.text, q.type, q.channel,"
    " q.said_on, q.speaker_name, q.cue, q.spans, q.signatories, l.rule, a.text AS article_text FROM quote_links l"
    " JOIN quotes q ON q.article_id = l.article_id AND q.ordinal = l.ordinal"
    " JOIN articles a ON a.id = q.article_id WHERE l.statement_id = ?"
    " ORDER BY a.date IS NULL, a.date, a.id, q.ordinal")

STATEMENT_ABOUT = "SELECT name, slug FROM statement_about WHERE statement_id = ? ORDER BY name"

PERSON = "SELECT * FROM persons WHERE slug = ?"

PERSON_MERGES = ("SELECT name, rule, detail, article_ids FROM merges WHERE slug = ?"
                 " ORDER BY rule = 'exact' DESC, name, rule")

PERSON_ABOUT = (
    "SELECT a.name, a.slug, count(*) AS n FROM statement_about a JOIN statements s ON s.id = a.statement_id"
    " WHERE s.slug = ? GROUP BY a.name, a.slug ORDER BY n DESC, a.name LIMIT 20")

# One page of a speaker's statements by the day they were made (else first seen); parameters: slug, limit, offset.
PERSON_STATEMENTS = (
    f"{_STATEMENT_ROW} WHERE s.slug = ? ORDER BY coalesce(CASE WHEN length(s.said_on) = 10"
    " THEN s.said_on END, s.first_seen) IS NULL, coalesce(CASE WHEN length(s.said_on) = 10"
    " THEN s.said_on END, s.first_seen), s.id LIMIT ? OFFSET ?")

# speakers quoted in the same articles as one speaker, most shared articles first; parameters: slug, slug
PERSON_CO_SPEAKERS = (
    "SELECT p.slug, p.name, count(DISTINCT o.article_id) AS n FROM quote_links o JOIN persons p"
    " ON p.slug = o.slug WHERE o.article_id IN (SELECT article_id FROM quote_links WHERE slug = ?)"
    " AND o.slug != ? GROUP BY p.slug ORDER BY n DESC, p.name LIMIT 15")

# a speaker's statements per month (said, else first seen); parameter: slug
PERSON_MONTHS = (f"SELECT {_MONTH} AS m, count(*) FROM statements WHERE slug = ? AND m IS NOT NULL"
                 " GROUP BY m ORDER BY m")

OUTLETS = "SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY source LIMIT 200"

# the collection's charts; parameter: how many bars
TOP_SPEAKERS = "SELECT slug, name, kind, statement_count FROM persons ORDER BY statement_count DESC, name LIMIT ?"
MONTHS = f"SELECT {_MONTH} AS m, count(*) FROM statements WHERE m IS NOT NULL GROUP BY m ORDER BY m"
BY_OUTLET = ("SELECT coalesce(a.source, '(none)') AS o, count(DISTINCT l.statement_id) AS n FROM quote_links l"
             " JOIN articles a ON a.id = l.article_id GROUP BY o ORDER BY n DESC, o LIMIT ?")
BY_CHANNEL = ("SELECT coalesce(q.channel, '(not said)') AS c, count(DISTINCT l.statement_id) AS n FROM quote_links l"
              " JOIN quotes q ON q.article_id = l.article_id AND q.ordinal = l.ordinal"
              " GROUP BY c ORDER BY n DESC, c LIMIT ?")

ARTICLE = "SELECT * FROM articles WHERE id = ?"

ARTICLE_QUOTES = (
    "SELECT q.*, l.slug, l.statement_id, p.name AS person, s.source_count FROM quotes q"
    " LEFT JOIN quote_links l ON l.article_id = q.article_id AND l.ordinal = q.ordinal"
    " LEFT JOIN persons p ON p.slug = l.slug LEFT JOIN statements s ON s.id = l.statement_id"
    " WHERE q.article_id = ? ORDER BY q.ordinal")

CHANNELS = "SELECT DISTINCT channel FROM quotes WHERE channel IS NOT NULL ORDER BY channel LIMIT 100"

COUNTED_TABLES = ("articles", "quotes", "statements", "persons")


def count_rows(table: str) -> str:
    """``SELECT count(*)`` of one of ``COUNTED_TABLES``."""
    if table not in COUNTED_TABLES:
        raise ValueError(f"not a counted table: {table!r}")
    return f"SELECT count(*) FROM {table}"


def speakers_page(name: str | None, kinds: tuple[str, ...], sort: str, limit: int | None,
                  offset: int) -> tuple[str, list, str, list]:
    """``(count_sql, count_params, rows_sql, rows_params)``: merged speakers in ``SPEAKER_SORTS[sort]`` order,
    filtered to those with ``name`` in any of their names and of one of ``kinds`` when given;
    every row when ``limit`` is None."""
    where, params = [], []
    if name:
        where.append("(name LIKE ? ESCAPE '\\' OR slug IN (SELECT slug FROM person_names WHERE name LIKE ? ESCAPE '\\'))")
        params += ["%" + escape_like(name) + "%"] * 2
    if kinds:
        where.append(f"kind IN ({','.join('?' * len(kinds))})")
        params += list(kinds)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    page = " LIMIT ? OFFSET ?" if limit is not None else ""
    rows = f"SELECT * FROM persons{clause} ORDER BY {SPEAKER_SORTS[sort]}{page}"
    return f"SELECT count(*) FROM persons{clause}", params, rows, params + ([limit, offset] if page else [])
