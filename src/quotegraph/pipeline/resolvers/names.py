"""Resolvers for speaker phrases that name someone.

"Anne Price and Tom Hughes" (joint), "The chancellor, Rachel Brown," (apposition), "State Department
official Jane Holt" (the person, with the organisation as affiliation), "Rosa Diaz of NASA's Jet
Propulsion Laboratory" (the person the head word names), "Holt" (the article's full name), and what is
never a name: datelines, adjectives and function words.
"""

from __future__ import annotations

import re

from ..lexicons import org_nouns
from .context import Context, Query, Resolution
from .lexicon import GROUP_WORDS, MARKUP, TITLE_BEFORE, TITLES, clean_name, first_name_gender, person_noun, title
from .phrases import FUNCTION_WORDS, is_dateline, noun_phrase

__all__ = ["joint", "not_a_name", "apposition", "named_entity", "titled_person", "surname"]

_LABEL = re.compile(r"\s*:")
# a phrase opening with one of these is a clause the parser took for a subject, never a name
_ROLE_ADJECTIVES = frozenset("retired former acting interim outgoing incoming then".split())
_CLAUSE_OPENERS = frozenset("but and or that what whether how why if when because although whose".split())


def is_paragraph_start(ctx: Context, start: int) -> bool:
    work = ctx.work
    para = work.paragraphs[work.paragraph_of(start)] if work.paragraphs else None
    lead = work.text[para.start:start] if para is not None else work.text[:start]
    return not re.sub(r"^\s*date\s+\S+\s*", "", lead).strip()


def joint(ctx: Context, q: Query) -> Resolution | None:
    """Two or more people speaking together ("Anne Price and Tom Hughes")."""
    m = q.mention
    if " and " not in m.text and "," not in m.text:
        return None
    names: list[str] = []
    for s, e, k in ctx.mentions_between(m.start, m.end):
        c = ctx.clusters[k]
        if e <= m.end and c.kind == "person" and c.name not in names:
            names.append(c.name)
    if len(names) < 2:
        return None
    return Resolution("joint", name=" and ".join(names), kind="group", plural=True)


def not_a_name(ctx: Context, q: Query) -> Resolution | None:
    """A dateline ("BUFFALO, N.Y. (AP) —"), a label ("UPDATED:", "Contributing:"), a lone adjective
    ("Chinese"), a function word ("Which", "you"), markup ('datetime="2016-06')."""
    m = q.mention
    if _LABEL.match(ctx.work.text, m.end) and ctx.entity_covering(m.start) is None and " " not in m.text.strip() \
            and is_paragraph_start(ctx, m.start):
        return Resolution("not_a_name")
    word = m.text.strip().lower()
    if MARKUP.search(word):
        return Resolution("not_a_name")  # 'datetime="2016-06': markup left in the text
    if word in FUNCTION_WORDS and word not in ("he", "him", "his", "she", "her", "they", "them", "it", "who",
                                                 "which", "that", "whom"):
        return Resolution("not_a_name")
    first = word.split()[0] if word.split() else ""
    if (" " in word and first in _CLAUSE_OPENERS) or len(re.sub(r"[^a-z]", "", word)) < 2:
        return Resolution("not_a_name")  # "what we need", "But some note that Trump", "’s": a clause or a scrap
    if is_dateline(ctx.work, m.start, m.end):
        return Resolution("not_a_name")
    if q.head is not None and q.head.pos == "ADJ" and " " not in m.text.strip():
        return Resolution("not_a_name")
    return None


def apposition(ctx: Context, q: Query) -> Resolution | None:
    """'The chancellor, Rachel Brown, said': the named apposition is the speaker."""
    if q.head is None or q.clause is None or q.head.pos != "NOUN":
        return None
    clause = ctx.work.clauses[q.clause]
    for c in q.head.children:
        t = clause.tokens[c]
        if t.region is not None:
            continue  # a quotation in apposition ('whose presidency “will lead to civil war”') names no one
        if t.dep == "appos" and t.pos == "PROPN":
            k = ctx.entity_covering(t.start)
            if k is not None:
                return _entity("apposition", ctx, k)
            s, e = noun_phrase(clause, t)
            return _name("apposition", ctx, ctx.work.text[s:e])
        if t.dep == "appos" and t.pos == "NOUN":  # "Another diplomat, former special envoy to Ukraine Kurt Volker,"
            s, e = noun_phrase(clause, t)
            people = [k for ms, me, k in ctx.mentions_between(s, e) if me <= e and ctx.clusters[k].kind == "person"]
            if len(set(people)) == 1:
                return _entity("apposition", ctx, people[0])
    # "Mayer, Disney's chairman of …" / "the chancellor, Rachel Brown": a person set off by a comma
    m, text = q.mention, ctx.work.text
    for s, e, k in ctx.mentions_between(m.start, m.end):
        if e > m.end or ctx.clusters[k].kind != "person":
            continue
        if (not text[m.start:s].strip() and text[e:q.head.start].lstrip().startswith(",")) or \
                (not text[e:m.end].strip(" ,") and text[q.head.end:s].strip().startswith(",")):
            return _entity("apposition", ctx, k)
    return None


