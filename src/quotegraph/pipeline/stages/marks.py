"""Pair quotation marks over the whole document.

Handles straight and curly double quotes, ``''…''`` / ``````…''`` (NYT style),
doubled curly singles standing for a double (``“…’’``, as some wire copy has it),
guillemets, British single quotes (told apart from apostrophes), quotes within
quotes, and the multi-paragraph convention: a paragraph that opens a quote and
does not close it continues into the next paragraph when that one reopens it.
An opened quote that is never closed runs to the end of its paragraph and is
reported as a warning; it never stops the document.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ...model import Span
from ..base import stage
from ..work import QuoteRegion, Work

__all__ = ["QuoteMarks", "pair_double", "pair_single", "QUOTE_MARKS"]

# Every character that can open or close a quotation, in any style.
QUOTE_MARKS = "\"'`“”‘’«»„‚‹›「」『』〝〞〟＂"

# Glyphs read as opening / closing when the context does not decide: English
# “…”, German „…“ and »…«, French «…», Swedish ”…”, full-width and CJK marks.
_OPEN_DOUBLE = {"“", "«", "„", "``", "‘‘", "「", "『", "〝"}
_CLOSE_DOUBLE = {"”", "»", "''", "’’", "」", "』", "〞", "〟"}
_ALWAYS = {"「": "open", "『": "open", "」": "close", "』": "close", "〝": "open", "〞": "close", "〟": "close"}
_DOUBLE_MARK = re.compile(r"``|''|‘‘|’’|[\"＂“”«»„「」『』〝〞〟]")
_DOUBLED_SINGLES = ("‘‘", "’’")  # two curly singles that make one double mark
_SINGLE_MARK = re.compile(r"[‘’'‚‹›]")
_SINGLE_OPENERS = "‘'‚‹›"
_SINGLE_CLOSERS = "’'‘›‹"
_WORD = re.compile(r"\w+")
_OPENERS_BEFORE = set(" \t\n([{—–-/:") | {"\u00a0", "\u3000"}


def _double_direction(text: str, start: int, end: int, mark: str, is_open: bool) -> str:
    """'open' or 'close' for one double mark at ``text[start:end]``: the
    context decides (space before and a word after opens; a word before and
    space or punctuation after closes), else the glyph."""
    if mark in _ALWAYS:
        return _ALWAYS[mark]
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before in _OPENERS_BEFORE and not after.isspace() and after not in ",.;:!?":
        return "open"
    if not before.isspace() and before not in _OPENERS_BEFORE and (after.isspace() or not after.isalnum()):
        return "close"
    if mark in _OPEN_DOUBLE:
        return "open"
    if mark in _CLOSE_DOUBLE:
        return "close"
    return "close" if is_open else "open"


def pair_double(text: str, para: Span) -> tuple[list[tuple[int, int, int, int]], int | None, int]:
    """Pair double marks in one paragraph.

    Returns closed pairs as ``(open_start, content_start, content_end, close_end)``,
    the content start of a quote left open at the end of the paragraph (or None),
    and the number of stray marks ignored.
    """
    pairs, pending, stray = [], None, 0
    for m in _DOUBLE_MARK.finditer(text, para.start, para.end):
        direction = _double_direction(text, m.start(), m.end(), m.group(), pending is not None)
        if direction == "open":
            if pending is not None:
                stray += 1
            pending = (m.start(), m.end())
        elif pending is None:
            stray += 1
        else:
            pairs.append((pending[0], pending[1], m.start(), m.end()))
            pending = None
    return pairs, (pending[0] if pending else None), stray


def _single_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _OPENERS_BEFORE or before in "“\"") and after.isalpha()


def _single_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def pair_single(text: str, span: Span) -> list[tuple[int, int, int, int]]:
    """Pair British-style single quotes within ``span``, skipping apostrophes."""
    pairs, opened = [], None
    for m in _SINGLE_MARK.finditer(text, span.start, span.end):
        i, mark = m.start(), m.group()
        if text[i : i + 2] in _DOUBLED_SINGLES or text[i - 1 : i + 1] in _DOUBLED_SINGLES:
            continue  # half of a double mark
        if opened is None:
            if mark in _SINGLE_OPENERS and _single_open(text, i):
                opened = i
        elif mark in _SINGLE_CLOSERS and _single_close(text, i):
            if _possessive(text, i) and _later_close(text, i + 1, span.end):
                continue  # "voters’ anger": a plural possessive, and a better close follows
            pairs.append((opened, opened + 1, i, i + 1))
            opened = None
        elif mark == "‘" and _single_open(text, i):
            opened = i
    return pairs


def _possessive(text: str, i: int) -> bool:
    """’ after an s and before a lowercase word: "the voters’ anger"."""
    return text[i - 1 : i] == "s" and bool(re.match(r" [a-z]", text[i + 1 : i + 3]))


def _later_close(text: str, start: int, end: int) -> bool:
    """Is there another closing single quote before the sentence ends?"""
    for m in _SINGLE_MARK.finditer(text, start, end):
        if m.group() in _SINGLE_CLOSERS and _single_close(text, m.start()) and not _possessive(text, m.start()):
            return True
        if text[m.start() - 1 : m.start()] in ".!?" and m.group() not in "’'":
            return False
    return False


@stage("quote_marks", requires=("text", "paragraphs"), assigns=("regions",))
class QuoteMarks:
    """Find every quotation (pair of marks) in the document."""

    def __call__(self, work: Work) -> None:
        text = work.text
        regions: list[QuoteRegion] = []
        carry: QuoteRegion | None = None
        for k, para in enumerate(work.paragraphs):
            pairs, open_at, stray = pair_double(text, para)
            if stray:
                work.warn("W201", f"{stray} unpaired quotation mark(s) ignored in paragraph {k + 1}", para)
            pairs, carry = self._continue(work, k, para, pairs, open_at, carry, regions)
            for o, cs, ce, c in pairs:
                if ce > cs:  # an empty pair (“”) quotes nothing
                    regions.append(QuoteRegion([Span(cs, ce)], Span(o, c), "double"))
        regions.sort(key=lambda r: r.outer.start)
        work.regions = regions + self._singles(work, regions)
        work.regions.sort(key=lambda r: r.outer.start)
        for r in work.regions:
            r.words = sum(len(_WORD.findall(s.slice(text))) for s in r.spans)
        doubles = sorted((s.start, s.end, i) for i, r in enumerate(work.regions) if r.style == "double" for s in r.spans)
        starts = [d[0] for d in doubles]
        for r in work.regions:
            if r.style == "single":
                k = bisect_right(starts, r.outer.start) - 1
                if k >= 0 and doubles[k][0] <= r.outer.start and r.outer.end <= doubles[k][1]:
                    r.nested_in = doubles[k][2]

    def _continue(self, work, k, para, pairs, open_at, carry, regions):
        """Apply the multi-paragraph convention; returns (pairs, new carry)."""
        text = work.text
        if carry is not None:
            # This paragraph starts by reopening the carried quote.
            first = pairs[0] if pairs else None
            if first and first[0] == para.start:
                carry.spans.append(Span(first[1], first[2]))
                carry.outer = Span(carry.outer.start, first[3])
                carry.closed = True
                pairs = pairs[1:]
                carry = None
            elif first is None and open_at == para.start:
                carry.spans.append(Span(para.start + _mark_len(text, para.start), para.end))
                carry.outer = Span(carry.outer.start, para.end)
                return pairs, carry
            else:
                carry = None
        if open_at is not None:
            start = open_at + _mark_len(text, open_at)
            region = QuoteRegion([Span(start, para.end)], Span(open_at, para.end), "double", closed=False)
            nxt = work.paragraphs[k + 1] if k + 1 < len(work.paragraphs) else None
            if nxt is not None and _opens_with_double(text, nxt.start):
                carry = region
            else:
                work.warn("W200", f"quotation opened in paragraph {k + 1} is never closed; it runs to the end of the paragraph",
                          Span(open_at, para.end))
            regions.append(region)
        return pairs, carry

    def _singles(self, work: Work, doubles: list[QuoteRegion]) -> list[QuoteRegion]:
        out = []
        for para in work.paragraphs:
            for o, cs, ce, c in pair_single(work.text, para):
                if ce > cs:
                    out.append(QuoteRegion([Span(cs, ce)], Span(o, c), "single"))
        return out


def _mark_len(text: str, i: int) -> int:
    return 2 if text[i : i + 2] in ("``", "''", *_DOUBLED_SINGLES) else 1


def _opens_with_double(text: str, i: int) -> bool:
    return text[i : i + 1] in ("“", '"', "«", "„", "»", "”", "＂", "「", "『", "〝") or text[i : i + 2] in ("``", "''", "‘‘")
