"""Lexicons as data files, read once."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["cues", "noun_cues", "channels"]


def _rows(name: str) -> list[list[str]]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def cues() -> dict[str, tuple[str, float]]:
    """Reporting-cue lemma -> (class, weight)."""
    return {lemma: (cls, float(weight)) for lemma, cls, weight in _rows("cues.tsv")}


@lru_cache(maxsize=None)
def channels() -> list[tuple[re.Pattern[str], str]]:
    """(compiled pattern, channel name) pairs, in file order."""
    return [(re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), channel) for pattern, channel in _rows("channels.tsv")]


@lru_cache(maxsize=None)
def noun_cues() -> dict[str, float]:
    """Reporting-noun lemma -> weight."""
    return {lemma: float(weight) for lemma, weight in _rows("noun_cues.tsv")}
