"""Lexicons as data files, read once."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable
from importlib import resources

__all__ = ["cues", "cue_kinds", "light_cues", "KINDS", "noun_cues", "channels", "any_channel", "lemma", "lemma_lookup", "verb_lemmas", "cue_forms", "inflections", "org_nouns",
           "channel_nouns", "light_cue_forms", "noun_cue_kinds", "document_nouns", "speech_nouns",
           "media_words"]

# What sort of statement a cue makes (``Quotation.kind``); "document" is a
# statement whose source is a poll, study, record or recording.
KINDS = ("speech", "writing", "belief", "perception", "intention", "document", "topic")


def _rows(name: str) -> list[list[str]]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def cues() -> dict[str, tuple[str, float]]:
    """Reporting-cue lemma -> (class, weight): ``cues.tsv``, then the verbs derived from the train
    split's statistics (``cues_derived.tsv``: speech verbs, weighted by how often they are cues)."""
    out = {row[0]: (row[1], float(row[2])) for row in _rows("cues.tsv")}
    for row in _rows("cues_derived.tsv"):
        out.setdefault(row[0], ("speech", round(float(row[3]), 2)))
    return out


@lru_cache(maxsize=None)
def cue_kinds() -> dict[str, tuple[str, str | None, str]]:
    """Reporting-cue lemma -> (kind with a content clause, kind with a bare noun-phrase object or None, kind with a
    "to" infinitive); see the header of ``cues.tsv``. A derived verb's bare object is a stance toward it, as
    with "supported the bill" ("expressed outrage over X", "bemoaned the delays"): belief."""
    out = {row[0]: (row[3], None if row[4] == "-" else row[4], row[5]) for row in _rows("cues.tsv")}
    for row in _rows("cues_derived.tsv"):
        out.setdefault(row[0], ("speech", "belief", "intention"))
    return out


@lru_cache(maxsize=None)
def light_cues() -> dict[tuple[str, str], float]:
    """(verb lemma, noun or particle) -> share of occurrences that are cues, for light-verb and phrasal
    cues derived from the train split ("draw criticism", "lash out", "make reference"): ``light_cues.tsv``."""
    return {(row[0], row[1]): float(row[4]) for row in _rows("light_cues.tsv")}


@lru_cache(maxsize=None)
def channels() -> list[tuple[re.Pattern[str], str]]:
    """(compiled pattern, channel name) pairs, in file order."""
    return [(re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), channel) for pattern, channel in _rows("channels.tsv")]


@lru_cache(maxsize=None)
def any_channel() -> re.Pattern[str]:
    """One pattern that matches wherever any of ``channels()`` does (a text it does not match holds no
    channel word, so the patterns need not be tried one by one)."""
    # named groups (a pattern's evidence "word") would clash once the patterns are joined
    return re.compile("|".join(f"(?:{re.sub(r'[(][?]P<[a-z]+>', '(?:', pattern.pattern)})" for pattern, _ in channels()),
                      re.IGNORECASE)


@lru_cache(maxsize=None)
def noun_cues() -> dict[str, float]:
    """Reporting-noun lemma -> weight."""
    return {row[0]: float(row[1]) for row in _rows("noun_cues.tsv")}


@lru_cache(maxsize=None)
def noun_cue_kinds() -> dict[str, str]:
    """Reporting-noun lemma -> the kind of statement it reports."""
    return {row[0]: row[2] for row in _rows("noun_cues.tsv")}


# Forms no inflection table gives: clitics and the preposition "according".
_SPECIAL = {"'s": "be", "’s": "be", "according": "accord"}
_EXTRA = ("accord", "quote", "come", "seem", "appear", "happen", "mean", "follow", "call", "ground", "be")


@lru_cache(maxsize=None)
def inflections(base: str) -> frozenset[str]:
    """Every inflected form of ``base`` as a verb and as a noun, from lemminflect's English tables
    (past forms stand in for a participle the tables omit)."""
    from lemminflect import getAllInflections

    out = {base}
    for upos in ("VERB", "NOUN"):
        table = getAllInflections(base, upos=upos)
        for forms in table.values():
            out.update(f.lower() for f in forms)
    return frozenset(out)


