"""Paragraph and sentence splitting by rule (no model)."""

from __future__ import annotations

import pytest
from pipeline_helpers import paragraph_texts, segmented, sentence_texts

from quotegraph.model import Span
from quotegraph.pipeline.stages.segment import sentence_boundaries, split_paragraphs


def _paragraphs(text: str) -> list[str]:
    return [s.slice(text) for s in split_paragraphs(text)]


def _sentences(text: str) -> list[str]:
    cuts = sentence_boundaries(text, 0, len(text))
    return [text[s:e].strip() for s, e in zip([0, *cuts], [*cuts, len(text)])]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One.\n\nTwo.", ["One.", "Two."]),
        ("One.\n\n\n\nTwo.\n", ["One.", "Two."]),
        ("One.\n \t\nTwo.", ["One.", "Two."]),  # a "blank" line holding spaces
        ("One.\n\u00a0\nTwo.", ["One.", "Two."]),  # a no-break space from HTML
        ("One.\r\n\r\nTwo.", ["One.", "Two."]),
        ("Line one\nline two.\n\nThree.", ["Line one\nline two.", "Three."]),  # single newlines stay inside
        ("A.\nB.\nC.", ["A.", "B.", "C."]),  # no blank line anywhere: one paragraph a line
        ("  Padded.  \n\n  Also.  ", ["Padded.", "Also."]),
        ("", []),
        ("  \n\n \n", []),
        ("Only one paragraph.", ["Only one paragraph."]),
    ],
)
def test_split_paragraphs(text: str, expected: list[str]) -> None:
    assert _paragraphs(text) == expected


def test_paragraph_spans_are_offsets_into_the_text() -> None:
    text = "\n\n  First para.\n\nSecond para.  \n\n"
    spans = split_paragraphs(text)
    assert spans == [Span(4, 15), Span(17, 29)]
    assert [s.slice(text) for s in spans] == ["First para.", "Second para."]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It rained. We stayed in.", ["It rained.", "We stayed in."]),
        ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
        ("He waited… Then he left.", ["He waited…", "Then he left."]),
        # two apostrophes for a quotation mark, as some newspapers print them
        ("''It is over,'' she added. ''We won.''", ["''It is over,'' she added.", "''We won.''"]),
        ("Mr. Smith went to Washington. He said no.", ["Mr. Smith went to Washington.", "He said no."]),
        ("Mrs. May resigned. Mr. Johnson won.", ["Mrs. May resigned.", "Mr. Johnson won."]),
        ("Dr. Jones met Prof. Brown at St. Paul's. They talked.", ["Dr. Jones met Prof. Brown at St. Paul's.", "They talked."]),
        ("Sen. Warren spoke. Gov. Newsom listened.", ["Sen. Warren spoke.", "Gov. Newsom listened."]),
        ("The U.S. economy grew. Prices rose.", ["The U.S. economy grew.", "Prices rose."]),
        ("The U.K. Treasury agreed. Nobody else did.", ["The U.K. Treasury agreed.", "Nobody else did."]),
        ("John F. Kennedy spoke. Then he left.", ["John F. Kennedy spoke.", "Then he left."]),
        ("A. B. Smith won. He left.", ["A. B. Smith won.", "He left."]),
        ("It rose 5.5 per cent. Then it fell.", ["It rose 5.5 per cent.", "Then it fell."]),
        ("The vote was 52 to 48. 20 MPs abstained.", ["The vote was 52 to 48.", "20 MPs abstained."]),
        ("Prices rose. (Nobody was surprised.) Then fell.", ["Prices rose.", "(Nobody was surprised.)", "Then fell."]),
        ("He said “I won.” Then he left.", ["He said “I won.”", "Then he left."]),
        ('He said "I won." Then he left.', ['He said "I won."', "Then he left."]),
        ("No. 10 said so. It was late.", ["No. 10 said so.", "It was late."]),
        ("it was late. and then", ["it was late. and then"]),  # no capital: not a new sentence
        # Regressions: dotted initials once ended a sentence; "No." was always read as "number".
        ("J.K. Rowling wrote it. It sold.", ["J.K. Rowling wrote it.", "It sold."]),
        ("Did he win? No. He lost.", ["Did he win?", "No.", "He lost."]),
        pytest.param(
            "He moved to the U.S. He liked it.", ["He moved to the U.S.", "He liked it."],
            marks=pytest.mark.xfail(reason="limitation: an abbreviation that ends a sentence never splits it",
                                    strict=False),
        ),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_sentence_boundaries_stay_within_the_range() -> None:
    text = "Before. Inside one. Inside two. After."
    start = text.index("Inside")
    end = text.index(" After")
    assert sentence_boundaries(text, start, end) == [text.index("Inside two")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # A multi-sentence quote stays in the sentence that frames it.
        ("“It is over. We lost,” she said. Then she left.", ["“It is over. We lost,” she said.", "Then she left."]),
        ('"It is over. We lost," she said. Then she left.', ['"It is over. We lost," she said.', "Then she left."]),
        ("‘It is over. We lost,’ she said. Then she left.", ["‘It is over. We lost,’ she said.", "Then she left."]),
        ("She said: “It is over. We lost. Go home.” Then she left.", ["She said: “It is over. We lost. Go home.”", "Then she left."]),
        # ... but a quoted sentence inside a quote-of-a-quote still does not split the outer one.
        ("“He told me ‘It is over. Go.’ and left,” she said.", ["“He told me ‘It is over. Go.’ and left,” she said."]),
        # Sentences never cross a paragraph, even inside a multi-paragraph quote.
        ("He said: “One. Two.\n\n“Three. Four.”\n\nAfter.", ["He said: “One. Two.", "“Three. Four.”", "After."]),
        # An unclosed quote runs to the end of its paragraph, so nothing in it splits.
        ("He said: “Never closed. Still quoted.\n\nNext one. And this.", ["He said: “Never closed. Still quoted.", "Next one.", "And this."]),
        # Outside quotes, sentences split as usual.
        ("Mr. Smith spoke. “Yes,” he said. Ms. Jones agreed.", ["Mr. Smith spoke.", "“Yes,” he said.", "Ms. Jones agreed."]),
    ],
)
def test_sentences_never_split_inside_a_quotation(text: str, expected: list[str]) -> None:
    assert sentence_texts(segmented(text)) == expected


def test_sentences_are_trimmed_offsets_within_paragraphs() -> None:
    work = segmented("First one.   Second one.\n\nThird one.")
    assert paragraph_texts(work) == ["First one.   Second one.", "Third one."]
    for s in work.sentences:
        para = work.paragraphs[work.paragraph_of(s.start)]
        assert para.start <= s.start < s.end <= para.end
        text = s.slice(work.text)
        assert text == text.strip()


@pytest.mark.parametrize("text, expected", [
    ('"Is it over?" Smith asked. He left.', ['"Is it over?" Smith asked.', "He left."]),
    ('“Never!” Jane Roe insisted, before leaving. Then more.', ['“Never!” Jane Roe insisted, before leaving.', "Then more."]),
    # no attribution after the question: the sentences split as usual
    ('"Is it over?" The crowd went quiet. It was.', ['"Is it over?"', "The crowd went quiet.", "It was."]),
    ("Is it over? He said so.", ["Is it over?", "He said so."]),
])
def test_a_quoted_question_or_exclamation_keeps_its_frame(text, expected):
    from quotegraph.pipeline.stages.segment import sentence_boundaries

    cuts = [0, *sentence_boundaries(text, 0, len(text)), len(text)]
    assert [text[a:b].strip() for a, b in zip(cuts, cuts[1:])] == expected
