"""Small helpers over a speaker phrase: its noun phrase, its surface name, what it must never be."""

from __future__ import annotations

import re

from ..work import Clause, Token, Work

__all__ = ["noun_phrase", "surface_name", "is_dateline", "is_time_phrase", "FUNCTION_WORDS", "after_last_quote_mark"]

FUNCTION_WORDS = frozenset(
    """i me my we us our you your yours he him his she her hers it its they them their theirs this that these
    those there here which what who whom whose where when why how whether one someone anyone everyone
    somebody anybody everybody nobody none all both each some any many most few several""".split()
)
_QUOTE_MARKS = "\"“”„‟«»‘’‚‛‹›"
_TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    tomorrow week weekend month year morning afternoon evening night day days weeks months years
    january february march april may june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec spring summer autumn fall winter earlier later""".split())
_TIME_PREPS = frozenset(("on", "in", "during", "at", "since", "until", "after", "before"))
_YEAR = re.compile(r"(?:1[89]|20)\d\d$")
_DATELINE_AFTER = re.compile(r"\s*(?:,\s*[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)*\s*)?(?:\([A-Za-z.\s]+\)\s*)?[—–:-]")


def noun_phrase(clause: Clause, t: Token) -> tuple[int, int]:
    """Span of a noun with its determiners, modifiers and prepositional phrases (not clauses)."""
    keep = {t.i}
    stack = list(t.children)
    while stack:
        i = stack.pop()
        c = clause.tokens[i]
        if c.dep in ("relcl", "acl", "appos", "cc", "conj") or c.region is not None or is_time_phrase(clause, c):
            continue  # "a group of doctors in 2015": the time phrase is no part of the description
        if c.dep == "punct" and c.text not in ("-", "–", "’s", "'s"):  # keep "Washington-based"
            continue
        keep.add(i)
        stack.extend(c.children)
    lo = hi = t.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    return clause.tokens[lo].start, clause.tokens[hi].end


def surface_name(text: str) -> str:
    """A phrase as a speaker name: no leading article, single spaces, no trailing punctuation."""
    text = re.sub(r"\s+", " ", text.strip().strip(",;:")).strip()
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)


def after_last_quote_mark(text: str) -> int:
    """Offset in ``text`` just after its last quotation mark (0 when it has none).

    A speaker phrase that runs from inside a quote to the name (``back down," Cruz``) names only what
    follows the quote.
    """
    last = -1
    for k in range(len(text) - 1, -1, -1):
        ch = text[k]
        if ch in _QUOTE_MARKS and not (ch in "’'" and k > 0 and text[k - 1].isalnum()):  # not "Disney’s"
            last = k
            break
    if last < 0:
        return 0
    k = last + 1
    while k < len(text) and text[k] in " ,\n\t":
        k += 1
    return k


def is_dateline(work: Work, start: int, end: int) -> bool:
    """Is ``text[start:end]`` the dateline opening a paragraph ("HANOI —", "BUFFALO, N.Y. (AP) —")?"""
    text = work.text
    para = work.paragraphs[work.paragraph_of(start)] if work.paragraphs else None
    lead = text[para.start:start] if para is not None else text[:start]
    lead = re.sub(r"^\s*date\s+\S+\s*", "", lead)  # the dated-text header shares the first paragraph
    if lead.strip():
        return False
    word = text[start:end]
    return word.upper() == word and any(ch.isalpha() for ch in word) and bool(_DATELINE_AFTER.match(text, end))


def is_time_phrase(clause: Clause, t: Token) -> bool:
    """Is the modifier ``t`` of a speaker's noun a time phrase ("on Monday", "this week", "in 2015")?"""
    words = [clause.tokens[i] for i in clause.subtree(t.i)]
    nxt = clause.tokens[t.i + 1] if t.i + 1 < len(clause.tokens) else None
    if nxt is not None and nxt.text in ("-", "‐") and (nxt.tag == "HYPH" or nxt.start == t.end):
        return False  # "the 43-year-old": a word of a hyphenated compound, no time phrase
    if t.dep == "npadvmod" or t.dep == "prep" and t.text.lower() in _TIME_PREPS:
        return any(w.ent_type in ("DATE", "TIME") or w.text.lower() in _TIME_WORDS or _YEAR.match(w.text)
                   for w in words)
    return False
