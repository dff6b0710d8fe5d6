"""One-to-one matching of predicted quotations to gold ones, as pure functions.

A quotation's content is the union of the characters of all its spans, so a
multi-paragraph quote is scored as one thing. Three criteria are reported side
by side because published systems each use a different one:

``overlap_0.3`` / ``overlap_0.8``
    the Gender Gap Tracker's criterion: |gold chars ∩ pred chars| / |gold chars|
    greater than the threshold.
``exact``
    the same characters after trimming quote marks, spaces and punctuation
    from both ends of every span.

Matching follows the Gender Gap Tracker: gold quotations are taken in text
order and each takes its best-scoring prediction not yet matched (ties go to
the earlier prediction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..model import Document, Span
from .gold import GoldDoc

__all__ = [
    "CRITERIA",
    "Item",
    "gold_items",
    "pred_items",
    "merge_spans",
    "trim_spans",
    "overlap",
    "criterion_score",
    "match",
    "speaker_correct",
    "cue_correct",
    "names_match",
]

CRITERIA: dict[str, float] = {"overlap_0.3": 0.3, "overlap_0.8": 0.8, "exact": 0.5}

# Characters trimmed from both ends of a span for the exact criterion.
_TRIM = set(" \t\r\n\u00a0\"'“”‘’«»‹›„‚`´.,;:!?…-–—")
_ARTICLES = frozenset(("the", "a", "an"))
_PRONOUNS = frozenset("he she it they we i you who which that this these those his her its their him them".split())


@dataclass(frozen=True, slots=True)
class Item:
    """A quotation reduced to what scoring needs (gold or predicted)."""

    spans: tuple[Span, ...]
    trimmed: tuple[Span, ...]
    type: str
    speaker: Span | None = None
    speaker_text: str | None = None
    speaker_name: str | None = None
    cue: Span | None = None

    @property
    def length(self) -> int:
        """Number of content characters (the union of the spans)."""
        return sum(len(s) for s in self.spans)

    @property
    def has_speaker(self) -> bool:
        return self.speaker is not None or bool(self.speaker_name)


def merge_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Sorted, non-overlapping spans covering the same characters; empty spans dropped."""
    out: list[Span] = []
    for span in sorted(s for s in spans if len(s)):
        if out and span.start <= out[-1].end:
            out[-1] = Span(out[-1].start, max(out[-1].end, span.end))
        else:
            out.append(span)
    return tuple(out)


def trim_spans(text: str, spans: Iterable[Span]) -> tuple[Span, ...]:
    """Each span without leading/trailing quote marks, spaces and punctuation."""
    out = []
    for span in spans:
        start, end = span.start, min(span.end, len(text))
        while start < end and text[start] in _TRIM:
            start += 1
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        out.append(Span(start, end))
    return merge_spans(out)


def overlap(a: Sequence[Span], b: Sequence[Span]) -> int:
    """Characters shared by two merged span lists."""
    return sum(x.overlap(y) for x in a for y in b)


def gold_items(doc: GoldDoc) -> list[Item]:
    """Scoring items for a gold document, in text order."""
    items = [
        Item(merge_spans(q.spans), trim_spans(doc.text, q.spans), q.type, q.speaker,
             q.speaker_text, q.speaker_name, q.cue)
        for q in doc.quotes
    ]
    return sorted(items, key=_order)


def pred_items(doc: Document) -> list[Item]:
    """Scoring items for a predicted document, in text order."""
    items = []
    for q in doc.quotes:
        mention = q.speaker.mention if q.speaker else None
        items.append(Item(
            merge_spans(q.spans), trim_spans(doc.text, q.spans), q.type,
            mention.span if mention else None, mention.text if mention else None,
            (q.speaker.name or None) if q.speaker else None,
            q.cue.span if q.cue else None,
        ))
    return sorted(items, key=_order)


def _order(item: Item) -> tuple[int, int]:
    return (item.spans[0].start, item.spans[-1].end) if item.spans else (-1, -1)


def criterion_score(criterion: str, gold: Item, pred: Item) -> float:
    """How well ``pred`` covers ``gold`` under ``criterion`` (0..1)."""
    if criterion == "exact":
        return 1.0 if gold.trimmed and gold.trimmed == pred.trimmed else 0.0
    if criterion not in CRITERIA:
        raise KeyError(f"unknown matching criterion '{criterion}' (known: {', '.join(CRITERIA)})")
    return overlap(gold.spans, pred.spans) / gold.length if gold.length else 0.0


def match(gold: Sequence[Item], pred: Sequence[Item], criterion: str) -> list[tuple[int, int]]:
    """One-to-one ``(gold index, pred index)`` pairs, gold in order taking its best free prediction."""
    threshold = CRITERIA[criterion]
    free = set(range(len(pred)))
    pairs = []
    for gi, g in enumerate(gold):
        best, best_score = None, threshold
        for pi in sorted(free):
            score = criterion_score(criterion, g, pred[pi])
            if score > best_score:
                best, best_score = pi, score
        if best is not None:
            free.discard(best)
            pairs.append((gi, best))
    return pairs


def speaker_correct(gold: Item, pred: Item) -> bool:
    """Right speaker: mentions overlap by >= 1 character, names match, or both have none."""
    if not gold.has_speaker:
        return not pred.has_speaker
    if not pred.has_speaker:
        return False
    if gold.speaker is not None and pred.speaker is not None and gold.speaker.overlap(pred.speaker) >= 1:
        return True
    if not pred.speaker_name:
        return False
    return any(names_match(text, pred.speaker_name) for text in (gold.speaker_name, gold.speaker_text) if text)


def cue_correct(gold: Item, pred: Item) -> bool:
    """Right cue: the cue spans overlap by >= 1 character, or both have none."""
    if gold.cue is None or pred.cue is None:
        return gold.cue is None and pred.cue is None
    return gold.cue.overlap(pred.cue) >= 1


def names_match(gold_text: str, name: str) -> bool:
    """Does a canonical ``name`` name the gold speaker phrase?

    The gold phrase is cut into parts at commas, parentheses and dashes (so
    appositions such as "Flynn, a top Trump surrogate," give "Flynn" and "a top
    Trump surrogate"). A part matches when its last word equals the name's
    last word and the words of one are all among the words of the other,
    ignoring case, articles and possessive 's: "Michael Flynn" matches "Retired Lt. Gen.
    Michael Flynn" and "Flynn", but "Trump" does not match either part above.
    Pronouns never match by name.
    """
    target = _words(name)
    if not target or target[-1] in _PRONOUNS:
        return False
    for part in re.split(r"[,()\[\]]|\s[-–—]\s|[–—]", gold_text):
        words = _words(part)
        if not words or words[-1] != target[-1] or words[-1] in _PRONOUNS:
            continue
        if set(words) <= set(target) or set(target) <= set(words):
            return True
    return False


def _words(text: str) -> list[str]:
    text = re.sub(r"['’]s\b", "", text.casefold())
    return [w for w in re.findall(r"[^\W_]+", text) if w not in _ARTICLES]
