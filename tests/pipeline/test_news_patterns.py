"""Frames news writes every day, through the real model: who said it, by which cue.

Each case is a pattern the parser misreads in a way a rule of the pipeline repairs (the rules have their
own tests on hand-built parses); these prove that the whole pipeline, model included, ends up right.
"""

from __future__ import annotations

import pytest

from quotegraph.model import Article

pytestmark = pytest.mark.integration


def _said(pipeline, text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    doc = pipeline(Article(id="p", text=text))
    return [(q.text, q.speaker.name if q.speaker else None, q.speaker.mention.text if q.speaker and q.speaker.mention
             else None, q.cue.text if q.cue else None) for q in doc.quotes]


def test_he_after_a_lone_surname_the_model_calls_an_organisation(pipeline) -> None:
    quotes = _said(pipeline, 'Burton explained from a podium. "I love cats," he said.')
    assert ("I love cats,", "Burton", "he", "said") in quotes


def test_the_85_year_old_said(pipeline) -> None:
    quotes = _said(pipeline, 'Ruth Smith, 85, has lived on the street since 1960. '
                             '"We are not going anywhere," the 85-year-old said.')
    assert ("We are not going anywhere,", "Ruth Smith", "the 85-year-old", "said") in quotes


def test_a_short_answer_after_a_question_is_the_answerers_and_the_question_no_ones(pipeline) -> None:
    quotes = _said(pipeline, 'Asked if he regretted it, Johnson replied: "Not for a second."')
    assert ("Not for a second.", "Johnson", "Johnson", "replied") in quotes
    quotes = _said(pipeline, '“No,” he said flatly when asked whether he would resign.')
    assert any(text.startswith("No") and cue == "said" for text, _, _, cue in quotes)
    assert all(name is None for text, name, _, cue in quotes if cue == "asked")


def test_a_newspaper_the_model_files_as_an_event_is_what_it_refers_to(pipeline) -> None:
    quotes = _said(pipeline, "About a dozen people demonstrated outside the Dallas Morning News after it backed "
                             "Clinton.")
    assert [(name, mention) for _, name, mention, cue in quotes if cue == "backed"] == [("Dallas Morning News", "it")]


def _spans(pipeline, text: str) -> list[list[str]]:
    doc = pipeline(Article(id="p", text=text))
    return [[text[s.start:s.end] for s in q.spans] for q in doc.quotes]


def test_a_quotation_after_its_frame_goes_on_with_the_statement_past_a_title_in_the_frame(pipeline) -> None:
    spans = _spans(pipeline, "“He is right,” Flynn said on Fox News’s “Fox and Friends.” “There is a lot of "
                             "frustration within the ranks.”")
    assert ["He is right,", "There is a lot of frustration within the ranks."] in spans


def test_a_second_quotation_in_two_apostrophes_is_a_sentence_of_its_own(pipeline) -> None:
    spans = _spans(pipeline, "''We're not a burden on America or a stain on America,'' the president added. "
                             "''We're America.''")
    assert ["We're not a burden on America or a stain on America,", "We're America."] in spans


def test_the_mogul_is_the_mogul_the_article_named(pipeline) -> None:
    quotes = _said(pipeline, 'Real estate mogul Donald Trump weighed in on Monday. "This is a disaster," the mogul '
                             'said. Retired teacher Mary Jones was worried. "Nobody listens," the teacher added.')
    assert ("This is a disaster,", "Donald Trump", "the mogul", "said") in quotes
    assert ("Nobody listens,", "Mary Jones", "the teacher", "added") in quotes


def test_adding_after_a_reported_clause_is_still_the_reporter(pipeline) -> None:
    quotes = _said(pipeline, "Smith said that the company would appeal, noting that the ruling was flawed.")
    assert [name for _, name, _, cue in quotes if cue == "noting"] == ["Smith"]


def test_an_abbreviated_rank_is_part_of_the_name_not_the_speaker(pipeline) -> None:
    quotes = _said(pipeline, '"We are investigating," said Detective Sgt. Jane Roe of the Metropolitan Police. '
                             'Capt. Sarah Wu told reporters the ship had docked.')
    assert [name for _, name, _, _ in quotes] == ["Jane Roe", "Sarah Wu"]


def test_two_short_pieces_either_side_of_a_frame_are_one_direct_quotation(pipeline) -> None:
    doc = pipeline(Article(id="p", text="Keir Starmer spoke on Monday. “This is a sham,” he said, “and everyone knows "
                                        "it.”"))
    quote = next(q for q in doc.quotes if q.cue is not None and q.cue.text == "said")
    assert quote.type == "direct"
    assert [doc.text[s.start:s.end] for s in quote.spans] == ["This is a sham,", "and everyone knows it."]


def test_a_name_with_particles_is_the_whole_name(pipeline) -> None:
    quotes = _said(pipeline, "“Good,” tweeted Ursula von der Leyen.")
    assert [name for _, name, _, _ in quotes] == ["Ursula von der Leyen"]


def test_a_copular_frame_with_a_colon_names_who_spoke(pipeline) -> None:
    quotes = _said(pipeline, "Sen. Mitch McConnell was more cautious: “We will see what happens.”")
    assert [(name, cue) for _, name, _, cue in quotes] == [("Mitch McConnell", "was more cautious")]
    quotes = _said(pipeline, "The reason was simple: “Nobody wanted to lose the house.”")
    assert all(name is None for _, name, _, _ in quotes)  # a reason says nothing


def test_a_short_quotation_after_a_colon_frame_outside_the_lexicon(pipeline) -> None:
    quotes = _said(pipeline, "His rival, Chuck Schumer, disagreed: “They will lose.”")
    assert [(text, name, cue) for text, name, _, cue in quotes] == [("They will lose.", "Chuck Schumer", "disagreed")]


def test_she_looks_past_a_man_a_he_already_named(pipeline) -> None:
    quotes = _said(pipeline, "Hillary Clinton met Bernie Sanders on Tuesday. Clinton said the talks went well. Sanders "
                             "was less upbeat. He said the gap remained wide. She insisted that progress had been made.")
    assert [(name, cue) for _, name, _, cue in quotes][-2:] == [("Bernie Sanders", "said"), ("Hillary Clinton", "insisted")]


def test_the_company_an_owner_is_named_with_speaks_for_itself(pipeline) -> None:
    quotes = _said(pipeline, "Elon Musk’s Tesla said on Monday it would cut prices. McDonald’s said sales rose.")
    assert [name for _, name, _, _ in quotes] == ["Tesla", "McDonald’s"]


def test_a_quotation_after_a_frame_naming_a_show_goes_on_with_the_one_before(pipeline) -> None:
    doc = pipeline(Article(id="p", text='"Donald Trump is a fraud," Perez said Sunday on NBC\'s "Meet the Press." '
                                        '"Listening to him talk, he has spent his entire career putting his profits '
                                        'first."'))
    [quote] = [q for q in doc.quotes if "profits" in q.text]
    assert "a fraud" in quote.text and quote.speaker.name == "Perez" and quote.cue.text == "said"


def test_a_transcript_quoted_as_one_open_quotation_is_one_turn_per_label(pipeline) -> None:
    text = ('"WALLACE: If I may, sir, because we have got limited time. Will she be there?\n\n'
            '"PENCE: She will not be attending the debate. We have no plans for that.\n\n'
            '"WALLACE: Do you really see those two as equivalent?')
    doc = pipeline(Article(id="p", text=text))
    turns = [(q.speaker.name, [text[s.start:s.end] for s in q.spans]) for q in doc.quotes]
    assert turns == [("Wallace", ["If I may, sir, because we have got limited time. Will she be there?"]),
                     ("Pence", ["She will not be attending the debate. We have no plans for that."]),
                     ("Wallace", ["Do you really see those two as equivalent?"])]


def test_a_mixed_content_ends_with_its_quotation_before_the_writers_aside(pipeline) -> None:
    quotes = _said(pipeline, 'Trump said she was "going to put a lot of coal miners out of business," which '
                             'angered voters in Kentucky.')
    assert any(text.endswith('out of business,"') and cue == "said" for text, _, _, cue in quotes), quotes


def test_a_past_tense_joined_after_a_comma_to_a_modal_report_is_the_speakers_next_act(pipeline) -> None:
    quotes = _said(pipeline, "Officials said that they would miss the deadline, and requested another month.")
    assert ("that they would miss the deadline", "Officials", "Officials", "said") in quotes


def test_a_verb_answering_someones_proposal_reports_the_whole_noun_phrase(pipeline) -> None:
    quotes = _said(pipeline, "On Wednesday, Clinton bashed Trump's proposal to ban Muslims from coming into the country.")
    assert ("Trump's proposal to ban Muslims from coming into the country", "Clinton", "Clinton", "bashed") in quotes


def test_the_words_between_a_cue_and_a_quotation_they_run_into_open_the_statement(pipeline) -> None:
    spans = _spans(pipeline, 'He writes in the column that the “movie is simply and completely an indictment of Clinton.”')
    assert ["that the “movie is simply and completely an indictment of Clinton.”"] in spans
    spans = _spans(pipeline, 'In an interview, Durbin said on Thursday he "hand-delivered a letter to the president."')
    assert ['he "hand-delivered a letter to the president."'] in spans
    spans = _spans(pipeline, 'The company said its collective moves had already produced results, '
                             '"including an increase in account suspensions."')
    assert spans == [['its collective moves had already produced results, "including an increase in account suspensions."']]
