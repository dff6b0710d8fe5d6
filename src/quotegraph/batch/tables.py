"""Documents as Arrow tables and back: the batch output schema.

Four tables, one row per thing, every contract field a column so that DuckDB,
Spark or pandas can query them without parsing JSON:

* ``documents``: one row per input (``status`` ``ok`` or ``rejected`` with
  ``code`` and ``reason``), with the text, its sha256 and counts;
* ``statements``: one row per quotation, mentions flattened to
  ``<field>_start``/``_end``/``_text`` columns, ``spans`` a list of structs;
  ``said_on`` is a real date (``date32``: the first day of the month or year
  when the text gives no more) and ``said_on_precision`` says which
  (``day``, ``month``, ``year``), so Polars, DuckDB and pandas read it as a date;
* ``entities``: one row per entity of a document;
* ``mentions``: one row per mention of an entity.

``doc_index`` is the document's row in its ``documents`` table; the other
tables carry it (and ``doc_id``) to join on within one shard, because input
ids are not guaranteed unique across sources. The mapping is exact: a
``Document`` or ``Rejected`` rebuilt from the rows has the same ``to_dict``.

Every table's columns, cells and read-back come from the record definition
(``quotegraph.model``): a field added to ``Document``, ``Quotation``,
``Speaker`` or ``Entity`` becomes a column here, and the README's table list
is generated from these schemas.
"""

from __future__ import annotations

import hashlib
import typing
from collections import defaultdict
from datetime import date as _date
from typing import Any, Iterable, Iterator

from ..errors import import_optional
from ..model import (SCHEMA_VERSION, Article, Document, Entity, Mention, PartialDate, Quotation, Rejected, Speaker,
                     date_precision, first_day, from_first_day)
from ..model.record import Column, Record, columns, fields_of
from ..model.record import plain_type as _plain

pa = import_optional("pyarrow", extra="batch", feature="Parquet and Arrow output")

__all__ = ["SCHEMAS", "TABLES", "to_tables", "from_tables", "empty_tables"]

_STR, _INT, _I32 = pa.string(), pa.int64(), pa.int32()
_SCALARS = {str: _STR, int: _INT, float: pa.float64(), bool: pa.bool_()}


def _is_date(tp: Any) -> bool:
    return PartialDate in (tp, *typing.get_args(tp))


def _arrow_type(tp: Any) -> pa.DataType:
    """The Arrow type of one record field (nested records are structs)."""
    tp = _plain(tp)
    if typing.get_origin(tp) is list:
        return pa.list_(_arrow_type(typing.get_args(tp)[0]))
    if isinstance(tp, type) and issubclass(tp, Record):
        return pa.struct([(name, _arrow_type(t)) for name, t in fields_of(tp)])
    return _SCALARS[tp]


def _arrow_fields(column: Column) -> list[tuple[str, pa.DataType]]:
    """The Arrow columns of one record column: a mention is three, a partial date two, a list of records a count."""
    tp = _plain(column.type)
    if tp is Mention:
        return [(f"{column.name}_{part}", _arrow_type(t)) for part, t in fields_of(Mention)]
    if _is_date(column.type):
        return [(column.name, pa.date32()), (f"{column.name}_precision", _STR)]
    if typing.get_origin(tp) is list and _plain(typing.get_args(tp)[0]) is Mention:
        return [(f"n_{column.name}", _I32)]  # the mentions themselves are rows of their own table
    return [(column.name, _arrow_type(column.type))]


# The statements and entities tables are the record's own columns (a speaker flattened to
# ``speaker_*``), after the keys that place each row; ``start``/``end`` and ``spans`` follow ``text``.
QUOTE_COLUMNS = columns(Quotation, flatten=(Speaker,))
ENTITY_COLUMNS = columns(Entity)
_KEYS = [("doc_index", _I32), ("doc_id", _STR)]


# The documents table: where the row sits and what became of the input (``Rejected``'s fields), then the
# document's own fields. Its text adds a digest and a length; a list whose records are rows of another
# table is a count here; warnings are structs.
_FATE = ("code", "reason", "origin")  # Rejected's fields (besides id), in the table's order
_COUNTED = {Quotation: "n_quotes", Entity: "n_entities"}  # records with a table of their own


def _list_of(tp: Any) -> Any:
    tp = _plain(tp)
    return _plain(typing.get_args(tp)[0]) if typing.get_origin(tp) is list else None


