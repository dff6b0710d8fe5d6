"""Bytes to text for file inputs, with every change recorded as a warning.

Files (dated text, plain text, HTML, standard input) are decoded here; JSONL
records are not (their ``text`` is used exactly as given). The rules:

* an empty file is E101; NUL bytes or many control bytes mean binary (E102),
  except UTF-16/32 text, which is recognised by its BOM or its NUL pattern;
* UTF-8 is tried first; a file that is mostly UTF-8 with a few stray legacy
  bytes (a common result of concatenating feeds) keeps its UTF-8 and decodes
  only the stray bytes as cp1252; anything else goes to charset-normalizer;
* a leading BOM is removed and CRLF / CR line ends become LF;
* the text itself is never Unicode-normalised (NFC etc.), so offsets stay
  offsets into the text as the file gave it, after the steps above.

Each step that changed something adds a ``Warning`` (codes in ``WARNINGS``).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from ..errors import WARNINGS as ALL_WARNINGS
from ..errors import InputError
from ..model import Warning

__all__ = ["WARNINGS", "read_limited", "decode_bytes", "decode_non_utf8", "check_chars", "warn"]

# The readers' warnings (W1xx); every code lives in ``quotegraph.errors``.
WARNINGS: dict[str, str] = {code: text for code, text in ALL_WARNINGS.items() if code.startswith("W1")}

_SAMPLE = 1 << 16
# Bytes that never occur in text: C0 controls other than TAB, LF, VT, FF, CR, and DEL
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13)) + b"\x7f"
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BINARY_RATIO = 0.05
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def warn(code: str, detail: str = "") -> Warning:
    """A reader warning with the standard text for ``code`` plus ``detail``."""
    message = WARNINGS[code] + (f" ({detail})" if detail else "")
    return Warning(code, message)


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    chunk = exc.object[exc.start : exc.end]
    return chunk.decode("cp1252", errors="replace"), exc.end


codecs.register_error("quotegraph-cp1252", _cp1252_fallback)


def read_limited(path: Path, limit: int, origin: str) -> bytes:
    """Read a whole file, refusing (E104) without reading it when it exceeds ``limit`` bytes."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        size = info.st_size
        if size > limit:
            raise InputError("E104", origin=origin, size=f"{size:,} bytes", limit=f"{limit:,} bytes")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)  # +1: a file that grew or a device reports size 0
    except FileNotFoundError:
        raise InputError("E100", origin=origin) from None
    except IsADirectoryError:
        raise InputError("E110", origin=origin, detail="is a directory") from None
    except OSError as exc:
        raise InputError("E114", origin=origin, detail=exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise InputError("E104", origin=origin, size=f"more than {limit:,} bytes", limit=f"{limit:,} bytes")
    return data


def check_chars(text: str, limit: int, origin: str) -> None:
    """E104 when ``text`` is longer than ``limit`` characters."""
    if len(text) > limit:
        raise InputError("E104", origin=origin, size=f"{len(text):,} characters", limit=f"{limit:,} characters")


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit at every other byte (ASCII text in UTF-16)."""
    even, odd = sample[0::2], sample[1::2]
    if len(sample) >= 4:
        if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.1 * len(even):
            return "utf-16-le"
        if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.1 * len(odd):
            return "utf-16-be"
    return None


def _check_binary(sample: bytes, origin: str) -> None:
    if b"\x00" in sample:
        raise InputError("E102", origin=origin, detail="contains NUL bytes")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > _BINARY_RATIO * len(sample):
        raise InputError("E102", origin=origin, detail=f"{controls} control bytes in the first {len(sample)}")


def decode_non_utf8(data: bytes, origin: str) -> tuple[str, list[Warning]]:
    """Not valid UTF-8: mixed UTF-8 + cp1252, or a legacy encoding found by charset-normalizer."""
    lossy = data.decode("utf-8", errors="surrogateescape")
    stray = sum(1 for ch in lossy if "\udc80" <= ch <= "\udcff")
    valid_multibyte = sum(1 for ch in lossy if ch > "\x7f" and not "\udc80" <= ch <= "\udcff")
    if valid_multibyte and valid_multibyte * 10 >= stray:
        text = data.decode("utf-8", errors="quotegraph-cp1252")
        return text, [warn("W104", f"{stray} stray bytes")]
    from charset_normalizer import from_bytes  # imported here: it is slow to import

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError("E103", origin=origin, detail="not UTF-8 and no other encoding fits")
    # On short Latin-script text the detector cannot tell cp1252 from cp1250,
    # cp1257 ... (all score the same); for English news cp1252 is far likelier.
    western = next((m for m in matches if m.encoding == "cp1252" and m.chaos <= best.chaos + 0.01), None)
    chosen = western or best
    return str(chosen), [warn("W102", chosen.encoding)]


def decode_bytes(data: bytes, origin: str) -> tuple[str, list[Warning]]:
    """Decode file bytes to text (see the module docstring); raises ``InputError``."""
    if not data:
        raise InputError("E101", origin=origin)
    warnings: list[Warning] = []
    bom = _bom(data)
    encoding = bom[0] if bom else _utf16_without_bom(data[:_SAMPLE])
    if encoding is not None:
        try:
            text = data[bom[1] if bom else 0 :].decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError("E103", origin=origin, detail=f"invalid {encoding}: {exc.reason}") from None
        if bom:
            warnings.append(warn("W101", encoding))
        if encoding != "utf-8":
            warnings.append(warn("W102", encoding))
        _check_control_chars(text, origin)
    else:
        _check_binary(data[:_SAMPLE], origin)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text, more = decode_non_utf8(data, origin)
            warnings.extend(more)
            _check_control_chars(text, origin)
    if text.startswith("\ufeff"):  # a second BOM, or one that survived a legacy decode
        text = text.lstrip("\ufeff")
        warnings.append(warn("W101", "U+FEFF"))
    if "\r" in text:
        crlf = text.count("\r\n")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        warnings.append(warn("W103", f"{crlf} CRLF"))
    if not text.strip():
        raise InputError("E111", origin=origin)
    return text, warnings


def _check_control_chars(text: str, origin: str) -> None:
    sample = text[:_SAMPLE]
    controls = len(_CONTROL_CHARS.findall(sample))
    if sample and controls > _BINARY_RATIO * len(sample):
        raise InputError("E102", origin=origin, detail=f"{controls} control characters in the first {len(sample)}")
