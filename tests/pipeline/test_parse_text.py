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
