"""Resolvers for phrases that point back: pronouns, relativisers, and "it"/"the statement".

"it said" after "In a statement …, the group called for …" is the group, and the statement's channel
and date come with it; "he"/"she"/"they" go through the one pronoun resolver; "a letter from his doctor
that says …" is the doctor's letter, "Sondland, who testified …" is Sondland.
"""

from __future__ import annotations

from ..lexicons import channel_nouns
from .context import Context, Query, Resolution
from .phrases import noun_phrase, surface_name
from .pronouns import MAX_BACK, antecedent, pronoun_features

__all__ = ["statement_author", "pronoun", "relative"]

RELATIVISERS = frozenset({"who", "which", "that", "whom"})


def statement_author(ctx: Context, q: Query) -> Resolution | None:
    """'it said' / 'the statement said' after a statement made through a channel: its author."""
    head = q.head
    is_channel = head is not None and head.pos == "NOUN" and head.lemma in channel_nouns()
    if q.word != "it" and not is_channel:
        return None
    before = q.mention.start
    work = ctx.work
    prior = None
    for s in reversed(ctx.said_between(before - MAX_BACK, before)):
        cand = work.candidates[s.candidate]
        if cand.channel and cand.clause is not None and s.referent.name:
            prior = (s, cand)
            break
    if prior is None:
        return None
    said, cand = prior
    frame_end = work.clauses[cand.clause].span.end
    for s, _, k in ctx.mentions_between(frame_end, before):
        if ctx.clusters[k].kind in ("organisation", "group"):
            return None  # an organisation named since that statement is the likelier referent
    return Resolution("statement_author", source=said.candidate, name=said.referent.name, kind=said.referent.kind)


def pronoun(ctx: Context, q: Query) -> Resolution | None:
    """'he', 'she', 'they', 'it': the agreeing, most salient antecedent (see ``pronouns``)."""
    if pronoun_features(q.word) is None or (q.head is not None and q.head.pos not in ("PRON", "")):
        return None
    ref = antecedent(ctx, q.mention.start, q.word)
    if ref is None:
        return Resolution("pronoun_unresolved")
    return Resolution("pronoun", entity=ref.entity, name=ref.name, kind=ref.kind, plural=ref.plural,
                      gender=ref.gender)


def _predicated(clause, noun):
    """The subject a predicate noun describes: in "Donald Trump is a serial liar … who has pledged …" the
    relative clause is about Trump."""
    first = noun
    while first.dep == "conj" and first.head != first.i and clause.tokens[first.head].pos in ("NOUN", "PROPN"):
        first = clause.tokens[first.head]  # "a serial liar, xenophobe … and bully who": the list's first noun
    if first.dep != "attr" or first.head == first.i:
        return noun
    verb = clause.tokens[first.head]
    subj = [clause.tokens[c] for c in verb.children if clause.tokens[c].dep == "nsubj"]
    return subj[0] if verb.lemma == "be" and subj and subj[0].pos in ("PROPN", "NOUN") else noun


def relative(ctx: Context, q: Query) -> Resolution | None:
    """'who'/'which'/'that': the noun the relative clause hangs on."""
    if q.word not in RELATIVISERS or q.head is None or q.clause is None:
        return None
    clause = ctx.work.clauses[q.clause]
    t = q.head
    for _ in range(3):
        if t.head == t.i:
            return None
        t = clause.tokens[t.head]
        if t.pos in ("NOUN", "PROPN"):
            break
    while t.dep == "appos" and t.head != t.i:
        t = clause.tokens[t.head]
    t = _predicated(clause, t)
    k = ctx.entity_covering(t.start)
    if k is not None:
        r = ctx.referent(k)
        return Resolution("relative", entity=k, name=r.name, kind=r.kind, plural=r.plural, gender=r.gender)
    s, e = noun_phrase(clause, t)
    name = surface_name(ctx.work.text[s:e])
    plural = t.tag in ("NNS", "NNPS")  # "the Never Trumpers who oppose …": a later "she" is not them
    if t.pos == "PROPN":
        return Resolution("relative", name=name, kind="group" if plural else "unknown", plural=plural,
                          new_entity=True)
    return Resolution("relative", name=name, kind="group" if plural else "unknown", plural=plural)
