"""SQLite rows of the source tables, named column by column from the record definition.

A quote row is the quotation's ``to_dict`` form flattened: the speaker's
fields become ``speaker_<field>`` columns, every other nested value (a
mention, the spans, a list of names) is one JSON text column, scalars are
stored as they are. Reading a row back gives the same ``to_dict`` form. The
migrations in ``schema.py`` create these columns; a test checks that the
migrated tables have exactly the columns named here, so a new record field
without its migration fails the suite.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Entity, Quotation, Speaker
from ..model.record import Column, columns

__all__ = ["QUOTE_COLUMNS", "ENTITY_COLUMNS", "ARTICLE_COLUMNS", "insert_sql", "select_sql", "to_row", "from_row",
           "dumps"]

QUOTE_COLUMNS: tuple[Column, ...] = tuple(columns(Quotation, flatten=(Speaker,)))
ENTITY_COLUMNS: tuple[Column, ...] = tuple(columns(Entity))
# the article's own columns beside its key and content hash
ARTICLE_COLUMNS = ("date", "title", "url", "source", "origin", "text", "warnings")
_KEYS = ("article_id", "ordinal")


def dumps(value: Any) -> str | None:
    """A nested value as stored: JSON text with sorted keys (``None`` stays NULL)."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def insert_sql(table: str, names: tuple[str, ...]) -> str:
    """``INSERT INTO table (a, b) VALUES (:a, :b)``: every value bound by its column name."""
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(':' + n for n in names)})"


def select_sql(table: str, cols: tuple[Column, ...]) -> str:
    """The columns of one article's rows of ``table``, in ordinal order."""
    return f"SELECT {', '.join(c.name for c in cols)} FROM {table} WHERE article_id = ? ORDER BY ordinal"


def to_row(cols: tuple[Column, ...], data: dict[str, Any], article_id: str, ordinal: int) -> dict[str, Any]:
    """The named row of one record from its ``to_dict`` form."""
    row: dict[str, Any] = {"article_id": article_id, "ordinal": ordinal}
    for column in cols:
        value: Any = data
        for step in column.path:
            value = value.get(step) if isinstance(value, dict) else None
        row[column.name] = dumps(value) if isinstance(value, (dict, list)) else value
    return row


def from_row(cols: tuple[Column, ...], row: Any) -> dict[str, Any]:
    """The ``to_dict`` form back from a row (a flattened record whose columns are all NULL is null)."""
    data: dict[str, Any] = {}
    for column in cols:
        target = data
        for step in column.path[:-1]:
            target = target.setdefault(step, {})
        value = row[column.name]
        target[column.path[-1]] = json.loads(value) if column.nested and value is not None else value
    for name, value in list(data.items()):
        if isinstance(value, dict) and all(v is None for v in value.values()):
            data[name] = None
    return data