def named_entity(ctx: Context, q: Query) -> Resolution | None:
    """The entity whose mention covers the head word: "Rosa Diaz of NASA's lab" is Rosa Diaz."""
    m = q.mention
    if q.head is not None and q.head.pos == "NOUN" and not (q.head.text[:1].isupper()
                                                           and ctx.entity_covering(q.head.start) is not None):
        return None  # a common-noun head is a description ("Hong Kong police", "Morrison's lawyer")
    at = q.head.start if q.head is not None else m.start
    k = ctx.entity_covering(at) if m.start <= at < m.end else None
    if k is None and q.head is None:
        inside = [(e - s, kk) for s, e, kk in ctx.mentions_between(m.start, m.end) if e <= m.end]
        k = max(inside)[1] if inside else None
    if k is None:
        return None
    person = ctx.clusters[k].kind == "person"
    return _entity("entity", ctx, k, _affiliation_in_phrase(ctx, q, k) if person else None)


def titled_person(ctx: Context, q: Query) -> Resolution | None:
    """'Walt Disney Co. executive Kevin Mayer' with the role word as head: the person it titles."""
    if q.head is None or q.head.pos != "NOUN" or not person_noun(q.head.lemma):
        return None
    m = q.mention
    for s, e, k in ctx.mentions_between(q.head.end, m.end + 1):
        if e <= m.end and ctx.clusters[k].kind == "person" and not ctx.work.text[q.head.end:s].strip():
            return _entity("title", ctx, k, _affiliation_in_phrase(ctx, q, k))
    return None


def surname(ctx: Context, q: Query) -> Resolution | None:
    """A proper name the recogniser missed: the article's full name when it ends so; else a new entity."""
    m = q.mention
    if q.head is not None and q.head.pos not in ("PROPN", "") and not m.text[:1].isupper():
        return None
    name = clean_name(re.sub(r"^(the|a|an)\s+", "", m.text.strip(), flags=re.I))
    words = name.split()
    while len(words) > 1 and not words[0][:1].isupper():  # "14th-ranked Schwartzman"
        words = words[1:]
    if len(words) == 1 and len(words[0]) > 2 and words[0].isupper():
        words = [words[0].title()]  # a transcript label in capitals ("PENCE:") names the article's Pence
    name = " ".join(words)
    if not words or not words[-1][:1].isupper() or name.lower() in FUNCTION_WORDS:
        return None
    if q.head is not None and q.head.pos == "NOUN" and not (len(words) == 1 and ctx.by_last_name(words[0])):
        return None
    people = ctx.by_last_name(words[-1])
    if len(people) == 1 and len(words) == 1:
        return _entity("surname", ctx, people[0])
    if all(title(w) is not None or w.lower().rstrip(".") in TITLES | _ROLE_ADJECTIVES or person_noun(w.lower())
           for w in words):
        return Resolution("description", name=name, kind="person")  # "Judge", "Retired General": a role, no name
    k = ctx.by_name(name)
    if k is not None:
        return _entity("surname", ctx, k)
    return _name("new_name", ctx, name, before=m.start)


def _entity(rule: str, ctx: Context, k: int, affiliation: str | None = None) -> Resolution:
    r = ctx.referent(k)
    if r.kind != "person":
        affiliation = None  # an affiliation is a person's tie to an organisation
    return Resolution(rule, entity=k, name=r.name, kind=r.kind, plural=r.plural, gender=r.gender,
                      affiliation=affiliation or ctx.profiles[k].affiliation)


def _name(rule: str, ctx: Context, text: str, before: int | None = None) -> Resolution:
    """A proper name that is no entity yet; its kind from titles, first names and lexicons."""
    name = clean_name(text)
    low_last = name.split()[-1].lower() if name.split() else ""
    titled = before is not None and TITLE_BEFORE.search(ctx.work.text, max(0, before - 20), before)
    if GROUP_WORDS.search(name):
        kind = "group"
    elif low_last in org_nouns() or any(w.lower().strip("’'s") in org_nouns() for w in name.split()[1:]):
        kind = "organisation"
    elif titled or first_name_gender(name.split()[0]) or re.match(r"(?:mr|mrs|ms|dr|sir)\b", text, re.I):
        kind = "person"
    else:
        kind = "unknown"
    gender = first_name_gender(name.split()[0]) if kind == "person" and len(name.split()) > 1 else None
    return Resolution(rule, name=name, kind=kind, gender=gender, new_entity=True)


def _affiliation_in_phrase(ctx: Context, q: Query, k: int) -> str | None:
    """An organisation named in the speaker phrase besides the person ("of NASA", "State Department official")."""
    m = q.mention
    for s, e, j in ctx.mentions_between(m.start, m.end):
        if j != k and e <= m.end and ctx.clusters[j].kind in ("organisation", "group"):
            return ctx.clusters[j].name
    return None
