"""Merging speaker names across articles into one entity each.

Pure functions over plain values (no SQL), so the rules can be tested alone:

1. the alias file wins: every alias (and the canonical name itself) maps to
   its canonical entity, whatever the automatic rules would say;
2. names equal after dropping case, punctuation and titles ("Sir", "Mr",
   "Dr", ...) are one entity (rule ``normalised``; ``exact`` for the form
   chosen as the canonical name);
3. a single-word person name ("Loach", "Mr Loach") joins the one full person
   name in the corpus that ends with that word (rule ``surname``); when two or
   more full names share it, nothing is merged and the ambiguity is recorded
   (rule ``ambiguous-surname``) as evidence instead.

Organisations and groups merge only by rules 1 and 2. Inputs are sorted
before clustering, so the result does not depend on ingest order.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

__all__ = ["TITLES", "name_key", "slugify", "Occurrence", "Cluster", "Clustering", "cluster_names"]

TITLES = frozenset(
    "mr mrs ms miss mx dr sir dame lord lady baroness baron prof professor rev reverend "
    "president senator sen rep judge justice".split()
)
_KIND_ORDER = ("person", "organisation", "group", "unknown")
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)


def name_key(name: str) -> str:
    """Comparison key of a name: lower case, no accents, punctuation or leading titles."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("’", "'")
    words = _WORD.findall(text)
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    while len(words) > 1 and words[0] in TITLES:
        words.pop(0)
    return " ".join(w for w in words if w)


