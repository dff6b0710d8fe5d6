"""Resolvers for speaker phrases that describe someone instead of naming them.

"The governor" is the governor the article names ("Gov. Eric Holcomb", "Holcomb, the governor"); "the
56-year-old" is the person introduced as "X, 56,"; with no such person the description itself is the
speaker ("the doctor", "Morrison's lawyer", "a California transit chief", "Hong Kong police"). "The
union" is the union the article names, else the organisation it is about; "the report by the union" is
the union.
"""

from __future__ import annotations

import re

from ..lexicons import channel_nouns, org_nouns
from .context import Context, Query, Resolution, role_word
from .lexicon import clean_name, gender_of_word, person_noun
from .phrases import noun_phrase, surface_name
from .pronouns import agrees, antecedent

__all__ = ["author_of_document", "spokesperson", "organisation_noun", "person_description", "description"]

_SPOKES = frozenset({"spokesperson", "spokesman", "spokeswoman", "spokespeople", "spokesmen", "spokeswomen",
                     "spokespersons"})

_CAP = r"[A-Z][\w’'&.-]*"
_ORG_AFTER = re.compile(rf"\s+(?:for|of|at)\s+(?:the\s+)?({_CAP}(?:\s+(?:(?:and|of|for|&)\s+)?{_CAP})*)")
_DEFINITE = re.compile(r"(?:the|this|that)\b", re.I)
_AGE = re.compile(r"(\d{1,3})[- ]year[- ]old\b", re.I)
_PLURAL_TAGS = ("NNS", "NNPS")
_AGE_WINDOW = 20_000  # characters back in which "the 85-year-old" counts how often each person was named


def author_of_document(ctx: Context, q: Query) -> Resolution | None:
    """'The report by the University and College Union says': the union."""
    if q.head is None or q.clause is None or q.head.lemma not in channel_nouns():
        return None
    clause = ctx.work.clauses[q.clause]
    for c in q.head.children:
        prep = clause.tokens[c]
        if prep.dep == "prep" and prep.text.lower() in ("by", "from", "of"):
            for s, e, k in ctx.mentions_between(prep.end, q.mention.end):
                if ctx.clusters[k].kind != "unknown":
                    r = ctx.referent(k)
                    return Resolution("document_author", entity=k, name=r.name, kind=r.kind, plural=r.plural)
    return None


def spokesperson(ctx: Context, q: Query) -> Resolution | None:
    """'a spokeswoman for the union', 'a Disney spokesman': the organisation speaks through them."""
    head = q.head
    if head is None or head.pos not in ("NOUN", "PROPN") or head.text.lower() not in _SPOKES:
        return None
    m = q.mention
    gender = gender_of_word(head.text)
    for s, e, k in ctx.mentions_between(m.start, m.end):
        if ctx.clusters[k].kind in ("organisation", "group"):
            r = ctx.referent(k)
            return Resolution("spokesperson", entity=k, name=r.name, kind=r.kind, gender=gender)
    # The recogniser missed the organisation: the capitalised name after "for"/"of"/"at"
    named = _ORG_AFTER.match(ctx.work.text, head.end)
    if named:
        return Resolution("spokesperson", name=clean_name(named.group(1)), kind="organisation", gender=gender,
                          new_entity=True)
    return None


def organisation_noun(ctx: Context, q: Query) -> Resolution | None:
    """'the union', 'the company': the organisation the article names with that word, else the salient one."""
    head = q.head
    if head is None or head.pos != "NOUN" or head.lemma not in org_nouns():
        return None
    if not _DEFINITE.match(q.mention.text) or _modified(ctx, q):
        return None
    word = head.lemma
    best = None
    for s, e, k in ctx.mentions_between(q.mention.start - 2500, q.mention.start):
        c = ctx.clusters[k]
        if c.kind in ("organisation", "group") and (word in c.name.lower().split() or head.text.lower() in c.name.lower().split()):
            best = k
    if best is not None:
        r = ctx.referent(best)
        return Resolution("organisation_noun", entity=best, name=r.name, kind=r.kind, plural=r.plural)
    ref = antecedent(ctx, q.mention.start, "it", modifier_kinds=("group",))
    if ref is None or ref.kind not in ("organisation", "group"):
        return None  # "the companies" after "the study found": not the study
    return Resolution("organisation_noun", entity=ref.entity, name=ref.name, kind=ref.kind, plural=ref.plural)


