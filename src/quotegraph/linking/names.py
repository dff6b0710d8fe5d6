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

4. person names with the same first and last word whose middle parts agree
   ("Donald J. Trump", "Donald John Trump", "Donald Trump") are one entity
   (rule ``middle-name``); when two of them have different middles ("George
   W. Bush", "George H. W. Bush") nothing is merged;
5. a single-word name that the parser took for an organisation or group
   ("Trump" as an organisation) joins the one full person name ending with it
   only when that full name is quoted in one of the same articles (rule
   ``surname-in-article``); "Labour" is never merged into a "Jane Labour"
   quoted elsewhere.

Organisations and groups otherwise merge only by rules 1 and 2. The kind of
an entity is decided by the evidence of all its full-name mentions: a bare
surname says nothing about whether it names a person, so surname members do
not vote unless nothing else does.

Before any of this, ``speaker_name_problem`` keeps out of the entities what
is no name at all: pronouns and other function words ("I", "we", "his",
"some"), descriptions led by one ("his father", "most of them"), numbers and
markup. Such a statement keeps its mention and has no speaker entity.

Inputs are sorted before clustering, so the result does not depend on ingest
order.
"""

from __future__ import annotations

import re
from functools import lru_cache
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable

__all__ = ["TITLES", "FUNCTION_WORDS", "name_key", "slugify", "speaker_name_problem", "speaker_kind", "looks_like_full_name",
           "Occurrence", "Cluster", "Clustering", "cluster_names"]

TITLES = frozenset(
    "mr mrs ms miss mx dr sir dame lord lady baroness baron prof professor rev reverend "
    "president senator sen rep judge justice".split()
)
# Words that refer to someone without naming them: pronouns, determiners, quantifiers.
FUNCTION_WORDS = frozenset(
    "i me my mine myself you your yours yourself yourselves he him his himself she her hers herself "
    "it its itself we us our ours ourselves they them their theirs themselves one ones oneself "
    "this that these those who whom whose which what whoever whomever whichever "
    "someone somebody something anyone anybody anything everyone everybody everything no-one nobody "
    "none nothing some any many most much more few fewer several all both each either neither other "
    "others another such same own the a an there here lot lots half".split()
)
_MARKUP = re.compile(r"[<>=@#/\\{}\[\]|]|https?:|www\.|\.com\b|pic\.twitter", re.IGNORECASE)
_KIND_ORDER = ("person", "organisation", "group", "unknown")
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)


@lru_cache(maxsize=1 << 16)
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


def speaker_name_problem(name: str | None) -> str | None:
    """Why ``name`` cannot name a speaker entity (a pronoun, a fragment, markup), or None when it can."""
    if not name or not name_key(name):
        return "no letters or digits"
    if _MARKUP.search(name):
        return "markup or a link, not a name"
    words = name.split()
    if words[0][:1].isdigit():
        return "starts with a number"
    keys = name_key(name).split()
    if all(k in FUNCTION_WORDS for k in keys):
        return "a pronoun or function word"
    first = words[0].lower().strip(",.;:")
    if words[0][:1].islower() and first in FUNCTION_WORDS:
        return f"a description led by '{first}', not a name"
    return None


def speaker_kind(name: str, kind: str | None) -> str:
    """The kind a speaker name can have: an all-lower-case name ("officials") is no person's name."""
    kind = kind or "unknown"
    if kind == "person" and not any(c.isupper() for c in name):
        return "group" if name_key(name).split()[-1].endswith("s") else "unknown"
    return kind


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
    # (surface name, article id) -> entity, where a surname that is ambiguous in the
    # corpus is not in that article: the one full name ending with it quoted there
    in_article: dict[tuple[str, str], Cluster] = field(default_factory=dict)

    def for_quote(self, name: str, article_id: str) -> Cluster | None:
        """The entity a speaker name refers to in one article (None for a name that is no entity)."""
        return self.in_article.get((name, article_id)) or self.by_name.get(name)

    def override_names(self, cluster: Cluster) -> set[str]:
        """Names that refer to ``cluster`` in some articles only (rule ``surname-in-article``)."""
        return {n for n, rule, _ in cluster.notes if rule == "surname-in-article"}

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


ArticlesOf = Callable[[list[str]], dict[str, set[str]]]


def _articles_from(articles: dict[str, set[str]]) -> ArticlesOf:
    return lambda names: {n: articles.get(n, set()) - {""} for n in names}


def cluster_names(occurrences: list[Occurrence], aliases: list[tuple[str, str, str | None]] = (), *,
                  articles_of: ArticlesOf | None = None) -> Clustering:
    """Group speaker names into entities (see the module docstring for the rules).

    ``articles_of(names)`` gives the ids of the articles quoting each name;
    by default it is read from the occurrences' article ids (pass it when the
    occurrences are aggregated over articles).
    """
    counts: Counter = Counter()
    kinds: dict[str, Counter] = defaultdict(Counter)
    articles: dict[str, set[str]] = defaultdict(set)
    for o in occurrences:
        if speaker_name_problem(o.name):
            continue
        counts[o.name] += o.count
        kinds[o.name][speaker_kind(o.name, o.kind)] += o.count
        articles[o.name].add(o.article_id)
    names = sorted(counts)
    articles_of = articles_of or _articles_from(articles)
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

    def group_kind(key: str) -> str:
        return _kind(sum((kinds[n] for n in rest[key]), Counter()))

    joined = _middle_names(rest, counts, group_kind)
    singles: list[str] = []
    org_singles: list[str] = []
    for key in sorted(rest):
        if key in joined:
            continue
        kind = group_kind(key)
        if " " not in key and kind in ("person", "unknown"):
            singles.append(key)
            continue
        if " " not in key:
            org_singles.append(key)
            continue
        cluster = _add_group(clusters, by_name, key, rest[key], counts, kind)
        _add_joined(cluster, by_name, key, rest, joined)

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
        kind = group_kind(key)
        cluster = _add_group(clusters, by_name, key, group, counts, kind)
        if len(candidates) > 1:
            listed = ", ".join(sorted(c.name for c in candidates))
            for name in sorted(group):
                cluster.notes.append((name, "ambiguous-surname", f"not merged: '{key}' could be any of {listed}"))
    for key in org_singles:
        group = rest[key]
        target, detail = _in_article(key, group, surname_index.get(key, []), articles_of)
        if target is not None:
            for name in sorted(group):
                target.members[name] = ("surname-in-article", detail)
                by_name[name] = target
            continue
        _add_group(clusters, by_name, key, group, counts, group_kind(key))
        if len(surname_index.get(key, [])) > 1:
            singles.append(key)  # resolved per article below

    in_article: dict[tuple[str, str], Cluster] = {}
    for key in singles:
        candidates = surname_index.get(key, [])
        if len(candidates) > 1:
            in_article.update(_per_article(key, rest[key], candidates, articles_of))
    for cluster in clusters.values():
        cluster.kind = _kind(_evidence(cluster, kinds))
    ordered = sorted((c for c in clusters.values() if c.members), key=lambda c: (c.name, c.kind))
    _assign_slugs(ordered)
    by_key = {name_key(n): c for c in ordered for n in c.members}
    by_key.update({k: c for k, c in ((name_key(c.name), c) for c in ordered)})
    for key, (canonical, _) in alias_key.items():
        target = clusters[name_key(canonical)]
        if target.members:
            by_key[key] = target
    return Clustering(ordered, by_name, by_key, _surname_index(ordered, kinds), in_article)


def _per_article(key: str, group: list[str], candidates: list[Cluster],
                 articles_of: ArticlesOf) -> dict[tuple[str, str], Cluster]:
    """An ambiguous surname, article by article: where exactly one of the full names ending
    with it is quoted in the same article, it is that person there (rule ``surname-in-article``)."""
    full = sorted(n for c in candidates for n in c.members)
    where = articles_of(sorted(group) + full)
    owner = {n: c for c in candidates for n in c.members}
    out: dict[tuple[str, str], Cluster] = {}
    count: dict[tuple[str, str], int] = defaultdict(int)
    for name in sorted(group):
        for article in sorted(where.get(name, ())):
            present = {id(owner[n]): owner[n] for n in full if article in where.get(n, ())}
            if len(present) == 1:
                target = next(iter(present.values()))
                out[(name, article)] = target
                count[(name, target.name)] += 1
    for (name, target_name), n in sorted(count.items()):
        target = next(c for c in candidates if c.name == target_name)
        target.notes.append((name, "surname-in-article", f"in {n} article{'s' if n > 1 else ''} quoting"
                             f" '{target.name}' and no other full name ending in '{key}'"))
    return out


def _in_article(key: str, group: list[str], candidates: list[Cluster],
                articles_of: ArticlesOf) -> tuple[Cluster | None, str]:
    """The person a surname parsed as an organisation names: the full name quoted beside it
    in the most articles, when it is quoted there more than twice as often as any other."""
    if not candidates:
        return None, ""
    full = sorted(n for c in candidates for n in c.members)
    where = articles_of(sorted(group) + full)
    seen_in = set().union(*(where.get(n, set()) for n in group))
    counts = {n: len(where.get(n, set()) & seen_in) for n in full}
    per = sorted(((sum(counts.get(n, 0) for n in c.members), c.name, c) for c in candidates),
                 key=lambda t: (-t[0], t[1]))
    best, runner = per[0][0], (per[1][0] if len(per) > 1 else 0)
    if best == 0 or best <= 2 * runner:
        return None, ""
    detail = (f"'{per[0][1]}' is quoted beside '{key}' in {best} article{'s' if best > 1 else ''}"
              + (f"; any other full name ending in '{key}' in at most {runner}" if len(per) > 1 else ""))
    return per[0][2], detail


_SURNAME_RULES = ("surname", "surname-in-article")


def _evidence(cluster: Cluster, kinds: dict[str, Counter]) -> Counter:
    """The kind votes of a cluster: its full-name members; bare surnames only when nothing else speaks."""
    full = sum((kinds.get(n, Counter()) for n, (rule, _) in cluster.members.items() if rule not in _SURNAME_RULES),
               Counter())
    return full or sum((kinds.get(n, Counter()) for n in cluster.members), Counter())


def _middle_names(rest: dict[str, list[str]], counts: Counter, group_kind) -> dict[str, str]:
    """Keys to fold into another key by the middle-name rule: ``{"donald j trump": "donald trump"}``.

    Person names sharing first and last word are one entity when their
    middles agree (equal, or one is the other's initials, or one is empty);
    if any two of them disagree, none is folded.
    """
    buckets: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in rest:
        words = key.split()
        if len(words) >= 2 and group_kind(key) in ("person", "unknown"):
            buckets[(words[0], words[-1])].append(key)
    out: dict[str, str] = {}
    for keys in buckets.values():
        if len(keys) < 2:
            continue
        middles = [tuple(key.split()[1:-1]) for key in keys]
        given = {tuple(w[0] for w in m) for m in middles if m}
        if len(given) > 1 or len({m for m in middles if m and all(len(w) > 1 for w in m)}) > 1:
            continue
        primary = max(keys, key=lambda k: (sum(counts[n] for n in rest[k]), -len(k.split()), k))
        for key in keys:
            if key != primary:
                out[key] = primary
    return out


def _add_joined(cluster: Cluster, by_name, key: str, rest: dict[str, list[str]], joined: dict[str, str]) -> None:
    for other in sorted(k for k, target in joined.items() if target == key):
        for name in sorted(rest[other]):
            cluster.members[name] = ("middle-name", f"same first and last name as '{cluster.name}';"
                                     " the middle names agree")
            by_name[name] = cluster


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


# lower-case words a person's full name may hold ("Charles de Gaulle", "Ludwig van Beethoven")
_PARTICLES = frozenset("de da di del della der den du la le van von ter ten bin ibn al el y".split())


def looks_like_full_name(name: str) -> bool:
    """Whether ``name`` reads as one person's full name: capitalised words (and name particles) only,
    so that "top adviser for President Obama" or "Barack Obama and Hillary Clinton" are not."""
    words = [w for w in name.replace("’", "'").split() if any(c.isalpha() for c in w)]
    return len(words) > 1 and all(w[0].isupper() or w.lower() in _PARTICLES for w in words) \
        and words[0][0].isupper()


def _surname_index(clusters, kinds) -> dict[str, list[Cluster]]:
    """Last word of each multi-word person name -> the entities with that surname."""
    index: dict[str, list[Cluster]] = defaultdict(list)
    for cluster in clusters:
        if not looks_like_full_name(cluster.name):
            continue
        member_kinds: Counter = Counter()
        for n in cluster.members:
            member_kinds.update(kinds.get(n, ()))
        if _kind(member_kinds) not in ("person", "unknown") and member_kinds:
            continue
        words = name_key(cluster.name).split()
        if len(words) > 1 and all(c is not cluster for c in index[words[-1]]):
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
