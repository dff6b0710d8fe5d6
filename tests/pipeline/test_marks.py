"""Pairing quotation marks: the pure pairing functions and the QuoteMarks stage (no model)."""

from __future__ import annotations

import pytest
from pipeline_helpers import region_texts, segmented

from quotegraph.model import Span
from quotegraph.pipeline.stages.marks import pair_double, pair_single


def _doubles(text: str) -> tuple[list[str], str | None, int]:
    """Closed contents, the content of a quote left open (or None), stray marks."""
    pairs, open_at, stray = pair_double(text, Span(0, len(text)))
    left_open = None if open_at is None else text[open_at:]
    return [text[cs:ce] for _, cs, ce, _ in pairs], left_open, stray


def _singles(text: str) -> list[str]:
    return [text[cs:ce] for _, cs, ce, _ in pair_single(text, Span(0, len(text)))]


@pytest.mark.parametrize(
    "text, closed, left_open, stray",
    [
        ('He said "yes" and "no".', ["yes", "no"], None, 0),
        ("He said “yes” and “no”.", ["yes", "no"], None, 0),
        ("“Open,” he said.", ["Open,"], None, 0),
        ('"Open," he said.', ["Open,"], None, 0),
        ('He said, "We won".', ["We won"], None, 0),
        ("``Yes,'' he said.", ["Yes,"], None, 0),  # NYT-style marks
        ("“It was an attempt to mislead voters,’’ Moy said.", ["It was an attempt to mislead voters,"], None, 0),
        ("He warned that “voters are entitled to it.’’ It has “a role.’’", ["voters are entitled to it.", "a role."], None, 0),
        ("‘‘Yes,’’ he said.", ["Yes,"], None, 0),  # doubled curly singles on both sides
        ("«Oui», dit-il.", ["Oui"], None, 0),
        ('The "so-called" plan', ["so-called"], None, 0),
        ('He said: "I am here.', [], '"I am here.', 0),
        ("He said: “I am here.", [], "“I am here.", 0),
        ("” stray close", [], None, 1),
        ("“One “two” three", ["two"], None, 1),  # a second opener replaces the first, which is stray
    ],
)
def test_pair_double(text: str, closed: list[str], left_open: str | None, stray: int) -> None:
    assert _doubles(text) == (closed, left_open, stray)


def test_pair_double_stays_within_the_paragraph_span() -> None:
    text = '"Before." Middle "inside" text. "After."'
    start, end = text.index("Middle"), text.index(' "After')
    pairs, open_at, stray = pair_double(text, Span(start, end))
    assert [text[cs:ce] for _, cs, ce, _ in pairs] == ["inside"]
    assert (open_at, stray) == (None, 0)
    o, cs, ce, c = pairs[0]
    assert (text[o], text[c - 1]) == ('"', '"') and (cs, ce) == (o + 1, c - 1)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said ‘we won’ today.", ["we won"]),
        ("He said 'we won' today.", ["we won"]),
        ("I don’t know.", []),
        ("Starmer’s plan failed.", []),
        ("It's Tom's 'plan'.", ["plan"]),
        ("rock ’n’ roll", []),
        ("the ’90s were ‘great’", ["great"]),
        ("‘Starmer’s plan is bad,’ he said.", ["Starmer’s plan is bad,"]),
        ("‘Don’t go,’ she said.", ["Don’t go,"]),
        ("‘We are the many’", ["We are the many"]),
        ("“He said ‘no’ to me,” she said.", ["no"]),  # a single quote inside a double one
        # Regression: a plural possessive once closed the quote early.
        ("‘The voters’ anger is real,’ he said.", ["The voters’ anger is real,"]),
    ],
)
def test_pair_single(text: str, expected: list[str]) -> None:
    assert _singles(text) == expected


