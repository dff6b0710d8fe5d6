"""The read side's SQL, each query named once (the service runs them; it holds no SQL).

Every statement here is read-only and takes its values as parameters; the
only text put into SQL is a table name from ``COUNTED_TABLES`` and the fixed
filter of ``speakers_page``.
"""

from __future__ import annotations

from .query import escape_like

__all__ = ["STATEMENT", "STATEMENT_SOURCES", "STATEMENT_ABOUT", "PERSON", "PERSON_MERGES", "PERSON_ABOUT",
           "PERSON_STATEMENTS", "ARTICLE", "ARTICLE_QUOTES", "CHANNELS", "COUNTED_TABLES", "count_rows",
           "speakers_page"]

STATEMENT = ("SELECT s.*, p.name AS speaker, p.kind AS speaker_kind FROM statements s"
             " LEFT JOIN persons p ON p.slug = s.slug WHERE s.id = ?")

STATEMENT_SOURCES = (
    "SELECT a.id, a.date, a.title, a.url, a.source, q.ordinal, q.text, q.type, q.channel,"
    " q.said_on, q.speaker_name, q.cue, l.rule FROM quote_links l"
    " JOIN quotes q ON q.article_id = l.article_id AND q.ordinal = l.ordinal"
    " JOIN articles a ON a.id = q.article_id WHERE l.statement_id = ?"
    " ORDER BY a.date IS NULL, a.date, a.id, q.ordinal")

STATEMENT_ABOUT = "SELECT name, slug FROM statement_about WHERE statement_id = ? ORDER BY name"

PERSON = "SELECT * FROM persons WHERE slug = ?"

PERSON_MERGES = ("SELECT name, rule, detail, article_ids FROM merges WHERE slug = ?"
                 " ORDER BY rule = 'exact' DESC, name, rule")

PERSON_ABOUT = (
    "SELECT a.name, a.slug, count(*) AS n FROM statement_about a JOIN statements s ON s.id = a.statement_id"
    " WHERE s.slug = ? GROUP BY a.name, a.slug ORDER BY n DESC, a.name")

# A speaker's statements by the day they were made (else first seen); parameters: slug, limit.
PERSON_STATEMENTS = (
    "SELECT s.*, p.name AS speaker, p.kind AS speaker_kind FROM statements s JOIN persons p"
    " ON p.slug = s.slug WHERE s.slug = ? ORDER BY coalesce(CASE WHEN length(s.said_on) = 10"
    " THEN s.said_on END, s.first_seen) IS NULL, coalesce(CASE WHEN length(s.said_on) = 10"
    " THEN s.said_on END, s.first_seen), s.id LIMIT ?")

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


def speakers_page(name: str | None, limit: int, offset: int) -> tuple[str, list, str, list]:
    """``(count_sql, count_params, rows_sql, rows_params)``: merged speakers, most statements first,
    filtered to those with ``name`` in any of their names when given."""
    where, params = "", []
    if name:
        where = " WHERE name LIKE ? ESCAPE '\\' OR slug IN (SELECT slug FROM person_names WHERE name LIKE ? ESCAPE '\\')"
        params = ["%" + escape_like(name) + "%"] * 2
    rows = f"SELECT * FROM persons{where} ORDER BY statement_count DESC, name, slug LIMIT ? OFFSET ?"
    return f"SELECT count(*) FROM persons{where}", params, rows, params + [limit, offset]
