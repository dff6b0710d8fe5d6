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
        ("in 2018", "2018"),
        ("in 2030", None),  # a later year points forward
        ("last week", "2021-08"),  # 9-15 August: no single day, one month
        # relative days and weeks, ordinal days (issue 13)
        ("two days ago", "2021-08-14"),
        ("2 days ago", "2021-08-14"),
        ("a week ago", "2021-08-09"),
        ("three weeks ago", "2021-07-26"),
        ("two months ago", "2021-06"),
        ("a year ago", "2020"),
        ("a few days ago", None),  # no single day
        ("the day before yesterday", "2021-08-14"),
        ("last night", "2021-08-15"),
        ("earlier today", "2021-08-16"),
        ("this week", "2021-08"),
        ("earlier this week", "2021-08"),
        ("earlier this year", "2021"),
        ("on the 14th", "2021-08-14"),
        ("on the 3rd", "2021-08-03"),
        ("on the 20th", "2021-07-20"),  # after the article's day: last month's
        ("on the 14th of August", "2021-08-14"),
        ("14th of August", "2021-08-14"),
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
        # month-day across a year boundary: the latest such day on or before the article date
        ("Nov. 8", date(2021, 12, 2), "2021-11-08"),
        ("Dec. 30", date(2022, 1, 4), "2021-12-30"),
        ("on December 31", date(2022, 1, 1), "2021-12-31"),
        ("on the 30th", date(2022, 1, 4), "2021-12-30"),
        ("on the 31st", date(2021, 3, 5), None),  # February has no 31st
        ("last week", date(2021, 9, 1), "2021-08"),  # 23-29 August, read in September
        ("last week", date(2021, 9, 8), None),  # 30 August - 5 September: no single month
        ("two days ago", date(2021, 1, 1), "2020-12-30"),
        ("last month", date(2021, 1, 5), "2020-12"),
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
        "Turnout rose in 2018-19.",
        "Prices rose in 2018 percent terms.",
    ],
)
def test_date_pattern_ignores_words_that_only_look_like_dates(sentence: str) -> None:
    assert DATE_PATTERN.search(sentence) is None


# --------------------------------------------------------------------------
# the stage: which expression dates the statement (tense), no model


from quotegraph.model import Mention, Span  # noqa: E402
from quotegraph.pipeline.stages.dates import Dates  # noqa: E402
from quotegraph.pipeline.work import Candidate, Clause, Token, Work  # noqa: E402
from quotegraph.model import Article  # noqa: E402


def _work(text: str, content: str, cue: str, parse: list[tuple[str, str, str, int]] | None = None) -> tuple[Work, Candidate]:
    """A one-sentence Work with one candidate; ``parse`` is (word, pos, dep, head) per token, or none."""
    work = Work.from_article(Article(id="t", text=text, date="2021-08-16"))
    tokens: list[Token] = []
    if parse:
        pos = 0
        for i, (word, upos, dep, head) in enumerate(parse):
            start = text.index(word, pos)
            pos = start + len(word)
            tokens.append(Token(i, start, pos, word, word.lower(), upos, "", dep, head))
        for t in tokens:
            if t.head != t.i:
                tokens[t.head].children.append(t.i)
    work.clauses = [Clause(Span(0, len(text)), 0, tokens)]
    c0 = text.index(content)
    k = text.index(cue)
    cand = Candidate("indirect", [Span(c0, c0 + len(content))], cue=Mention.of(text, k, k + len(cue)), clause=0)
    work.candidates = [cand]
    Dates()(work)
    return work, cand


@pytest.mark.parametrize(
    "text, content, cue, expected",
    [
        ("Loach said on Saturday that he had been expelled.", "he had been expelled", "said", "2021-08-14"),
        # the future tense dates what will happen, not the statement (issue 13)
        ("He will testify Thursday, his lawyer said.", "He will testify Thursday", "said", None),
        ("His lawyer said he will testify on Thursday.", "he will testify", "said", None),
        ("She said she would resign on Friday.", "she would resign", "said", None),
        ("The minister is due to speak on Friday, officials said.", "The minister is due to speak", "said", None),
        ("He said he'll testify tomorrow.", "he'll testify", "said", None),
        ("He said the vote is next Monday.", "the vote is", "said", None),
        # a future mention does not hide the past one that dates the statement
        ("His lawyer said on Monday that he will testify on Thursday.", "he will testify", "said", "2021-08-16"),
        ("She told reporters two days ago that she would stand.", "she would stand", "told", "2021-08-14"),
    ],
)
def test_tense_without_a_parse(text, content, cue, expected):
    _, cand = _work(text, content, cue)
    assert cand.said_on == expected


