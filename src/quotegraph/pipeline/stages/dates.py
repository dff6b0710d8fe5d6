"""When a statement was made: "on Saturday", "yesterday", "two days ago",
"last week", "earlier this month", "on the 14th", "on August 14", resolved
against the article date at the precision the text supports (a day
``YYYY-MM-DD``, a month ``YYYY-MM`` or a year ``YYYY``; the quotation's
``said_on_precision`` names which).

Reports look back: a weekday, a day of the month or a month-day without a
year is the latest one on or before the article date (so "Dec. 30" in an
article of 4 January is last year's). A time expression that points forward
("tomorrow", "next week") or belongs to a future-tense verb ("will testify
Thursday", "is due to speak on Friday") says when something will happen, not
when the statement was made, and is passed over.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..base import stage
from ..work import Candidate, Clause, Proposal, Work

__all__ = ["Dates", "resolve_expression", "is_future", "DATE_PATTERN", "FUTURE_PATTERN"]

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2}
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_COUNT = r"(?:\d{1,2}|a few|several|a couple of|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_PARTS = r"(?:\s+(?:morning|afternoon|evening|night))?"
DATE_PATTERN = re.compile(
    rf"\bon\s+the\s+(?P<ordinal>\d{{1,2}})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?{_MON}(?![a-z]))"
    r"(?!\s+(?:century|anniversary|time|floor|round|day|week|month|year|hole|minute|lap|ballot|attempt|try|amendment))"
    r"|\b(?:(?:on|last|this|earlier this|late on|early on)\s+)?"
    rf"(?:(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday){_PARTS}"
    rf"|(?P<ago>{_COUNT})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago"
    r"|(?P<rel>the day before yesterday|yesterday|today|tonight|last night|this morning|this afternoon|this evening"
    r"|earlier today|last weekend|last week|this week|earlier this week|last month|this month|earlier this month"
    r"|last year|this year|earlier this year)"
    rf"|(?P<md>{_MON}\s+{_DAY}(?:,?\s+\d{{4}})?)"
    rf"|(?P<dm>(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON}(?:\s+\d{{4}})?)"
    rf"|in\s+(?P<month>{_MON})(?:\s+(?P<myear>\d{{4}}))?"
    r"|in\s+(?P<year>(?:19|20)\d\d)(?![\d-]|\s*(?:%|percent|per\s+cent)))\b",
    re.IGNORECASE,
)
# Expressions that can only point forward: never when a reported statement was made.
FUTURE_PATTERN = re.compile(
    r"\b(?:tomorrow|next\s+(?:week|month|year|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|this\s+coming\s+\w+|later\s+this\s+(?:week|month|year)|(?:in|within)\s+" + _COUNT + r"\s+(?:days?|weeks?|months?|years?)(?!\s+ago))\b",
    re.IGNORECASE,
)
# A verb that is future (or future-in-the-past): "will testify", "'ll speak",
# "would resign", "is due to appear", "is expected to vote", "plans to".
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would", "’ll"})
_FUTURE_LEADS = frozenset({"due", "expected", "set", "scheduled", "slated", "going", "plan", "plans", "planned",
                           "planning", "intend", "intends", "intended", "poised"})
_FORWARD = re.compile(r"\b(?:next|coming|following|until|till)\s+$", re.IGNORECASE)
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|shall|would|won['’]t|wouldn['’]t)\s+(?:not\s+|also\s+|then\s+|now\s+)?(?:be\s+)?\w+(?:\s+\w+){0,3}\s*$"
    r"|(?:['’]ll|\bdue\s+to|\bexpected\s+to|\bset\s+to|\bscheduled\s+to|\bgoing\s+to|\bplans?\s+to)\s+\w+(?:\s+\w+){0,3}\s*$",
    re.IGNORECASE,
)


def _month_index(word: str) -> int:
    w = word.lower().rstrip(".")[:3]
    return [m[:3] for m in MONTHS].index(w) + 1


def _shift_month(d: date, months: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + months
    return k // 12, k % 12 + 1


def _month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _week_month(first: date, last: date) -> str | None:
    """The month of a span of days when they all fall in one month."""
    return _month(first.year, first.month) if (first.year, first.month) == (last.year, last.month) else None


def _count(word: str) -> int | None:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def _relative(rel: str, today: date) -> str | None:
    rel = " ".join(rel.lower().split())
    monday = today - timedelta(days=today.weekday())
    if rel in ("today", "tonight", "this morning", "this afternoon", "this evening", "earlier today"):
        return today.isoformat()
    if rel in ("yesterday", "last night"):
        return (today - timedelta(days=1)).isoformat()
    if rel == "the day before yesterday":
        return (today - timedelta(days=2)).isoformat()
    if rel in ("this week", "earlier this week"):
        return _week_month(monday, today)  # the days so far this week
    if rel == "last week":
        return _week_month(monday - timedelta(days=7), monday - timedelta(days=1))
    if rel == "last weekend":
        saturday = monday - timedelta(days=2)
        return _week_month(saturday, saturday + timedelta(days=1))
    if rel in ("this month", "earlier this month"):
        return _month(today.year, today.month)
    if rel == "last month":
        return _month(*_shift_month(today, -1))
    if rel == "last year":
        return f"{today.year - 1:04d}"
    if rel in ("this year", "earlier this year"):
        return f"{today.year:04d}"
    return None


def _ago(n: int | None, unit: str, today: date) -> str | None:
    if n is None:
        return None  # "a few days ago": no single day
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return (today - timedelta(days=n)).isoformat()
    if unit == "week":
        return (today - timedelta(weeks=n)).isoformat()
    if unit == "month":
        return _month(*_shift_month(today, -n))
    return f"{today.year - n:04d}"


def _ordinal(day: int, today: date) -> str | None:
    """"on the 14th": the latest 14th on or before the article date."""
    y, m = today.year, today.month
    if day > today.day:
        y, m = _shift_month(today, -1)
    try:
        return date(y, m, day).isoformat()
    except ValueError:  # "the 31st" after a 30-day month: not a date
        return None


def _month_day(phrase: str, today: date) -> str | None:
    nums = [int(x) for x in re.findall(r"\d+", phrase)]
    month = _month_index(re.search(_MON, phrase, re.IGNORECASE).group())
    day = nums[0] if nums[0] <= 31 else None
    if day is None:
        return None
    year = nums[1] if len(nums) > 1 else today.year
    if len(nums) == 1 and (month, day) > (today.month, today.day):
        year -= 1  # no year given: the latest such day on or before the article date
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def resolve_expression(m: re.Match[str], article_date: date) -> str | None:
    """The date an expression refers to, relative to the article's date (reports look back)."""
    if m.group("weekday"):
        target = WEEKDAYS.index(m.group("weekday").lower())
        back = (article_date.weekday() - target) % 7
        return (article_date - timedelta(days=back)).isoformat()
    if m.group("ago"):
        return _ago(_count(m.group("ago")), m.group("unit"), article_date)
    if m.group("rel"):
        return _relative(m.group("rel"), article_date)
    if m.group("ordinal"):
        return _ordinal(int(m.group("ordinal")), article_date)
    phrase = m.group("md") or m.group("dm")
    if phrase:
        return _month_day(phrase, article_date)
    if m.group("year"):
        year = int(m.group("year"))
        return f"{year:04d}" if year <= article_date.year else None  # "in 2030" points forward
    if m.group("month"):
        month = _month_index(m.group("month"))
        year = int(m.group("myear")) if m.group("myear") else article_date.year - (month > article_date.month)
        return _month(year, month)
    return None


