"""Link every further mention to its entity: pronouns ("he", "his"), first names and surnames inside
quotations ("Ken is an outstanding socialist"), and person descriptions ("the filmmaker"). Statements
are not changed here; this completes ``entities`` so that a reader sees every place a person is
referred to.

Pronouns come from the one pronoun resolver (the speakers stage links them as it goes); a description
joins the person the article introduced with that role or age, else the person named just before it in
the same sentence. Every look-up is a bisection, so the stage is linear in the article's length.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..base import stage
from ..resolvers import Context, Query
from ..resolvers.descriptions import person_description
from ..resolvers.lexicon import person_noun
from ..work import Cluster, Work

__all__ = ["Mentions"]

_PERSON_SUFFIX = re.compile(r"(?:maker|er|or|ist|ian|year-old|ant|ent)$")


class _Taken:
    """Character ranges already linked to an entity, for O(log n) overlap tests."""

    LONGEST = 300

    def __init__(self, work: Work) -> None:
        self.items = sorted((m.start, m.end) for c in work.clusters for m in c.mentions)

    def covers(self, offset: int) -> bool:
        k = bisect_right(self.items, (offset, float("inf"))) - 1
        while k >= 0 and self.items[k][0] > offset - self.LONGEST:
            if self.items[k][0] <= offset < self.items[k][1]:
                return True
            k -= 1
        return False

    def add(self, start: int, end: int) -> None:
        self.items.insert(bisect_left(self.items, (start, end)), (start, end))


@stage("mentions", requires=("text", "regions", "clauses", "coreference", "clusters.name", "clusters.kind",
                            "clusters.mentions"),
       proposes=("clusters.mentions",))
class Mentions:
    """Add pronoun, name and description mentions to entity clusters (applied by ``entities``)."""

    def __call__(self, work: Work) -> None:
        people = [c for c in work.clusters if c.kind == "person"]
        if not people:
            return
        taken = _Taken(work)
        for s, e, k in work.coreference:
            if not taken.covers(s):
                work.propose("clusters.mentions", work.clusters[k], work.mention(s, e), by=self.name)
                taken.add(s, e)
        self._descriptions(work, taken)
        self._names_in_quotes(work, people, taken)  # entities keeps each cluster's mentions in text order

    def _descriptions(self, work: Work, taken: _Taken) -> None:
        ctx = Context(work)
        for ci, clause in enumerate(work.clauses):
            for t in clause.tokens:
                low = t.text.lower()
                if t.region is not None or t.pos != "NOUN" or t.i == 0 or taken.covers(t.start):
                    continue
                det = clause.tokens[t.i - 1]
                if det.text.lower() != "the" or not (_PERSON_SUFFIX.search(low) or person_noun(t.lemma)):
                    continue
                r = person_description(ctx, Query(-1, work.mention(det.start, t.end), t, ci))
                k = r.entity if r is not None else _named_before(ctx, clause.span.start, det.start)
                if k is not None:
                    work.propose("clusters.mentions", work.clusters[k], work.mention(det.start, t.end), by=self.name)
                    taken.add(det.start, t.end)

    def _names_in_quotes(self, work: Work, people: list[Cluster], taken: _Taken) -> None:
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
        for r in work.regions:
            for span in r.spans:
                for m in re.finditer(r"\w+(?:-\w+)*", work.text[span.start:span.end]):
                    c = words.get(m.group())
                    s, e = span.start + m.start(), span.start + m.end()
                    if c is not None and not taken.covers(s):
                        work.propose("clusters.mentions", c, work.mention(s, e), by=self.name)
                        taken.add(s, e)


def _named_before(ctx: Context, lo: int, before: int) -> int | None:
    """The person named last before ``before`` in the same sentence."""
    for s, e, k in reversed(ctx.mentions_between(lo, before)):
        if ctx.clusters[k].kind == "person":
            return k
    return None
