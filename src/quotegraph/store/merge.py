"""Rebuild the derived tables: merged speakers and deduplicated statements.

One pass over all stored quotes, in a fixed order (article date, article id,
quote ordinal), so the result depends only on what is stored, never on the
order or the number of ingest runs. The same statement carried by several
articles (same speaker entity; normalised text equal, or token sets nearly
equal or one containing the other) becomes one statement with many sources,
a first-seen date and a source count.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from ..linking.names import Cluster, Clustering, Occurrence, cluster_names, name_key, speaker_name_problem
from ..linking.statements import (CONTAINMENT, JACCARD, MIN_CONTAINED_WORDS, QuoteRow, StatementGroup,
                                  group_statements, normalise_text, similar)
from .schema import DERIVED_TABLES

__all__ = ["JACCARD", "CONTAINMENT", "MIN_CONTAINED_WORDS", "normalise_text", "similar",
           "QuoteRow", "StatementGroup", "group_statements", "RebuildStats", "rebuild", "update"]

# The rules (``normalise_text``, ``similar``, ``group_statements``) live in
# ``quotegraph.linking``, shared with the batch corpus pass; this module is the
# SQLite procedure around them.


@dataclass(slots=True)
class RebuildStats:
    """Counts after a rebuild (``mode`` is ``full`` or ``incremental``; counts are what was rewritten)."""

    persons: int
    statements: int
    quotes: int
    mode: str = "full"


_ORDER = "ORDER BY a.date IS NULL, a.date, q.article_id, q.ordinal"
_QUOTE_COLUMNS = ("SELECT q.article_id, q.ordinal, a.date, q.text, q.type, q.speaker_name, q.speaker_kind,"
                  " q.said_on, q.about FROM quotes q JOIN articles a ON a.id = q.article_id")


def _about(value: str | None) -> tuple[str, ...]:
    # only names: a stored value from before documents were checked must not stop a merge
    try:
        names = json.loads(value or "[]")
    except ValueError:
        return ()
    return tuple(n for n in names if isinstance(n, str)) if isinstance(names, list) else ()


def _aliases(conn: sqlite3.Connection) -> list[tuple[str, str, str | None]]:
    return conn.execute("SELECT alias, canonical, external_id FROM aliases ORDER BY alias").fetchall()


def _rows(raw: list[tuple], clustering: Clustering) -> list[QuoteRow]:
    return [QuoteRow(r[0], r[1], r[2], r[3], r[4], _slug(clustering, r[5], r[0]), r[7], _about(r[8])) for r in raw]


def rebuild(conn: sqlite3.Connection) -> RebuildStats:
    """Recompute every derived table inside the caller's transaction."""
    raw = conn.execute(f"{_QUOTE_COLUMNS} {_ORDER}").fetchall()
    occurrences = [Occurrence(r[5], r[6] or "unknown", r[0]) for r in raw if r[5]]
    clustering = cluster_names(occurrences, _aliases(conn))
    rows = _rows(raw, clustering)
    groups = group_statements(rows)
    for table in reversed(DERIVED_TABLES):  # dependants first (person_names -> persons)
        conn.execute(f"DELETE FROM {table}")
    _write_persons(conn, clustering.clusters, _articles_of(rows, raw), groups)
    _write_statements(conn, clustering, groups)
    return RebuildStats(len(clustering.clusters), len(groups), len(rows))


def _articles_of(rows: list[QuoteRow], raw: list[tuple]) -> dict[tuple[str, str], set[str]]:
    """(entity slug, surface name) -> the articles where that name is that entity: the merge evidence."""
    articles_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row, r in zip(rows, raw, strict=True):
        if r[5] and row.slug:
            articles_of[(row.slug, r[5])].add(r[0])
    return articles_of


