"""Read-only connections, and a canonical dump for comparing databases.

Readers open the file through a ``mode=ro`` URI and set ``query_only``, so no
code path on the read side (search, the server) can write, and they never
migrate: a file at another schema version is refused with a coded error.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from ..errors import StoreError
from .schema import check_version

__all__ = ["connect_reader", "dump"]


def connect_reader(path: str | Path) -> sqlite3.Connection:
    """Open a read-only connection (E302 when there is no database, E301/E303 on version)."""
    path = Path(path)
    if not path.is_file():
        raise StoreError("E302", path=str(path))
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=10.0)
        conn.execute("PRAGMA query_only=1")
        conn.row_factory = sqlite3.Row
        check_version(conn, str(path))
    except sqlite3.DatabaseError as exc:
        raise StoreError("E300", path=str(path), detail=str(exc)) from exc
    return conn


def _tables(conn: sqlite3.Connection) -> list[str]:
    # FTS shadow tables hold rowid-addressed index pages; their content is
    # checked through the FTS integrity check instead of compared byte by byte.
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE '%_fts%' ORDER BY name"
    ).fetchall()
    return [r[0] for r in rows]


def _check_fts(path: str | Path) -> None:
    """FTS5's own integrity check (an 'INSERT' that writes nothing; read-only connections refuse it)."""
    conn = sqlite3.connect(str(path))
    try:
        for table in ("quotes_fts", "articles_fts", "statements_fts"):
            conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as exc:
        raise StoreError("E300", path=str(path), detail=f"full-text index check failed: {exc}") from exc
    finally:
        conn.close()


def dump(path: str | Path) -> list[str]:
    """Every row of every table, in a canonical order, as text lines.

    Two databases with equal dumps hold the same data, whatever order or
    number of runs produced them. The full-text indexes are verified with
    FTS5's integrity check as part of the dump.
    """
    conn = connect_reader(path)
    try:
        _check_fts(path)
        lines = [f"user_version={conn.execute('PRAGMA user_version').fetchone()[0]}"]
        for table in _tables(conn):
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            order = ", ".join(f'"{c}"' for c in columns)
            lines.append(f"## {table} ({', '.join(columns)})")
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY {order}"):
                lines.append(repr(tuple(row)))
        return lines
    finally:
        conn.close()
