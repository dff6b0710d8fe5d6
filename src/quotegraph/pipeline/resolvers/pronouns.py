"""The one pronoun resolver: "he", "she", "they" and "it" to what they refer to.

A pronoun agrees in gender (a first name, a title or a gendered noun gives it) and number with its
antecedent. Salience decides among the agreeing ones, paragraph by paragraph going back from the
pronoun: the speaker of the latest statement, then the subject of the latest sentence, then the latest
mention. The search never crosses a paragraph that introduced a new speaker: after a lawyer's quote,
"she said" is the lawyer or no one, never the congresswoman of three paragraphs before.
"""

from __future__ import annotations

import re

from ..lexicons import channel_nouns, document_nouns, org_nouns
from .context import Context, Referent

__all__ = ["PRONOUNS", "pronoun_features", "antecedent", "agrees", "surname_like"]

# pronoun -> (gender, plural, kinds it can refer to)
_PERSON = ("person",)
_PLURAL = ("group", "organisation")
_THING = ("organisation", "group")
PRONOUNS: dict[str, tuple[str | None, bool, tuple[str, ...]]] = {
    "he": ("m", False, _PERSON), "him": ("m", False, _PERSON), "his": ("m", False, _PERSON),
    "she": ("f", False, _PERSON), "her": ("f", False, _PERSON), "hers": ("f", False, _PERSON),
    "they": (None, True, _PLURAL), "them": (None, True, _PLURAL),
    "it": (None, False, _THING),
}
MAX_PARAGRAPHS = 4  # paragraphs to look back, the pronoun's own included
MAX_BACK = 2500  # characters to look back


def pronoun_features(word: str) -> tuple[str | None, bool, tuple[str, ...]] | None:
    """``(gender, plural, kinds)`` of a pronoun, or None for any other word."""
    return PRONOUNS.get(word.lower())


def agrees(r: Referent, gender: str | None, plural: bool, kinds: tuple[str, ...], *, surnames: bool = False) -> bool:
    """Can a pronoun of this gender, number and kind refer to ``r``? With ``surnames``, a personal
    pronoun may also refer to an "organisation" that reads like a lone surname (``surname_like``)."""
    if kinds == _PERSON:  # a name of unknown kind may be a person's ("Loach told the crowd … He …"), a report not
        return (r.kind in ("person", "unknown") or (surnames and surname_like(r))) and not r.plural \
            and (gender is None or r.gender is None or r.gender == gender) and not _described_thing(r, _THING)
    if r.kind not in kinds and not (plural and r.plural) and not _described_thing(r, kinds):
        return False
    if plural:
        return r.plural or r.kind in ("organisation", "group")
    return not r.plural


def surname_like(r: Referent) -> bool:
    """An "organisation" named by one capitalised word that is no acronym and no word for an organisation:
    the recogniser files many lone surnames so ("Burton explained … “…,” he said"). Only a pronoun with
    no other antecedent is taken to refer to one ("Congress" is one too), and so says it is a person."""
    name = r.name
    return r.kind == "organisation" and r.entity is not None and name.isalpha() and name[:1].isupper() \
        and not name.isupper() and len(name) > 2 and name.lower() not in org_nouns() \
        and name.lower() not in channel_nouns()


def _described_thing(r: Referent, kinds: tuple[str, ...]) -> bool:
    """'“…,” the article read. “…,” it added.': a speaker described by a noun that is no person or
    organisation (a report, a study, a letter) is what a later "it" says."""
    if kinds != _THING or r.entity is not None or r.kind != "unknown" or r.plural:
        return False
    words = r.name.lower().split(" of ")[0].split()
    return bool(words) and (words[-1] in document_nouns() or words[-1] in channel_nouns())


def antecedent(ctx: Context, start: int, word: str, *, modifier_kinds: tuple[str, ...] = _PLURAL) -> Referent | None:
    """What the pronoun ``word`` at offset ``start`` refers to, or None. A mention of one of
    ``modifier_kinds`` that only modifies a noun ("Republican Gov. Holcomb", "the GOP-dominated
    Legislature", "the Wells Fargo scandal") is no antecedent: "they said" is not the party. A
    description passes ``("group",)``: "the Wells Fargo scandal … the bank said" is Wells Fargo."""
    feats = pronoun_features(word)
    if feats is None:
        return None
    found = _search(ctx, start, *feats, modifier_kinds, surnames=False)
    if found is None and feats[2] == _PERSON:
        found = _search(ctx, start, *feats, modifier_kinds, surnames=True)
    return found


def _search(ctx: Context, start: int, gender: str | None, plural: bool, kinds: tuple[str, ...],
            modifier_kinds: tuple[str, ...], *, surnames: bool) -> Referent | None:
    work = ctx.work
    p = work.paragraph_of(start)
    for para in range(p, max(-1, p - MAX_PARAGRAPHS), -1):
        span = work.paragraphs[para] if work.paragraphs else None
        lo = span.start if span is not None else 0
        hi = start if para == p else (span.end if span is not None else start)
        lo = max(lo, start - MAX_BACK)
        if lo >= hi and para != p:
            break
        found = _in_paragraph(ctx, lo, hi, gender, plural, kinds, modifier_kinds, surnames)
        if found is not None:
            return found
        if para != p and any(s.named for s in ctx.said_between(lo, hi)):
            return None  # a new speaker came in here; the pronoun cannot reach past them
        if lo <= start - MAX_BACK:
            break
    return None


_INTRODUCTION = re.compile(r"\s*,\s*(?:(?:a|an|the|its|his|her)\s+)?(?:[\w’'.-]+\s+){0,4}(?:of|at|for|with|in)\s"
                           r"|\s*,\s*\d{1,3}\s*,")


def introduced(ctx: Context, start: int, end: int, k: int) -> bool:
    """Is this the article's first mention of the person, with a role or an age set off after the name
    ('… concerns Henry Crespo, president of the Florida Democratic Black Caucus.')? A person so introduced
    is who a "he said" right after speaks for, whatever the subjects around them."""
    c = ctx.clusters[k]
    if c.kind != "person" or not c.mentions or c.mentions[0].start != start:
        return False
    return bool(_INTRODUCTION.match(ctx.work.text, end))


def _in_paragraph(ctx: Context, lo: int, hi: int, gender, plural, kinds, modifier_kinds, surnames=False) -> Referent | None:
    said = ctx.said_between(lo, hi)
    mentions = [m for m in ctx.mentions_between(lo, hi)
                if ctx.clusters[m[2]].kind not in modifier_kinds or not ctx.is_modifier(m[0], m[1])]
    ok = lambda r: agrees(r, gender, plural, kinds, surnames=surnames)  # noqa: E731
    sentences = sorted({ctx.sentence_of(s.start) for s in said} | {ctx.sentence_of(m[0]) for m in mentions},
                       reverse=True)
    for sent in sentences:
        for s in reversed(said):
            if ctx.sentence_of(s.start) == sent and ok(s.referent):
                return s.referent
        if kinds == _PERSON:
            for s, e, k in reversed(mentions):
                if ctx.sentence_of(s) == sent and introduced(ctx, s, e, k) and ok(ctx.referent(k)):
                    return ctx.referent(k)
        for s, _, k in mentions:
            if ctx.sentence_of(s) == sent and ctx.is_subject(s) and ok(ctx.referent(k)):
                return ctx.referent(k)
    for s, _, k in reversed(mentions):
        if ok(ctx.referent(k)):
            return ctx.referent(k)
    return None