_DOCUMENT_SCALARS = [name for name, tp in fields_of(Document) if name not in ("id", "text") and _list_of(tp) is None]
_DOCUMENT_LISTS = [(name, _list_of(tp)) for name, tp in fields_of(Document) if _list_of(tp) is not None]


def _document_fields() -> list[tuple[str, pa.DataType]]:
    rejected, document = dict(fields_of(Rejected)), dict(fields_of(Document))
    out = [("doc_index", _I32), ("id", _STR), ("status", _STR), *[(n, _arrow_type(rejected[n])) for n in _FATE]]
    out += [(name, _arrow_type(document[name])) for name in _DOCUMENT_SCALARS]
    out += [("text", pa.large_string()), ("text_sha256", _STR), ("n_chars", _INT)]
    out += [(_COUNTED[item], _I32) if item in _COUNTED else (name, _arrow_type(document[name]))
            for name, item in _DOCUMENT_LISTS]
    return [*out, ("schema_version", _I32)]


def _statement_fields() -> list[tuple[str, pa.DataType]]:
    # the content first (its text, where it starts and ends, its spans), as the table has always been laid out
    spans = [c for c in QUOTE_COLUMNS if c.name == "spans"]
    out = [*_KEYS, ("quote_index", _I32)]
    for column in QUOTE_COLUMNS:
        if column.name != "spans":
            out += _arrow_fields(column)
        if column.name == "text":
            out += [("start", _INT), ("end", _INT), *[f for c in spans for f in _arrow_fields(c)]]
    return out


SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(_document_fields()),
    "statements": pa.schema(_statement_fields()),
    "entities": pa.schema([*_KEYS, ("entity_index", _I32), *[f for c in ENTITY_COLUMNS for f in _arrow_fields(c)]]),
    "mentions": pa.schema([*_KEYS, ("entity_index", _I32), ("mention_index", _I32),
                           *[(name, _arrow_type(t)) for name, t in fields_of(Mention)]]),
}
TABLES = tuple(SCHEMAS)


def empty_tables() -> dict[str, pa.Table]:
    """The four tables with no rows."""
    return {name: schema.empty_table() for name, schema in SCHEMAS.items()}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _said_on_text(day: _date | None, precision: str | None) -> str | None:
    """The contract's ``said_on`` string back from the date and its precision."""
    return from_first_day(day, precision)


def _cells(column: Column, data: dict[str, Any]) -> dict[str, Any]:
    """The Arrow cells of one column, from the record's ``to_dict`` form."""
    value: Any = data
    for step in column.path:
        value = value.get(step) if isinstance(value, dict) else None
    names = [name for name, _ in _arrow_fields(column)]
    tp = _plain(column.type)
    if tp is Mention:
        return {name: (value or {}).get(part) for name, part in zip(names, ("start", "end", "text"))}
    if _is_date(column.type):
        return {names[0]: first_day(value), names[1]: date_precision(value)}
    if names[0].startswith("n_") and isinstance(value, list):
        return {names[0]: len(value)}
    return {names[0]: value}


def _statement_row(index: int, doc: Document, q_index: int, q: Quotation) -> dict[str, Any]:
    data = q.to_dict()
    row = {"doc_index": index, "doc_id": doc.id, "quote_index": q_index,
           "start": q.start if q.spans else None, "end": q.end if q.spans else None}
    for column in QUOTE_COLUMNS:
        row.update(_cells(column, data))
    return row


def _entity_row(index: int, doc: Document, e_index: int, entity: Entity) -> dict[str, Any]:
    data = entity.to_dict()
    row = {"doc_index": index, "doc_id": doc.id, "entity_index": e_index}
    for column in ENTITY_COLUMNS:
        row.update(_cells(column, data))
    return row


def _struct(record: Any) -> dict[str, Any]:
    """A record as an Arrow struct cell: every field, null ones included."""
    return {name: getattr(record, name) for name, _ in fields_of(type(record))}