def _token_at(clause: Clause, start: int, end: int) -> int | None:
    """The expression's head word: the last token inside ``[start, end)`` (the noun of "on Saturday")."""
    inside = [t.i for t in clause.tokens if start <= t.start and t.end <= end and t.region is None]
    return inside[-1] if inside else None


def _governing_verb(clause: Clause, i: int) -> int | None:
    """The verb a time expression attaches to: up through prepositions and nouns."""
    seen = set()
    while i not in seen:
        seen.add(i)
        tok = clause.tokens[i]
        if tok.pos in ("VERB", "AUX") and tok.dep not in ("aux", "auxpass"):
            return i
        if tok.head == i:
            return None
        i = tok.head
    return None


def _future_verb(clause: Clause, v: int) -> bool:
    verb = clause.tokens[v]
    kids = [clause.tokens[c] for c in verb.children]
    if any(k.dep in ("aux", "auxpass") and k.text.lower() in _FUTURE_AUX for k in kids):
        return True
    # "is due to appear", "plans to speak": an infinitive under a verb or adjective of intent
    if any(k.dep == "aux" and k.text.lower() == "to" for k in kids) and verb.head != v:
        return clause.tokens[verb.head].text.lower() in _FUTURE_LEADS
    return False


def is_future(work: Work, clause: Clause | None, m: re.Match[str], cue_start: int | None) -> bool:
    """Does this time expression say when something will happen, rather than when it was said?"""
    if FUTURE_PATTERN.fullmatch(m.group()) or _FORWARD.search(work.text, max(0, m.start() - 16), m.start()):
        return True
    if clause is not None and clause.tokens:
        t = _token_at(clause, m.start(), m.end())
        v = _governing_verb(clause, t) if t is not None else None
        if v is not None:
            verb = clause.tokens[v]
            if cue_start is not None and verb.start == cue_start:
                return False  # it dates the reporting verb itself
            return _future_verb(clause, v)
    # no parse: a future modal shortly before it, with no reporting verb in between
    lo = max(clause.span.start if clause else 0, m.start() - 60)
    if cue_start is not None and lo <= cue_start < m.start():
        lo = cue_start + 1
    return _FUTURE_BEFORE.search(work.text, lo, m.start()) is not None


