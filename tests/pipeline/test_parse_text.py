"""What the parser is shown: headlines in title case read in sentence case, offsets unchanged (no model)."""

from __future__ import annotations

import pytest

from quotegraph.pipeline.stages.parse import sentence_case


@pytest.mark.parametrize("text, expected", [
    ("Trump Could Address Clean Energy, Lindsey Graham Says.", "Trump could Address Clean Energy, Lindsey Graham says."),
    ("Railing Against Trump, Sanders Vows To Eliminate Tax Breaks.",
     "Railing against Trump, Sanders vows to Eliminate Tax Breaks."),
    # a quotation or the part after a colon starts with its capital; a noun is not a verb ("Post")
    ("Pence: Gennifer Flowers Won’t Be at Debate, Trump Was ‘Mocking’ Clinton Camp.",
     "Pence: Gennifer Flowers Won’t be at Debate, Trump was ‘Mocking’ Clinton Camp."),
    ("The Washington Post Hit Piece Says A Woman Is In The Hospital.",
     "The Washington Post Hit Piece says a Woman is in the Hospital."),
])
def test_a_title_case_headline_is_shown_in_sentence_case(text, expected):
    assert sentence_case(text) == expected
    assert len(sentence_case(text)) == len(text)


@pytest.mark.parametrize("text", [
    "He said the plan would fail, according to The New York Times.",
    "Present were Jane Roe, John Doe, Mary Major and Richard Miles.",  # names alone are no title case
    "Clinton Says It.",  # too short to tell
])
def test_ordinary_sentences_are_unchanged(text):
    assert sentence_case(text) == text


ROWS = [  # (idx, text, lower, pos, tag, dep, head, ent_type, ent_iob) as nlp.parse_texts yields them
    (0, "Loach", "loach", "PROPN", "NNP", "nsubj", 1, "PERSON", "B"),
    (6, "said", "said", "VERB", "VBD", "ROOT", 1, "", "O"),
    (11, "so", "so", "ADV", "RB", "advmod", 1, "", "O"),
]


def test_tokens_of_an_unmasked_sentence_are_shifted_to_document_offsets():
    from quotegraph.pipeline.stages.parse import _mapped, _to_tokens

    tokens = _to_tokens(ROWS, [(0, 100, 113, None)])
    assert [(t.start, t.end, t.text, t.lemma) for t in tokens] == [(100, 105, "Loach", "loach"), (106, 110, "said", "say"),
                                                                  (111, 113, "so", "so")]
    assert tokens[1].children == [0, 2]
    assert [(t.start, t.end) for t in tokens] == [(t.start, t.end) for t in _mapped(ROWS, [(0, 100, 113, None)])]


def test_a_masked_quotation_maps_its_placeholder_to_the_whole_quotation():
    from quotegraph.pipeline.stages.parse import _to_tokens

    rows = [(0, "Quote", "quote", "NOUN", "NN", "dobj", 1, "", "O"), (6, "said", "said", "VERB", "VBD", "ROOT", 1, "", "O")]
    tokens = _to_tokens(rows, [(0, 50, 90, 3), (5, 90, 95, None)])
    assert [(t.start, t.end, t.region) for t in tokens] == [(50, 90, 3), (91, 95, None)]
