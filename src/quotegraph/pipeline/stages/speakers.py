"""Resolve each speaker phrase to one canonical entity.

Names join their entity cluster; pronouns ("he", "they"), relativisers
("which"), definite descriptions ("the 85-year-old", "the group") go to the
most recent compatible entity, preferring recent speakers; "it" and "the
statement" go to the author of the statement they refer to, and the statement's
channel and date come with it. A quotation with no speaker in its own
sentence takes the speaker of the statement just before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort

from ...model import Mention
from ..base import stage
from ..lexicons import channel_nouns, org_nouns
from ..work import Candidate, Cluster, Token, Work
from .entities import GROUP_WORDS, clean_name

__all__ = ["Speakers", "ORG_NOUNS", "CHANNEL_NOUNS"]

PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
PLURAL_PRONOUNS = {"they", "them"}
RELATIVISERS = {"who", "which", "that", "whom"}
ORG_NOUNS = org_nouns()
CHANNEL_NOUNS = channel_nouns()
_MAX_BACK = 2500  # characters to look back for an antecedent


class _Mentions:
    """Entity mentions sorted by start, for windowed look-ups (never a full scan)."""

    LONGEST = 300  # no mention is longer than this many characters

    def __init__(self, pairs) -> None:
        self.items = sorted(((s, e, id(c), c) for (s, e), c in pairs), key=lambda x: x[:3])

    def add(self, start: int, end: int, cluster: Cluster) -> None:
        insort(self.items, (start, end, id(cluster), cluster), key=lambda x: x[:3])

    def starting(self, lo: int, hi: int):
        """``(start, end, cluster)`` with ``lo <= start < hi``."""
        i = bisect_left(self.items, lo, key=lambda x: x[0])
        j = bisect_left(self.items, hi, key=lambda x: x[0])
        return [(s, e, c) for s, e, _, c in self.items[i:j]]


class _Index:
    """Token lookup by document offset."""

    def __init__(self, work: Work) -> None:
        self.items = sorted(((t.start, ci, t.i) for ci, c in enumerate(work.clauses) for t in c.tokens), key=lambda x: x[0])
        self.starts = [x[0] for x in self.items]
        self.work = work

    def at(self, offset: int) -> tuple[int, Token] | None:
        k = bisect_right(self.starts, offset) - 1
        if k < 0:
            return None
        _, ci, ti = self.items[k]
        return ci, self.work.clauses[ci].tokens[ti]


@stage("speakers",
       requires=("text", "paragraphs", "clauses", "clusters.name", "clusters.kind", "clusters.mentions",
                 "candidates.spans", "candidates.clause", "candidates.speaker_mention", "candidates.speaker_head",
                 "candidates.carried", "candidates.cue", "candidates.channel", "candidates.channel_evidence", "candidates.said_on",
                 "candidates.said_on_evidence"),
       assigns=("candidates.speaker_name", "candidates.speaker_kind", "candidates.speaker_entity"),
       proposes=("candidates.confidence", "candidates.channel", "candidates.said_on", "clusters", "clusters.mentions"))
class Speakers:
    """Give every statement a canonical speaker name and kind."""

    def __call__(self, work: Work) -> None:
        self.work = work
        self.index = _Index(work)
        self.owner = _Mentions(_mention_owner(work).items())
        self.spoken: list[tuple[int, int, Cluster]] = []  # (mention start, order, cluster) of resolved speakers
        prev: Candidate | None = None
        for cand in work.candidates:
            if cand.speaker_mention is not None:
                self._resolve(cand)
            elif cand.carried and prev is not None and self._adjacent(prev, cand):
                _inherit(work, cand, prev)
            if cand.speaker_name is None and cand.speaker_mention is None:
                work.propose("candidates.confidence", cand, 0.35, by=self.name)
            prev = cand

    def _adjacent(self, prev: Candidate, cand: Candidate) -> bool:
        w = self.work
        p, c = w.paragraph_of(prev.spans[-1].end), w.paragraph_of(cand.spans[0].start)
        return c - p <= 1

    def _resolve(self, cand: Candidate) -> None:
        m = cand.speaker_mention
        hit = self.index.at(cand.speaker_head if cand.speaker_head is not None else m.start)
        head = hit[1] if hit else None
        word = (head.text if head else m.text).lower()
        cluster = self._apposition(*hit) if hit is not None and head.pos == "NOUN" else None
        joint = self._joint(m)
        if joint:
            cand.speaker_name, cand.speaker_kind = " and ".join(joint), "group"
            return
        if cluster is not None:
            pass
        elif word in PERSON_PRONOUNS:
            cluster = self._antecedent(m.start, ("person",))
        elif word in PLURAL_PRONOUNS:
            cluster = self._antecedent(m.start, ("group", "organisation", "person"), prefer_speakers=True)
        elif word == "it" or (head is not None and head.lemma in CHANNEL_NOUNS and head.pos == "NOUN"):
            if self._statement_author(cand, m.start):
                return
            cluster = self._antecedent(m.start, ("organisation", "group"))
        elif word in RELATIVISERS and hit is not None:
            cluster = self._relative_antecedent(*hit)
        if cluster is None:
            cluster = self._description(m, head) or self._named(m)
        known = cluster is not None and any(cluster is c for c in self.work.clusters)
        if cluster is not None and not known:
            cand.speaker_name, cand.speaker_kind = cluster.name, cluster.kind
        elif cluster is not None:
            cand.speaker_name, cand.speaker_kind = cluster.name, cluster.kind
            cand.speaker_entity = next(i for i, c in enumerate(self.work.clusters) if c is cluster)
            if not any(x.start < m.end and m.start < x.end for x in cluster.mentions):
                self.work.propose("clusters.mentions", cluster, m, by=self.name)
                self.owner.add(m.start, m.end, cluster)
            insort(self.spoken, (m.start, len(self.spoken), cluster), key=lambda x: x[:2])
        else:
            cand.speaker_name = _surface_name(m.text)
            cand.speaker_kind = "unknown"

    def _named(self, m: Mention) -> Cluster | None:
        """The cluster one of whose mentions lies inside the speaker phrase."""
        best = None
        for s, e, c in self.owner.starting(m.start, m.end):
            if e <= m.end and (best is None or e - s > best[0]):
                best = (e - s, c)
        if best:
            return best[1]
        name = clean_name(re.sub(r"^(the|a|an)\s+", "", m.text, flags=re.I))
        if m.text[:1].isupper() and name and name.split()[-1][:1].isupper() and name.lower() not in PERSON_PRONOUNS:
            for c in self.work.clusters:
                if c.name.split()[-1] == name.split()[-1] and c.kind == "person":
                    return c
            for c in self.work.clusters:
                if c.name == name:
                    return c
            kind = "group" if GROUP_WORDS.search(name) else ("person" if len(name.split()) <= 3 else "unknown")
            cluster = Cluster(name, kind)
            self.work.propose("clusters", None, cluster, by=self.name)
            return cluster
        return None

    def _description(self, m: Mention, head: Token | None) -> Cluster | None:
        """'the 85-year-old' -> the most recent person; 'the party' -> the most recent organisation."""
        if head is None or head.pos == "PROPN" or not re.match(r"(the|this|that)\b", m.text, re.I):
            return None
        if head.lemma in ORG_NOUNS:
            # "the union" is the National Education Union if one was named; else the last organisation
            named = [c for _, (_, c) in sorted(self._recent(m.start, ("organisation", "group")), key=lambda x: x[1][0])
                     if head.lemma in c.name.lower().split() or head.text.lower() in c.name.lower().split()]
            return named[-1] if named else self._antecedent(m.start, ("organisation", "group"))
        if head.pos in ("NOUN", "ADJ") and head.lemma not in CHANNEL_NOUNS:
            return self._antecedent(m.start, ("person",), prefer_speakers=True)
        return None

    def _antecedent(self, before: int, kinds: tuple[str, ...], prefer_speakers: bool = False) -> Cluster | None:
        """The most recent cluster of an allowed kind mentioned before ``before``."""
        best, best_key = None, None
        for speaker_first, c in self._recent(before, kinds):
            key = (speaker_first if prefer_speakers else 0, c[0])
            if best_key is None or key > best_key:
                best, best_key = c[1], key
        return best

    def _recent(self, before: int, kinds):
        lo = before - _MAX_BACK + 1
        i = bisect_left(self.spoken, lo, key=lambda x: x[0])
        j = bisect_left(self.spoken, before, key=lambda x: x[0])
        for start, _, c in self.spoken[i:j]:
            if c.kind in kinds:
                yield 1, (start, c)
        for s, e, c in self.owner.starting(lo, before):
            if c.kind in kinds:
                yield 0, (s, c)

    def _statement_author(self, cand: Candidate, before: int) -> bool:
        """'it said' after 'In a statement …, the group called for …': the group said it."""
        prior = []
        for c in reversed(self.work.candidates):
            start = c.spans[0].start
            if start < before - _MAX_BACK:
                break
            if c.channel and c.speaker_name and start < before and c.clause is not None:
                prior = [c]
                break
        if not prior:
            return False
        frame_end = self.work.clauses[prior[-1].clause].span.end
        if any(s >= frame_end for _, (s, c) in self._recent(before, ("organisation", "group"))):
            return False  # an organisation named since that statement is the likelier referent
        src = prior[-1]
        _inherit(self.work, cand, src)
        _share_occasion(self.work, cand, src)  # a second proposal of the same is a no-op for the owners
        return True

    def _relative_antecedent(self, ci: int, tok: Token) -> Cluster | None:
        clause = self.work.clauses[ci]
        t = tok
        for _ in range(3):
            if t.head == t.i:
                return None
            t = clause.tokens[t.head]
            if t.pos in ("NOUN", "PROPN"):
                break
        while t.dep == "appos" and t.head != t.i:
            t = clause.tokens[t.head]
        near = self._named_near(t)
        if near is not None:
            return near
        if t.pos == "PROPN":
            return self._named(self.work.mention(t.start, t.end))
        # "a letter from his doctor that says …": the speaker is the noun phrase itself
        s, e = _noun_phrase(clause, t)
        return Cluster(_surface_name(self.work.text[s:e]), "unknown", [])

    def _joint(self, m: Mention) -> list[str]:
        """Names of two or more people speaking together ("Anne Price and Tom Hughes")."""
        if " and " not in m.text and "," not in m.text:
            return []
        names: list[str] = []
        for s, e, c in self.owner.starting(m.start, m.end):
            if e <= m.end and c.kind == "person" and c.name not in names:
                names.append(c.name)
        return names if len(names) > 1 else []

    def _apposition(self, ci: int, head: Token) -> Cluster | None:
        """'The chancellor, Rachel Brown, said': the named apposition is the speaker."""
        clause = self.work.clauses[ci]
        for c in head.children:
            t = clause.tokens[c]
            if t.dep == "appos" and t.pos == "PROPN":
                return self._named_near(t) or self._named(self.work.mention(*_noun_phrase(clause, t)))
        return None

    def _named_near(self, t: Token) -> Cluster | None:
        for s, e, c in self.owner.starting(t.start - _Mentions.LONGEST, t.start + 1):
            if s <= t.start < e:
                return c
        return None


def _noun_phrase(clause, t: Token) -> tuple[int, int]:
    """Span of a noun with its determiners, modifiers and prepositional phrases (not clauses)."""
    keep = {t.i}
    stack = [c for c in t.children]
    while stack:
        i = stack.pop()
        c = clause.tokens[i]
        if c.dep in ("relcl", "acl", "punct", "appos", "cc", "conj") or c.region is not None:
            continue
        keep.add(i)
        stack.extend(c.children)
    lo = hi = t.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    return clause.tokens[lo].start, clause.tokens[hi].end


def _inherit(work: Work, cand: Candidate, src: Candidate) -> None:
    cand.speaker_name, cand.speaker_kind, cand.speaker_entity = src.speaker_name, src.speaker_kind, src.speaker_entity
    if cand.cue is None and cand.carried:
        _share_occasion(work, cand, src)


def _share_occasion(work: Work, cand: Candidate, src: Candidate) -> None:
    """Propose ``src``'s channel and date for ``cand`` (their owners take them only where ``cand`` has none)."""
    work.propose("candidates.channel", cand, (src.channel, src.channel_evidence), by="speakers")
    work.propose("candidates.said_on", cand, (src.said_on, src.said_on_evidence), by="speakers")


def _mention_owner(work: Work) -> dict[tuple[int, int], Cluster]:
    return {(m.start, m.end): c for c in work.clusters for m in c.mentions}


def _surface_name(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.I))
