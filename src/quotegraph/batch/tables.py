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
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date as _date
from typing import Any, Iterable, Iterator

from ..errors import import_optional
from ..model import SCHEMA_VERSION, Article, Document, Entity, Mention, Quotation, Rejected, Span, Speaker, Warning

pa = import_optional("pyarrow", extra="batch", feature="Parquet and Arrow output")

__all__ = ["SCHEMAS", "TABLES", "to_tables", "from_tables", "empty_tables"]

_STR, _INT, _I32 = pa.string(), pa.int64(), pa.int32()
_SPAN = pa.struct([("start", _INT), ("end", _INT)])
_WARNING = pa.struct([("code", _STR), ("message", _STR), ("start", _INT), ("end", _INT)])
# Mention-valued fields of a quotation, flattened into three columns each.
_MENTIONS = ("speaker_mention", "cue", "channel_evidence", "said_on_evidence")


def _mention_fields(name: str) -> list[tuple[str, pa.DataType]]:
    return [(f"{name}_start", _INT), (f"{name}_end", _INT), (f"{name}_text", _STR)]


SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_index", _I32), ("id", _STR), ("status", _STR), ("code", _STR), ("reason", _STR), ("origin", _STR),
        ("date", _STR), ("title", _STR), ("url", _STR), ("source", _STR),
        ("text", pa.large_string()), ("text_sha256", _STR), ("n_chars", _INT),
        ("n_quotes", _I32), ("n_entities", _I32), ("warnings", pa.list_(_WARNING)), ("schema_version", _I32),
    ]),
    "statements": pa.schema([
        ("doc_index", _I32), ("doc_id", _STR), ("quote_index", _I32), ("type", _STR), ("text", _STR),
        ("start", _INT), ("end", _INT), ("spans", pa.list_(_SPAN)),
        ("speaker_name", _STR), ("speaker_kind", _STR), *_mention_fields("speaker_mention"),
        ("speaker_rule", _STR), ("speaker_affiliation", _STR),
        *_mention_fields("cue"), ("channel", _STR), *_mention_fields("channel_evidence"),
        ("said_on", pa.date32()), ("said_on_precision", _STR), *_mention_fields("said_on_evidence"),
        ("signatories", pa.list_(_STR)), ("about", pa.list_(_STR)), ("confidence", pa.float64()),
        ("kind", _STR), ("rule", _STR),
    ]),
    "entities": pa.schema([
        ("doc_index", _I32), ("doc_id", _STR), ("entity_index", _I32), ("name", _STR), ("kind", _STR), ("n_mentions", _I32),
        ("affiliation", _STR),
    ]),
    "mentions": pa.schema([
        ("doc_index", _I32), ("doc_id", _STR), ("entity_index", _I32), ("mention_index", _I32),
        ("start", _INT), ("end", _INT), ("text", _STR),
    ]),
}
TABLES = tuple(SCHEMAS)


