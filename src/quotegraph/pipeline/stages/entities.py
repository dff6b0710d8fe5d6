"""Named people, organisations and groups, clustered into canonical entities.

Within one document, "Ken Loach", "Loach" and "Ken" are one person: a
single-word name joins the unique full name it is the surname or first name
of. Titles ("Sir", "Mr", "Sen.") are not part of a canonical name. An
organisation's short form joins its long form ("the Socialist Campaign Group"
and "the Socialist Campaign Group of Labour MPs").
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort

from ...model import Mention
from ..base import stage
from ..work import Cluster, Proposal, Work

__all__ = ["Entities", "clean_name", "kind_of", "GROUP_WORDS"]

TITLES = frozenset(
    """mr mrs ms miss dr sir dame lord lady president sen senator rep representative gov governor
    secretary minister judge justice gen general lt col sgt capt adm rev prof professor mayor
    chancellor premier prince princess king queen pope sheikh rabbi father sister brother
    vice former the a an late""".split()
)
GROUP_WORDS = re.compile(r"\b(group|caucus|mps|coalition|campaign|alliance|movement|bloc|union|network|"
                         r"democrats|republicans|supporters|critics|members|activists|voters|lawmakers)\b", re.I)
_KINDS = {"PERSON": "person", "ORG": "organisation", "NORP": "group", "GPE": "organisation"}
_POSSESSIVE = re.compile(r"[’']s?$")


def clean_name(text: str) -> str:
    """A canonical form of a name: no titles, no possessive, single spaces."""
    words = re.sub(r"\s+", " ", text).strip(" ,.;:").split(" ")
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES:
        words.pop(0)
    name = " ".join(words)
    return _POSSESSIVE.sub("", name) if len(name) > 3 else name


def kind_of(label: str, name: str) -> str:
    """Entity kind from an NER label and the name itself."""
    kind = _KINDS.get(label, "unknown")
    if kind == "organisation" and GROUP_WORDS.search(name):
        return "group"
    return kind


@stage("entities", requires=("text", "regions", "clauses"), assigns=("clusters",))
class Entities:
    """Collect named-entity mentions and cluster them."""

    def accept(self, work: Work, proposal: Proposal) -> None:
        """A new entity (``clusters``) or a further mention of one (``clusters.mentions``, kept in text order)."""
        if proposal.field == "clusters":
            work.clusters.append(proposal.value)
        elif proposal.field == "clusters.mentions":
            insort(proposal.target.mentions, proposal.value, key=lambda m: m.start)
        else:
            raise ValueError(f"entities takes no proposals for '{proposal.field}'")

    def __call__(self, work: Work) -> None:
        mentions = []  # (start, end, label)
        for clause in work.clauses:
            run = None
            for t in clause.tokens:
                if t.region is not None or t.ent_type not in _KINDS:
                    run = None
                    continue
                if t.ent_iob == "B" or run is None or run[2] != t.ent_type:
                    run = [t.start, t.end, t.ent_type]
                    mentions.append(run)
                else:
                    run[1] = t.end
        work.clusters = cluster_mentions(work, [(s, e, lab) for s, e, lab in mentions])
        _link_known_names(work)


def _strip_determiner(work: Work, start: int, end: int) -> int:
    m = re.match(r"(?:the|a|an)\s+", work.text[start:end], re.I)
    return start + m.end() if m else start


def cluster_mentions(work: Work, mentions: list[tuple[int, int, str]]) -> list[Cluster]:
    """Group mentions into clusters; longer names first so short forms can join them."""
    items = []
    for s, e, label in mentions:
        s = _strip_determiner(work, s, e)
        name = clean_name(work.text[s:e])
        if not name or not re.search(r"[A-Za-z]", name):
            continue
        items.append((s, e, label, name))
    clusters: list[Cluster] = []
    order = sorted(range(len(items)), key=lambda i: -len(items[i][3].split()))
    for i in order:
        s, e, label, name = items[i]
        target = _find(clusters, name, label)
        if target is None:
            target = Cluster(name, kind_of(label, name))
            clusters.append(target)
        target.mentions.append(Mention.of(work.text, s, e))
    for c in clusters:
        c.mentions.sort(key=lambda m: m.start)
    clusters.sort(key=lambda c: c.mentions[0].start)
    return clusters


def _find(clusters: list[Cluster], name: str, label: str) -> Cluster | None:
    words = name.split()
    person = label == "PERSON"
    for c in clusters:
        if c.name.lower() == name.lower():
            return c
    hits = []
    for c in clusters:
        cw = c.name.split()
        if person and c.kind == "person" and len(words) < len(cw):
            if words[-1] == cw[-1] or (len(words) == 1 and words[0] == cw[0]):
                hits.append(c)
        elif not person and c.kind != "person" and len(words) < len(cw):
            if cw[: len(words)] == words and cw[len(words)].lower() in ("of", "for", "in", "on"):
                hits.append(c)
    return hits[0] if len(hits) == 1 else None


def _link_known_names(work: Work) -> None:
    """Known names the recogniser did not tag, outside quotations ("Loach is understood …")."""
    names = {}
    for c in work.clusters:
        words = c.name.split()
        names[c.name] = c
        if c.kind == "person" and len(words) > 1:
            names.setdefault(words[-1], c)
    if not names:
        return
    taken = sorted((m.start, m.end) for c in work.clusters for m in c.mentions)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")
    index = work.region_index
    for clause in work.clauses:
        for m in pattern.finditer(work.text, clause.span.start, clause.span.end):
            if index.overlapping(m.start(), m.end()) or _overlaps(taken, m.start(), m.end()):
                continue
            names[m.group()].mentions.append(Mention.of(work.text, m.start(), m.end()))
    for c in work.clusters:
        c.mentions.sort(key=lambda m: m.start)


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    k = bisect_right(taken, (end, end)) - 1
    while k >= 0 and taken[k][0] >= start - 300:
        if taken[k][0] < end and start < taken[k][1]:
            return True
        k -= 1
    return False
