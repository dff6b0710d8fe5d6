"""Time expressions resolved against the article date (no model).

The article date in most rows, 2021-08-16, is a Monday.
"""

from __future__ import annotations

from datetime import date

import pytest

from quotegraph.pipeline.stages.dates import DATE_PATTERN, resolve_expression

MONDAY = date(2021, 8, 16)


def _resolve(phrase: str, today: date = MONDAY) -> tuple[str, str | None]:
    m = DATE_PATTERN.search(phrase)
    assert m is not None, f"no time expression found in {phrase!r}"
    return m.group(), resolve_expression(m, today)


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("on Saturday", "2021-08-14"),
        ("on Monday", "2021-08-16"),  # the article's own weekday is that day, not a week back
        ("on Sunday", "2021-08-15"),
        ("on Tuesday", "2021-08-10"),  # reports look back
        ("on Sunday night", "2021-08-15"),
        ("yesterday", "2021-08-15"),
        ("today", "2021-08-16"),
        ("last month", "2021-07"),
        ("this month", "2021-08"),
        ("earlier this month", "2021-08"),
        ("last year", "2020"),
        ("this year", "2021"),
        ("on August 14", "2021-08-14"),
        ("on August 14th", "2021-08-14"),
        ("Aug. 3", "2021-08-03"),
        ("14 August", "2021-08-14"),
        ("14 August 2019", "2019-08-14"),
        ("August 14, 2019", "2019-08-14"),
        ("August 20", "2020-08-20"),  # a day after the article date is last year's
        ("in July", "2021-07"),
        ("in December", "2020-12"),  # a later month is last year's
        ("in March 2020", "2020-03"),
        ("last week", None),  # no single day
        ("on Feb 30", None),  # no such day
        # Regression: an ordinal before the month once raised ValueError and rejected the article (E202).
        ("on 14th August", "2021-08-14"),
        ("3rd September", "2020-09-03"),
    ],
)
def test_resolve_expression(phrase: str, expected: str | None) -> None:
    found, resolved = _resolve(phrase)
    assert found.lower() == phrase.lower()
    assert resolved == expected


@pytest.mark.parametrize(
    "phrase, today, expected",
    [
        ("last month", date(2021, 1, 5), "2020-12"),  # across a year boundary
        ("yesterday", date(2021, 3, 1), "2021-02-28"),
        ("yesterday", date(2020, 3, 1), "2020-02-29"),  # leap year
        ("on Sunday", date(2021, 8, 15), "2021-08-15"),
        ("in January", date(2021, 1, 31), "2021-01"),
    ],
)
def test_resolve_expression_other_article_dates(phrase: str, today: date, expected: str) -> None:
    assert _resolve(phrase, today)[1] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Loach said on Saturday that he had been expelled.", "on Saturday"),
        ("It came after the party last month expelled four groups.", "last month"),
        ("In a statement published on Monday, the group called for him to be reinstated.", "on Monday"),
        ("She said in July that she would stand.", "in July"),
    ],
)
def test_date_pattern_finds_the_expression_in_a_sentence(sentence: str, expected: str) -> None:
    m = DATE_PATTERN.search(sentence)
    assert m is not None and m.group() == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The Mayday protest went ahead.",
        "He marched in step.",
        "Saturdays are quiet.",
        "They met monthly.",
    ],
)
def test_date_pattern_ignores_words_that_only_look_like_dates(sentence: str) -> None:
    assert DATE_PATTERN.search(sentence) is None