def empty_tables() -> dict[str, pa.Table]:
    """The four tables with no rows."""
    return {name: schema.empty_table() for name, schema in SCHEMAS.items()}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _said_on_date(value: str | None) -> _date | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` as a date (the first day of the month or year)."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return _date(parts[0], parts[1], parts[2])


def _said_on_text(day: _date | None, precision: str | None) -> str | None:
    """The contract's ``said_on`` string back from the date and its precision."""
    if day is None:
        return None
    return {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}"}.get(precision or "day", day.isoformat())


def _flat(prefix: str, mention: Mention | None) -> dict[str, Any]:
    if mention is None:
        return {f"{prefix}_start": None, f"{prefix}_end": None, f"{prefix}_text": None}
    return {f"{prefix}_start": mention.start, f"{prefix}_end": mention.end, f"{prefix}_text": mention.text}


def _statement_row(index: int, doc: Document, q_index: int, q: Quotation) -> dict[str, Any]:
    row = {
        "doc_index": index, "doc_id": doc.id, "quote_index": q_index, "type": q.type, "text": q.text,
        "start": q.start if q.spans else None, "end": q.end if q.spans else None,
        "spans": [s.to_dict() for s in q.spans],
        "speaker_name": q.speaker.name if q.speaker else None,
        "speaker_kind": q.speaker.kind if q.speaker else None,
        "speaker_rule": q.speaker.rule if q.speaker else None,
        "speaker_affiliation": q.speaker.affiliation if q.speaker else None,
        "channel": q.channel, "said_on": _said_on_date(q.said_on), "said_on_precision": q.said_on_precision,
        "signatories": list(q.signatories), "about": list(q.about), "confidence": float(q.confidence),
        "kind": q.kind, "rule": q.rule,
    }
    row.update(_flat("speaker_mention", q.speaker.mention if q.speaker else None))
    row.update(_flat("cue", q.cue))
    row.update(_flat("channel_evidence", q.channel_evidence))
    row.update(_flat("said_on_evidence", q.said_on_evidence))
    return row


def _document_row(index: int, item: Article | Rejected | None, result: Document | Rejected) -> dict[str, Any]:
    article = item if isinstance(item, Article) else None
    source = result if isinstance(result, Document) else article
    row: dict[str, Any] = {
        "doc_index": index, "id": result.id, "status": "ok", "code": None, "reason": None,
        "origin": article.origin if article else (result.origin if isinstance(result, Rejected) else None),
        "date": None, "title": None, "url": None, "source": None,
        "text": None, "text_sha256": None, "n_chars": None, "n_quotes": None, "n_entities": None,
        "warnings": [], "schema_version": SCHEMA_VERSION,
    }
    if source is not None:
        row.update(date=source.date, title=source.title, url=source.url, source=source.source,
                   text_sha256=_sha(source.text), n_chars=len(source.text))
    if isinstance(result, Rejected):
        row.update(status="rejected", code=result.code, reason=result.reason, origin=result.origin)
        return row
    row.update(text=result.text, n_quotes=len(result.quotes), n_entities=len(result.entities),
               warnings=[{"code": w.code, "message": w.message, "start": w.start, "end": w.end} for w in result.warnings])
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
            rows["entities"].append({"doc_index": index, "doc_id": result.id, "entity_index": e_index,
                                     "name": entity.name, "kind": entity.kind, "n_mentions": len(entity.mentions),
                                     "affiliation": entity.affiliation})
            rows["mentions"].extend(
                {"doc_index": index, "doc_id": result.id, "entity_index": e_index, "mention_index": m_index,
                 "start": m.start, "end": m.end, "text": m.text}
                for m_index, m in enumerate(entity.mentions)
            )
    return {name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]) for name in TABLES}


def _mention(row: dict[str, Any], prefix: str) -> Mention | None:
    if row[f"{prefix}_start"] is None:
        return None
    return Mention(row[f"{prefix}_start"], row[f"{prefix}_end"], row[f"{prefix}_text"])


def _quotation(row: dict[str, Any]) -> Quotation:
    speaker = None
    if row["speaker_name"] is not None:
        speaker = Speaker(row["speaker_name"], row["speaker_kind"], _mention(row, "speaker_mention"),
                          rule=row.get("speaker_rule"), affiliation=row.get("speaker_affiliation"))
    return Quotation(
        type=row["type"], spans=[Span(s["start"], s["end"]) for s in row["spans"]], text=row["text"],
        speaker=speaker, cue=_mention(row, "cue"), channel=row["channel"],
        channel_evidence=_mention(row, "channel_evidence"), said_on=_said_on_text(row["said_on"], row["said_on_precision"]),
        said_on_evidence=_mention(row, "said_on_evidence"), signatories=list(row["signatories"] or []),
        about=list(row["about"] or []), confidence=row["confidence"],
        kind=row.get("kind"), rule=row.get("rule"),
    )


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
        yield Document(
            id=row["id"], text=row["text"], date=row["date"], title=row["title"], url=row["url"], source=row["source"],
            quotes=[_quotation(q) for q in sorted(quotes.get(index, []), key=lambda q: q["quote_index"])],
            entities=[Entity(e["name"], e["kind"], by_entity[e["entity_index"]], affiliation=e.get("affiliation"))
                      for e in sorted(entities.get(index, []), key=lambda e: e["entity_index"])],
            warnings=[Warning(w["code"], w["message"], w["start"], w["end"]) for w in row["warnings"] or []],
        )
