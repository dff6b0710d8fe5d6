"""Word lists the speaker resolvers use: first names with gender, titles, person nouns.

All are data files in ``pipeline/lexicons`` (see the header of each for where it comes from), read once.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["TITLES", "GROUP_WORDS", "clean_name", "first_name_gender", "title", "person_noun", "gender_of_word", "TITLE_BEFORE", "MARKUP"]


def _rows(name: str) -> list[list[str]]:
    text = resources.files("quotegraph.pipeline.lexicons").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def _first_names() -> dict[str, str]:
    return {name: sex for name, sex in _rows("first_names.tsv")}


@lru_cache(maxsize=None)
def _titles() -> dict[str, tuple[str | None, str | None]]:
    return {t: (None if g == "-" else g, None if r == "-" else r) for t, g, r in _rows("titles.tsv")}


@lru_cache(maxsize=None)
def _person_nouns() -> dict[str, str | None]:
    return {w: (None if g == "-" else g) for w, g in _rows("person_nouns.tsv")}


def first_name_gender(word: str) -> str | None:
    """``"m"``/``"f"`` for a first name most of whose bearers are of one sex, else None."""
    return _first_names().get(word.lower().strip("."))


def title(word: str) -> tuple[str | None, str | None] | None:
    """``(gender, role)`` for a title written before a name ("Mrs" -> ("f", None), "Gov." -> (None, "governor"))."""
    return _titles().get(word.lower().rstrip("."))


def person_noun(word: str) -> bool:
    """Is this (lowercase, singular or plural) common noun a word for a person ("lawyer", "the 56-year-old")?"""
    return _noun_base(word) is not None


def gender_of_word(word: str) -> str | None:
    """The gender a person noun or title itself gives ("actress" -> "f"), else None."""
    base = _noun_base(word)
    if base is not None:
        return _person_nouns()[base]
    t = title(word)
    return t[0] if t else None


def _noun_base(word: str) -> str | None:
    w = word.lower()
    w = re.sub(r"^(?:co-|vice-|deputy-|ex-)", "", w)
    if re.fullmatch(r"\d+-year-olds?", w):
        return "year-old"
    nouns = _person_nouns()
    for cand in (w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w,
                 w[:-3] + "man" if w.endswith("men") else w):
        if cand in nouns:
            return cand
    return None


_TITLE_WORDS = "|".join(sorted((re.escape(t) for t in
                                "mr mrs ms miss mx sir dame lord lady dr prof professor president sen senator rep "
                                "representative congressman congresswoman gov governor lt col gen general sgt capt "
                                "adm det insp rev judge justice mayor ambassador secretary minister chancellor premier "
                                "coach king queen prince princess pope sheikh rabbi father sister brother".split()),
                               key=len, reverse=True))
TITLE_BEFORE = re.compile(rf"\b({_TITLE_WORDS})\.?\s+$", re.I)


TITLES = frozenset(
    """mr mrs ms miss dr sir dame lord lady president sen senator rep representative gov governor
    secretary minister judge justice gen general lt col sgt capt adm rev prof professor mayor
    chancellor premier prince princess king queen pope sheikh rabbi father sister brother
    vice former the a an late""".split()
)
GROUP_WORDS = re.compile(r"\b(group|caucus|mps|coalition|campaign|alliance|movement|bloc|union|network|"
                         r"democrats|republicans|supporters|critics|members|activists|voters|lawmakers)\b", re.I)
_POSSESSIVE = re.compile(r"[’']s?$")
# Characters no name holds, only markup left in a text ('datetime="2016', '@user</tweet>').
MARKUP = re.compile(r"[=<>{}|\\]")
_QUOTE_EDGES = re.compile(r"^[\s“”\"]+|[\s“”\"]+$")
_LEADING_CLITIC = re.compile(r"^[’']s\s+")  # "Here’s Clinton": the recogniser ran the clitic into the name


def clean_name(text: str) -> str:
    """A canonical form of a name: no titles, no possessive, no quotation mark at either end or left
    unpaired inside ("Trump’s “", "“Red Neck Country Club", 'Robert C. "Bobby'), no clitic before it ("’s
    Clinton"), single spaces."""
    text = _LEADING_CLITIC.sub("", _QUOTE_EDGES.sub("", re.sub(r"\s+", " ", text)))
    for mark in ('"', "“", "”"):
        if text.count(mark) % 2 and not ("“" in text and "”" in text):
            text = text.replace(mark, "")
    words = text.strip(" ,.;:").split(" ")
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words.pop(0)
    name = " ".join(words)
    return _POSSESSIVE.sub("", name) if len(name) > 3 else name


