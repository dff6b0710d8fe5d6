"""Checking a pre-extracted document record against the output contract.

``quotegraph ingest --documents`` stores records that some other program
may have written. Every field is checked here, before anything is written:
a record that breaks the contract is rejected as a whole with a coded
reason naming the document and the field (``quotes[3].about[0]``), so it
can never reach the store and stop a later merge.

Checked: types of every field, required fields, quote types and speaker
kinds from the contract, dates (``YYYY-MM-DD``; ``said_on`` also ``YYYY`` and
``YYYY-MM``), offsets inside the text with ``start <= end``, and bounds on
list lengths and name lengths so that one record cannot blow up the merge,
and strings that cannot be stored (unpaired surrogates). Whatever
``quotegraph extract`` can write passes: the check is the contract, not a
taste in names.
"""

from __future__ import annotations

import math
import re
from typing import Any

from ..errors import InputError
from ..model.dates import date_precision, is_day, is_partial_date
from ..model.document import QUOTE_TYPES, SCHEMA_VERSION, SPEAKER_KINDS

__all__ = ["MAX_QUOTES", "MAX_ENTITIES", "MAX_NAMES", "MAX_NAME_CHARS", "MAX_SPANS", "check_document"]

MAX_QUOTES = 5_000  # quotes in one document
MAX_ENTITIES = 5_000  # entities in one document
MAX_MENTIONS = 10_000  # mentions of one entity
MAX_SPANS = 200  # spans of one quote (one per paragraph)
MAX_NAMES = 200  # names in one `about` or `signatories` list
MAX_NAME_CHARS = 2_000  # one speaker, subject or entity name, a channel, a code
MAX_ID_CHARS = 10_000
MAX_WARNINGS = 1_000

# Any character the pipeline may meet in an article may end up in a name (NUL and
# control characters included: output escapes them); only what cannot be stored is refused.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class _Bad(Exception):
    def __init__(self, code: str, field: str, detail: str) -> None:
        super().__init__(detail)
        self.code, self.field, self.detail = code, field, detail


def _type_name(value: Any) -> str:
    return {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null",
            int: "number", float: "number"}.get(type(value), type(value).__name__)


def _need(data: dict, key: str, where: str) -> Any:
    if key not in data:
        raise _Bad("E106", f"{where}{key}", "missing")
    return data[key]


def _str(value: Any, field: str, *, optional: bool = False, limit: int | None = MAX_NAME_CHARS) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise _Bad("E107", field, f"expected {'a string or null' if optional else 'a string'}, got {_type_name(value)}")
    if limit is not None and len(value) > limit:
        raise _Bad("E107", field, f"longer than {limit} characters")
    bad = _SURROGATE.search(value)
    if bad:  # JSON allows "\ud800"; such a string cannot be stored as UTF-8
        raise _Bad("E107", field, f"contains an unpaired surrogate at {bad.start()}")
    return value


def _list(value: Any, field: str, limit: int, *, optional: bool = True) -> list:
    if value is None and optional:
        return []
    if not isinstance(value, list):
        raise _Bad("E107", field, f"expected a list, got {_type_name(value)}")
    if len(value) > limit:
        raise _Bad("E107", field, f"{len(value)} items; limit {limit}")
    return value


def _obj(value: Any, field: str) -> dict:
    if not isinstance(value, dict):
        raise _Bad("E107", field, f"expected an object, got {_type_name(value)}")
    return value


