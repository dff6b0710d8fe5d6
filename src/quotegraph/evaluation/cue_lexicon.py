"""Derive reporting cues from an annotated corpus's statistics (the PolNeAR train split).

For every word that heads a gold cue, count how often it does so against how
often any of its verb forms occurs in the corpus text at all; a lemma is a
cue when it heads a cue in most of its occurrences and often enough to be
no accident. Light-verb phrases ("expressed frustration", "raised concerns",
"made no reference to") are counted the same way: the verb and the noun
within three words of it. Only the training split may be given: the rows
(with their counts) are data in ``pipeline/lexicons/`` and the dev split
stays unseen. ``scripts/build_cue_lexicon.py`` writes the files.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from .gold import GoldDoc

__all__ = ["CueRow", "derive_cues", "derive_phrases", "cue_heads"]

_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
# Words a cue phrase carries that are not its head: auxiliaries, negation, adverbs of degree and time.
_FUNCTION = frozenset("""do does did don't doesn't didn't not n't never has have had having will would shall should
can could may might must is are was were be been being am 's also just still even only again repeatedly then
already further later now often once previously publicly privately quickly recently reportedly simply soon
strongly twice first long widely immediately formally initially increasingly always ever
to and or but he she it they we i you his her its their our my your the a an this that these
those so as when while after before if because""".split())
_PREPS = frozenset("about of for to on over with against at in into from by as that".split())


@dataclass(frozen=True, slots=True)
class CueRow:
    """A derived cue: its key (lemma, or "verb noun"), cue occurrences, all occurrences, and their ratio."""

    key: str
    cues: int
    occurrences: int

    @property
    def ratio(self) -> float:
        return self.cues / self.occurrences if self.occurrences else 0.0


def _lemma(word: str, upos: str) -> str:
    from lemminflect import getLemma

    found = getLemma(word.lower(), upos=upos)
    return found[0] if found else word.lower()


def _is_verb(lemma: str) -> bool:
    from lemminflect import getAllInflections

    return bool(getAllInflections(lemma, upos="VERB"))


def _verb_forms(lemma: str) -> frozenset[str]:
    from lemminflect import getAllInflections

    out = {lemma}
    for forms in getAllInflections(lemma, upos="VERB").values():
        out.update(f.lower() for f in forms)
    return frozenset(out)


def cue_heads(docs: Iterable[GoldDoc]) -> tuple[Counter, Counter]:
    """Unique gold cue positions by head lemma, and by "verb noun" for light-verb phrases."""
    heads: Counter = Counter()
    phrases: Counter = Counter()
    for doc in docs:
        seen: set[int] = set()
        for q in doc.quotes:
            if q.cue is None or q.cue.start in seen:
                continue
            seen.add(q.cue.start)
            words = [w.lower() for w in _WORD.findall(doc.text[q.cue.start : q.cue.end])]
            content = [w for w in words if w not in _FUNCTION]
            if not content:
                continue
            verb = _lemma(content[0], "VERB")
            heads[verb] += 1
            nouns = [w for w in content[1:4] if w not in _PREPS]
            if nouns:
                phrases[f"{verb} {_lemma(nouns[-1], 'NOUN')}"] += 1
    return heads, phrases


def _occurrences(docs: list[GoldDoc], forms: dict[str, str]) -> Counter:
    """How often each lemma's forms occur as words in the corpus texts."""
    counts: Counter = Counter()
    for doc in docs:
        for w in _WORD.findall(doc.text.lower()):
            lemma = forms.get(w)
            if lemma is not None:
                counts[lemma] += 1
    return counts


def derive_cues(docs: list[GoldDoc], *, min_count: int = 5, min_ratio: float = 0.5,
                known: frozenset[str] = frozenset()) -> list[CueRow]:
    """Verb lemmas that head a gold cue at least ``min_count`` times and in most of their occurrences."""
    heads, _ = cue_heads(docs)
    wanted = [v for v, n in heads.items() if n >= min_count and v not in known and v.isalpha() and _is_verb(v)]
    forms = {f: v for v in wanted for f in _verb_forms(v)}
    occ = _occurrences(docs, forms)
    rows = [CueRow(v, heads[v], max(occ[v], heads[v])) for v in wanted]
    return sorted((r for r in rows if r.ratio >= min_ratio), key=lambda r: (-r.cues, r.key))


def derive_phrases(docs: list[GoldDoc], *, min_count: int = 3, min_ratio: float = 0.5,
                   known: frozenset[str] = frozenset()) -> list[CueRow]:
    """Light-verb + noun (or particle) phrases ("express concern", "point out") that are cues in most
    of their occurrences; phrases whose verb is a cue in ``known`` on its own are left out.

    An occurrence is a form of the verb followed within three words by the noun (singular or plural).
    """
    _, phrases = cue_heads(docs)
    wanted = [p for p, n in phrases.items() if n >= min_count and p.split()[0] not in known
              and p.split()[1].isalpha() and _is_verb(p.split()[0]) and _lemma(p.split()[1], "VERB") not in known]
    verbs = {p.split()[0] for p in wanted}
    forms = {f: v for v in verbs for f in _verb_forms(v)}
    occ: Counter = Counter()
    for doc in docs:
        words = _WORD.findall(doc.text.lower())
        for i, w in enumerate(words):
            verb = forms.get(w)
            if verb is None:
                continue
            for n in {_lemma(x, "NOUN") for x in words[i + 1 : i + 4]}:
                occ[f"{verb} {n}"] += 1
    rows = [CueRow(p, phrases[p], max(occ[p], phrases[p])) for p in wanted]
    return sorted((r for r in rows if r.ratio >= min_ratio), key=lambda r: (-r.cues, r.key))