def _chunks(values, size: int = 500):
    values = sorted(values, key=lambda v: (v is None, v))
    for i in range(0, len(values), size):
        yield values[i:i + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _signature(c: Cluster) -> tuple:
    rows = {(name, rule, detail) for name, (rule, detail) in c.members.items()} | set(c.notes)
    return (c.name, c.kind, c.external_id, tuple(sorted(rows)))


def _stored_signatures(conn: sqlite3.Connection) -> tuple[dict[str, tuple], dict[str, list[str]]]:
    rows: dict[str, set] = defaultdict(set)
    for slug, name, rule, detail in conn.execute("SELECT slug, name, rule, detail FROM merges"):
        rows[slug].add((name, rule, detail))
    out, names = {}, {}
    for slug, name, kind, external_id in conn.execute("SELECT slug, name, kind, external_id FROM persons"):
        out[slug] = (name, kind, external_id, tuple(sorted(rows.get(slug, ()))))
        names[slug] = [name, *(r[0] for r in rows.get(slug, ()))]
    return out, names


def update(conn: sqlite3.Connection, article_ids: Iterable[str]) -> RebuildStats:
    """Bring the derived tables up to date after ``article_ids`` were added, replaced or removed.

    Gives exactly what ``rebuild`` gives, at a cost in proportion to the
    changed articles and the speakers they touch: speaker names are
    re-clustered from per-name counts (one aggregate query), and only the
    entities whose cluster changed, or that the changed articles quote, have
    their statements regrouped. Statements of other speakers are kept; only
    their subjects are re-resolved where a changed entity could alter whom a
    name refers to.
    """
    changed = sorted(set(article_ids))
    occurrences = [Occurrence(name, kind or "unknown", "", n) for name, kind, n in conn.execute(
        "SELECT speaker_name, speaker_kind, count(*) FROM quotes WHERE speaker_name IS NOT NULL"
        " GROUP BY speaker_name, speaker_kind")]
    clustering = cluster_names(occurrences, _aliases(conn), articles_of=_articles_where(conn))
    new = {c.slug: c for c in clustering.clusters}
    old, old_names = _stored_signatures(conn)
    touched = {slug for slug in set(new) | set(old) if old.get(slug) != (_signature(new[slug]) if slug in new else None)}

    stale: set[str] = set()  # statement ids to rewrite
    changed_quotes: list[tuple] = []
    for chunk in _chunks(changed):
        for statement_id, slug in conn.execute(
                f"SELECT statement_id, slug FROM quote_links WHERE article_id IN ({_marks(len(chunk))})", chunk):
            stale.add(statement_id)
            if slug:
                touched.add(slug)
        changed_quotes += conn.execute(
            f"{_QUOTE_COLUMNS} WHERE q.article_id IN ({_marks(len(chunk))})", chunk).fetchall()
    for r in changed_quotes:
        slug = _slug(clustering, r[5], r[0])
        if slug:
            touched.add(slug)
    for chunk in _chunks(touched):
        stale.update(r[0] for r in conn.execute(f"SELECT id FROM statements WHERE slug IN ({_marks(len(chunk))})", chunk))

    # the quotes to regroup: every quote of a touched entity, and the changed articles' unattributed ones
    names = sorted({n for slug in touched if slug in new
                    for n in (*new[slug].members, *clustering.override_names(new[slug]))})
    raw: dict[tuple[str, int], tuple] = {}
    for chunk in _chunks(names):
        for r in conn.execute(f"{_QUOTE_COLUMNS} WHERE q.speaker_name IN ({_marks(len(chunk))})", chunk):
            raw[(r[0], r[1])] = r
    for r in changed_quotes:
        if _slug(clustering, r[5], r[0]) is None:
            raw[(r[0], r[1])] = r
    # a name can be another entity in some articles: regroup only the quotes of touched entities
    ordered = sorted((r for r in raw.values() if (_slug(clustering, r[5], r[0]) or None) in touched
                      or _slug(clustering, r[5], r[0]) is None),
                     key=lambda r: (r[2] is None, r[2] or "", r[0], r[1]))
    rows = _rows(ordered, clustering)
    groups = group_statements(rows)

    for chunk in _chunks(stale):
        marks = _marks(len(chunk))
        conn.execute(f"DELETE FROM quote_links WHERE statement_id IN ({marks})", chunk)
        conn.execute(f"DELETE FROM statement_about WHERE statement_id IN ({marks})", chunk)
        conn.execute(f"DELETE FROM statements WHERE id IN ({marks})", chunk)
    for chunk in _chunks(changed):  # quotes of removed articles
        conn.execute(f"DELETE FROM quote_links WHERE article_id IN ({_marks(len(chunk))})", chunk)
    for chunk in _chunks(touched):
        marks = _marks(len(chunk))
        conn.execute(f"DELETE FROM person_names WHERE slug IN ({marks})", chunk)
        conn.execute(f"DELETE FROM merges WHERE slug IN ({marks})", chunk)
        conn.execute(f"DELETE FROM persons WHERE slug IN ({marks})", chunk)
    clusters = [new[slug] for slug in sorted(touched) if slug in new]
    _write_persons(conn, clusters, _articles_of(rows, ordered), groups)
    _write_statements(conn, clustering, groups)
    rewritten = {g.id for g in groups}
    _reresolve_about(conn, clustering, [new[s] for s in touched if s in new],
                     [n for s in touched for n in old_names.get(s, ())], rewritten)
    return RebuildStats(len(clusters), len(groups), len(ordered), "incremental")


def _articles_where(conn: sqlite3.Connection):
    """``articles_of(names)`` for ``cluster_names``, answered by the database (occurrences are aggregated)."""
    def articles_of(names: list[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {n: set() for n in names}
        for chunk in _chunks(set(names)):
            for name, article_id in conn.execute(
                    f"SELECT DISTINCT speaker_name, article_id FROM quotes WHERE speaker_name IN ({_marks(len(chunk))})",
                    chunk):
                out[name].add(article_id)
        return out
    return articles_of


def _reresolve_about(conn: sqlite3.Connection, clustering: Clustering, clusters: list[Cluster],
                     old_names: list[str], rewritten: set[str]) -> None:
    """Rewrite the subjects of kept statements that name someone a changed entity could now be."""
    keys: set[str] = {name_key(n) for n in old_names}
    keys |= {name_key(n) for c in clusters for n in (c.name, *c.members)}
    keys |= {name_key(a) for row in _aliases(conn) for a in row[:2]}
    keys.discard("")
    surnames = {k.split()[-1] for k in keys}
    affected = []
    for (name,) in conn.execute("SELECT DISTINCT j.value FROM quotes q, json_each(q.about) j WHERE j.type = 'text'"):
        key = name_key(name)
        if key in keys or (key and " " not in key and key in surnames):
            affected.append(name)
    statements: set[str] = set()
    for chunk in _chunks(affected):
        statements.update(r[0] for r in conn.execute(
            "SELECT DISTINCT l.statement_id FROM quotes q, json_each(q.about) j"
            " JOIN quote_links l ON l.article_id = q.article_id AND l.ordinal = q.ordinal"
            f" WHERE j.type = 'text' AND j.value IN ({_marks(len(chunk))})", chunk))
    for statement_id in sorted(statements - rewritten):
        abouts = [_about(r[0]) for r in conn.execute(
            "SELECT q.about FROM quote_links l JOIN quotes q ON q.article_id = l.article_id"
            " AND q.ordinal = l.ordinal WHERE l.statement_id = ?", (statement_id,))]
        conn.execute("DELETE FROM statement_about WHERE statement_id = ?", (statement_id,))
        conn.executemany("INSERT INTO statement_about VALUES (?, ?, ?)",
                         [(statement_id, n, s) for n, s in sorted(_resolve_about(clustering, abouts).items())])


def _resolve_about(clustering: Clustering, abouts: Iterable[tuple[str, ...]]) -> dict[str, str | None]:
    about: dict[str, str | None] = {}
    for names in abouts:
        for name in names:
            target = clustering.resolve(name)
            about.setdefault(target.name if target else name, target.slug if target else None)
    return about


def _slug(clustering: Clustering, name: str | None, article_id: str) -> str | None:
    # A name with no letters or digits (a stray quote mark taken for a word) has
    # an empty key: it names no entity, and must not stop the rebuild. Nor does
    # a pronoun or a fragment ("I", "his father"): the quote keeps its mention.
    if not name or speaker_name_problem(name):
        return None
    return clustering.for_quote(name, article_id).slug


def _write_persons(conn, clusters: list[Cluster], articles_of: dict[tuple[str, str], set[str]],
                   groups: list[StatementGroup]) -> None:
    seen: dict[str, list[str]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    for g in groups:
        counts[g.slug] += 1
        if g.slug and g.first.date:
            seen[g.slug].append(g.first.date)
    for c in clusters:
        dates = sorted(seen.get(c.slug, []))
        count = counts[c.slug]
        conn.execute("INSERT INTO persons VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (c.slug, c.name, c.kind, c.external_id, count,
                      dates[0] if dates else None, dates[-1] if dates else None))
        for name, (rule, detail) in sorted(c.members.items()):
            conn.execute("INSERT INTO person_names VALUES (?, ?)", (name, c.slug))
            conn.execute("INSERT INTO merges VALUES (?, ?, ?, ?, ?)",
                         (c.slug, name, rule, detail, json.dumps(sorted(articles_of.get((c.slug, name), ())))))
        for name, rule, detail in sorted(c.notes):
            conn.execute("INSERT OR REPLACE INTO merges VALUES (?, ?, ?, ?, ?)",
                         (c.slug, name, rule, detail, json.dumps(sorted(articles_of.get((c.slug, name), ())))))


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
        about = _resolve_about(clustering, [q.about for q in quotes])
        conn.executemany("INSERT INTO statement_about VALUES (?, ?, ?)",
                         [(g.id, name, slug) for name, slug in sorted(about.items())])
