"""Co-signers of a joint statement or letter: "Signed by MPs including A, B
and C, it said: …", or "A, B and C said in a joint letter". Every statement
from the same speaker through the same channel shares the signatories."""

from __future__ import annotations

import re

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
        for cand in work.candidates:
            names = self._signed_by(work, cand) or self._joint_subjects(work, cand)
            if names:
                cand.signatories = names
        for cand in work.candidates:
            if cand.signatories or cand.speaker_entity is None or not cand.channel:
                continue
            for other in work.candidates:
                if (other.signatories and other.speaker_entity == cand.speaker_entity
                        and other.channel == cand.channel):
                    cand.signatories = list(other.signatories)
                    break

    def _signed_by(self, work: Work, cand: Candidate) -> list[str]:
        if cand.clause is None:
            return []
        span = work.clauses[cand.clause].span
        m = _SIGNED.search(work.text, span.start, span.end)
        if not m:
            return []
        stop = min([s.start for s in cand.spans if s.start > m.end()] + [span.end])
        if cand.speaker_mention is not None and cand.speaker_mention.start > m.end():
            stop = min(stop, cand.speaker_mention.start)
        return _people_between(work, m.end(), stop)

    def _joint_subjects(self, work: Work, cand: Candidate) -> list[str]:
        m = cand.speaker_mention
        if m is None or cand.channel not in ("statement", "letter") or not re.search(r",| and ", m.text):
            return []
        return _people_between(work, m.start, m.end)


def _people_between(work: Work, start: int, end: int) -> list[str]:
    """Canonical names of people mentioned in ``[start, end)``, in text order."""
    first: dict[str, int] = {}
    for c in work.clusters:
        hits = [x.start for x in c.mentions if start <= x.start < end]
        if c.kind == "person" and hits:
            first[c.name] = min(hits + [first.get(c.name, hits[0])])
    return sorted(first, key=first.__getitem__)
