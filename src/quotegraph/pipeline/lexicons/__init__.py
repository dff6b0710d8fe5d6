"""Lexicons as data files, read once."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["cues", "noun_cues", "channels", "lemma", "cue_forms", "org_nouns", "channel_nouns"]


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


_IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write", "thought": "think",
    "felt": "feel", "knew": "know", "known": "know", "saw": "see", "seen": "see", "found": "find",
    "sought": "seek", "understood": "understand", "spoke": "speak", "spoken": "speak", "meant": "mean",
    "came": "come", "is": "be", "are": "be", "was": "be", "were": "be", "been": "be", "am": "be",
    "'s": "be", "began": "begin", "held": "hold", "according": "accord", "quoted": "quote",
}
_EXTRA = ("accord", "quote", "come", "seem", "appear", "happen", "mean", "follow", "call", "ground")


def _forms(base: str) -> set[str]:
    out = {base, base + "s", base + "es", base + "ed", base + "d", base + "ing"}
    if base.endswith("e"):
        out |= {base[:-1] + "ing", base + "d"}
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        out |= {base[:-1] + "ies", base[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdglmnprt]$", base):
        out |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return out


@lru_cache(maxsize=None)
def _lemma_table() -> dict[str, str]:
    table: dict[str, str] = {}
    bases = [*cues(), *noun_cues(), *_EXTRA, *org_nouns(), *channel_nouns()]
    for base in bases:
        for form in _forms(base):
            table.setdefault(form, base)
    for base in bases:
        table[base] = base
    table.update(_IRREGULAR)
    return table


def lemma(lower: str) -> str:
    """The lemma of a (lowercase) word, as far as the lexicons need it; else the word."""
    return _lemma_table().get(lower, lower)


@lru_cache(maxsize=None)
def cue_forms() -> frozenset[str]:
    """Every lowercase word form that can be a reporting cue (for a cheap pre-filter)."""
    wanted = set(cues()) | set(noun_cues()) | {"accord"}
    return frozenset(form for form, base in _lemma_table().items() if base in wanted)


def _words(name: str) -> frozenset[str]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=None)
def org_nouns() -> frozenset[str]:
    """Common nouns that denote an organisation or a group."""
    return _words("org_nouns.txt")


@lru_cache(maxsize=None)
def channel_nouns() -> frozenset[str]:
    """Nouns for a statement that "it" can stand for."""
    return _words("channel_nouns.txt")
