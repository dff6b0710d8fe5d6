"""Resolve each speaker phrase to one canonical speaker.

The resolvers in ``pipeline.resolvers`` decide, one phrase at a time and in document order, who a
phrase names; this stage applies their answers: it sets the statement's speaker and the resolver's
``rule``, adds the phrase to the entity's mentions (or makes a new entity of a proper name the
recogniser missed), and records the statement in the discourse the next look-up sees. Pronouns that
are no speaker phrase ("Thomas said he …") go through the same pronoun resolver as they come, so
"he" two paragraphs on still finds the person. A quotation with no speaker phrase of its own takes the
speaker of the statement just before it.
"""

from __future__ import annotations

import re

from ...model import Mention
from ..base import stage
from ..lexicons import channel_nouns, org_nouns
from ..resolvers import Context, Query, Referent, Resolution, Said, resolve
from ..resolvers.context import candidate_position
from ..resolvers.phrases import after_last_quote_mark
from ..resolvers.pronouns import antecedent, pronoun_features
from ..work import Candidate, Cluster, Work

__all__ = ["Speakers", "ORG_NOUNS", "CHANNEL_NOUNS", "LINKED_PRONOUNS", "last_framed"]

ORG_NOUNS = org_nouns()
CHANNEL_NOUNS = channel_nouns()
LINKED_PRONOUNS = frozenset("he him his she her hers".split())
_NOT_NAMING = frozenset({"pronoun", "pronoun_unresolved", "statement_author", "relative", "previous_statement",
                         "not_a_name"})


@stage("speakers",
       requires=("text", "paragraphs", "regions", "clauses", "clusters.name", "clusters.kind", "clusters.mentions",
                 "candidates.type", "candidates.spans", "candidates.cue", "candidates.clause", "candidates.rule",
                 "candidates.speaker_mention", "candidates.speaker_head", "candidates.carried",
                 "candidates.channel", "candidates.channel_evidence", "candidates.said_on",
                 "candidates.said_on_evidence"),
       assigns=("candidates.speaker_name", "candidates.speaker_kind", "candidates.speaker_entity",
                "candidates.speaker_rule", "candidates.speaker_affiliation", "coreference"),
       proposes=("candidates.channel", "candidates.said_on", "clusters", "clusters.kind",
                 "clusters.mentions"))
class Speakers:
    """Give every statement a canonical speaker name, kind and the rule that named it."""

    def __call__(self, work: Work) -> None:
        ctx = Context(work)
        phrases = {c.speaker_mention.start for c in work.candidates if c.speaker_mention is not None}
        pronouns = _free_pronouns(work, phrases)
        done = 0
        prev: Candidate | None = None
        for i, cand in enumerate(work.candidates):
            done = _link_pronouns(ctx, pronouns, done, candidate_position(cand))
            if cand.speaker_mention is not None:
                self._apply(ctx, i, cand, resolve(ctx, _query(ctx, i, cand)))
            elif cand.carried and prev is not None and _adjacent(work, prev, cand):
                src = last_framed(work, i, prev)
                _inherit(work, cand, src)
                cand.speaker_rule = src.speaker_rule and "previous_statement"
                _record(ctx, i, cand, prev_referent(ctx, src), named=False)
            prev = cand
        _link_pronouns(ctx, pronouns, done, len(work.text) + 1)
        work.coreference = [(s, e, k) for s, e, k in ctx.links]

    def _apply(self, ctx: Context, i: int, cand: Candidate, r: Resolution) -> None:
        work = ctx.work
        m = cand.speaker_mention
        cand.speaker_rule = r.rule
        cand.speaker_affiliation = r.affiliation
        if r.source is not None:
            _inherit(work, cand, work.candidates[r.source], statement=True)
            cand.speaker_rule = r.rule
            _record(ctx, i, cand, prev_referent(ctx, work.candidates[r.source]), named=False)
            return
        entity = r.entity
        if entity is None and r.new_entity and r.name:
            entity = ctx.add_entity(Cluster(r.name, r.kind))
        if entity is not None:
            c = work.clusters[entity]
            if r.rule == "pronoun" and c.kind in ("unknown", "organisation") and _word_of(m) in LINKED_PRONOUNS \
                    and len(c.name.split()) <= 3:
                work.propose("clusters.kind", c, "person", by=self.name)  # "he"/"she" refers to it: a person
            cand.speaker_name, cand.speaker_kind, cand.speaker_entity = c.name, c.kind, entity
            if not any(x.start < m.end and m.start < x.end for x in c.mentions):
                work.propose("clusters.mentions", c, m, by=self.name)
            ctx.link(m.start, m.end, entity)
            if r.rule == "pronoun" and len(c.name.split()) > 1:  # a lone "Clinton" may be either
                learn_gender(ctx.profiles[entity], _word_of(m))
            referent = ctx.referent(entity)
            if r.rule == "spokesperson":  # "he" after "a spokesman for the union" is the spokesman, for the union
                referent = Referent(entity, c.name, "person", r.gender, False)
        elif r.name:
            cand.speaker_name, cand.speaker_kind = r.name, r.kind
            referent = Referent(None, r.name, r.kind, r.gender, r.plural)
        else:
            cand.speaker_name, cand.speaker_kind = "", "unknown"
            return
        _record(ctx, i, cand, referent, named=r.rule not in _NOT_NAMING)


