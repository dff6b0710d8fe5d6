"""Schema version 2: what Datasette reads from the file itself (issue 13).

Full-text indexes declared ``content="table"`` (the form Datasette detects),
one over statements too, and foreign keys on every derived link table that
hold after every rebuild and incremental update. A version-1 file is upgraded
by the writer with its source rows kept and its derived tables rebuilt.
"""

from __future__ import annotations

import sqlite3

from store_docs import Say, build, corpus

from quotegraph.store import Store, dump
from quotegraph.store.schema import MIGRATIONS, _statements

LINKS = {
    "statements": {("slug", "persons", "slug"), ("article_id", "articles", "id")},
    "quote_links": {("article_id", "articles", "id"), ("slug", "persons", "slug"), ("statement_id", "statements", "id")},
    "statement_about": {("statement_id", "statements", "id"), ("slug", "persons", "slug")},
    "merges": {("slug", "persons", "slug")},
    "person_names": {("slug", "persons", "slug")},
}


def _fill(path, docs):
    with Store(path) as store:
        for d in docs:
            store.put(d, origin=f"{d.id}.txt")
        store.rebuild()


def _violations(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()


def test_link_tables_declare_their_foreign_keys(tmp_path):
    db = tmp_path / "q.db"
    _fill(db, corpus())
    conn = sqlite3.connect(db)
    for table, wanted in LINKS.items():
        found = {(r[3], r[2], r[4]) for r in conn.execute(f"PRAGMA foreign_key_list({table})")}
        assert wanted <= found, f"{table}: {found}"
    sql = {name: text for name, text in conn.execute("SELECT name, sql FROM sqlite_master WHERE name LIKE '%_fts'")}
    for fts, table in (("quotes_fts", "quotes"), ("articles_fts", "articles"), ("statements_fts", "statements")):
        assert f'content="{table}"' in sql[fts], sql[fts]
    conn.close()
    assert _violations(db) == []


def test_statement_search_follows_every_rebuild(tmp_path):
    db = tmp_path / "q.db"
    docs = corpus()
    _fill(db, docs)
    conn = sqlite3.connect(db)
    total = conn.execute("SELECT count(*) FROM statements").fetchone()[0]
    indexed = conn.execute("SELECT count(*) FROM statements_fts").fetchone()[0]
    word = conn.execute("SELECT text FROM statements ORDER BY id LIMIT 1").fetchone()[0].split()[0].strip('“”",.')
    hits = conn.execute("SELECT count(*) FROM statements WHERE rowid IN"
                        " (SELECT rowid FROM statements_fts WHERE statements_fts MATCH ?)", (f'"{word}"',)).fetchone()[0]
    conn.execute("INSERT INTO statements_fts(statements_fts, rank) VALUES ('integrity-check', 1)")
    conn.close()
    assert total == indexed > 0 and hits >= 1


def test_foreign_keys_hold_after_replacing_articles(tmp_path):
    db = tmp_path / "q.db"
    docs = corpus()
    _fill(db, docs)
    changed = build(docs[0].id, docs[0].date, Say("Someone Else", "An entirely new statement."), " said the report.")
    with Store(db) as store:
        assert store.put(changed, origin="changed.txt") == "replaced"
        store.rebuild()
    assert _violations(db) == []


def test_a_version_1_file_is_upgraded_with_its_articles_kept(tmp_path):
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    for statement in _statements(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    # fill it the way version 1 stored articles: the writer's own inserts, on a version-1 schema
    fresh = tmp_path / "fresh.db"
    docs = corpus()
    _fill(fresh, docs)
    src, dst = sqlite3.connect(fresh), sqlite3.connect(db)
    for table in ("articles", "quotes", "entities", "meta"):
        # the columns version 1 had (later versions add some, e.g. quotes.kind)
        columns = ", ".join(r[1] for r in dst.execute(f"PRAGMA table_info({table})"))
        rows = src.execute(f"SELECT {columns} FROM {table}").fetchall()
        if rows:
            dst.executemany(f"INSERT OR REPLACE INTO {table} ({columns}) VALUES ({', '.join('?' * len(rows[0]))})",
                            rows)
    dst.commit()
    src.close()
    dst.close()
    with Store(db) as store:  # migrates to the current version and asks for a full rebuild
        store.rebuild()
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert dump(db) == dump(fresh)
    assert _violations(db) == []
