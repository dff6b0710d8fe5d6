"""Hand-built gold and predicted documents for the evaluation tests (no model)."""

from __future__ import annotations

from quotegraph.evaluation import GoldDoc, GoldQuote
from quotegraph.model import Document, Mention, Quotation, Span, Speaker

TEXT = (
    'Smith said "We will win the vote." '
    "Jones said that taxes would rise next year. "
    '"No," the minister added.\n\n'
    '"The plan is sound.\n\n'
    '"It will work," Ms Brown told reporters.'
)


def span(fragment: str, text: str = TEXT, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``fragment`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(fragment, start + 1)
    return Span(start, start + len(fragment))


def gold(*quotes: GoldQuote, text: str = TEXT, id: str = "d1") -> GoldDoc:
    return GoldDoc(id=id, text=text, quotes=list(quotes))


def gq(content: str | list[str], qtype: str = "direct", speaker: str | None = None,
       cue: str | None = None, text: str = TEXT) -> GoldQuote:
    parts = [content] if isinstance(content, str) else content
    sp = span(speaker, text) if speaker else None
    return GoldQuote(spans=tuple(span(p, text) for p in parts), type=qtype, speaker=sp,
                     speaker_text=speaker, cue=span(cue, text) if cue else None)


def pq(content: str | list[str], qtype: str = "direct", mention: str | None = None,
       name: str | None = None, cue: str | None = None, text: str = TEXT) -> Quotation:
    parts = [content] if isinstance(content, str) else content
    spans = [span(p, text) for p in parts]
    speaker = None
    if mention or name:
        m = Mention.of(text, span(mention, text).start, span(mention, text).end) if mention else None
        speaker = Speaker(name=name or "", kind="person", mention=m)
    c = Mention.of(text, span(cue, text).start, span(cue, text).end) if cue else None
    return Quotation(type=qtype, spans=spans, text=" ".join(parts), speaker=speaker, cue=c)


def pred(*quotes: Quotation, text: str = TEXT, id: str = "d1") -> Document:
    return Document(id=id, text=text, quotes=list(quotes))