def dates_the_cue(clause: Clause, m: re.Match[str], cue_start: int | None) -> bool:
    """Does the expression attach, by the parse, to the reporting verb itself ("told CNN in 2018",
    "who in 2010 said")? A bare year mostly dates the events around a statement ("the talks it
    abandoned in 2009", "a former aide who accompanied her in 2011, said"), so a year counts only then."""
    if cue_start is None or not clause.tokens:
        return False
    t = _token_at(clause, m.start(), m.end())
    v = _governing_verb(clause, t) if t is not None else None
    return v is not None and clause.tokens[v].start == cue_start


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
        found: dict[int, list[re.Match[str]]] = {}  # clause -> its time expressions, found once
        for cand in work.candidates:
            if cand.clause is None:
                continue
            if cand.clause not in found:
                span = work.clauses[cand.clause].span
                found[cand.clause] = list(DATE_PATTERN.finditer(work.text, span.start, span.end))
            self._one(work, cand, today, found[cand.clause])

    def _one(self, work: Work, cand: Candidate, today: date | None, matches: list[re.Match[str]]) -> None:
        clause = work.clauses[cand.clause]
        anchor = cand.cue.start if cand.cue else cand.spans[0].start
        best = None
        for m in matches:
            if any(s.start <= m.start() < s.end for s in cand.spans):
                continue
            if is_future(work, clause, m, cand.cue.start if cand.cue else None):
                continue
            if m.group("year") and not dates_the_cue(clause, m, cand.cue.start if cand.cue else None):
                continue
            dist = abs(m.start() - anchor)
            if best is None or dist < best[0]:
                best = (dist, m)
        if best is None:
            return
        m = best[1]
        cand.said_on_evidence = work.mention(m.start(), m.end())
        cand.said_on = resolve_expression(m, today) if today else None
