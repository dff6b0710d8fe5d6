"""The SQLite schema, as a list of numbered migrations.

``PRAGMA user_version`` holds the schema version. The writer applies every
migration newer than the file's version, each in its own transaction; readers
never migrate (they are read-only) and refuse a file whose version differs
from ``SCHEMA_VERSION`` with a coded error.

Tables fall in two groups. *Source* tables (``articles``, ``quotes``,
``entities``, ``aliases``) hold what was ingested, keyed by natural keys
(article id, quote ordinal) so that the same input always gives the same
rows whatever the order or the number of runs. *Derived* tables (``persons``,
``person_names``, ``merges``, ``statements``, ``quote_links``,
``statement_about``) are rebuilt from the source tables in one pass after each
ingest run (see ``merge.py``), which makes cross-article merging independent
of ingest order.
"""

from __future__ import annotations

import sqlite3

from ..errors import StoreError

__all__ = ["SCHEMA_VERSION", "APPLICATION_ID", "MIGRATIONS", "DERIVED_TABLES", "migrate", "check_version", "foreign_reason"]

_V1 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    date TEXT,
    title TEXT,
    url TEXT,
    source TEXT,
    origin TEXT NOT NULL,
    text TEXT NOT NULL,
    warnings TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    type TEXT NOT NULL,
    text TEXT NOT NULL,
    spans TEXT NOT NULL,
    speaker_name TEXT,
    speaker_kind TEXT,
    speaker_mention TEXT,
    cue TEXT,
    channel TEXT,
    channel_evidence TEXT,
    said_on TEXT,
    said_on_evidence TEXT,
    signatories TEXT NOT NULL DEFAULT '[]',
    about TEXT NOT NULL DEFAULT '[]',
    confidence REAL NOT NULL,
    PRIMARY KEY (article_id, ordinal)
);
CREATE INDEX quotes_speaker ON quotes(speaker_name);
CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    mentions TEXT NOT NULL,
    PRIMARY KEY (article_id, ordinal)
);
CREATE TABLE aliases (
    alias TEXT PRIMARY KEY,
    canonical TEXT NOT NULL,
    external_id TEXT
);

CREATE TABLE persons (
    slug TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    external_id TEXT,
    statement_count INTEGER NOT NULL,
    first_seen TEXT,
    last_seen TEXT
);
CREATE TABLE person_names (
    name TEXT PRIMARY KEY,
    slug TEXT NOT NULL REFERENCES persons(slug)
);
CREATE TABLE merges (
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    rule TEXT NOT NULL,
    detail TEXT NOT NULL,
    article_ids TEXT NOT NULL,
    PRIMARY KEY (slug, name, rule)
);
CREATE TABLE statements (
    id TEXT PRIMARY KEY,
    slug TEXT,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    first_seen TEXT,
    said_on TEXT,
    source_count INTEGER NOT NULL,
    quote_count INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL
);
CREATE INDEX statements_slug ON statements(slug, first_seen);
CREATE TABLE quote_links (
    article_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    slug TEXT,
    statement_id TEXT NOT NULL,
    rule TEXT NOT NULL,
    PRIMARY KEY (article_id, ordinal)
);
CREATE INDEX quote_links_statement ON quote_links(statement_id);
CREATE TABLE statement_about (
    statement_id TEXT NOT NULL,
    name TEXT NOT NULL,
    slug TEXT,
    PRIMARY KEY (statement_id, name)
);
CREATE INDEX statement_about_slug ON statement_about(slug);

-- Full-text indexes over quote content and article text. External content:
-- the text lives once, in the source tables; triggers keep the index in step.
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, content='quotes', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
"""

_FTS_OPTIONS = "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'"

# Version 2: what Datasette needs to browse the file as it is (``datasette
# quotegraph.db``). The full-text indexes name their content table in double
# quotes (``content="quotes"``), the form Datasette recognises, and
# statements get one too; the derived link tables declare their foreign keys
# (deferred to commit, since a merge rewrites both sides in one transaction),
# so Datasette links each row to its article, statement and person. The
# derived tables are recreated empty and a full rebuild is requested, which
# the next ingest performs; source tables are untouched.
_V2 = f"""
DROP TRIGGER quotes_ai;
DROP TRIGGER quotes_ad;
DROP TRIGGER articles_ai;
DROP TRIGGER articles_ad;
DROP TABLE quotes_fts;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content="quotes", {_FTS_OPTIONS});
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content="articles", {_FTS_OPTIONS});
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');

