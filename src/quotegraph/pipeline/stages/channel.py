"""How a statement was made (a tweet, a statement, an interview), when the
sentence framing it says so. The nearest channel word to the cue, outside the
reported content, wins; failing that, the addressee of "told" says it: a news
outlet ("told The Hollywood Reporter", "told the paper") makes an interview,
"told reporters" a press conference, "told lawmakers" or "told the committee"
testimony, "told the jury" court."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..base import stage
from ..lexicons import any_channel, channels, media_words
from ..work import Candidate, Proposal, Work

__all__ = ["Channel", "find_channel", "channel_words", "addressee_channel"]

_TOLD = re.compile(r"(?:told|tells|tell|telling)[ \t]+")
_WORD = re.compile(r"[\w&'’.-]+")
_PRESS = frozenset(("reporters", "journalists", "press", "media"))
# Addressees that hear sworn or official accounts: "told lawmakers", "told the Senate panel".
_INQUIRY = frozenset(("lawmakers", "legislators", "congress", "congressmen", "senators", "committee", "subcommittee",
                      "panel", "inquiry", "investigators", "commission"))
_COURT = frozenset(("court", "jury", "jurors", "judge", "magistrate", "magistrates", "tribunal"))
_ARTICLES = frozenset(("the", "a", "an"))


def _addressee(text: str, start: int) -> tuple[list[str], int, int]:
    """The words of the noun phrase starting at ``start`` (an article, then capitalised words, or one
    or two lowercase ones) and its span."""
    words: list[str] = []
    pos, end, first = start, start, None
    for m in _WORD.finditer(text, start):
        if text[pos:m.start()].strip(" \t") or "\n" in text[pos:m.start()]:
            break  # punctuation or a line break ends the phrase
        w = m.group().rstrip(".")
        if not w:
            break
        if not words and w.lower() in _ARTICLES:
            words.append(w)
        elif w[:1].isupper() and (first is None or first):
            words.append(w)
            first = True
        elif first is None and len(words) <= 2 and w.isalpha():
            words.append(w)
            first = False
            if len(words) >= 2 and words[-2].lower() not in _ARTICLES:
                break
        else:
            break
        pos = end = m.start() + len(w)
        if len(words) >= 6:
            break
    return words, start, end


def find_channel(work: Work, cand: Candidate, words: list[tuple[int, int, str]] | None = None) -> tuple[str, int, int] | None:
    """(channel, start, end) of the channel word nearest the cue, or None. ``words`` are the
    clause's channel words as ``channel_words`` gives them, when the caller already has them."""
    if cand.clause is None:
        return None
    if words is None:
        words = channel_words(work, cand.clause)
    anchor = cand.cue.start if cand.cue else cand.spans[0].start
    best = None
    for start, end, channel in words:
        if any(s.start <= start < s.end for s in cand.spans):
            continue
        dist = abs(start - anchor)
        if best is None or dist < best[0]:
            best = (dist, channel, start, end)
    return best[1:] if best else None


def channel_words(work: Work, clause: int) -> list[tuple[int, int, str]]:
    """Every channel word of a clause, ``(start, end, channel)``, by lexicon row then position
    (the order in which the nearest one wins a tie)."""
    span = work.clauses[clause].span
    if any_channel().search(work.text, span.start, span.end) is None:  # most clauses name no channel
        return []
    return [(*_evidence(m), channel) for pattern, channel in channels()
            for m in pattern.finditer(work.text, span.start, span.end)]


def _evidence(m: re.Match[str]) -> tuple[int, int]:
    """The span a channel match names: its group ``word`` when the pattern has one ("in the new
    *paper*"), else the whole match."""
    return m.span("word") if "word" in m.re.groupindex else m.span()


def addressee_channel(work: Work, cand: Candidate) -> tuple[str, int, int] | None:
    """(channel, start, end) from the addressee of a "told" cue, or None."""
    if cand.cue is None:
        return None
    m = _TOLD.match(work.text, cand.cue.start)
    if m is None or any(s.start <= m.end() < s.end for s in cand.spans):
        return None
    raw, start, end = _addressee(work.text, m.end())
    words = [w.lower() for w in raw if w.lower() not in _ARTICLES]
    if not words or end <= start:
        return None
    if words[-1] in _PRESS:
        return "press conference", start, end
    if words[-1] in _INQUIRY:
        return "testimony", start, end
    if words[-1] in _COURT:
        return "court", start, end
    named = any(w[:1].isupper() for w in raw if w.lower() not in _ARTICLES)
    if words[-1] in media_words() or named and any(w in media_words() for w in words):
        return "interview", start, end
    return None


class _Contents:
    """The reported contents of a document, to ask whether a position lies inside one: a channel
    word there is part of what someone said ("defended the party, saying *the Twitter account* was
    linked …"), not how this or any other statement was made."""

    def __init__(self, candidates: list[Candidate]) -> None:
        merged: list[list[int]] = []
        said = (c for c in candidates if c.kind != "topic")  # what was spoken of is no one's words
        for start, end in sorted((s.start, s.end) for c in said for s in c.spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def holds(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


@stage("channel", requires=("text", "clauses", "candidates.spans", "candidates.cue", "candidates.clause", "candidates.kind"),
       assigns=("candidates.channel", "candidates.channel_evidence"))
class Channel:
    """Set ``channel`` and its evidence on every statement."""

    def accept(self, work: Work, proposal: Proposal) -> None:
        """``(channel, evidence)`` from a statement this one continues: taken only when it has no channel."""
        cand = proposal.target
        if proposal.field != "candidates.channel":
            raise ValueError(f"channel takes no proposals for '{proposal.field}'")
        if cand.channel is None:
            cand.channel, cand.channel_evidence = proposal.value

    def __call__(self, work: Work) -> None:
        words: dict[int, list[tuple[int, int, str]]] = {}  # clause -> its channel words, found once
        contents = _Contents(work.candidates)
        for cand in work.candidates:
            if cand.clause is not None and cand.clause not in words:
                words[cand.clause] = [w for w in channel_words(work, cand.clause) if not contents.holds(w[0])]
            hit = find_channel(work, cand, words.get(cand.clause)) or addressee_channel(work, cand)
            if hit:
                channel, s, e = hit
                cand.channel, cand.channel_evidence = channel, work.mention(s, e)
