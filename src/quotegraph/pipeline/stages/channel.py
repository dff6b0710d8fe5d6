"""How a statement was made (a tweet, a statement, an interview), when the
sentence framing it says so. The nearest channel word to the cue, outside the
reported content, wins."""

from __future__ import annotations

from ..base import stage
from ..lexicons import channels
from ..work import Candidate, Proposal, Work

__all__ = ["Channel", "find_channel"]


def find_channel(work: Work, cand: Candidate) -> tuple[str, int, int] | None:
    """(channel, start, end) of the channel word nearest the cue, or None."""
    if cand.clause is None:
        return None
    clause = work.clauses[cand.clause]
    text = work.text
    anchor = cand.cue.start if cand.cue else cand.spans[0].start
    best = None
    for pattern, channel in channels():
        for m in pattern.finditer(text, clause.span.start, clause.span.end):
            if any(s.start <= m.start() < s.end for s in cand.spans):
                continue
            dist = abs(m.start() - anchor)
            if best is None or dist < best[0]:
                best = (dist, channel, m.start(), m.end())
    return best[1:] if best else None


@stage("channel", requires=("text", "clauses", "candidates.spans", "candidates.cue", "candidates.clause"),
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
        for cand in work.candidates:
            hit = find_channel(work, cand)
            if hit:
                channel, s, e = hit
                cand.channel, cand.channel_evidence = channel, work.mention(s, e)
