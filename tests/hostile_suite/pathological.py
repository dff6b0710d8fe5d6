"""Pathological article texts, generated (never downloaded), for timing and hang checks.

``CASES`` maps a name to ``build(scale) -> str``; ``scale=1.0`` gives the full
size named in the case (about a megabyte for most). Shared by
``test_pathological.py`` and ``benchmarks/hostile_inputs.py``.
"""

from __future__ import annotations

import random
from typing import Callable

__all__ = ["CASES", "news_paragraph"]

_WORDS = ("the minister said that the plan would fail and the group insisted it was right while "
          "critics called for an inquiry into the decision on Monday according to officials").split()
_NAMES = ("Ana Ruiz", "Tom Reed", "the council", "a spokesman", "Sara Obi", "the union")


def news_paragraph(rng: random.Random) -> str:
    """One short news-like paragraph with a quotation and a reporting verb."""
    words = " ".join(rng.choice(_WORDS) for _ in range(rng.randrange(6, 16)))
    return f"“{words.capitalize()},” {rng.choice(_NAMES)} said on Monday. {rng.choice(_NAMES).capitalize()} agreed."


def _size(n: int, scale: float) -> int:
    return max(1, int(n * scale))


def quote_marks(scale: float) -> str:
    """A megabyte of quote marks of every kind, nothing else."""
    rng = random.Random(1)
    return "".join(rng.choice("\"“”‘’'«»„‚‹›「」") for _ in range(_size(1_000_000, scale)))


def long_paragraph(scale: float) -> str:
    """One 500,000-character paragraph of quoted sentences (no blank line anywhere)."""
    rng = random.Random(2)
    parts, total, limit = [], 0, _size(500_000, scale)
    while total < limit:
        part = news_paragraph(rng) + " "
        parts.append(part)
        total += len(part)
    return "".join(parts)[:limit]


def unpaired_quotes(scale: float) -> str:
    """100,000 opening quote marks that are never closed, each before a short phrase."""
    rng = random.Random(3)
    return " ".join(rng.choice("“\"‘«") + rng.choice(_WORDS) + " " + rng.choice(_WORDS)
                    for _ in range(_size(100_000, scale)))


def one_word_paragraphs(scale: float) -> str:
    """20,000 paragraphs of one word each."""
    rng = random.Random(4)
    return "\n\n".join(rng.choice(_WORDS) for _ in range(_size(20_000, scale)))


def table_text(scale: float) -> str:
    """A megabyte of table-like text: pipes, numbers, short quoted cells, one row a line."""
    rng = random.Random(5)
    rows, total, limit = [], 0, _size(1_000_000, scale)
    while total < limit:
        cells = (rng.randrange(10**6), f"“{rng.choice(_WORDS)}”", f"{rng.random():.4f}",
                 f"{rng.choice(_NAMES)} said")
        row = "| " + " | ".join(map(str, cells)) + " |\n"
        rows.append(row)
        total += len(row)
    return "".join(rows)[:limit]


def nested(scale: float) -> str:
    """Brackets and quotes nested 20,000 deep, inside a sentence with a reporting verb."""
    depth = _size(20_000, scale)
    return ("Tom Reed said " + "(“[‘{«" * depth + "yes" + "»}’]”)" * depth + " on Monday.")


def long_word(scale: float) -> str:
    """One 500,000-character word between two quotation marks."""
    return "“" + "a" * _size(500_000, scale) + "” she said."


def news_megabyte(scale: float) -> str:
    """A megabyte of ordinary news paragraphs (the baseline the others are compared with)."""
    rng = random.Random(6)
    parts, total, limit = [], 0, _size(1_000_000, scale)
    while total < limit:
        part = news_paragraph(rng)
        parts.append(part)
        total += len(part) + 2
    return "\n\n".join(parts)[:limit]


CASES: dict[str, Callable[[float], str]] = {
    "quote_marks_1mb": quote_marks,
    "long_paragraph_500k": long_paragraph,
    "unpaired_quotes_100k": unpaired_quotes,
    "one_word_paragraphs_20k": one_word_paragraphs,
    "table_text_1mb": table_text,
    "nested_20k": nested,
    "long_word_500k": long_word,
    "news_1mb": news_megabyte,
}
