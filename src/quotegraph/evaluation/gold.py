"""Gold readers: annotated corpora and quotegraph's own output, as ``GoldDoc``.

Two formats are accepted, detected per record:

* the PolNeAR JSONL format of ``corpora/README.md``: one record per content
  fragment, fragments of one attribution share ``meta.attribution_id``; one
  gold quotation is one ``(doc id, attribution_id)`` with all its spans;
* quotegraph's output (``Document.to_dict``), as JSONL or as one JSON document
  or list, so that hand-corrected output can serve as gold.

Gold is read strictly: a malformed record raises ``E400`` naming
``path:line``, because a silently shortened gold set would change every score.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..errors import EvaluationError
from ..model import QUOTE_TYPES, Article, Document, Rejected, Span

__all__ = ["GoldQuote", "GoldDoc", "read_gold", "read_documents", "gold_from_document", "gold_to_article"]


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One gold quotation: content spans, type, speaker and cue (spans into the text)."""

    spans: tuple[Span, ...]
    type: str
    speaker: Span | None = None
    speaker_text: str | None = None
    speaker_name: str | None = None
    cue: Span | None = None
    key: str = ""


@dataclass(slots=True)
class GoldDoc:
    """A gold document: its text (all offsets index it), date and quotations."""

    id: str
    text: str
    date: str | None = None
    source: str | None = None
    origin: str = "<memory>"
    quotes: list[GoldQuote] = field(default_factory=list)


def read_gold(path: str | Path, *, limit: int | None = None) -> list[GoldDoc]:
    """Read every gold document in ``path`` (PolNeAR JSONL or quotegraph JSON/JSONL)."""
    docs: list[GoldDoc] = []
    seen: set[str] = set()
    for origin, record in _records(Path(path)):
        if limit is not None and len(docs) >= limit:
            break
        doc = _gold_record(record, origin)
        if doc.id in seen:
            raise EvaluationError("E400", origin=origin, detail=f"duplicate document id '{doc.id}'")
        seen.add(doc.id)
        docs.append(doc)
    return docs


def read_documents(path: str | Path) -> Iterator[tuple[str, Document | Rejected]]:
    """Yield ``(origin, Document | Rejected)`` from quotegraph output (predictions)."""
    for origin, record in _records(Path(path)):
        if "text" not in record and {"code", "reason"} <= set(record):
            yield origin, Rejected.from_dict({"origin": origin, **record})
            continue
        try:
            yield origin, Document.from_dict(record)
        except (KeyError, TypeError, ValueError) as exc:
            raise EvaluationError("E400", origin=origin, detail=f"not a quotegraph document: {exc!r}") from exc


def gold_from_document(doc: Document) -> GoldDoc:
    """Use a quotegraph ``Document`` (e.g. hand-corrected output) as gold."""
    quotes = []
    for i, q in enumerate(doc.quotes):
        speaker = q.speaker
        mention = speaker.mention if speaker else None
        quotes.append(GoldQuote(
            spans=tuple(q.spans), type=q.type,
            speaker=mention.span if mention else None,
            speaker_text=mention.text if mention else None,
            speaker_name=speaker.name if speaker and speaker.name else None,
            cue=q.cue.span if q.cue else None, key=f"q{i}",
        ))
    return GoldDoc(doc.id, doc.text, doc.date, doc.source, quotes=quotes)


def gold_to_article(doc: GoldDoc) -> Article:
    """The article the pipeline sees for a gold document: its text and date."""
    return Article(id=doc.id, text=doc.text, date=doc.date, source=doc.source, origin=doc.origin)