def _int(value: Any, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad("E107", field, f"expected a whole number, got {_type_name(value)}")
    return value


def _offsets(data: dict, where: str, n: int) -> tuple[int, int]:
    start = _int(_need(data, "start", where), f"{where}start")
    end = _int(_need(data, "end", where), f"{where}end")
    if not 0 <= start <= end <= n:
        raise _Bad("E107", f"{where}start", f"span [{start}, {end}) is not inside the text (0..{n})")
    return start, end


def _mention(value: Any, field: str, text: str, *, optional: bool = True) -> None:
    if value is None and optional:
        return
    data = _obj(value, field)
    start, end = _offsets(data, f"{field}.", len(text))
    mention = _str(_need(data, "text", f"{field}."), f"{field}.text", limit=None)
    if mention != text[start:end]:
        raise _Bad("E107", f"{field}.text", "does not equal the document text at its offsets")


def _date(value: Any, field: str, valid) -> None:
    if value is None:
        return
    _str(value, field, optional=True)
    if not valid(value):
        raise _Bad("E107", field, f"'{value[:40]}' is not a date")


def _names(value: Any, field: str) -> None:
    for i, name in enumerate(_list(value, field, MAX_NAMES)):
        _str(name, f"{field}[{i}]")


def _quote(q: Any, where: str, text: str) -> None:
    q = _obj(q, where.rstrip("."))
    kind = _str(_need(q, "type", where), f"{where}type")
    if kind not in QUOTE_TYPES:
        raise _Bad("E107", f"{where}type", f"'{kind[:40]}' is not one of {', '.join(QUOTE_TYPES)}")
    spans = _list(_need(q, "spans", where), f"{where}spans", MAX_SPANS, optional=False)
    if not spans:
        raise _Bad("E107", f"{where}spans", "a quote needs at least one span")
    for i, span in enumerate(spans):
        _offsets(_obj(span, f"{where}spans[{i}]"), f"{where}spans[{i}].", len(text))
    _str(q.get("text", ""), f"{where}text", limit=None)
    speaker = q.get("speaker")
    if speaker is not None:
        speaker = _obj(speaker, f"{where}speaker")
        _str(speaker.get("name"), f"{where}speaker.name", optional=True)
        sk = _str(speaker.get("kind"), f"{where}speaker.kind", optional=True)
        if sk is not None and sk not in SPEAKER_KINDS:
            raise _Bad("E107", f"{where}speaker.kind", f"'{sk[:40]}' is not one of {', '.join(SPEAKER_KINDS)}")
        _mention(speaker.get("mention"), f"{where}speaker.mention", text)
        for key in ("rule", "affiliation"):
            _str(speaker.get(key), f"{where}speaker.{key}", optional=True)
    for key in ("cue", "channel_evidence", "said_on_evidence"):
        _mention(q.get(key), f"{where}{key}", text)
    _str(q.get("channel"), f"{where}channel", optional=True)
    _str(q.get("kind"), f"{where}kind", optional=True)  # what sort of statement (speech, writing, ...)
    _str(q.get("rule"), f"{where}rule", optional=True)
    _date(q.get("said_on"), f"{where}said_on", is_partial_date)
    if "said_on_precision" in q:  # derived from said_on; written by quotegraph since schema 1 gained it
        precision = q["said_on_precision"]
        if precision != date_precision(q.get("said_on")):
            raise _Bad("E107", f"{where}said_on_precision",
                       f"{str(precision)[:40]!r} does not match said_on {str(q.get('said_on'))[:12]!r}")
    _names(q.get("signatories"), f"{where}signatories")
    _names(q.get("about"), f"{where}about")
    confidence = q.get("confidence", 0.5)
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not (
            math.isfinite(confidence) and 0 <= confidence <= 1):
        raise _Bad("E107", f"{where}confidence", "expected a number from 0 to 1")


def _check(data: Any) -> None:
    if not isinstance(data, dict):
        raise _Bad("E107", "(record)", f"expected a JSON object, got {_type_name(data)}")
    version = data.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION or isinstance(version, bool):
        raise _Bad("E107", "schema_version", f"expected {SCHEMA_VERSION}, got {str(version)[:20]}")
    doc_id = _str(_need(data, "id", ""), "id", limit=MAX_ID_CHARS)
    if not doc_id.strip():
        raise _Bad("E107", "id", "empty")
    text = _str(_need(data, "text", ""), "text", limit=None)
    _date(data.get("date"), "date", is_day)
    for key in ("title", "url", "source"):
        _str(data.get(key), key, optional=True, limit=10_000)
    for i, q in enumerate(_list(data.get("quotes"), "quotes", MAX_QUOTES)):
        _quote(q, f"quotes[{i}].", text)
    for i, e in enumerate(_list(data.get("entities"), "entities", MAX_ENTITIES)):
        e = _obj(e, f"entities[{i}]")
        _str(_need(e, "name", f"entities[{i}]."), f"entities[{i}].name")
        ek = _str(e.get("kind"), f"entities[{i}].kind", optional=True)
        if ek is not None and ek not in SPEAKER_KINDS:
            raise _Bad("E107", f"entities[{i}].kind", f"'{ek[:40]}' is not one of {', '.join(SPEAKER_KINDS)}")
        _str(e.get("affiliation"), f"entities[{i}].affiliation", optional=True)
        for j, m in enumerate(_list(e.get("mentions"), f"entities[{i}].mentions", MAX_MENTIONS)):
            _mention(m, f"entities[{i}].mentions[{j}]", text, optional=False)
    for i, w in enumerate(_list(data.get("warnings"), "warnings", MAX_WARNINGS)):
        w = _obj(w, f"warnings[{i}]")
        _str(_need(w, "code", f"warnings[{i}]."), f"warnings[{i}].code")
        _str(_need(w, "message", f"warnings[{i}]."), f"warnings[{i}].message", limit=10_000)
        if "start" in w or "end" in w:
            if w.get("start") is not None or w.get("end") is not None:
                _offsets(w, f"warnings[{i}].", len(text))


def check_document(data: Any, origin: str) -> None:
    """Raise a coded ``InputError`` (E106 missing, E107 wrong type or value) for a bad record.

    The message names ``origin``, the document id when there is one, and the field.
    """
    try:
        _check(data)
    except _Bad as bad:
        doc_id = data.get("id") if isinstance(data, dict) else None
        where = origin + (f" (document '{doc_id[:80]}')" if isinstance(doc_id, str) and doc_id else "")
        if bad.code == "E106":
            raise InputError("E106", origin=where, field=bad.field) from None
        raise InputError(bad.code, origin=where, field=bad.field, detail=bad.detail) from None
