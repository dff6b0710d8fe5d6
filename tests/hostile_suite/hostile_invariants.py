"""What every extraction result must satisfy, whatever the input.

``check_document(doc, text)`` asserts the data contract on one ``Document``:
every offset lies inside the text and slices it back to the reported string,
quote spans are ordered and disjoint, ``quote.text`` is its spans joined by a
blank line, the enumerations hold, and the JSON form round-trips.
``check_outcome`` accepts a Document or a coded rejection naming the article.
"""

from __future__ import annotations

import json

from quotegraph.errors import ERRORS, QuotegraphError
from quotegraph.model import QUOTE_TYPES, SPEAKER_KINDS, Document, Mention, Rejected

__all__ = ["check_document", "check_mention", "check_rejection", "check_outcome", "canonical"]


def check_mention(text: str, mention: Mention | None, what: str) -> None:
    """``mention`` (if any) is inside ``text`` and slices back to its own text."""
    if mention is None:
        return
    assert 0 <= mention.start <= mention.end <= len(text), f"{what} {mention} outside [0, {len(text)}]"
    assert text[mention.start:mention.end] == mention.text, f"{what} {mention} does not slice back"


def _check_quote(text: str, index: int, quote) -> None:
    where = f"quote {index}"
    assert quote.type in QUOTE_TYPES, f"{where}: type {quote.type!r}"
    assert quote.spans, f"{where}: no spans"
    for span in quote.spans:
        assert 0 <= span.start <= span.end <= len(text), f"{where}: span {span} outside the text"
    for left, right in zip(quote.spans, quote.spans[1:]):
        assert left.end <= right.start, f"{where}: spans {left} and {right} out of order or overlapping"
    assert quote.text == "\n\n".join(text[s.start:s.end] for s in quote.spans), f"{where}: text is not its spans"
    check_mention(text, quote.cue, f"{where} cue")
    check_mention(text, quote.said_on_evidence, f"{where} said_on_evidence")
    check_mention(text, quote.channel_evidence, f"{where} channel_evidence")
    if quote.speaker is not None:
        assert quote.speaker.kind in SPEAKER_KINDS, f"{where}: speaker kind {quote.speaker.kind!r}"
        check_mention(text, quote.speaker.mention, f"{where} speaker mention")
    assert 0.0 <= quote.confidence <= 1.0, f"{where}: confidence {quote.confidence}"


def check_document(doc: Document, text: str) -> None:
    """Assert the whole data contract on ``doc``, extracted from ``text``; a failure names the document."""
    try:
        _check_document(doc, text)
    except AssertionError as exc:
        raise AssertionError(f"[{doc.id}] {exc}\ntext: {text[:600]!r}") from None


def _check_document(doc: Document, text: str) -> None:
    assert doc.text == text, "the document text differs from the input text; offsets would not point into it"
    for i, quote in enumerate(doc.quotes):
        _check_quote(text, i, quote)
    starts = [(q.spans[0].start, q.spans[0].end) for q in doc.quotes]
    assert starts == sorted(starts), "quotes are not in document order"
    for entity in doc.entities:
        assert entity.kind in SPEAKER_KINDS, f"entity {entity.name!r}: kind {entity.kind!r}"
        for mention in entity.mentions:
            check_mention(text, mention, f"entity {entity.name!r} mention")
    for warning in doc.warnings:
        if warning.start is not None:
            assert 0 <= warning.start <= (warning.end or 0) <= len(text), f"warning {warning} outside the text"
    data = json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))
    assert Document.from_dict(data).to_dict() == doc.to_dict(), "the JSON form does not round-trip"


def check_rejection(code: str, message: str, article_id: str) -> None:
    """A rejection carries a documented code and names the article."""
    assert code in ERRORS, f"undocumented code {code}"
    assert article_id in message, f"rejection {code} does not name the article {article_id!r}: {message}"


def check_outcome(pipeline, article) -> Document | QuotegraphError:
    """Run ``pipeline(article)``; only a ``QuotegraphError`` may escape, and it must be well formed."""
    try:
        doc = pipeline(article)
    except QuotegraphError as exc:
        check_rejection(exc.code, exc.message, article.id)
        return exc
    check_document(doc, article.text)
    return doc


def canonical(item: Document | Rejected | QuotegraphError) -> dict:
    """A comparable form of one outcome (documents by their JSON, failures by code)."""
    if isinstance(item, Document):
        return item.to_dict()
    return {"failed": item.code}
