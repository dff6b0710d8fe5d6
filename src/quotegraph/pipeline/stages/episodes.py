"""Statements that belong together share what one of them says.

A quote that continues the same speaker's words in the next paragraph was made
the same way and on the same day ("In a series of tweets, Loach insisted …" /
"“…,” he said."); statements by one speaker through one channel in one
article are the same statement ("a statement defending Loach" / "In a
statement published on Monday …"), so they share its date.
"""

from __future__ import annotations

from ..base import stage
from ..work import Candidate, Work

__all__ = ["Episodes"]

_SHARED_CHANNELS = frozenset({"statement", "letter", "interview", "press conference", "speech", "op-ed"})


@stage("episodes",
       requires=("paragraphs", "candidates.type", "candidates.spans", "candidates.cue", "candidates.speaker_entity",
                 "candidates.channel", "candidates.channel_evidence", "candidates.said_on", "candidates.said_on_evidence"),
       proposes=("candidates.channel", "candidates.said_on"))
class Episodes:
    """Carry channel and date across statements of one episode (proposed to their owners)."""

    def __call__(self, work: Work) -> None:
        prev: Candidate | None = None
        for cand in work.candidates:
            if prev is not None and self._continues(work, prev, cand):
                if cand.channel is None:
                    work.propose("candidates.channel", cand, (prev.channel, prev.channel_evidence), by=self.name)
                if cand.cue is None and cand.said_on is None and cand.said_on_evidence is None:
                    work.propose("candidates.said_on", cand, (prev.said_on, prev.said_on_evidence), by=self.name)
            prev = cand
        self._same_statement(work)

    def _continues(self, work: Work, prev: Candidate, cand: Candidate) -> bool:
        """A quote goes on with the same speaker's words into the next paragraph; any statement of
        theirs in the same paragraph ("In a letter, Duvall said … He urged …") is part of the same
        account."""
        if cand.speaker_entity is None or cand.speaker_entity != prev.speaker_entity:
            return False
        gap = work.paragraph_of(cand.spans[0].start) - work.paragraph_of(prev.spans[-1].end)
        return gap <= 1 if cand.type == "direct" else gap == 0

    def _same_statement(self, work: Work) -> None:
        groups: dict[tuple[int, str], list[Candidate]] = {}
        for cand in work.candidates:
            if cand.speaker_entity is not None and cand.channel in _SHARED_CHANNELS:
                groups.setdefault((cand.speaker_entity, cand.channel), []).append(cand)
        for members in groups.values():
            dated = {c.said_on for c in members if c.said_on}
            if len(dated) != 1:
                continue
            src = next(c for c in members if c.said_on)
            for c in members:
                if c.said_on is None:
                    work.propose("candidates.said_on", c, (src.said_on, src.said_on_evidence), by=self.name)
