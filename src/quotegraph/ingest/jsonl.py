"""JSONL input: one article a line (``id``, ``text``, optional ``date``,
``title``, ``url``, ``source``; other fields are ignored), plain or gzip.

The document text is the record's ``text`` exactly as given: no BOM removal,
no line-end or Unicode normalisation, so offsets in annotated JSONL corpora
stay valid. A bad line becomes a ``Rejected`` whose origin is ``path:lineno``
and the following lines are read as usual; blank lines are skipped. Lines are
read one at a time and never more than ``max_line_bytes`` of one line is held,
so neither a long file nor one huge line can exhaust memory.
"""

from __future__ import annotations

import json
import re
import zlib
from typing import Any, BinaryIO, Iterator, Mapping

from ..errors import InputError
from ..model import Article, Rejected, Warning
from .dates import read_date
from .decode import check_chars, decode_non_utf8, warn
from .ids import IdRegistry

__all__ = ["read_jsonl_stream", "record_to_article", "record_id", "OPTIONAL_FIELDS"]

OPTIONAL_FIELDS = ("date", "title", "url", "source")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_DRAIN = 1 << 20


def _lines(stream: BinaryIO, max_line_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """``(lineno, line)`` pairs; ``line`` is ``None`` for a line over the limit (drained, not kept)."""
    lineno = 0
    while True:
        line = stream.readline(max_line_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_line_bytes:
            while line and not line.endswith(b"\n"):
                line = stream.readline(_DRAIN)
            yield lineno, None
        else:
            yield lineno, line


def _decode_line(line: bytes, origin: str, first: bool) -> tuple[str, list[Warning]]:
    if first and line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]  # a BOM before the first record is not part of any text
    try:
        return line.decode("utf-8"), []
    except UnicodeDecodeError:
        return decode_non_utf8(line, origin)


def _load_object(line: str, origin: str) -> dict[str, Any]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError("E105", origin=origin, detail=f"{exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise InputError("E105", origin=origin, detail="nested too deeply") from None
    except ValueError as exc:  # e.g. an integer with too many digits
        raise InputError("E105", origin=origin, detail=str(exc)) from None
    if not isinstance(data, dict):
        raise InputError("E105", origin=origin, detail=f"expected an object, got {type(data).__name__}")
    return data


def record_id(data: Mapping[str, Any], origin: str) -> str:
    """The id of one input record: a string (an integer is taken as its digits).

    E106 when it is missing or blank, E107 when it is another type, E115 when
    it holds an unpaired surrogate (JSON allows ``"\\ud800"``; no output can
    write it). Every reader of records (JSONL files, batch and engine records)
    takes ids through here.
    """
    value = data.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InputError("E106", origin=origin, field="id")
    if not isinstance(value, str):
        raise InputError("E107", origin=origin, field="id", detail=f"expected a string, got {type(value).__name__}")
    _check_unicode(value, origin)
    return value


def _check_unicode(value: str, origin: str) -> None:
    # json allows "\ud800"; such a string cannot be written back as UTF-8
    bad = _SURROGATE.search(value)
    if bad:
        raise InputError("E115", origin=origin, offset=bad.start())


def _optional(data: dict[str, Any], name: str, origin: str) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError("E107", origin=origin, field=name, detail=f"expected a string or null, got {type(value).__name__}")
    _check_unicode(value, origin)
    return value or None


def _date(data: dict[str, Any], origin: str) -> tuple[str | None, list[Warning]]:
    """The record's publication date as ``YYYY-MM-DD`` (ISO, RFC 2822 or in words);
    an unreadable one is a W109 warning and no date, never a lost article."""
    value = _optional(data, "date", origin)
    if value is None:
        return None, []
    day, problem = read_date(value)
    if day is None:
        return None, [warn("W109", f"{value[:80]!r}: {problem}")]
    return day, []


def record_to_article(data: dict[str, Any], *, id: str, origin: str, max_chars: int) -> Article:
    """Validate one decoded JSONL record and build its ``Article`` (raises ``InputError``)."""
    if "text" not in data or data["text"] is None:
        raise InputError("E106", origin=origin, field="text")
    text = data["text"]
    if not isinstance(text, str):
        raise InputError("E107", origin=origin, field="text", detail=f"expected a string, got {type(text).__name__}")
    check_chars(text, max_chars, origin)
    _check_unicode(text, origin)
    if not text.strip():
        raise InputError("E111", origin=origin)
    title = _optional(data, "title", origin)
    meta = data.get("meta")
    if title is None and isinstance(meta, dict) and isinstance(meta.get("title"), str):
        title = meta["title"] or None  # annotated corpora keep the title under "meta"
    date, warnings = _date(data, origin)
    return Article(
        id=id,
        text=text,
        date=date,
        title=title,
        url=_optional(data, "url", origin),
        source=_optional(data, "source", origin),
        origin=origin,
        warnings=warnings,
    )


def read_jsonl_stream(
    stream: BinaryIO, *, origin: str, max_chars: int, max_line_bytes: int, ids: IdRegistry | None = None
) -> Iterator[Article | Rejected]:
    """One ``Article`` or ``Rejected`` per non-blank line of ``stream`` (bytes, plain or already gunzipped).

    A stream with no records at all is one ``Rejected`` (E101), so that an
    empty file is reported rather than silently contributing nothing.
    """
    ids = ids if ids is not None else IdRegistry()
    lines = _lines(stream, max_line_bytes)
    lineno, outputs = 0, 0
    while True:
        try:
            item = next(lines, None)
        except (OSError, EOFError, zlib.error) as exc:  # a corrupt or cut gzip stream
            where = f"{origin}:{lineno + 1}"
            yield Rejected(None, where, "E103", InputError("E103", origin=where, detail=f"unreadable from here on: {exc}").message)
            return
        if item is None:
            break
        lineno, line = item
        where = f"{origin}:{lineno}"
        if line is None:
            exc = InputError("E104", origin=where, size=f"a line over {max_line_bytes:,} bytes", limit=f"{max_line_bytes:,} bytes")
            outputs += 1
            yield Rejected(None, where, exc.code, exc.message)
        elif line.strip():
            outputs += 1
            yield _read_line(line, where, lineno == 1, max_chars, ids)
    if not outputs:
        yield Rejected(None, origin, "E101", InputError("E101", origin=origin).message)


def _read_line(line: bytes, where: str, first: bool, max_chars: int, ids: IdRegistry) -> Article | Rejected:
    found = None
    try:
        text, warnings = _decode_line(line, where, first)
        data = _load_object(text, where)
        found = record_id(data, where)
        article = record_to_article(data, id=found, origin=where, max_chars=max_chars)
        ids.claim(found, where)
    except InputError as exc:
        return Rejected(found, where, exc.code, exc.message)
    article.warnings.extend(warnings)
    return article