def _records(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(path:line, record)``; a whole-file JSON document or list is accepted too."""
    try:
        raw = path.read_text(encoding="utf-8-sig")  # a BOM from Windows editors is not JSON
    except FileNotFoundError as exc:
        raise EvaluationError("E400", origin=str(path), detail="file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError("E400", origin=str(path), detail=f"cannot read: {exc}") from exc
    stripped = raw.lstrip()
    if stripped.startswith("["):
        yield from _whole_file(path, raw)
        return
    lines = raw.splitlines()
    first = next((ln for ln in lines if ln.strip()), "")
    if not _is_json(first) and _is_json(raw):
        yield from _whole_file(path, raw)  # one pretty-printed JSON document
        return
    for number, line in enumerate(lines, 1):
        if line.strip():
            yield f"{path}:{number}", _parse_object(line, f"{path}:{number}")


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def _whole_file(path: Path, raw: str) -> Iterator[tuple[str, dict[str, Any]]]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise EvaluationError("E400", origin=str(path), detail=f"invalid JSON ({exc})") from exc
    items = data if isinstance(data, list) else [data]
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise EvaluationError("E400", origin=f"{path}[{i}]", detail="record is not a JSON object")
        yield f"{path}[{i}]", item


def _parse_object(line: str, origin: str) -> dict[str, Any]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise EvaluationError("E400", origin=origin, detail=f"invalid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise EvaluationError("E400", origin=origin, detail="record is not a JSON object")
    return data


def _gold_record(record: dict[str, Any], origin: str) -> GoldDoc:
    for name in ("id", "text"):
        if not isinstance(record.get(name), str):
            raise EvaluationError("E400", origin=origin, detail=f"field '{name}' missing or not a string")
    quotes = record.get("quotes") or []
    if not isinstance(quotes, list):
        raise EvaluationError("E400", origin=origin, detail="field 'quotes' is not a list")
    try:
        if "schema_version" in record or any("spans" in q for q in quotes if isinstance(q, dict)):
            doc = gold_from_document(Document.from_dict(record))
        else:
            doc = _polnear(record, quotes)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise EvaluationError("E400", origin=origin, detail=f"malformed quote ({exc!r})") from exc
    doc.origin = origin
    _validate(doc, origin)
    return doc


def _polnear(record: dict[str, Any], quotes: list[dict[str, Any]]) -> GoldDoc:
    """Group PolNeAR fragments by attribution id into one gold quotation each."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for i, q in enumerate(quotes):
        key = str((q.get("meta") or {}).get("attribution_id") or f"#{i}")
        groups.setdefault(key, []).append(q)
    out = []
    for key, frags in groups.items():
        frags.sort(key=lambda q: int(q["start"]))
        meta = frags[0].get("meta") or {}
        qtype = meta.get("attribution_type") or _combined_type([str(q["type"]) for q in frags])
        speaker = next((q["speaker"] for q in frags if q.get("speaker")), None)
        cue = next((q["cue"] for q in frags if q.get("cue")), None)
        out.append(GoldQuote(
            spans=tuple(Span(int(q["start"]), int(q["end"])) for q in frags),
            type=str(qtype),
            speaker=Span.from_dict(speaker) if speaker else None,
            speaker_text=str(speaker["text"]) if speaker else None,
            speaker_name=next((str(q["speaker_name"]) for q in frags if q.get("speaker_name")), None),
            cue=Span.from_dict(cue) if cue else None,
            key=key,
        ))
    out.sort(key=lambda g: (g.spans[0].start, g.spans[-1].end))
    return GoldDoc(str(record["id"]), str(record["text"]), record.get("date"), record.get("source"), quotes=out)


def _combined_type(types: list[str]) -> str:
    distinct = set(types)
    return types[0] if len(distinct) == 1 else "mixed"


def _validate(doc: GoldDoc, origin: str) -> None:
    n = len(doc.text)
    for q in doc.quotes:
        if q.type not in QUOTE_TYPES:
            raise EvaluationError("E400", origin=origin, detail=f"quote {q.key}: unknown type '{q.type}'")
        if not q.spans:
            raise EvaluationError("E400", origin=origin, detail=f"quote {q.key}: no content span")
        for span in (*q.spans, q.speaker, q.cue):
            if span is not None and span.end > n:
                raise EvaluationError("E400", origin=origin, detail=f"quote {q.key}: span {span.start}-{span.end} beyond text length {n}")
