"""Whom a statement is about: the people and organisations its content names,
other than the speaker (pronouns inside the content are not resolved)."""

from __future__ import annotations

from ..base import register
from ..work import Work

__all__ = ["About"]


@register("about")
class About:
    """Set ``about`` to the canonical names mentioned inside each statement."""

    name = "about"
    requires = ("candidates", "clusters", "candidates.speaker")
    assigns = ("candidates.about",)

    def __call__(self, work: Work) -> None:
        for cand in work.candidates:
            found = []
            for k, c in enumerate(work.clusters):
                if k == cand.speaker_entity or c.name == cand.speaker_name:
                    continue
                first = min((m.start for m in c.mentions for s in cand.spans if s.start <= m.start < s.end), default=None)
                if first is not None:
                    found.append((first, c.name))
            cand.about = [name for _, name in sorted(found)]