def slugify(name: str) -> str:
    """URL-safe slug of a canonical name ("Ken Loach" -> "ken-loach")."""
    return "-".join(name_key(name).replace("'", "").split()) or "speaker"


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A speaker name as one article uses it."""

    name: str
    kind: str
    article_id: str
    count: int = 1  # how many quotes use it (aggregated occurrences)


@dataclass(slots=True)
class Cluster:
    """One merged entity: canonical name, kind, and how each surface name joined it."""

    name: str
    kind: str = "unknown"
    external_id: str | None = None
    slug: str = ""
    # surface name -> (rule, detail)
    members: dict[str, tuple[str, str]] = field(default_factory=dict)
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # (name, rule, detail), not merged


@dataclass(slots=True)
class Clustering:
    """The result of ``cluster_names``: clusters and a name resolver."""

    clusters: list[Cluster]
    by_name: dict[str, Cluster]
    by_key: dict[str, Cluster]
    surname_index: dict[str, list[Cluster]]

    def resolve(self, name: str) -> Cluster | None:
        """The entity a name (speaker or subject) refers to, or None when unknown/ambiguous."""
        if name in self.by_name:
            return self.by_name[name]
        key = name_key(name)
        if key in self.by_key:
            return self.by_key[key]
        if key and " " not in key:
            candidates = self.surname_index.get(key, [])
            if len(candidates) == 1:
                return candidates[0]
        return None


def _kind(counter: Counter) -> str:
    if not counter:
        return "unknown"
    known = Counter({k: v for k, v in counter.items() if k != "unknown"}) or counter
    best = max(known.values())
    return min((k for k, v in known.items() if v == best), key=lambda k: _KIND_ORDER.index(k) if k in _KIND_ORDER else 9)


def _canonical(names: list[str], counts: Counter) -> str:
    """The most informative surface form: most words, then most used, then shortest, then A-Z."""
    return min(names, key=lambda n: (-len(name_key(n).split()), -counts[n], len(n), n))


def cluster_names(occurrences: list[Occurrence], aliases: list[tuple[str, str, str | None]] = ()) -> Clustering:
    """Group speaker names into entities (see the module docstring for the rules)."""
    counts: Counter = Counter()
    kinds: dict[str, Counter] = defaultdict(Counter)
    for o in occurrences:
        counts[o.name] += o.count
        kinds[o.name][o.kind or "unknown"] += o.count
    names = sorted(counts)
    clusters: dict[str, Cluster] = {}  # by key of the canonical name
    by_name: dict[str, Cluster] = {}

    alias_key: dict[str, tuple[str, str | None]] = {}
    for alias, canonical, external_id in sorted(aliases, key=lambda r: (r[1], r[0])):
        alias_key[name_key(alias)] = (canonical, external_id)
        alias_key.setdefault(name_key(canonical), (canonical, external_id))
    for canonical, external_id in sorted(set(alias_key.values()), key=lambda r: r[0]):
        clusters[name_key(canonical)] = Cluster(canonical, external_id=external_id)

    rest: dict[str, list[str]] = defaultdict(list)
    for name in names:
        key = name_key(name)
        if key in alias_key:
            cluster = clusters[name_key(alias_key[key][0])]
            detail = f"alias file maps '{name}' to '{cluster.name}'"
            cluster.members[name] = ("alias", detail + (f" ({cluster.external_id})" if cluster.external_id else ""))
            by_name[name] = cluster
        elif key:
            rest[key].append(name)

    singles: list[str] = []
    for key in sorted(rest):
        group = rest[key]
        kind = _kind(sum((kinds[n] for n in group), Counter()))
        if " " not in key and kind in ("person", "unknown"):
            singles.append(key)
            continue
        _add_group(clusters, by_name, key, group, counts, kind)

    surname_index = _surname_index(clusters.values(), kinds)
    for key in singles:
        group = rest[key]
        candidates = surname_index.get(key, [])
        if len(candidates) == 1:
            target = candidates[0]
            for name in sorted(group):
                target.members[name] = ("surname", f"the only full person name ending in '{key}' is '{target.name}'")
                by_name[name] = target
            continue
        kind = _kind(sum((kinds[n] for n in group), Counter()))
        cluster = _add_group(clusters, by_name, key, group, counts, kind)
        if len(candidates) > 1:
            listed = ", ".join(sorted(c.name for c in candidates))
            for name in sorted(group):
                cluster.notes.append((name, "ambiguous-surname", f"not merged: '{key}' could be any of {listed}"))

    for cluster in clusters.values():
        member_kinds = sum((kinds[n] for n in cluster.members), Counter())
        cluster.kind = _kind(member_kinds)
    ordered = sorted((c for c in clusters.values() if c.members), key=lambda c: (c.name, c.kind))
    _assign_slugs(ordered)
    by_key = {name_key(n): c for c in ordered for n in c.members}
    by_key.update({k: c for k, c in ((name_key(c.name), c) for c in ordered)})
    for key, (canonical, _) in alias_key.items():
        target = clusters[name_key(canonical)]
        if target.members:
            by_key[key] = target
    return Clustering(ordered, by_name, by_key, _surname_index(ordered, kinds))


def _add_group(clusters, by_name, key, group, counts, kind) -> Cluster:
    canonical = _canonical(group, counts)
    cluster = clusters.setdefault(key, Cluster(canonical, kind=kind))
    for name in sorted(group):
        rule = "exact" if name == cluster.name else "normalised"
        detail = ("canonical form" if rule == "exact"
                  else f"same name as '{cluster.name}' once case, punctuation and titles are ignored")
        cluster.members[name] = (rule, detail)
        by_name[name] = cluster
    return cluster


def _surname_index(clusters, kinds) -> dict[str, list[Cluster]]:
    """Last word of each multi-word person name -> the entities with that surname."""
    index: dict[str, list[Cluster]] = defaultdict(list)
    for cluster in clusters:
        member_kinds = sum((kinds.get(n, Counter()) for n in cluster.members), Counter())
        if _kind(member_kinds) not in ("person", "unknown") and member_kinds:
            continue
        words = name_key(cluster.name).split()
        if len(words) > 1 and cluster not in index[words[-1]]:
            index[words[-1]].append(cluster)
    return index


def _assign_slugs(clusters: list[Cluster]) -> None:
    used: set[str] = set()
    for cluster in clusters:
        base = slugify(cluster.name)
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        cluster.slug = slug
