"""Downloads: statements, speakers and an article's quotes as CSV, JSON Lines or JSON.

Plain data in, text out, produced as the rows are read (nothing is held in
memory but one chunk), so an export of the whole collection streams. The
API's download links and ``quotegraph search --format csv|jsonl`` write the
same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Callable, Iterable, Iterator

__all__ = ["FORMATS", "MEDIA_TYPES", "STATEMENT_FIELDS", "SPEAKER_FIELDS", "QUOTE_FIELDS", "flat_statement",
           "flat_quote", "serialise"]

FORMATS = ("json", "jsonl", "csv")
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson", "json": "application/json"}
# the flat fields of one CSV row (lists joined with "; ")
STATEMENT_FIELDS = ("id", "date", "said_on", "first_seen", "speaker", "speaker_slug", "speaker_kind", "type", "kind",
                    "text", "cue", "channel", "confidence", "signatories", "source_count", "quote_count",
                    "article_id", "article_title", "outlet")
SPEAKER_FIELDS = ("slug", "name", "kind", "statement_count", "first_seen", "last_seen", "external_id")
QUOTE_FIELDS = ("ordinal", "type", "kind", "text", "speaker", "speaker_slug", "cue", "channel", "said_on",
                "confidence", "signatories", "about", "statement_id", "source_count")
_CHUNK = 64 * 1024


def _cue_text(cue: Any) -> Any:
    return cue.get("text") if isinstance(cue, dict) else cue


def flat_statement(item: dict[str, Any]) -> dict[str, Any]:
    """A statement (a ``StatementView`` in its ``to_dict`` form) as one CSV row of ``STATEMENT_FIELDS``."""
    speaker = item.get("speaker") or {}
    return {**{k: item.get(k) for k in STATEMENT_FIELDS},
            "speaker": speaker.get("name"), "speaker_slug": speaker.get("slug"), "speaker_kind": speaker.get("kind"),
            "cue": _cue_text(item.get("cue")), "signatories": "; ".join(item.get("signatories") or [])}


def flat_quote(q: dict[str, Any]) -> dict[str, Any]:
    """One quote of an article as one CSV row of ``QUOTE_FIELDS``."""
    speaker = q.get("speaker") or {}
    return {**{k: q.get(k) for k in QUOTE_FIELDS}, "speaker": speaker.get("entity") or speaker.get("name"),
            "speaker_slug": speaker.get("slug"), "cue": _cue_text(q.get("cue")),
            "signatories": "; ".join(q.get("signatories") or []), "about": "; ".join(q.get("about") or [])}


def _csv(rows: Iterable[dict[str, Any]], fields: tuple[str, ...]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
        if buffer.tell() > _CHUNK:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json(rows: Iterable[dict[str, Any]], lines: bool) -> Iterator[str]:
    if lines:
        for row in rows:
            yield json.dumps(row, ensure_ascii=False) + "\n"
        return
    yield "["
    for i, row in enumerate(rows):
        yield ("," if i else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


def serialise(rows: Iterable[dict[str, Any]], fmt: str, fields: tuple[str, ...],
              flat: Callable[[dict[str, Any]], dict[str, Any]] = dict) -> Iterator[str]:
    """Items as CSV (each flattened by ``flat`` to ``fields``), JSON Lines or one JSON array, chunk by chunk."""
    if fmt not in FORMATS:
        raise ValueError(f"not an export format: {fmt!r}")
    if fmt == "csv":
        return _csv((flat(r) for r in rows), fields)
    return _json(rows, lines=fmt == "jsonl")
