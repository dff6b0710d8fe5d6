"""Co-signers of a joint statement or letter: "Signed by MPs including A, B
and C, it said: …", or "A, B and C said in a joint letter". Every statement
from the same speaker through the same channel shares the signatories."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..base import stage
from ..work import Candidate, Work

__all__ = ["Signatories"]

_SIGNED = re.compile(r"\b(?:co-?signed|signed|backed|endorsed|supported)\s+by\b", re.I)


@stage("signatories",
       requires=("text", "clauses", "clusters.name", "clusters.kind", "clusters.mentions", "candidates.spans",
                 "candidates.clause", "candidates.speaker_mention", "candidates.speaker_entity", "candidates.channel"),
       assigns=("candidates.signatories",))
class Signatories:
    """Find co-signers and share them across the statement's quotes."""

    def __call__(self, work: Work) -> None:
        people = _PeopleIndex(work)
        for cand in work.candidates:
            names = self._signed_by(work, people, cand) or self._joint_subjects(people, cand)
            if names:
                cand.signatories = names
        shared: dict[tuple[int, str], list[str]] = {}
        for c in work.candidates:
            if c.signatories and c.speaker_entity is not None and c.channel:
                shared.setdefault((c.speaker_entity, c.channel), c.signatories)
        for cand in work.candidates:
            if not cand.signatories and cand.speaker_entity is not None and cand.channel:
                cand.signatories = list(shared.get((cand.speaker_entity, cand.channel), []))

    def _signed_by(self, work: Work, people: "_PeopleIndex", cand: Candidate) -> list[str]:
        if cand.clause is None:
            return []
        span = work.clauses[cand.clause].span
        m = _SIGNED.search(work.text, span.start, span.end)
        if not m:
            return []
        stop = min([s.start for s in cand.spans if s.start > m.end()] + [span.end])
        if cand.speaker_mention is not None and cand.speaker_mention.start > m.end():
            stop = min(stop, cand.speaker_mention.start)
        return people.between(m.end(), stop)

    def _joint_subjects(self, people: "_PeopleIndex", cand: Candidate) -> list[str]:
        m = cand.speaker_mention
        if m is None or cand.channel not in ("statement", "letter") or not re.search(r",| and ", m.text):
            return []
        return people.between(m.start, m.end)


class _PeopleIndex:
    """Mentions of people sorted by start, so a range look-up is a bisection."""

    def __init__(self, work: Work) -> None:
        self.items = sorted((x.start, c.name) for c in work.clusters if c.kind == "person" for x in c.mentions)
        self.starts = [s for s, _ in self.items]

    def between(self, start: int, end: int) -> list[str]:
        """Canonical names of people mentioned in ``[start, end)``, in order of first mention."""
        out: list[str] = []
        for _, name in self.items[bisect_left(self.starts, start):bisect_left(self.starts, end)]:
            if name not in out:
                out.append(name)
        return out