# --- The QuoteMarks stage over a whole document --------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“We will win,” she said.", [["We will win,"]]),
        ('"We will win," she said.', [["We will win,"]]),
        ("‘We will win,’ she said.", [["We will win,"]]),
        ("She said: “We won.” He said: “We lost.”", [["We won."], ["We lost."]]),
        ("Labour’s leader said it was Starmer’s fault.", []),  # apostrophes only
        ("The leader said he didn’t know.", []),
    ],
)
def test_regions_in_one_paragraph(text: str, expected: list[list[str]]) -> None:
    assert region_texts(segmented(text)) == expected


def test_region_offsets_cover_the_content_and_the_marks() -> None:
    text = "She said: “We won.”"
    (region,) = segmented(text).regions
    assert region.spans == [Span(11, 18)] and region.outer == Span(10, 19)
    assert (region.style, region.closed, region.nested_in, region.words) == ("double", True, None, 2)


def test_quote_within_a_quote_is_nested_in_its_region() -> None:
    work = segmented("“He told me ‘never again’ and left,” she said.")
    outer, inner = work.regions
    assert [s.slice(work.text) for s in outer.spans] == ["He told me ‘never again’ and left,"]
    assert (outer.style, outer.nested_in) == ("double", None)
    assert [s.slice(work.text) for s in inner.spans] == ["never again"]
    assert (inner.style, inner.nested_in) == ("single", 0)


def test_british_single_quotes_are_not_nested() -> None:
    work = segmented("Loach said ‘the purge’ would fail. Starmer’s allies didn’t agree.")
    assert region_texts(work) == [["the purge"]]
    assert work.regions[0].style == "single" and work.regions[0].nested_in is None


@pytest.mark.parametrize("open_mark, close_mark", [("“", "”"), ('"', '"')])
def test_multi_paragraph_quote_is_one_region_with_a_span_per_paragraph(open_mark: str, close_mark: str) -> None:
    o, c = open_mark, close_mark
    text = f"He said: {o}I will fight on.\n\n{o}We are many. Solidarity.\n\n{o}Let us go.{c}\n\nThen he left."
    work = segmented(text)
    assert region_texts(work) == [["I will fight on.", "We are many. Solidarity.", "Let us go."]]
    (region,) = work.regions
    assert region.closed and region.words == 4 + 4 + 3
    assert region.outer.slice(text) == f"{o}I will fight on.\n\n{o}We are many. Solidarity.\n\n{o}Let us go.{c}"
    assert work.warnings == []


def test_multi_paragraph_quote_followed_by_a_closed_quote_in_the_same_paragraph() -> None:
    text = "He said: “One.\n\n“Two.” Then “three” came."
    assert region_texts(segmented(text)) == [["One.", "Two."], ["three"]]


def test_unclosed_quote_warns_and_runs_to_the_paragraph_end() -> None:
    text = "He said: “Never closed. Still quoted.\n\nNext paragraph, not quoted."
    work = segmented(text)
    assert region_texts(work) == [["Never closed. Still quoted."]]
    assert not work.regions[0].closed
    (warning,) = work.warnings
    assert warning.code == "W200"
    assert text[warning.start : warning.end] == "“Never closed. Still quoted."


def test_open_quote_not_reopened_in_the_next_paragraph_is_unclosed() -> None:
    text = "He said: “One.\n\nTwo, he added.\n\n“Three.”"
    work = segmented(text)
    assert region_texts(work) == [["One."], ["Three."]]
    assert [w.code for w in work.warnings] == ["W200"]


def test_stray_closing_mark_is_a_warning_and_not_a_region() -> None:
    work = segmented("A stray” mark here.\n\n“Fine,” she said.")
    assert region_texts(work) == [["Fine,"]]
    assert [w.code for w in work.warnings] == ["W201"]
    assert "paragraph 1" in work.warnings[0].message


def test_an_odd_mark_never_stops_the_document() -> None:
    text = "“\n\n”\n\n“A” “\n\n‘\n\n’"
    work = segmented(text)  # must not raise
    for r in work.regions:
        for s in r.spans:
            assert 0 <= s.start <= s.end <= len(text)


def test_a_doubled_curly_single_is_not_a_single_quote() -> None:
    # the ’ halves of “…’’ must not close a British single quote opened before them
    assert _singles("He said ‘no and “it is over,’’ Moy said.") == []
