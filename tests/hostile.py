"""Hostile articles, generated (never downloaded), deterministic from a seed.

Any test suite can import this module (``tests/`` is on ``sys.path`` under
pytest) to get N hostile inputs:

* ``hostile_files(n, seed)`` yields ``HostileFile`` records: raw bytes, a
  file suffix (``.txt``, ``.html``, ``.jsonl``), and ``inputs``, the number of
  documents the file holds (one, or one per non-blank JSONL line), so that a
  caller can check that outputs == inputs;
* ``write_corpus(directory, n, seed)`` writes them to disk;
* ``hostile_texts(n, seed)`` yields ``(name, text)`` pairs for the text-level
  cases only, ``hostile_articles(n, seed)`` the same as ``Article`` records,
  for feeding the pipeline directly.

The cases: zero-width characters, right-to-left marks and overrides, a
megabyte of quote marks, a 500,000-character paragraph, thousands of unpaired
quote marks, deep quote nesting, astral and combining characters, mixed and
legacy encodings, UTF-16, BOM + CRLF, empty and whitespace-only files, binary
and control-heavy data, bad dated headers, truncated and boilerplate-only
HTML, script injection, huge tables, and JSONL with broken and hostile
records. ``max_size`` caps the large cases (default: their full size).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

__all__ = ["HostileFile", "KINDS", "TEXT_KINDS", "hostile_files", "hostile_texts", "hostile_articles", "write_corpus"]

WORDS = ("the minister said that the plan would fail and the group insisted it was right while "
         "critics called for an inquiry into the decision on Monday according to officials").split()
QUOTES = "\"“”‘’'«»„"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@dataclass(frozen=True)
class HostileFile:
    """One generated input file: ``name`` is unique within a run and carries the suffix."""

    name: str
    kind: str
    data: bytes
    inputs: int = 1

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix


def _sentence(rng: random.Random, words: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _article(rng: random.Random, paragraphs: int = 4) -> str:
    paras = []
    for _ in range(paragraphs):
        quote = _sentence(rng)
        paras.append(f"“{quote}” {rng.choice(['she', 'he', 'it'])} said. {_sentence(rng)}")
    return "\n\n".join(paras)


def _sprinkle(rng: random.Random, text: str, alphabet: str, rate: float) -> str:
    return "".join(ch + (rng.choice(alphabet) if rng.random() < rate else "") for ch in text)


# ---- text-level cases: (rng, max_size) -> text ------------------------------------------

def _zero_width(rng: random.Random, size: int) -> str:
    return _sprinkle(rng, _article(rng), ZERO_WIDTH, 0.2)


def _rtl(rng: random.Random, size: int) -> str:
    return _sprinkle(rng, _article(rng), BIDI, 0.1) + "\u202e“reversed quote” he said\u202c."


def _quote_flood(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(QUOTES) for _ in range(min(size, 1_000_000)))


def _long_paragraph(rng: random.Random, size: int) -> str:
    parts, total, limit = [], 0, min(size, 500_000)
    while total < limit:
        part = f"“{_sentence(rng)}” said the official. "
        parts.append(part)
        total += len(part)
    return "".join(parts)[:limit]


def _unpaired(rng: random.Random, size: int) -> str:
    count = min(5000, max(10, size // 50))
    return " ".join(rng.choice(["“", "”", '"', "‘"]) + _sentence(rng, 5) for _ in range(count))


def _nested(rng: random.Random, size: int) -> str:
    depth = min(2000, max(10, size // 100))
    return "He said " + "“she said ‘" * depth + "yes" + "’”" * depth + "."


def _astral(rng: random.Random, size: int) -> str:
    text = _article(rng)
    return _sprinkle(rng, text, "😀𝔘𝕟𝕚🇬🇧\u0301\u0308", 0.15)


def _html_in_text(rng: random.Random, size: int) -> str:
    return "“<script>alert(1)</script>” she said. <a href=\"javascript:alert(2)\">x</a> " + _article(rng, 2)


def _dated(rng: random.Random, size: int) -> str:
    day = rng.choice(["2021-08-16", "2021-13-45", "2021/08/16", "0000-00-00", "2021-02-29", "1999-12-31"])
    return rng.choice([" ", "", "\n  ", "\ufeff "]) + f"date {day} " + _article(rng, 2)


TEXT_KINDS: dict[str, Callable[[random.Random, int], str]] = {
    "zero_width": _zero_width,
    "rtl_marks": _rtl,
    "quote_flood": _quote_flood,
    "long_paragraph": _long_paragraph,
    "unpaired_quotes": _unpaired,
    "nested_quotes": _nested,
    "astral_combining": _astral,
    "markup_in_text": _html_in_text,
    "dated_header": _dated,
}


# ---- byte-level cases: (rng, max_size) -> (suffix, bytes, inputs) ---------------------------

def _mixed_encoding(rng: random.Random, size: int) -> tuple[str, bytes, int]:
    return ".txt", _article(rng).encode() + "\n\n“Café” said Zoë.".encode("cp1252") + _article(rng).encode(), 1


def _legacy(rng: random.Random, size: int) -> tuple[str, bytes, int]:
    text = _article(rng).replace("“", "\"").replace("”", "\"") + " Café, naïve, Zürich, résumé."
    return ".txt", text.encode(rng.choice(["cp1252", "latin-1", "iso-8859-15"])), 1


def _utf16(rng: random.Random, size: int) -> tuple[str, bytes, int]:
    return ".txt", _article(rng).encode(rng.choice(["utf-16", "utf-16-le", "utf-32"])), 1


def _bom_crlf(rng: random.Random, size: int) -> tuple[str, bytes, int]:
    return ".txt", b"\xef\xbb\xbf" + (" date 2021-08-16 " + _article(rng)).replace("\n", "\r\n").encode(), 1


def _empty(rng: random.Random, size: int) -> tuple[str, bytes, int]:
    return ".txt", rng.choice([b"", b"   \n\n\t ", b"\xef\xbb\xbf", b" date 2021-08-16 "]), 1


def _binary(rng: random.Random, size: int) -> tuple[str, bytes, int]:
    data = bytes(rng.randrange(256) for _ in range(min(size, 4096)))
    return rng.choice([".txt", ".html"]), data + b"\x00", 1


def _control_heavy(rng: random.Random, size: int) -> tuple[str, bytes, int]:
    return ".txt", bytes(rng.choice([1, 2, 3, 27, 65, 66, 32]) for _ in range(min(size, 2000))), 1


def _page(body: str, title: str = "News") -> str:
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>"


def _html_good(rng: random.Random, size: int) -> tuple[str, bytes, int]:
    body = "<article>" + "".join(f"<p>{p}</p>" for p in _article(rng, 5).split("\n\n")) + "</article>"
    body += "<script>document.write('<p>injected</p>')</script><a href='javascript:alert(1)'>x</a>"
    return ".html", _page(body).encode(), 1


def _html_truncated(rng: random.Random, size: int) -> tuple[str, bytes, int]:
    page = _html_good(rng, size)[1]
    return ".html", page[: rng.randrange(20, len(page) - 20)], 1


def _html_boilerplate(rng: random.Random, size: int) -> tuple[str, bytes, int]:
    return ".html", _page("<nav><a href='/'>Home</a> | <a href='/about'>About</a></nav><footer>© 2021</footer>").encode(), 1


def _html_table(rng: random.Random, size: int) -> tuple[str, bytes, int]:
    rows = max(10, min(size, 1_000_000) // 60)
    table = "".join(f"<tr><td>{i}</td><td>“{rng.choice(WORDS)}”</td><td>{i * 7}</td></tr>" for i in range(rows))
    return ".html", _page(f"<article><p>{_sentence(rng, 20)}</p><table>{table}</table></article>").encode(), 1


def _jsonl(rng: random.Random, size: int) -> tuple[str, bytes, int]:
    lines, tag = [], f"{rng.randrange(16 ** 8):08x}"  # ids unique across files, except the planted duplicate
    for i in range(rng.randrange(3, 9)):
        name = rng.choice(sorted(TEXT_KINDS))
        text = TEXT_KINDS[name](rng, min(size, 20_000))
        lines.append(json.dumps({"id": f"{tag}-{i}", "text": text, "date": rng.choice([None, "2021-08-16", "bad"])}))
    lines += ['{"id": "broken", "text": ', '[1, 2]', '{"text": "no id"}', f'{{"id": "{tag}-s", "text": "\\ud800 lone"}}',
              f'{{"id": "{tag}-t", "text": 7}}', json.dumps({"id": f"{tag}-0", "text": "duplicate id"})]
    rng.shuffle(lines)
    data = "\n".join(lines).encode() + b"\n\n"
    return ".jsonl", data, len(lines)


BYTE_KINDS: dict[str, Callable[[random.Random, int], tuple[str, bytes, int]]] = {
    "mixed_encoding": _mixed_encoding,
    "legacy_encoding": _legacy,
    "utf16_32": _utf16,
    "bom_crlf": _bom_crlf,
    "empty": _empty,
    "binary": _binary,
    "control_heavy": _control_heavy,
    "html_article": _html_good,
    "html_truncated": _html_truncated,
    "html_boilerplate": _html_boilerplate,
    "html_huge_table": _html_table,
    "jsonl_mixed": _jsonl,
}
KINDS = tuple(TEXT_KINDS) + tuple(BYTE_KINDS)
# The large cases are rarer so that thousands of files stay quick to process.
_WEIGHTS = {"quote_flood": 0.2, "long_paragraph": 0.2, "html_huge_table": 0.2}


def _kind_sequence(rng: random.Random, n: int) -> Iterator[str]:
    # Every kind appears once before any repeats, so even a small n covers them all.
    first = list(KINDS)
    rng.shuffle(first)
    weights = [_WEIGHTS.get(k, 1.0) for k in KINDS]
    for i in range(n):
        yield first[i] if i < len(first) else rng.choices(KINDS, weights)[0]


def hostile_files(n: int, seed: int = 0, *, max_size: int = 1_000_000) -> Iterator[HostileFile]:
    """``n`` hostile input files, the same for the same ``(n, seed, max_size)``."""
    rng = random.Random(seed)
    for i, kind in enumerate(_kind_sequence(rng, n)):
        if kind in TEXT_KINDS:
            suffix, data, inputs = ".txt", TEXT_KINDS[kind](rng, max_size).encode("utf-8", "surrogatepass"), 1
        else:
            suffix, data, inputs = BYTE_KINDS[kind](rng, max_size)
        yield HostileFile(f"h{i:05d}_{kind}{suffix}", kind, data, inputs)


def hostile_texts(n: int, seed: int = 0, *, max_size: int = 1_000_000) -> Iterator[tuple[str, str]]:
    """``n`` ``(name, text)`` pairs from the text-level cases only."""
    rng = random.Random(seed)
    kinds = sorted(TEXT_KINDS)
    for i in range(n):
        kind = kinds[i % len(kinds)] if i < len(kinds) else rng.choice(kinds)
        yield f"h{i:05d}_{kind}", TEXT_KINDS[kind](rng, max_size)


def hostile_articles(n: int, seed: int = 0, *, max_size: int = 1_000_000):
    """``n`` ``Article`` records built from ``hostile_texts`` (dated 2021-08-16)."""
    from quotegraph.model import Article

    for name, text in hostile_texts(n, seed, max_size=max_size):
        yield Article(id=name, text=text, date="2021-08-16", origin=f"<hostile:{name}>")


def write_corpus(directory: Path, n: int, seed: int = 0, *, max_size: int = 1_000_000) -> tuple[list[Path], int]:
    """Write ``n`` hostile files into ``directory``; returns the paths and the total number of inputs."""
    directory.mkdir(parents=True, exist_ok=True)
    paths, inputs = [], 0
    for item in hostile_files(n, seed, max_size=max_size):
        path = directory / item.name
        path.write_bytes(item.data)
        paths.append(path)
        inputs += item.inputs
    return paths, inputs
