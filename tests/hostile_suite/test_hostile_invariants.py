"""The contract checker used by the hostile suite catches every kind of broken document (no model)."""

from __future__ import annotations

import pytest
from hostile_invariants import check_document

from quotegraph.model import Document, Entity, Mention, Quotation, Span, Speaker, Warning

TEXT = "“We will win,” Ana Ruiz said on Monday."


def _good() -> Document:
    quote = Quotation("direct", [Span(1, 13)], "We will win,", Speaker("Ana Ruiz", "person", Mention.of(TEXT, 15, 23)),
                      cue=Mention.of(TEXT, 24, 28), said_on="2021-08-16", said_on_evidence=Mention.of(TEXT, 32, 38))
    return Document("d", TEXT, quotes=[quote], entities=[Entity("Ana Ruiz", "person", [Mention.of(TEXT, 15, 23)])],
                    warnings=[Warning("W200", "note", 0, 1)])


def test_a_good_document_passes():
    check_document(_good(), TEXT)


def _spans(doc):
    doc.quotes[0].spans = [Span(1, 8), Span(5, 13)]


def _text(doc):
    doc.quotes[0].text = "We will win"


def _cue(doc):
    doc.quotes[0].cue = Mention(24, 28, "says")


def _speaker(doc):
    doc.quotes[0].speaker.mention = Mention(15, 60, "Ana Ruiz said on Monday.")


def _evidence(doc):
    doc.quotes[0].said_on_evidence = Mention(31, 38, "Monday.")


def _entity(doc):
    doc.entities[0].mentions = [Mention(14, 22, "Ana Ruiz")]


def _order(doc):
    doc.quotes = [Quotation("direct", [Span(24, 28)], "said"), doc.quotes[0]]


def _kind(doc):
    doc.quotes[0].speaker.kind = "robot"


def _warning(doc):
    doc.warnings = [Warning("W200", "note", 10, 400)]


def _changed_text(doc):
    doc.text = TEXT.replace("“", '"')


@pytest.mark.parametrize("breaks", [_spans, _text, _cue, _speaker, _evidence, _entity, _order, _kind, _warning,
                                    _changed_text])
def test_each_broken_document_is_caught_and_named(breaks):
    doc = _good()
    breaks(doc)
    with pytest.raises(AssertionError, match=r"^\[d\] "):
        check_document(doc, TEXT)
