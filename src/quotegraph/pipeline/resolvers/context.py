"""What the speaker resolvers read: the article's entities, their profiles, and the discourse so far.

``Context`` is built once per document from ``Work``. Resolvers only read it; the speakers stage records
each statement it resolves (``said``) and each pronoun it links (``linked``), so that the next look-up
sees the discourse up to that point. Every look-up is a bisection over a sorted index: no resolver scans
all mentions or all clusters.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ...model import Mention
from ..work import Candidate, Clause, Token, Work
from .lexicon import TITLE_BEFORE, first_name_gender, gender_of_word, person_noun, title

__all__ = ["Context", "Profile", "Referent", "Said", "Query", "Resolution", "role_word", "candidate_position", "name_words", "modifies_what_follows"]

LONGEST_MENTION = 300  # no entity mention is longer than this many characters
_AGE_AFTER = re.compile(r"\s*,\s*(\d{1,3})\s*,")
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NEXT_WORD = re.compile(r"[ \t]+([\w.]+)")
_HYPHENATED = re.compile(r"[-‐][a-z]")


@dataclass(slots=True)
class Profile:
    """What the article says about one entity: gender, roles ("governor"), ages, affiliation."""

    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    ages: set[str] = field(default_factory=set)
    affiliation: str | None = None
    conflicting: bool = False

    def give_gender(self, g: str | None) -> None:
        if g is None or self.conflicting:
            return
        if self.gender is not None and self.gender != g:
            self.gender, self.conflicting = None, True
        else:
            self.gender = g


@dataclass(frozen=True, slots=True)
class Referent:
    """Something a later phrase can refer to: an entity, or a described speaker ("a spokeswoman")."""

    entity: int | None
    name: str
    kind: str
    gender: str | None = None
    plural: bool = False


@dataclass(frozen=True, slots=True)
class Said:
    """A resolved statement: where its speaker phrase is, and who the speaker is."""

    start: int
    paragraph: int
    sentence: int
    referent: Referent
    named: bool  # the speaker was named here (not a pronoun or a carried speaker)
    candidate: int


@dataclass(frozen=True, slots=True)
class Resolution:
    """Who a speaker phrase names, and which resolver said so (``rule``).

    Exactly one of: ``entity`` (an entity of the article), ``source`` (the statement whose speaker this one
    takes, "it said"), ``name`` (a speaker that is no entity: a description, or a proper name the
    recogniser missed, ``new_entity`` then), or none of them (the phrase names no one: a dateline).
    """

    rule: str
    entity: int | None = None
    name: str | None = None
    kind: str = "unknown"
    plural: bool = False
    gender: str | None = None
    affiliation: str | None = None
    new_entity: bool = False
    source: int | None = None


@dataclass(frozen=True, slots=True)
class Query:
    """One speaker phrase to resolve."""

    candidate: int
    mention: Mention
    head: Token | None
    clause: int | None

    @property
    def word(self) -> str:
        return (self.head.text if self.head is not None else self.mention.text).lower()


class Context:
    """Read-only indexes over one document for the resolvers (plus the discourse the stage records)."""

    def __init__(self, work: Work) -> None:
        self.work = work
        self.clusters = work.clusters
        self._tok = sorted(((t.start, ci, t.i) for ci, c in enumerate(work.clauses) for t in c.tokens))
        self._tok_starts = [x[0] for x in self._tok]
        self._sent_starts = [c.span.start for c in work.clauses]
        pairs = sorted((m.start, m.end, k) for k, c in enumerate(work.clusters) for m in c.mentions)
        self.mentions: list[tuple[int, int, int]] = pairs
        self._m_starts = [p[0] for p in pairs]
        self.profiles = [Profile() for _ in work.clusters]
        self.said: list[Said] = []
        self.links: list[tuple[int, int, int]] = []  # pronouns linked to an entity, as the stage found them
        self._said_starts: list[int] = []
        self._by_name = {c.name.lower(): k for k, c in enumerate(work.clusters)}
        self._by_last: dict[str, list[int]] = {}
        for k, c in enumerate(work.clusters):
            words = name_words(c.name)
            if c.kind == "person" and len(words) > 1:
                self._by_last.setdefault(words[-1], []).append(k)
        self._profile_all()

    # --- look-ups ----------------------------------------------------------------------------------------

    def token_at(self, offset: int) -> tuple[int, Token] | None:
        """``(clause index, token)`` of the token starting at or before ``offset``."""
        k = bisect_right(self._tok_starts, offset) - 1
        if k < 0:
            return None
        _, ci, ti = self._tok[k]
        return ci, self.work.clauses[ci].tokens[ti]

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect_right(self._sent_starts, offset) - 1)

    def mentions_between(self, lo: int, hi: int) -> list[tuple[int, int, int]]:
        """``(start, end, entity)`` of every entity mention starting in ``[lo, hi)``, in text order."""
        return self.mentions[bisect_left(self._m_starts, lo):bisect_left(self._m_starts, hi)]

    def entity_covering(self, offset: int) -> int | None:
        """The entity with a mention covering ``offset`` (the longest such mention)."""
        best = None
        for s, e, k in self.mentions_between(offset - LONGEST_MENTION, offset + 1):
            if s <= offset < e and (best is None or e - s > best[0]):
                best = (e - s, k)
        return best[1] if best else None

    def said_between(self, lo: int, hi: int) -> list[Said]:
        return [self.said[i] for i in range(bisect_left(self._said_starts, lo), bisect_left(self._said_starts, hi))]

    def by_name(self, name: str) -> int | None:
        return self._by_name.get(name.lower())

    def by_last_name(self, word: str) -> list[int]:
        """People of the article whose full name ends in ``word``."""
        return self._by_last.get(word, [])

    def referent(self, k: int) -> Referent:
        c = self.clusters[k]
        return Referent(k, c.name, c.kind, self.profiles[k].gender, False)  # "the union … it", "the union … they"

    def is_subject(self, start: int) -> bool:
        """Is the mention at ``start`` a clause subject (or, in an unparsed sentence, its first name)?"""
        hit = self.token_at(start)
        if hit is None:
            return False
        ci, tok = hit
        clause = self.work.clauses[ci]
        if not any(t.dep for t in clause.tokens):
            first = [m for m in self.mentions_between(clause.span.start, clause.span.end) if not modifies_what_follows(self.work.text, m[1])]
            return bool(first) and first[0][0] == start
        t = tok
        for _ in range(4):  # climb from the first word of the name to its head ("Ryan" -> "Suter")
            if t.dep in _SUBJECT_DEPS:
                return True
            if t.dep not in ("compound", "flat", "appos") or t.head == t.i:
                return False
            t = clause.tokens[t.head]
        return False

    def is_modifier(self, start: int, end: int) -> bool:
        """Is the mention a modifier of a noun outside it ("Republican Gov. …", "Hong Kong police")?"""
        hit = self.token_at(max(start, end - 1))
        if hit is None:
            return False
        ci, tok = hit
        if not any(t.dep for t in self.work.clauses[ci].tokens):
            return modifies_what_follows(self.work.text, end)  # an unparsed sentence: read the words
        if tok.dep not in ("amod", "compound", "nmod") or tok.head == tok.i:
            return False
        head = self.work.clauses[ci].tokens[tok.head]
        return not (start <= head.start < end)

    # --- the discourse, as the stage records it ----------------------------------------------------------

    def record(self, said: Said) -> None:
        k = bisect_right(self._said_starts, said.start)
        self._said_starts.insert(k, said.start)
        self.said.insert(k, said)

    def add_entity(self, cluster) -> int:
        """A new entity (the stage's doing, never a resolver's, and applied by ``entities``); its index."""
        self.work.propose("clusters", None, cluster, by="speakers")
        self.profiles.append(Profile())
        k = len(self.clusters) - 1
        self._by_name.setdefault(cluster.name.lower(), k)
        words = name_words(cluster.name)
        if cluster.kind == "person" and len(words) > 1:
            self._by_last.setdefault(words[-1], []).append(k)
            self.profiles[k].give_gender(first_name_gender(words[0]))
        return k

    def link(self, start: int, end: int, entity: int, pronoun: bool = False) -> None:
        """A further mention of ``entity`` (a pronoun, a speaker phrase) that later look-ups see."""
        if pronoun:
            self.links.append((start, end, entity))
        item = (start, end, entity)
        k = bisect_left(self.mentions, item)
        if k < len(self.mentions) and self.mentions[k] == item:
            return
        self.mentions.insert(k, item)
        self._m_starts.insert(k, start)

    # --- profiles ----------------------------------------------------------------------------------------

    def _profile_all(self) -> None:
        text = self.work.text
        for s, e, k in self.mentions:
            c, p = self.clusters[k], self.profiles[k]
            if c.kind != "person":
                continue
            m = TITLE_BEFORE.search(text, max(0, s - 20), s)
            if m:
                g, role = title(m.group(1)) or (None, None)
                p.give_gender(g)
                if role:
                    p.roles.add(role)
            age = _AGE_AFTER.match(text, e)
            if age:
                p.ages.add(age.group(1))
            self._roles_from_syntax(s, e, k)
        for k, c in enumerate(self.clusters):
            words = c.name.split()
            if c.kind == "person" and len(words) > 1:
                self.profiles[k].give_gender(first_name_gender(words[0]))

    def _roles_from_syntax(self, s: int, e: int, k: int) -> None:
        hit = self.token_at(max(s, e - 1))
        if hit is None:
            return
        ci, head = hit
        clause = self.work.clauses[ci]
        p = self.profiles[k]
        for c in head.children:
            t = clause.tokens[c]
            if t.end <= s and t.dep in ("compound", "nmod", "amod") and t.pos == "NOUN" and person_noun(t.lemma):
                p.roles.add(role_word(t.lemma))
                p.give_gender(gender_of_word(t.lemma))
                self._affiliation(clause, t, s, k)
            elif t.dep == "appos" and t.pos == "NOUN":
                p.roles.add(role_word(t.lemma))
                p.give_gender(gender_of_word(t.lemma))
            elif t.dep == "appos" and t.pos == "NUM" and t.text.isdigit():
                p.ages.add(t.text)
        if head.dep == "appos" and head.head != head.i and clause.tokens[head.head].pos == "NOUN":
            noun = clause.tokens[head.head]
            p.roles.add(role_word(noun.lemma))
            p.give_gender(gender_of_word(noun.lemma))
        if not any(t.dep for t in clause.tokens):
            before = re.search(r"([a-z][a-z-]+)\s+$", self.work.text[max(clause.span.start, s - 40):s])
            if before and person_noun(before.group(1)):
                p.roles.add(role_word(before.group(1)))
                p.give_gender(gender_of_word(before.group(1)))

    def _affiliation(self, clause: Clause, role: Token, name_start: int, k: int) -> None:
        """'State Department official Jane Holt': the organisation named before the role noun."""
        for s, e, j in self.mentions_between(clause.span.start, name_start):
            if e <= role.start and self.clusters[j].kind in ("organisation", "group") and role.start - e <= 2:
                self.profiles[k].affiliation = self.clusters[j].name


def name_words(name: str) -> list[str]:
    """A name's words without a closing Jr/Sr/III ("Patrick W. Carlineo Jr." -> Patrick, W., Carlineo)."""
    words = name.split()
    while len(words) > 2 and words[-1].lower().rstrip(".") in ("jr", "sr", "ii", "iii", "iv"):
        words = words[:-1]
    return words


def role_word(word: str) -> str:
    """The role a noun names, singular and without co-/vice- ("co-founders" -> "founder")."""
    w = re.sub(r"^(?:co-|vice-|ex-)", "", word.lower())
    if re.fullmatch(r"\d+-year-olds?", w):
        return w.rstrip("s")
    if w.endswith("men"):
        return w[:-3] + "man"
    if w.endswith("s") and person_noun(w[:-1]):
        return w[:-1]
    return w


def candidate_position(cand: Candidate) -> int:
    """Where a statement's speaker phrase is (or its content, when it has none)."""
    return cand.speaker_mention.start if cand.speaker_mention is not None else cand.spans[0].start


def modifies_what_follows(text: str, end: int) -> bool:
    """Is a mention ending at ``end``, read by its words, part of a longer name or description: a
    title follows ("Republican *Gov.* Eric Holcomb") or it opens a hyphenated adjective ("the
    GOP*-dominated* Legislature", "Russia*-backed* rebels")?"""
    if _HYPHENATED.match(text, end):
        return True
    m = _NEXT_WORD.match(text, end)
    return m is not None and m.group(1)[:1].isupper() and title(m.group(1)) is not None
