"""Parsed sentences built by hand, as spaCy's own tests build a ``Doc``: words, tags, heads, labels, entities.

``parsed()`` gives a ``Work`` after the rule stages (paragraphs, quote marks) with one ``Clause`` per
sentence spec, so the entity, speaker and mention stages and every resolver run without a model::

    work = parsed(
        S("Jane Holt said it .", pos="PROPN PROPN VERB PRON PUNCT", heads=[1, 2, 2, 2, 2],
          deps="compound nsubj ROOT dobj punct", ents=[(0, 2, "PERSON")]),
        PARAGRAPH,
        S("“ No comment , ” she said .", ...),
    )

Words are joined by single spaces except before closing punctuation and after opening marks; ``heads``
are absolute indices within the sentence (a root is its own head); ``ents`` are ``(first word, end
word, label)``. A multi-word "word" stands for a masked quotation (one token covering the quote).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quotegraph.model import Article, Span
from quotegraph.pipeline.lexicons import lemma as lemma_of
from quotegraph.pipeline.stages.marks import QuoteMarks
from quotegraph.pipeline.stages.segment import Paragraphs
from quotegraph.pipeline.work import Candidate, Clause, Token, Work

__all__ = ["S", "PARAGRAPH", "parsed", "candidate"]

PARAGRAPH = object()
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "”", "’", "'s", "’s", ")", "n't"}
_NO_SPACE_AFTER = {"“", "‘", "("}


@dataclass
class S:
    """One sentence: words (a string split on spaces, or a list), and optional annotations."""

    words: str | list[str]
    pos: str | list[str] | None = None
    tags: str | list[str] | None = None
    heads: list[int] | None = None
    deps: str | list[str] | None = None
    ents: list[tuple[int, int, str]] = field(default_factory=list)
    lemmas: str | list[str] | None = None

    def as_lists(self):
        words = self.words.split(" ") if isinstance(self.words, str) else list(self.words)
        n = len(words)

        def col(v, default):
            if v is None:
                return [default(i) for i in range(n)]
            out = v.split() if isinstance(v, str) else list(v)
            assert len(out) == n, f"{len(out)} annotations for {n} words: {words}"
            return out

        pos = col(self.pos, lambda i: "")
        tags = col(self.tags, lambda i: "")
        heads = list(self.heads) if self.heads is not None else list(range(n))
        deps = col(self.deps, lambda i: "")
        lemmas = col(self.lemmas, lambda i: lemma_of(words[i].lower(), pos[i] or None))
        return words, pos, tags, heads, deps, lemmas


def parsed(*items, date: str | None = "2021-08-16") -> Work:
    """A ``Work`` whose clauses are the given sentences (``PARAGRAPH`` between paragraphs)."""
    text, placed, para_text = "", [], ""
    for item in items:
        if item is PARAGRAPH:
            text += "\n\n"
            continue
        if text and not text.endswith("\n\n"):
            text += " "
        offsets = []
        words = item.as_lists()[0]
        for k, w in enumerate(words):
            if k and w not in _NO_SPACE_BEFORE and words[k - 1] not in _NO_SPACE_AFTER:
                text += " "
            offsets.append((len(text), len(text) + len(w)))
            text += w
        placed.append((item, offsets))
    work = Work.from_article(Article(id="t", text=text, date=date))
    Paragraphs()(work)
    QuoteMarks()(work)
    index = work.region_index
    for item, offsets in placed:
        words, pos, tags, heads, deps, lemmas = item.as_lists()
        ent_at = {}
        for a, b, label in item.ents:
            for i in range(a, b):
                ent_at[i] = (label, "B" if i == a else "I")
        tokens = []
        for i, (w, (s, e)) in enumerate(zip(words, offsets)):
            inside = [x[2] for x in index.overlapping(s, e) if x[0] <= s and e <= x[1]]
            region = inside[0] if inside and " " in w else None
            label, iob = ent_at.get(i, ("", "O"))
            tokens.append(Token(i, s, e, w, lemmas[i], pos[i], tags[i], deps[i], heads[i], label, iob, region))
        for t in tokens:
            if t.head != t.i:
                tokens[t.head].children.append(t.i)
        span = Span(offsets[0][0], offsets[-1][1])
        work.sentences.append(span)
        work.clauses.append(Clause(span, work.paragraph_of(span.start), tokens))
    return work


def candidate(work: Work, content: str, speaker: str | None = None, *, nth: int = 0, type: str = "direct",
              head: str | None = None, **fields) -> Candidate:
    """A statement whose content and speaker phrase are found by their text (the ``nth`` occurrence of
    ``speaker``), with ``head`` the head word of the phrase."""
    cs = work.text.index(content)
    cand = Candidate(type=type, spans=[Span(cs, cs + len(content))], **fields)
    if speaker is not None:
        s = -1
        for _ in range(nth + 1):
            s = work.text.index(speaker, s + 1)
        cand.speaker_mention = work.mention(s, s + len(speaker))
        if head is not None:
            cand.speaker_head = s + speaker.index(head)
        cand.clause = next(k for k, c in enumerate(work.clauses) if c.span.start <= s < c.span.end)
    return cand
