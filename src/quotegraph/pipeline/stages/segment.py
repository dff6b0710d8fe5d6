"""Paragraphs and sentences, by rule, in document offsets.

Paragraphs are blocks separated by blank lines (or single lines when the text
has no blank line at all). Sentences never cross a paragraph and never split
inside a quotation: a multi-sentence quote stays in the sentence that frames
it, which is what attribution needs ("…. …,” he said.").
"""

from __future__ import annotations

import re

from ...model import Span
from ..base import stage
from ..work import Work
from .marks import QUOTE_MARKS

__all__ = ["Paragraphs", "Sentences", "split_paragraphs", "sentence_boundaries", "MAX_SENTENCE_CHARS"]

# Longer sentences are cut for parsing: real news sentences are far shorter,
# and the attribution rules walk dependency subtrees (quadratic in length).
MAX_SENTENCE_CHARS = 2000
_BLANK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_LINE = re.compile(r"\n\s*")

# Abbreviations that end with a period but rarely end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr sen rep gov lt gen col sgt capt cmdr adm maj st jr sr prof rev hon gen
    u.s u.k u.n e.u a.m p.m no vs etc inc corp co ltd jan feb mar apr aug sept sep oct nov dec
    mt ft sen pres supt det insp cpl pvt fr messrs mme mlle d.c n.y l.a
    """.split()
)

_COUNTRY_ABBREVIATIONS = frozenset({"u.s", "u.k", "u.n", "e.u"})
_MARKS = re.escape(QUOTE_MARKS)
_BOUNDARY = re.compile(
    rf"""(?<=[.!?…])            # sentence-final punctuation
        [{_MARKS})\]]*           # closing quotes or brackets
        (?P<gap>\s+)            # whitespace
        (?=[{_MARKS}(\[]{{0,2}}[A-Z0-9])  # next sentence starts with a capital or digit ("''We", "(A")
    """,
    re.VERBOSE,
)


def split_paragraphs(text: str) -> list[Span]:
    """Non-empty paragraphs, stripped of surrounding whitespace."""
    sep = _BLANK if _BLANK.search(text) else _LINE
    spans, pos = [], 0
    for m in sep.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append(Span(start, end))
    return out


def _is_abbreviation(text: str, dot: int) -> bool:
    """True if the period at ``dot`` ends an abbreviation or an initial."""
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if len(word) == 1 and text[j].isupper():
        return True  # an initial: "John F. Kennedy"
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word) and word not in _COUNTRY_ABBREVIATIONS:
        return True  # dotted initials: "J.K. Rowling"
    if word == "no":
        return bool(re.match(r"\s*\d", text[dot + 1 : dot + 4]))  # "No. 10", not "No. He lost."
    return word in ABBREVIATIONS


def sentence_boundaries(text: str, start: int, end: int) -> list[int]:
    """Offsets where a new sentence starts within ``text[start:end]``."""
    out = []
    for m in _BOUNDARY.finditer(text, start, end):
        punct = m.start()
        while punct > start and (text[punct - 1] in QUOTE_MARKS or text[punct - 1] in ")]"):
            punct -= 1
        if text[punct - 1] == "." and _is_abbreviation(text, punct - 1):
            continue
        if text[punct - 1] in "?!" and punct < m.start("gap") and _attribution_follows(text, m.end("gap"), end):
            continue  # '"Is it over?" Smith asked.': the quote and its frame are one sentence
        out.append(m.end("gap"))
    return out


_FRAME = re.compile(r"[^.!?\n]{1,80}?[.!?,]")
_FRAME_WORDS = 8


def _attribution_follows(text: str, start: int, end: int) -> bool:
    """Is ``text[start:]`` a short attribution frame ("Smith asked.", "he said,", "asked Jane Roe.")?"""
    from ..lexicons import cue_forms

    m = _FRAME.match(text, start, end)
    if not m or any(ch in QUOTE_MARKS for ch in m.group()):
        return False
    words = re.findall(r"[A-Za-z’']+", m.group())
    return 0 < len(words) <= _FRAME_WORDS and any(w.lower() in cue_forms() for w in words)


@stage("paragraphs", requires=("text",), assigns=("paragraphs",))
class Paragraphs:
    """Split the text into paragraphs."""

    def __call__(self, work: Work) -> None:
        work.paragraphs = split_paragraphs(work.text)


@stage("sentences", requires=("text", "paragraphs", "regions"), assigns=("sentences",))
class Sentences:
    """Split paragraphs into sentences, never inside a quotation."""

    def __call__(self, work: Work) -> None:
        inside = _inside_quote(work)
        sentences = []
        for para in work.paragraphs:
            cuts = [b for b in sentence_boundaries(work.text, para.start, para.end) if not inside(b)]
            starts = [para.start, *cuts]
            ends = [*cuts, para.end]
            for s, e in zip(starts, ends):
                while e > s and work.text[e - 1].isspace():
                    e -= 1
                if e - s > MAX_SENTENCE_CHARS:
                    pieces = _hard_split(work.text, s, e)
                    work.warn("W202", f"a {e - s}-character sentence was cut into {len(pieces)} pieces "
                              f"of at most {MAX_SENTENCE_CHARS} characters for parsing", Span(s, e))
                    sentences.extend(pieces)
                elif e > s:
                    sentences.append(Span(s, e))
        work.sentences = sentences


def _hard_split(text: str, start: int, end: int) -> list[Span]:
    """Cut an over-long sentence at whitespace into pieces the parser handles in linear time."""
    out = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        out.append(Span(start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Span(start, end))
    return out


def _inside_quote(work: Work):
    """A predicate: is an offset strictly inside a quotation's marks?"""
    bounds = sorted((span.start, span.end) for r in work.regions if r.nested_in is None for span in r.spans)

    def inside(offset: int) -> bool:
        lo, hi = 0, len(bounds)
        while lo < hi:
            mid = (lo + hi) // 2
            if bounds[mid][0] < offset:
                lo = mid + 1
            else:
                hi = mid
        return lo > 0 and bounds[lo - 1][0] < offset < bounds[lo - 1][1]

    return inside
