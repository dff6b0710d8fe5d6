"""Whom a statement is about: the people and organisations its content names,
other than the speaker (pronouns inside the content are not resolved)."""

from __future__ import annotations

from bisect import bisect_left

from ..base import stage
from ..work import Work

__all__ = ["About"]


@stage("about", requires=("clusters.name", "clusters.mentions", "candidates.spans", "candidates.speaker_name",
                          "candidates.speaker_entity"),
       assigns=("candidates.about",))
class About:
    """Set ``about`` to the canonical names mentioned inside each statement."""

    def __call__(self, work: Work) -> None:
        index = sorted((m.start, k) for k, c in enumerate(work.clusters) for m in c.mentions)
        starts = [x[0] for x in index]
        for cand in work.candidates:
            first: dict[int, int] = {}
            for s in cand.spans:
                for start, k in index[bisect_left(starts, s.start) : bisect_left(starts, s.end)]:
                    first.setdefault(k, start)
            cand.about = [work.clusters[k].name for k, _ in sorted(first.items(), key=lambda x: x[1])
                          if k != cand.speaker_entity and work.clusters[k].name != cand.speaker_name]