@lru_cache(maxsize=None)
def _lemma_table() -> dict[str, str]:
    """Word form -> lexicon lemma for every word the lexicons list, built once."""
    table: dict[str, str] = {}
    light = [w for pair in light_cues() for w in pair]
    bases = [*cues(), *noun_cues(), *_EXTRA, *org_nouns(), *channel_nouns(), *document_nouns(), *speech_nouns(), *light]
    for base in bases:
        for form in inflections(base):
            table.setdefault(form, base)
    for base in bases:
        table[base] = base
    table.update(_SPECIAL)
    return table


def lemma(lower: str, pos: str | None = None) -> str:
    """The lemma of a (lowercase) word, as far as the lexicons need it; else the word. Tagged as a
    verb, a form that is also a noun of the lexicons is the verb's ("warning that …" is "warn",
    not the noun "warning")."""
    if pos in ("VERB", "AUX"):
        base = _verb_table().get(lower)
        if base is not None:
            return base
    return _lemma_table().get(lower, lower)


def lemma_lookup() -> Callable[[str, str], str]:
    """``lemma`` as one bound look-up, ``lookup(lower, lower)``, for callers that lemmatise every token."""
    return _lemma_table().get


def verb_lemmas() -> dict[str, str]:
    """Word form -> verb lemma for the forms a verb tag reads otherwise than ``lemma`` does
    ("warning" -> "warn"), for callers that lemmatise every token."""
    return _verb_table()


@lru_cache(maxsize=None)
def _verb_table() -> dict[str, str]:
    """Word form -> verb lemma, for the forms whose lemma as a noun of the lexicons differs."""
    verbs = [*cues(), *(v for v, _ in light_cues()), *_EXTRA]
    table: dict[str, str] = {}
    for base in verbs:
        for form in inflections(base):
            table.setdefault(form, base)
    for base in verbs:
        table[base] = base
    nouns = _lemma_table()
    return {form: base for form, base in table.items() if nouns.get(form) != base}


@lru_cache(maxsize=None)
def cue_forms() -> frozenset[str]:
    """Every lowercase word form that can be a reporting cue (for a cheap pre-filter)."""
    wanted = set(cues()) | set(noun_cues()) | {"accord"}
    return frozenset(form for form, base in _lemma_table().items() if base in wanted)


@lru_cache(maxsize=None)
def light_cue_forms() -> dict[str, frozenset[str]]:
    """Word form of a light verb -> the word forms of its nouns or particles (for the parse gate)."""
    table = _lemma_table()
    nouns: dict[str, set[str]] = {}
    for verb, noun in light_cues():
        nouns.setdefault(verb, set()).update(f for f, b in table.items() if b == noun)
    return {form: frozenset(nouns[base]) for form, base in table.items() if base in nouns}


def _words(name: str) -> frozenset[str]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=None)
def org_nouns() -> frozenset[str]:
    """Common nouns that denote an organisation or a group."""
    return _words("org_nouns.txt")


@lru_cache(maxsize=None)
def media_words() -> frozenset[str]:
    """Words that make an addressee a news outlet ("told the paper", "told The Hollywood Reporter")."""
    return _words("channel_media.txt")


@lru_cache(maxsize=None)
def document_nouns() -> frozenset[str]:
    """Nouns for a source that is a document, recording or measurement ("the study found")."""
    return _words("document_nouns.txt")


@lru_cache(maxsize=None)
def speech_nouns() -> frozenset[str]:
    """Nouns for something said ("denied the allegations")."""
    return _words("speech_nouns.txt") | frozenset(noun_cues())


@lru_cache(maxsize=None)
def channel_nouns() -> frozenset[str]:
    """Nouns for a statement that "it" can stand for."""
    return _words("channel_nouns.txt")