DROP TABLE statement_about;
DROP TABLE quote_links;
DROP TABLE statements;
DROP TABLE merges;
CREATE TABLE merges (
    slug TEXT NOT NULL REFERENCES persons(slug) DEFERRABLE INITIALLY DEFERRED,
    name TEXT NOT NULL,
    rule TEXT NOT NULL,
    detail TEXT NOT NULL,
    article_ids TEXT NOT NULL,
    PRIMARY KEY (slug, name, rule)
);
CREATE TABLE statements (
    id TEXT PRIMARY KEY,
    slug TEXT REFERENCES persons(slug) DEFERRABLE INITIALLY DEFERRED,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    first_seen TEXT,
    said_on TEXT,
    source_count INTEGER NOT NULL,
    quote_count INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
    ordinal INTEGER NOT NULL
);
CREATE INDEX statements_slug ON statements(slug, first_seen);
CREATE TABLE quote_links (
    article_id TEXT NOT NULL REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
    ordinal INTEGER NOT NULL,
    slug TEXT REFERENCES persons(slug) DEFERRABLE INITIALLY DEFERRED,
    statement_id TEXT NOT NULL REFERENCES statements(id) DEFERRABLE INITIALLY DEFERRED,
    rule TEXT NOT NULL,
    PRIMARY KEY (article_id, ordinal)
);
CREATE INDEX quote_links_statement ON quote_links(statement_id);
-- the child side of each foreign key is indexed, so deleting a parent row never scans a table
CREATE INDEX quote_links_slug ON quote_links(slug);
CREATE INDEX statements_article ON statements(article_id);
CREATE INDEX person_names_slug ON person_names(slug);
CREATE TABLE statement_about (
    statement_id TEXT NOT NULL REFERENCES statements(id) DEFERRABLE INITIALLY DEFERRED,
    name TEXT NOT NULL,
    slug TEXT REFERENCES persons(slug) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (statement_id, name)
);
CREATE INDEX statement_about_slug ON statement_about(slug);
CREATE VIRTUAL TABLE statements_fts USING fts5(text, content="statements", {_FTS_OPTIONS});
CREATE TRIGGER statements_ai AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER statements_ad AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts(statements_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
INSERT OR REPLACE INTO meta (key, value) SELECT 'dirty', '1' WHERE EXISTS (SELECT 1 FROM quotes);
INSERT OR REPLACE INTO meta (key, value) SELECT 'rebuild', 'full' WHERE EXISTS (SELECT 1 FROM quotes);
"""

# Version n is reached by running MIGRATIONS[n - 1]. Append, never edit.
# Version 3: what sort of statement a quote is (speech, writing, belief, ...) and
# the attribution rule that found it; null for quotes stored before (and for
# extractions that do not say). Filters and ranking read ``kind``. And an index
# of statements' quotes by speaker entity, for searches by speaker (and by a
# speaker's name) that would otherwise read every link (version 2 already
# made it, as the child side of a foreign key: IF NOT EXISTS).
_V3 = """
ALTER TABLE quotes ADD COLUMN kind TEXT;
ALTER TABLE quotes ADD COLUMN rule TEXT;
CREATE INDEX quotes_kind ON quotes(kind);
CREATE INDEX IF NOT EXISTS quote_links_slug ON quote_links(slug);
CREATE INDEX quotes_signed ON quotes(article_id, ordinal) WHERE signatories != '[]';
"""

# Version 4: the speaker's resolver rule and affiliation, and an entity's affiliation,
# which the JSON output has carried since the resolvers recorded them; null for
# rows stored before. Rows are written by column name from the record
# definition (``rows.py``), and a test holds these tables to it.
_V4 = """
ALTER TABLE quotes ADD COLUMN speaker_rule TEXT;
ALTER TABLE quotes ADD COLUMN speaker_affiliation TEXT;
ALTER TABLE entities ADD COLUMN affiliation TEXT;
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4)
SCHEMA_VERSION = len(MIGRATIONS)

DERIVED_TABLES = ("persons", "person_names", "merges", "statements", "quote_links", "statement_about")


APPLICATION_ID = 0x71677068  # "qgph": PRAGMA application_id of a quotegraph database


def _version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _statements(script: str) -> list[str]:
    """Split a migration script into complete SQL statements (trigger bodies hold semicolons)."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return [s for s in out if s]


def foreign_reason(conn: sqlite3.Connection, found: int) -> str | None:
    """Why the open file is not a quotegraph database, or None when it is one (or empty)."""
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app_id not in (0, APPLICATION_ID):
        return f"application id {app_id:#x} belongs to another program"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if found == 0 and tables:
        listed = ", ".join(sorted(tables)[:5])
        return f"it already holds tables of another program ({listed})"
    if found > 0 and not {"meta", "articles", "quotes"} <= tables:
        return f"schema version {found} but none of quotegraph's tables"
    return None


def migrate(conn: sqlite3.Connection, path: str) -> int:
    """Bring the schema of the writer connection ``conn`` up to ``SCHEMA_VERSION``.

    The version is read and every migration applied under one write lock
    (``BEGIN IMMEDIATE``), so two writers opening a new file at once cannot
    both try to create it: the second waits, then finds the work done. A file
    that is not quotegraph's (other tables, another application id) is
    refused with E305 before anything in it is changed.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = _version(conn)
        if found > SCHEMA_VERSION:
            raise StoreError("E301", path=path, found=found, expected=SCHEMA_VERSION)
        reason = foreign_reason(conn, found)
        if reason:
            raise StoreError("E305", path=path, detail=reason)
        for number in range(found + 1, SCHEMA_VERSION + 1):
            try:
                for statement in _statements(MIGRATIONS[number - 1]):
                    conn.execute(statement)
            except sqlite3.Error as exc:
                raise StoreError("E300", path=path, detail=f"migration to version {number} failed: {exc}") from exc
            conn.execute(f"PRAGMA user_version = {number}")
        if found < SCHEMA_VERSION:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise
    return SCHEMA_VERSION


def check_version(conn: sqlite3.Connection, path: str) -> None:
    """Refuse (E301/E303) a database whose schema this quotegraph cannot read."""
    found = _version(conn)
    if found > SCHEMA_VERSION:
        raise StoreError("E301", path=path, found=found, expected=SCHEMA_VERSION)
    if found < SCHEMA_VERSION:
        raise StoreError("E303", path=path, found=found, expected=SCHEMA_VERSION)