def person_description(ctx: Context, q: Query) -> Resolution | None:
    """'the governor', 'the 56-year-old': the person the article introduced with that role or age."""
    head = q.head
    if head is None or head.pos not in ("NOUN", "ADJ") or not _DEFINITE.match(q.mention.text):
        return None
    if _modified(ctx, q, allow_adjectives=True, allow_compounds=True):
        return None
    age = _AGE.search(q.mention.text) if head.text.lower() in ("old", "olds") or "year-old" in head.text else None
    if age:
        return _by_age(ctx, q, age.group(1))
    if not person_noun(head.lemma) or head.tag in _PLURAL_TAGS:
        return None
    role = role_word(head.lemma)
    gender = gender_of_word(head.lemma)
    best = None
    for s, e, k in ctx.mentions_between(q.mention.start - 5000, q.mention.start):
        if role in ctx.profiles[k].roles and agrees(ctx.referent(k), gender, False, ("person",)):
            best = k
    if best is None:
        return None
    r = ctx.referent(best)
    return Resolution("role", entity=best, name=r.name, kind="person", gender=r.gender)


def _by_age(ctx: Context, q: Query, age: str) -> Resolution | None:
    aged = [k for k, p in enumerate(ctx.profiles) if p.ages]
    match = [k for k in aged if age in ctx.profiles[k].ages]
    if len(match) == 1:
        r = ctx.referent(match[0])
        return Resolution("age", entity=match[0], name=r.name, kind="person", gender=r.gender)
    if aged:
        return None  # the article gives ages, and this one is nobody's: the description is the speaker
    # No one's age is given: "the 85-year-old" is the person the article is about, the one named most so far
    # among those named in the last few paragraphs.
    work = ctx.work
    p = work.paragraph_of(q.mention.start)
    lo = work.paragraphs[max(0, p - 3)].start if work.paragraphs else 0
    recent = {k for _, _, k in ctx.mentions_between(lo, q.mention.start) if ctx.clusters[k].kind == "person"}
    if not recent:
        return None
    counts: dict[int, tuple[int, int]] = {}
    for s, _, k in ctx.mentions_between(q.mention.start - _AGE_WINDOW, q.mention.start):
        if k in recent:
            counts[k] = (counts.get(k, (0, 0))[0] + 1, s)
    best = max(counts, key=counts.__getitem__)
    r = ctx.referent(best)
    return Resolution("age", entity=best, name=r.name, kind="person", gender=r.gender)


def description(ctx: Context, q: Query) -> Resolution | None:
    """The description itself is the speaker ("prosecutors", "Morrison's lawyer", "Hong Kong police")."""
    head = q.head
    if head is None or head.pos not in ("NOUN", "ADJ", "NUM") or q.clause is None:
        return None
    if head.text[:1].isupper() and " " not in q.mention.text.strip() and ctx.by_last_name(head.text):
        return None  # "Parise" tagged as a common noun: a surname (see ``surname``)
    clause = ctx.work.clauses[q.clause]
    s, e = noun_phrase(clause, head)
    s = max(s, q.mention.start)  # the noun phrase may run past a phrase cut short ("Staff on short-term …")
    name = surface_name(ctx.work.text[s:e]) or surface_name(q.mention.text)
    plural = head.tag in _PLURAL_TAGS
    if head.lemma in org_nouns() or head.text.lower() in org_nouns():
        kind = "organisation" if not plural else "group"
    elif person_noun(head.lemma) or person_noun(head.text):
        kind = "group" if plural else "person"
    else:
        kind = "group" if plural else "unknown"
    return Resolution("description", name=name, kind=kind, plural=plural, gender=gender_of_word(head.lemma),
                      affiliation=_organisation_in(ctx, s, e))


def _modified(ctx: Context, q: Query, allow_adjectives: bool = False, allow_compounds: bool = False) -> bool:
    """Does the head carry a possessor, a compound or a prepositional phrase ("Morrison's lawyer")?"""
    if q.clause is None:
        return False
    clause = ctx.work.clauses[q.clause]
    for c in q.head.children:
        t = clause.tokens[c]
        if t.dep in ("compound", "nmod") and allow_compounds:
            continue
        if t.dep in ("poss", "compound", "nmod", "prep", "nummod") or (t.dep == "amod" and not allow_adjectives):
            if t.dep == "amod" and t.text.lower() in ("former", "new", "late", "current"):
                continue
            return True
    return False


def _organisation_in(ctx: Context, s: int, e: int) -> str | None:
    for ms, me, k in ctx.mentions_between(s, e):
        if me <= e and ctx.clusters[k].kind in ("organisation", "group"):
            return ctx.clusters[k].name
    return None
