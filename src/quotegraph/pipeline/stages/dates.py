"""When a statement was made: "on Saturday", "yesterday", "last month",
"on August 14", resolved against the article date at the precision the text
supports (a day ``YYYY-MM-DD``, a month ``YYYY-MM`` or a year ``YYYY``)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..base import stage
from ..work import Candidate, Proposal, Work

__all__ = ["Dates", "resolve_expression", "DATE_PATTERN"]

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
DATE_PATTERN = re.compile(
    r"\b(?:(?:on|last|this|earlier this|late on|early on)\s+)?"
    r"(?:(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?P<rel>yesterday|today|tonight|last week|this week|last month|this month|earlier this month|last year|this year)"
    rf"|(?P<md>{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)"
    rf"|(?P<dm>\d{{1,2}}(?:st|nd|rd|th)?\s+{_MON}(?:\s+\d{{4}})?)"
    rf"|in\s+(?P<month>{_MON})(?:\s+(?P<myear>\d{{4}}))?)\b",
    re.IGNORECASE,
)


def _month_index(word: str) -> int:
    w = word.lower().rstrip(".")[:3]
    return [m[:3] for m in MONTHS].index(w) + 1


def _shift_month(d: date, months: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + months
    return k // 12, k % 12 + 1


def resolve_expression(m: re.Match[str], article_date: date) -> str | None:
    """The date an expression refers to, relative to the article's date (reports look back)."""
    if m.group("weekday"):
        target = WEEKDAYS.index(m.group("weekday").lower())
        back = (article_date.weekday() - target) % 7
        return (article_date - timedelta(days=back)).isoformat()
    rel = (m.group("rel") or "").lower()
    if rel:
        if rel in ("today", "tonight"):
            return article_date.isoformat()
        if rel == "yesterday":
            return (article_date - timedelta(days=1)).isoformat()
        if rel in ("this month", "earlier this month"):
            return f"{article_date.year:04d}-{article_date.month:02d}"
        if rel == "last month":
            y, mo = _shift_month(article_date, -1)
            return f"{y:04d}-{mo:02d}"
        if rel == "last year":
            return f"{article_date.year - 1:04d}"
        if rel == "this year":
            return f"{article_date.year:04d}"
        return None  # "this week"/"last week": no single day
    phrase = m.group("md") or m.group("dm")
    if phrase:
        nums = [int(x) for x in re.findall(r"\d+", phrase)]
        month = _month_index(re.search(_MON, phrase, re.IGNORECASE).group())
        day = nums[0] if nums[0] <= 31 else None
        year = nums[1] if len(nums) > 1 else article_date.year
        if len(nums) == 1 and (month, day) > (article_date.month, article_date.day):
            year -= 1
        try:
            return date(year, month, day).isoformat() if day else None
        except ValueError:
            return None
    if m.group("month"):
        month = _month_index(m.group("month"))
        year = int(m.group("myear")) if m.group("myear") else article_date.year - (month > article_date.month)
        return f"{year:04d}-{month:02d}"
    return None


def _article_date(work: Work) -> date | None:
    try:
        return date.fromisoformat(work.date) if work.date else None
    except ValueError:
        return None


@stage("dates", requires=("text", "date", "clauses", "candidates.spans", "candidates.cue", "candidates.clause"),
       assigns=("candidates.said_on", "candidates.said_on_evidence"))
class Dates:
    """Set ``said_on`` from a time expression in the sentence framing the statement."""

    def accept(self, work: Work, proposal: Proposal) -> None:
        """``(said_on, evidence)`` from a statement this one belongs to: taken, with its evidence,
        only when this one has no date of its own."""
        cand = proposal.target
        if proposal.field != "candidates.said_on":
            raise ValueError(f"dates takes no proposals for '{proposal.field}'")
        if cand.said_on is None:
            cand.said_on, cand.said_on_evidence = proposal.value

    def __call__(self, work: Work) -> None:
        today = _article_date(work)
        for cand in work.candidates:
            if cand.clause is None:
                continue
            self._one(work, cand, today)

    def _one(self, work: Work, cand: Candidate, today: date | None) -> None:
        span = work.clauses[cand.clause].span
        anchor = cand.cue.start if cand.cue else cand.spans[0].start
        best = None
        for m in DATE_PATTERN.finditer(work.text, span.start, span.end):
            if any(s.start <= m.start() < s.end for s in cand.spans):
                continue
            dist = abs(m.start() - anchor)
            if best is None or dist < best[0]:
                best = (dist, m)
        if best is None:
            return
        m = best[1]
        cand.said_on_evidence = work.mention(m.start(), m.end())
        cand.said_on = resolve_expression(m, today) if today else None
