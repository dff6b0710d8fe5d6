"""Paths to articles: files, directories and standard input, read lazily.

``read_paths`` is the one entry point. It yields one ``Article`` or
``Rejected`` per input document, in a deterministic order (arguments in the
order given; directories walked in sorted order, hidden entries skipped), and
never holds more than one document (or one JSONL line) at a time. The format
comes from the file name (``FORMATS``); files named otherwise, and standard
input (``-``), are sniffed from their first bytes.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
from pathlib import Path
from typing import BinaryIO, Iterator, Mapping, Sequence

from ..errors import InputError
from ..model import Article, Rejected
from ..settings import resolve
from .decode import read_limited
from .ids import IdRegistry
from .jsonl import read_jsonl_stream
from .textfile import read_text_bytes
from .warc import looks_like_warc, read_warc_file
from .webpage import looks_like_html, read_html_bytes

__all__ = ["FORMATS", "read_paths", "read_stream", "file_format", "sniff_format"]

FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".warc": "warc",
    ".warc.gz": "warc",
}
_BY_LENGTH = sorted(FORMATS, key=len, reverse=True)
_SNIFF = 4096
STDIN_ORIGIN = "<stdin>"

Item = Article | Rejected


def _suffix(path: Path) -> str | None:
    name = path.name.lower()
    return next((s for s in _BY_LENGTH if name.endswith(s) and len(name) > len(s)), None)


def file_format(path: Path) -> str | None:
    """``text``, ``jsonl``, ``html`` or ``warc`` from the file name, or ``None`` when it says nothing."""
    suffix = _suffix(path)
    return FORMATS[suffix] if suffix else None


def sniff_format(head: bytes) -> str:
    """``jsonl``, ``html``, ``warc`` or ``text`` from the first bytes of an input (gzip means JSONL)."""
    if looks_like_warc(head):
        return "warc"
    if head.startswith(b"\x1f\x8b"):
        return "jsonl"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return "jsonl"
    return "html" if looks_like_html(head) else "text"


def _limits(settings: Mapping | None) -> tuple[int, int]:
    # A partial mapping ({"max_chars": 5000}) is completed from the defaults.
    settings = resolve(**{k: v for k, v in (settings or {}).items() if k in ("max_chars", "max_file_bytes")})
    return int(settings["max_chars"]), int(settings["max_file_bytes"])


def read_paths(paths: Sequence[str | Path], *, settings: Mapping | None = None) -> Iterator[Item]:
    """Every article in ``paths`` (files, directories, ``-`` for stdin), lazily, as ``Article`` or ``Rejected``."""
    max_chars, max_bytes = _limits(settings)
    ids = IdRegistry()
    for raw in paths:
        if str(raw) == "-":
            yield from read_stream(sys.stdin.buffer, max_chars=max_chars, max_bytes=max_bytes, ids=ids)
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _read_directory(path, max_chars, max_bytes, ids)
        else:
            yield from _read_file(path, path, file_format(path), max_chars, max_bytes, ids)


def _read_directory(root: Path, max_chars: int, max_bytes: int, ids: IdRegistry) -> Iterator[Item]:
    found = 0
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        yield from (_walk_error(exc, root) for exc in _drain(errors))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            fmt = file_format(path)
            if fmt is None or name.startswith("."):
                continue
            found += 1
            yield from _read_file(path, root, fmt, max_chars, max_bytes, ids)
    yield from (_walk_error(exc, root) for exc in _drain(errors))
    if not found:
        known = ", ".join(FORMATS)
        exc = InputError("E110", origin=str(root), detail=f"no supported files in this directory ({known})")
        yield Rejected(None, str(root), exc.code, exc.message)


def _drain(errors: list[OSError]) -> list[OSError]:
    taken, errors[:] = list(errors), []
    return taken


def _walk_error(exc: OSError, root: Path) -> Rejected:
    # os.walk skips unreadable directories silently unless told; a skipped
    # directory is lost input, so it is reported like any other failure
    where = exc.filename or str(root)
    return _reject(InputError("E114", origin=str(where), detail=exc.strerror or str(exc)), None)


def _id_candidates(path: Path, root: Path) -> list[str]:
    suffix = _suffix(path) or path.suffix
    stem = path.name[: len(path.name) - len(suffix)] if suffix else path.name
    candidates = [stem]
    if root != path and root in path.parents:
        candidates.append(path.relative_to(root).as_posix()[: -len(suffix) or None])
    candidates.append(path.name)
    return candidates


def _read_file(path: Path, root: Path, fmt: str | None, max_chars: int, max_bytes: int, ids: IdRegistry) -> Iterator[Item]:
    origin = str(path)
    if fmt == "warc":
        yield from read_warc_file(path, max_chars=max_chars, max_bytes=max_bytes, ids=ids)
        return
    if fmt is None or fmt == "jsonl":
        try:
            with open(path, "rb") as handle:
                head = handle.read(_SNIFF)
        except FileNotFoundError:
            yield _reject(InputError("E100", origin=origin), _id_candidates(path, root)[0])
            return
        except OSError as exc:
            yield _reject(InputError("E114", origin=origin, detail=exc.strerror or str(exc)), None)
            return
        fmt = fmt or sniff_format(head)
        if fmt == "jsonl":
            yield from _read_jsonl_file(path, head, max_chars, max_bytes, ids)
            return
        if fmt == "warc":
            yield from read_warc_file(path, max_chars=max_chars, max_bytes=max_bytes, ids=ids)
            return
    article_id, warnings = ids.claim_file(_id_candidates(path, root), origin)
    try:
        data = read_limited(path, max_bytes, origin)
        reader = read_html_bytes if fmt == "html" else read_text_bytes
        article = reader(data, id=article_id, origin=origin, max_chars=max_chars)
    except InputError as exc:
        yield _reject(exc, article_id)
        return
    article.warnings[:0] = warnings
    yield article


def _read_jsonl_file(path: Path, head: bytes, max_chars: int, max_bytes: int, ids: IdRegistry) -> Iterator[Item]:
    origin = str(path)
    with open(path, "rb") as raw:
        stream: BinaryIO = gzip.GzipFile(fileobj=raw) if head.startswith(b"\x1f\x8b") else raw
        yield from read_jsonl_stream(stream, origin=origin, max_chars=max_chars, max_line_bytes=max_bytes, ids=ids)


def _reject(exc: InputError, article_id: str | None) -> Rejected:
    return Rejected(article_id, str(exc.fields.get("origin", "")), exc.code, exc.message)


class _Prefixed(io.RawIOBase):
    """A read-only stream that serves ``head`` and then the rest of ``stream``."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head, self._stream = head, stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n], self._head = self._head[:n], self._head[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def read_stream(stream: BinaryIO, *, max_chars: int, max_bytes: int, ids: IdRegistry | None = None,
                origin: str = STDIN_ORIGIN, id: str = "stdin") -> Iterator[Item]:
    """Articles from a byte stream of unknown format (standard input): JSONL (plain or gzip), HTML or text."""
    ids = ids if ids is not None else IdRegistry()
    head = stream.read(_SNIFF) or b""
    fmt = sniff_format(head)
    if fmt == "warc":
        exc = InputError("E110", origin=origin, detail="a WARC file on standard input; give its path instead")
        yield _reject(exc, None)
        return
    if fmt == "jsonl":
        whole: BinaryIO = io.BufferedReader(_Prefixed(head, stream))
        if head.startswith(b"\x1f\x8b"):
            whole = gzip.GzipFile(fileobj=whole)
        yield from read_jsonl_stream(whole, origin=origin, max_chars=max_chars, max_line_bytes=max_bytes, ids=ids)
        return
    article_id, _ = ids.claim_file([id], origin)
    try:
        data = head + (stream.read(max_bytes + 1 - len(head)) if len(head) <= max_bytes else b"")
        if len(data) > max_bytes:
            raise InputError("E104", origin=origin, size=f"more than {max_bytes:,} bytes", limit=f"{max_bytes:,} bytes")
        reader = read_html_bytes if fmt == "html" else read_text_bytes
        yield reader(data, id=article_id, origin=origin, max_chars=max_chars)
    except InputError as exc:
        yield _reject(exc, article_id)