def learn_gender(profile, word: str) -> None:
    """A "he" or "she" that names someone of no known gender says theirs ("Bernie Sanders … He said …"),
    so that a later "she" looks past him. Known or disputed genders are left as they are."""
    feats = pronoun_features(word)
    if feats is not None and feats[0] is not None and profile.gender is None and not profile.conflicting:
        profile.give_gender(feats[0])


def _word_of(m: Mention) -> str:
    return m.text.strip().lower()


def _query(ctx: Context, i: int, cand: Candidate) -> Query:
    m = cand.speaker_mention
    cut = after_last_quote_mark(m.text)
    if 0 < cut < len(m.text):
        m = Mention.of(ctx.work.text, m.start + cut, m.end)
    at = cand.speaker_head if cand.speaker_head is not None and m.start <= cand.speaker_head < m.end else None
    hit = ctx.token_at(at if at is not None else m.start)
    if hit is not None and not (m.start <= hit[1].start < m.end):
        hit = None
    if hit is not None and at is None:
        hit = _head_within(ctx, hit[0], m) or hit
    return Query(i, m, hit[1] if hit else None, hit[0] if hit else None)


def _head_within(ctx: Context, ci: int, m: Mention):
    """The syntactic head of the phrase: the token in it whose head lies outside it."""
    clause = ctx.work.clauses[ci]
    inside = [t for t in clause.tokens if m.start <= t.start and t.end <= m.end and t.region is None]
    for t in inside:
        h = clause.tokens[t.head]
        if t.head == t.i or not (m.start <= h.start and h.end <= m.end):
            return ci, t
    return None


def _record(ctx: Context, i: int, cand: Candidate, referent: Referent | None, *, named: bool) -> None:
    if referent is None:
        return
    pos = candidate_position(cand)
    ctx.record(Said(pos, ctx.work.paragraph_of(pos), ctx.sentence_of(pos), referent, named, i))


def prev_referent(ctx: Context, src: Candidate) -> Referent | None:
    """What a statement's speaker is, as a later phrase can refer to it."""
    if src.speaker_entity is not None:
        return ctx.referent(src.speaker_entity)
    if src.speaker_name:
        return Referent(None, src.speaker_name, src.speaker_kind, None, src.speaker_kind == "group")
    return None


def last_framed(work: Work, i: int, prev: Candidate) -> Candidate:
    """The statement a quotation with no frame of its own (statement ``i``) carries its speaker from: of
    the statements in the paragraph of the one just before it, the one whose cue the reader met last.
    'Her friends mocked him, calling Trump “an orange buffoon,” Susan said. / “But he’s our buffoon!”' is
    Susan's, whose frame closes the sentence, not her friends', whose statement starts later."""
    if prev.cue is None:
        return prev  # a quotation that carries a speaker itself
    para = work.paragraph_of(prev.spans[-1].end)
    start = work.candidates[i].spans[0].start
    best = prev
    for c in reversed(work.candidates[:i]):
        if not c.spans or work.paragraph_of(c.spans[-1].end) != para:
            break
        if c.cue is not None and best.cue.start < c.cue.start and c.cue.end <= start and c.speaker_name:
            best = c
    return best


def _free_pronouns(work: Work, phrases: set[int]) -> list[tuple[int, int, str]]:
    """Person pronouns outside quotations that are no speaker phrase, in text order."""
    index = work.region_index
    out = []
    for clause in work.clauses:
        for t in clause.tokens:
            low = t.text.lower()
            if low in LINKED_PRONOUNS and t.region is None and t.start not in phrases \
                    and not index.overlapping(t.start, t.end):
                out.append((t.start, t.end, low))
    out.sort()
    return out


def _link_pronouns(ctx: Context, pronouns, done: int, upto: int) -> int:
    while done < len(pronouns) and pronouns[done][0] < upto:
        s, e, word = pronouns[done]
        ref = antecedent(ctx, s, word)
        if ref is not None and ref.entity is not None:
            ctx.link(s, e, ref.entity, pronoun=True)
        done += 1
    return done


def _adjacent(work: Work, prev: Candidate, cand: Candidate) -> bool:
    """Is ``cand`` in the paragraph after ``prev``'s (or the same), an embed's caption and credit lines
    between them not counted ('Club statement', '— Tottenham Hotspur (@SpursOfficial) November 20, 2019')?"""
    p, c = work.paragraph_of(prev.spans[-1].end), work.paragraph_of(cand.spans[0].start)
    if c - p <= 1:
        return True
    return c - p <= 4 and all(is_debris(work.text[work.paragraphs[k].start:work.paragraphs[k].end])
                              for k in range(p + 1, c))


_SENTENCE_END = re.compile(r"[.!?…:][\"”’')\]]*$")


def is_debris(paragraph: str) -> bool:
    """A line that is no part of the article's prose: a credit line opened by a dash, or a short caption
    without an end mark."""
    text = paragraph.strip()
    if text[:1] in ("—", "–", "―"):
        return True
    return len(text.split()) <= 6 and not _SENTENCE_END.search(text)


def _inherit(work: Work, cand: Candidate, src: Candidate, statement: bool = False) -> None:
    """``src``'s speaker for ``cand``; its channel and date are proposed to their owners, who take them
    only where ``cand`` has none."""
    cand.speaker_name, cand.speaker_kind, cand.speaker_entity = src.speaker_name, src.speaker_kind, src.speaker_entity
    cand.speaker_affiliation = src.speaker_affiliation
    if statement or (cand.cue is None and cand.carried):
        work.propose("candidates.channel", cand, (src.channel, src.channel_evidence), by="speakers")
        work.propose("candidates.said_on", cand, (src.said_on, src.said_on_evidence), by="speakers")
