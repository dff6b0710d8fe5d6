"""said_on on the real model (issue 13): tense, relative days and ordinal days in whole sentences."""

from __future__ import annotations

import pytest

import quotegraph

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("sentence, said_on, precision", [
    ("Smith will testify Thursday, his lawyer said.", None, None),  # when he will testify, not when it was said
    ("The minister said she would resign on Friday.", None, None),
    ("His lawyer said on Monday that Smith will testify on Thursday.", "2021-08-16", "day"),
    ("Loach said two days ago that he had been expelled.", "2021-08-14", "day"),
    ("The senator told reporters last week that the bill was dead.", "2021-08", "month"),
    ("The mayor said on the 14th that the budget was balanced.", "2021-08-14", "day"),
    ("The union said earlier this month that it would strike.", "2021-08", "month"),
])
def test_said_on_in_a_sentence(sentence, said_on, precision):
    (quote,) = quotegraph.extract(sentence, date="2021-08-16").quotes
    assert (quote.said_on, quote.said_on_precision) == (said_on, precision)


def test_a_month_day_in_the_previous_year():
    doc = quotegraph.extract("The council said on Dec. 30 that the road would reopen.", date="2022-01-04")
    assert [(q.said_on, q.said_on_precision) for q in doc.quotes] == [("2021-12-30", "day")]