def _document_row(index: int, item: Article | Rejected | None, result: Document | Rejected) -> dict[str, Any]:
    article = item if isinstance(item, Article) else None
    source = result if isinstance(result, Document) else article
    row: dict[str, Any] = dict.fromkeys(SCHEMAS["documents"].names)
    row.update(doc_index=index, id=result.id, status="ok", origin=article.origin if article else None, warnings=[],
               schema_version=SCHEMA_VERSION)
    if source is not None:
        # a rejected article still shows what was read: its metadata, its text's digest and length
        row.update({name: getattr(source, name, None) for name in _DOCUMENT_SCALARS})
        row.update(text_sha256=_sha(source.text), n_chars=len(source.text))
    if isinstance(result, Rejected):
        row.update(status="rejected", **{name: getattr(result, name) for name in _FATE})
        return row
    row["text"] = result.text
    for name, item_type in _DOCUMENT_LISTS:
        values = getattr(result, name)
        if item_type in _COUNTED:
            row[_COUNTED[item_type]] = len(values)
        else:
            row[name] = [_struct(v) for v in values]
    return row


def to_tables(items: Iterable[Article | Rejected | None], results: Iterable[Document | Rejected]) -> dict[str, pa.Table]:
    """Arrow tables for ``results``; ``items`` are the inputs they came from (for origins), or ``None``."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for index, (item, result) in enumerate(zip(items, results, strict=True)):
        rows["documents"].append(_document_row(index, item, result))
        if not isinstance(result, Document):
            continue
        rows["statements"].extend(_statement_row(index, result, i, q) for i, q in enumerate(result.quotes))
        for e_index, entity in enumerate(result.entities):
            rows["entities"].append(_entity_row(index, result, e_index, entity))
            rows["mentions"].extend(
                {"doc_index": index, "doc_id": result.id, "entity_index": e_index, "mention_index": m_index,
                 "start": m.start, "end": m.end, "text": m.text}
                for m_index, m in enumerate(entity.mentions)
            )
    return {name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]) for name in TABLES}


def _record(columns_: list[Column], row: dict[str, Any]) -> dict[str, Any]:
    """The ``to_dict`` form of a record back from its Arrow row (a flattened record with no values is null)."""
    data: dict[str, Any] = {}
    for column in columns_:
        names = [name for name, _ in _arrow_fields(column)]
        tp = _plain(column.type)
        if tp is Mention:
            value = None if row[names[0]] is None else dict(zip(("start", "end", "text"), (row[n] for n in names)))
        elif _is_date(column.type):
            value = from_first_day(row[names[0]], row[names[1]])
        else:
            value = row.get(names[0])
        target = data
        for step in column.path[:-1]:
            target = target.setdefault(step, {})
        target[column.path[-1]] = value
    for name, value in list(data.items()):
        if isinstance(value, dict) and name not in row and all(v is None for v in value.values()):
            data[name] = None
    return data


def _quotation(row: dict[str, Any]) -> Quotation:
    data = _record(QUOTE_COLUMNS, row)
    data["signatories"], data["about"] = data["signatories"] or [], data["about"] or []
    return Quotation.from_dict(data)


def _grouped(table: pa.Table) -> dict[int, list[dict[str, Any]]]:
    groups: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in table.to_pylist():
        groups[row["doc_index"]].append(row)
    return groups


def from_tables(tables: dict[str, pa.Table]) -> Iterator[Document | Rejected]:
    """Rebuild the ``Document``/``Rejected`` records of one set of tables, in row order."""
    quotes, entities, mentions = (_grouped(tables[name]) for name in ("statements", "entities", "mentions"))
    for row in tables["documents"].to_pylist():
        if row["status"] != "ok":
            yield Rejected(row["id"], row["origin"] or "", row["code"], row["reason"])
            continue
        index = row["doc_index"]
        by_entity: dict[int, list[Mention]] = defaultdict(list)
        for m in sorted(mentions.get(index, []), key=lambda m: (m["entity_index"], m["mention_index"])):
            by_entity[m["entity_index"]].append(Mention(m["start"], m["end"], m["text"]))
        inline = {name: [item(**v) for v in row[name] or []] for name, item in _DOCUMENT_LISTS if item not in _COUNTED}
        yield Document(
            id=row["id"], text=row["text"], **{name: row[name] for name in _DOCUMENT_SCALARS}, **inline,
            quotes=[_quotation(q) for q in sorted(quotes.get(index, []), key=lambda q: q["quote_index"])],
            entities=[Entity.from_dict({**_record(ENTITY_COLUMNS, e), "mentions": by_entity[e["entity_index"]]})
                      for e in sorted(entities.get(index, []), key=lambda e: e["entity_index"])],
        )
