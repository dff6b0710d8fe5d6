"""When two quotes are the same statement: the wording rules, and grouping.

Pure functions over plain values (no SQL, no Arrow), shared by the SQLite
store's merge pass and the batch corpus pass, so that both group statements
by exactly the same rules. Quotes of the same speaker entity (``slug``) are
the same statement when their normalised text is equal (``identical``: case,
accents, punctuation, quote marks and ellipses ignored), when their token
sets have a Jaccard overlap of at least ``JACCARD`` (``near-identical``), or
when a quote of at least ``MIN_CONTAINED_WORDS`` words is ``CONTAINMENT``
contained in the other (``contained``, a partial re-quote). Quotes with no
speaker entity are never merged. Grouping depends only on the quotes of one
speaker and their order, so it can run speaker by speaker (one partition of
speakers at a time) and give what one pass over everything gives.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

__all__ = ["JACCARD", "CONTAINMENT", "MIN_CONTAINED_WORDS", "normalise_text", "similar",
           "QuoteRow", "StatementGroup", "statement_id", "group_statements", "quote_order"]

JACCARD = 0.8  # token-set overlap for "near-identical" wording
CONTAINMENT = 0.9  # share of the shorter quote's words found in the longer one
MIN_CONTAINED_WORDS = 6  # a shorter fragment must be this long to count as the same statement

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def normalise_text(text: str) -> str:
    """Quote text for comparison: lower case, no accents, punctuation or quote marks."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(_TOKEN.findall(text))


def similar(a: frozenset[str], b: frozenset[str]) -> str | None:
    """The rule under which two token sets are the same statement, or None."""
    if not a or not b:
        return None
    shared = len(a & b)
    if shared / len(a | b) >= JACCARD:
        return "near-identical"
    small = min(len(a), len(b))
    if small >= MIN_CONTAINED_WORDS and shared / small >= CONTAINMENT:
        return "contained"
    return None


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """What statement grouping needs to know about one stored quote."""

    article_id: str
    ordinal: int
    date: str | None
    text: str
    type: str
    slug: str | None
    said_on: str | None
    about: tuple[str, ...] = ()


@dataclass(slots=True)
class StatementGroup:
    """One statement and the quotes (sources) that carry it."""

    id: str
    slug: str | None
    first: QuoteRow
    tokens: frozenset[str]
    members: list[tuple[QuoteRow, str]] = field(default_factory=list)  # (quote, rule)


def statement_id(slug: str | None, first: QuoteRow, norm: str) -> str:
    """Stable id of a statement: its speaker entity and earliest wording (or, unattributed, its quote)."""
    basis = f"{slug}\x00{norm}" if slug else f"\x00{first.article_id}\x00{first.ordinal}"
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]


class _Candidates:
    """Prefix-filtering index: finds the statements a quote may be similar to
    without comparing it with every earlier statement of its speaker.

    Tokens are ranked rarest first (one global order). If two token sets reach
    the lowest threshold ``t`` (overlap >= t * the smaller set), the smaller
    set's first ``n - ceil(t * n) + 1`` tokens must meet the other set. So a
    quote probes the full index with its own prefix (it is the smaller one),
    and the prefix index with all its tokens (the statement is the smaller).
    """

    THRESHOLD = min(JACCARD, CONTAINMENT)

    def __init__(self, quotes: list[QuoteRow]) -> None:
        counts: dict[str, int] = defaultdict(int)
        for quote in quotes:
            for token in set(normalise_text(quote.text).split()):
                counts[token] += 1
        self.rank = {t: i for i, t in enumerate(sorted(counts, key=lambda t: (counts[t], t)))}
        self.full: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.prefixes: dict[tuple[str, str], list[int]] = defaultdict(list)

    def _prefix(self, tokens: frozenset[str]) -> list[str]:
        ordered = sorted(tokens, key=lambda t: self.rank.get(t, -1))
        keep = len(ordered) - math.ceil(self.THRESHOLD * len(ordered) - 1e-9) + 1
        return ordered[:max(1, keep)]

    def add(self, slug: str, tokens: frozenset[str], index: int) -> None:
        for token in tokens:
            self.full[(slug, token)].append(index)
        for token in self._prefix(tokens):
            self.prefixes[(slug, token)].append(index)

    def probe(self, slug: str, tokens: frozenset[str]) -> list[int]:
        found: set[int] = set()
        for token in self._prefix(tokens):
            found.update(self.full.get((slug, token), ()))
        for token in tokens:
            found.update(self.prefixes.get((slug, token), ()))
        return sorted(found)  # earliest statement first: deterministic


def group_statements(quotes: list[QuoteRow]) -> list[StatementGroup]:
    """Group quotes into statements; ``quotes`` must be in the canonical order.

    A quote joins the earliest statement of the same speaker entity it is
    identical or similar to (see ``similar``), else starts a new one.
    """
    groups: list[StatementGroup] = []
    exact: dict[tuple[str, str], StatementGroup] = {}
    index = _Candidates(quotes)
    for quote in quotes:
        norm = normalise_text(quote.text)
        tokens = frozenset(norm.split())
        group, rule = None, "first"
        if quote.slug is not None:
            group = exact.get((quote.slug, norm))
            rule = "identical" if group else rule
            if group is None:
                group, rule = _near(groups, index.probe(quote.slug, tokens), tokens)
        if group is None:
            group = StatementGroup(statement_id(quote.slug, quote, norm), quote.slug, quote, tokens)
            if quote.slug is not None:
                exact[(quote.slug, norm)] = group
                index.add(quote.slug, tokens, len(groups))
            groups.append(group)
            rule = "first"
        group.members.append((quote, rule))
    return groups


def _near(groups: list[StatementGroup], candidates: list[int], tokens: frozenset[str]) -> tuple[StatementGroup | None, str]:
    for i in candidates:
        rule = similar(tokens, groups[i].tokens)
        if rule:
            return groups[i], rule
    return None, "first"


def quote_order(date: str | None, article_id: str, ordinal: int) -> tuple:
    """The canonical order of quotes: dated articles first, by date, then article id and quote ordinal."""
    return (date is None, date or "", article_id, ordinal)