def test_tense_from_the_parse():
    # "He will testify Thursday, his lawyer said.": Thursday belongs to "testify", which has "will"
    parse = [("He", "PRON", "nsubj", 2), ("will", "AUX", "aux", 2), ("testify", "VERB", "ccomp", 7),
             ("Thursday", "PROPN", "npadvmod", 2), (",", "PUNCT", "punct", 7), ("his", "PRON", "poss", 6),
             ("lawyer", "NOUN", "nsubj", 7), ("said", "VERB", "ROOT", 7), (".", "PUNCT", "punct", 7)]
    _, cand = _work("He will testify Thursday, his lawyer said.", "He will testify Thursday", "said", parse)
    assert cand.said_on is None
    # the same words in the past tense date the statement's subject matter, as before
    parse_past = [("He", "PRON", "nsubj", 1), ("testified", "VERB", "ccomp", 6), ("Thursday", "PROPN", "npadvmod", 1),
                  (",", "PUNCT", "punct", 6), ("his", "PRON", "poss", 5), ("lawyer", "NOUN", "nsubj", 6),
                  ("said", "VERB", "ROOT", 6), (".", "PUNCT", "punct", 6)]
    _, cand = _work("He testified Thursday, his lawyer said.", "He testified", "said", parse_past)
    assert cand.said_on == "2021-08-12"


def test_an_expression_attached_to_the_cue_is_never_future():
    # "will" governs "resign", not "said": "on Monday" dates the saying
    parse = [("She", "PRON", "nsubj", 1), ("said", "VERB", "ROOT", 1), ("on", "ADP", "prep", 1),
             ("Monday", "PROPN", "pobj", 2), ("she", "PRON", "nsubj", 6), ("will", "AUX", "aux", 6),
             ("resign", "VERB", "ccomp", 1), (".", "PUNCT", "punct", 1)]
    _, cand = _work("She said on Monday she will resign.", "she will resign", "said", parse)
    assert cand.said_on == "2021-08-16"


def test_a_year_dates_the_statement_only_when_it_attaches_to_the_cue():
    # "Bornstein told CNN in 2018 that …": the year is the telling's
    told = [("Bornstein", "PROPN", "nsubj", 1), ("told", "VERB", "ROOT", 1), ("CNN", "PROPN", "dobj", 1),
            ("in", "ADP", "prep", 1), ("2018", "NUM", "pobj", 3), ("that", "SCONJ", "mark", 7),
            ("Trump", "PROPN", "nsubj", 7), ("lied", "VERB", "ccomp", 1), (".", "PUNCT", "punct", 1)]
    _, cand = _work("Bornstein told CNN in 2018 that Trump lied.", "that Trump lied", "told", told)
    assert (cand.said_on, cand.said_on_evidence.text) == ("2018", "in 2018")
    # "An aide who joined her in 2011 said …": the year is the joining's
    joined = [("An", "DET", "det", 1), ("aide", "NOUN", "nsubj", 7), ("who", "PRON", "nsubj", 3),
              ("joined", "VERB", "relcl", 1), ("her", "PRON", "dobj", 3), ("in", "ADP", "prep", 3),
              ("2011", "NUM", "pobj", 5), ("said", "VERB", "ROOT", 7), ("it", "PRON", "nsubj", 9),
              ("mattered", "VERB", "ccomp", 7), (".", "PUNCT", "punct", 7)]
    _, cand = _work("An aide who joined her in 2011 said it mattered.", "it mattered", "said", joined)
    assert (cand.said_on, cand.said_on_evidence) == (None, None)
    # with no parse a year is never taken
    _, cand = _work("Bornstein told CNN in 2018 that Trump lied.", "that Trump lied", "told")
    assert cand.said_on_evidence is None
