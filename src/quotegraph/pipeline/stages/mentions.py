"""Link every further mention to its entity: pronouns ("he", "his"),
first names and surnames inside quotations ("Ken is an outstanding
socialist"), and person descriptions ("the filmmaker"). Statements are not
changed here; this completes ``entities`` so that a reader sees every place a
person is referred to."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..base import stage
from ..work import Cluster, Work

__all__ = ["Mentions"]

_PRONOUNS = frozenset("he him his she her hers".split())
_PERSON_SUFFIX = re.compile(r"(?:maker|er|or|ist|ian|year-old|ant|ent)$")
_OFFICES = frozenset(
    """leader speaker minister chancellor governor mayor senator president chairman officer member voter
    supporter player reporter worker owner manager partner customer user lawyer director editor founder
    candidate nominee opponent rival government parent teacher doctor officer resident student""".split()
)
_WINDOW = 1500


@stage("mentions", requires=("text", "regions", "clauses", "clusters.name", "clusters.kind", "clusters.mentions"),
       proposes=("clusters.mentions",))
class Mentions:
    """Add pronoun, name and description mentions to entity clusters."""

    def __call__(self, work: Work) -> None:
        people = [c for c in work.clusters if c.kind == "person"]
        if not people:
            return
        taken = {(m.start, m.end) for c in work.clusters for m in c.mentions}
        anchors = sorted(((m.start, c) for c in people for m in c.mentions), key=lambda x: x[0])
        for clause in work.clauses:
            for t in clause.tokens:
                if t.region is not None or (t.start, t.end) in taken:
                    continue
                low = t.text.lower()
                if low in _PRONOUNS:
                    self._link(work, anchors, t.start, t.end, taken)
                elif t.pos == "NOUN" and t.i > 0 and clause.tokens[t.i - 1].text.lower() == "the" \
                        and _PERSON_SUFFIX.search(low) and low not in _OFFICES:
                    self._link(work, anchors, clause.tokens[t.i - 1].start, t.end, taken)
        self._names_in_quotes(work, people, taken)  # entities keeps each cluster's mentions in text order

    def _link(self, work: Work, anchors, start: int, end: int, taken) -> None:
        k = bisect_left(anchors, start, key=lambda x: x[0]) - 1
        if k >= 0 and anchors[k][0] > start - _WINDOW:
            work.propose("clusters.mentions", anchors[k][1], work.mention(start, end), by=self.name)
            taken.add((start, end))

    def _names_in_quotes(self, work: Work, people: list[Cluster], taken) -> None:
        words: dict[str, Cluster | None] = {}
        for c in people:
            parts = c.name.split()
            if len(parts) < 2:
                continue
            for w in (parts[0], parts[-1]):
                words[w] = None if words.get(w, c) is not c else c  # ambiguous names link to no one
        words = {w: c for w, c in words.items() if c is not None and len(w) > 2}
        if not words:
            return
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
        for r in work.regions:
            for span in r.spans:
                for m in pattern.finditer(work.text, span.start, span.end):
                    if (m.start(), m.end()) not in taken and not any(
                            x.start <= m.start() < x.end for c in work.clusters for x in c.mentions):
                        work.propose("clusters.mentions", words[m.group()], work.mention(m.start(), m.end()),
                                     by=self.name)
                        taken.add((m.start(), m.end()))
