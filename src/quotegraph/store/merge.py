"""Rebuild the derived tables: merged speakers and deduplicated statements.

One pass over all stored quotes, in a fixed order (article date, article id,
quote ordinal), so the result depends only on what is stored, never on the
order or the number of ingest runs. The same statement carried by several
articles (same speaker entity; normalised text equal, or token sets nearly
equal or one containing the other) becomes one statement with many sources,
a first-seen date and a source count.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sqlite3
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from .names import Clustering, Occurrence, cluster_names, name_key
from .schema import DERIVED_TABLES

__all__ = ["JACCARD", "CONTAINMENT", "MIN_CONTAINED_WORDS", "normalise_text", "similar",
           "QuoteRow", "StatementGroup", "group_statements", "RebuildStats", "rebuild"]

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


def _statement_id(slug: str | None, first: QuoteRow, norm: str) -> str:
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
            group = StatementGroup(_statement_id(quote.slug, quote, norm), quote.slug, quote, tokens)
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


@dataclass(slots=True)
class RebuildStats:
    """Counts after a rebuild."""

    persons: int
    statements: int
    quotes: int


def _load(conn: sqlite3.Connection) -> tuple[list[tuple], list[tuple[str, str, str | None]]]:
    quotes = conn.execute(
        "SELECT q.article_id, q.ordinal, a.date, q.text, q.type, q.speaker_name, q.speaker_kind,"
        " q.said_on, q.about FROM quotes q JOIN articles a ON a.id = q.article_id"
        " ORDER BY a.date IS NULL, a.date, q.article_id, q.ordinal"
    ).fetchall()
    aliases = conn.execute("SELECT alias, canonical, external_id FROM aliases ORDER BY alias").fetchall()
    return quotes, aliases


def rebuild(conn: sqlite3.Connection) -> RebuildStats:
    """Recompute every derived table inside the caller's transaction."""
    raw, aliases = _load(conn)
    occurrences = [Occurrence(r[5], r[6] or "unknown", r[0]) for r in raw if r[5]]
    clustering = cluster_names(occurrences, aliases)
    rows = [
        QuoteRow(r[0], r[1], r[2], r[3], r[4], _slug(clustering, r[5]), r[7], tuple(json.loads(r[8] or "[]")))
        for r in raw
    ]
    groups = group_statements(rows)
    for table in reversed(DERIVED_TABLES):  # dependants first (person_names -> persons)
        conn.execute(f"DELETE FROM {table}")
    _write_persons(conn, clustering, occurrences, groups)
    _write_statements(conn, clustering, groups)
    return RebuildStats(len(clustering.clusters), len(groups), len(rows))


def _slug(clustering: Clustering, name: str | None) -> str | None:
    # A name with no letters or digits (a stray quote mark taken for a word) has
    # an empty key: it names no entity, and must not stop the rebuild.
    if not name or not name_key(name):
        return None
    return clustering.by_name[name].slug


def _write_persons(conn, clustering: Clustering, occurrences: list[Occurrence], groups) -> None:
    articles_of: dict[str, set[str]] = defaultdict(set)
    for o in occurrences:
        articles_of[o.name].add(o.article_id)
    seen: dict[str, list[str]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for g in groups:
        counts[g.slug] += 1
        if g.slug and g.first.date:
            seen[g.slug].append(g.first.date)
    for c in clustering.clusters:
        dates = sorted(seen.get(c.slug, []))
        count = counts[c.slug]
        conn.execute("INSERT INTO persons VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (c.slug, c.name, c.kind, c.external_id, count,
                      dates[0] if dates else None, dates[-1] if dates else None))
        for name, (rule, detail) in sorted(c.members.items()):
            conn.execute("INSERT INTO person_names VALUES (?, ?)", (name, c.slug))
            conn.execute("INSERT INTO merges VALUES (?, ?, ?, ?, ?)",
                         (c.slug, name, rule, detail, json.dumps(sorted(articles_of[name]))))
        for name, rule, detail in sorted(c.notes):
            conn.execute("INSERT OR REPLACE INTO merges VALUES (?, ?, ?, ?, ?)",
                         (c.slug, name, rule, detail, json.dumps(sorted(articles_of[name]))))


def _write_statements(conn, clustering: Clustering, groups: list[StatementGroup]) -> None:
    for g in groups:
        quotes = [q for q, _ in g.members]
        dates = sorted(q.date for q in quotes if q.date)
        said = sorted(q.said_on for q in quotes if q.said_on)
        conn.execute("INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (g.id, g.slug, g.first.text, g.first.type, dates[0] if dates else None,
                      said[0] if said else None, len({q.article_id for q in quotes}), len(quotes),
                      g.first.article_id, g.first.ordinal))
        conn.executemany("INSERT INTO quote_links VALUES (?, ?, ?, ?, ?)",
                         [(q.article_id, q.ordinal, g.slug, g.id, rule) for q, rule in g.members])
        about: dict[str, str | None] = {}
        for q in quotes:
            for name in q.about:
                target = clustering.resolve(name)
                about.setdefault(target.name if target else name, target.slug if target else None)
        conn.executemany("INSERT INTO statement_about VALUES (?, ?, ?)",
                         [(g.id, name, slug) for name, slug in sorted(about.items())])
