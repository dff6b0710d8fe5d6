"""The stages after attribution, over hand-built candidates (no model).

Channel, dates, signatories, about and episodes only read sentence spans,
entity clusters and candidates, so a ``Work`` with empty-token clauses and
hand-placed candidates exercises them for real.
"""

from __future__ import annotations

import pytest
from pipeline_helpers import segmented

from quotegraph.model import Mention, Span
from quotegraph.pipeline.stages.about import About
from quotegraph.pipeline.stages.channel import Channel
from quotegraph.pipeline.stages.dates import Dates
from quotegraph.pipeline.stages.episodes import Episodes
from quotegraph.pipeline.stages.signatories import Signatories
from quotegraph.pipeline.work import Candidate, Clause, Cluster, Work


def _work(text: str, date: str | None = "2021-08-16") -> Work:
    """Segmented work whose clauses are the sentences (no tokens)."""
    work = segmented(text, date)
    work.clauses = [Clause(s, work.paragraph_of(s.start), []) for s in work.sentences]
    return work


def _at(work: Work, phrase: str, after: str = "") -> Mention:
    start = work.text.index(phrase, work.text.index(after) if after else 0)
    return work.mention(start, start + len(phrase))


def _cand(work: Work, content: str, cue: str, *, after: str = "", entity: int | None = None, type: str = "indirect") -> Candidate:
    c = _at(work, content, after)
    cue_m = _at(work, cue, after)
    clause = next(k for k, s in enumerate(work.sentences) if s.start <= cue_m.start < s.end)
    return Candidate(type=type, spans=[c.span], cue=cue_m, clause=clause, speaker_entity=entity)


def _cluster(work: Work, name: str, kind: str, *phrases: str) -> Cluster:
    return Cluster(name, kind, [_at(work, p) for p in phrases])


def test_channel_is_the_channel_word_nearest_the_cue_outside_the_content() -> None:
    work = _work("In a series of tweets, Loach insisted that the statement was false.")
    cand = _cand(work, "that the statement was false", "insisted")
    work.candidates = [cand]
    Channel()(work)
    assert cand.channel == "twitter"
    assert cand.channel_evidence == _at(work, "tweets")  # "statement" inside the content is not the channel


def test_two_statements_of_one_clause_each_get_the_channel_word_nearest_their_own_cue() -> None:
    # the clause's channel words are found once and shared; the nearest to each cue still wins
    work = _work("In a tweet, Loach said the vote was rigged, and in a statement his aide said it was not.")
    first = _cand(work, "the vote was rigged", "said")
    second = _cand(work, "it was not", "said", after="aide")
    assert first.clause == second.clause
    work.candidates = [first, second]
    Channel()(work)
    assert (first.channel, first.channel_evidence) == ("twitter", _at(work, "tweet"))
    assert (second.channel, second.channel_evidence) == ("statement", _at(work, "statement"))


def test_channel_stays_empty_without_a_channel_word() -> None:
    work = _work("Loach said on Saturday that he had been expelled.")
    cand = _cand(work, "that he had been expelled", "said")
    work.candidates = [cand]
    Channel()(work)
    assert (cand.channel, cand.channel_evidence) == (None, None)


def test_a_channel_word_inside_another_statements_content_is_not_a_channel() -> None:
    # "Twitter" is what Raab said, not how he or anyone said it
    work = _work("Raab defended the party, saying the Twitter account was clearly linked to the Conservatives.")
    defended = _cand(work, "the party", "defended")
    saying = _cand(work, "the Twitter account was clearly linked to the Conservatives", "saying")
    work.candidates = [defended, saying]
    Channel()(work)
    assert (defended.channel, saying.channel) == (None, None)


def test_a_channel_word_in_what_was_spoken_of_still_names_the_channel() -> None:
    # a topic ("announced on their radios", read as spoken of) holds no one's words
    work = _work("“We got her!” officers announced on their radios.")
    quote = _cand(work, "We got her!", "announced", type="direct")
    topic = _cand(work, "on their radios", "announced")
    topic.kind = "topic"
    work.candidates = [quote, topic]
    Channel()(work)
    assert (quote.channel, quote.channel_evidence) == ("radio", _at(work, "radios"))


@pytest.mark.parametrize("sentence, content, cue, channel, evidence", [
    ("Such stripping would occur regularly, the team wrote in the new paper, published in Nature.",
     "Such stripping would occur regularly", "wrote", "paper", "paper"),
    ("Crops fail, the authors wrote in a study published in the journal Science.",
     "Crops fail", "wrote", "paper", "study"),
    ("“It doesn't affect me now,” the patient wrote in the case study.",
     "It doesn't affect me now", "wrote", "case report", "case study"),
    ("“We had issues,” Mayer said Tuesday at the Vox Media’s Code Media conference in Hollywood.",
     "We had issues", "said", "conference", "conference"),
    ("“We had issues,” Mayer said at a news conference.", "We had issues", "said", "press conference", "news conference"),
    ("“I did,” Vindman testified.", "I did", "testified", "testimony", "testified"),
    ("“It was lawful,” the judge said in court.", "It was lawful", "said", "court", "in court"),
])
def test_channel_words_of_papers_conferences_testimony_and_court(sentence, content, cue, channel, evidence) -> None:
    work = _work(sentence)
    cand = _cand(work, content, cue)
    work.candidates = [cand]
    Channel()(work)
    assert (cand.channel, cand.channel_evidence) == (channel, _at(work, evidence))


@pytest.mark.parametrize("sentence", [
    "Proponents, including the United States Conference of Mayors, urged Congress to act.",
    "With the climate conference on the verge of failure, the two said they met.",
    "The researchers said the study was flawed.",
])
def test_conference_and_study_are_channels_only_in_their_frames(sentence) -> None:
    work = _work(sentence)
    cue = "urged" if "urged" in sentence else "said"
    content = sentence[sentence.index(cue) + len(cue) + 1:].rstrip(".")
    cand = _cand(work, content, cue)
    work.candidates = [cand]
    Channel()(work)
    assert cand.channel is None


def test_dates_resolve_the_expression_in_the_framing_sentence() -> None:
    work = _work("Loach said on Saturday that he had been expelled last month.")
    cand = _cand(work, "that he had been expelled last month", "said")
    work.candidates = [cand]
    Dates()(work)
    # "last month" is inside the content: it dates the expulsion, not the statement.
    assert cand.said_on == "2021-08-14"
    assert cand.said_on_evidence == _at(work, "on Saturday")


def test_dates_without_an_article_date_keep_the_evidence_only() -> None:
    work = _work("Loach said on Saturday that he had been expelled.", date=None)
    cand = _cand(work, "that he had been expelled", "said")
    work.candidates = [cand]
    Dates()(work)
    assert cand.said_on is None and cand.said_on_evidence == _at(work, "on Saturday")


def test_dates_only_look_in_the_framing_sentence() -> None:
    work = _work("The row began on Friday. Loach said that he had been expelled.")
    cand = _cand(work, "that he had been expelled", "said")
    work.candidates = [cand]
    Dates()(work)
    assert (cand.said_on, cand.said_on_evidence) == (None, None)


SIGNED = ("In a statement, the group called for Loach to be reinstated.\n\n"
          "Signed by MPs including Jeremy Corbyn, Diane Abbott and John McDonnell, it said: “Ken is an outstanding socialist.”")


def _signed_work() -> tuple[Work, Candidate, Candidate]:
    work = _work(SIGNED)
    work.clusters = [
        _cluster(work, "Socialist Campaign Group", "group", "the group"),
        _cluster(work, "Ken Loach", "person", "Loach"),
        _cluster(work, "Jeremy Corbyn", "person", "Jeremy Corbyn"),
        _cluster(work, "Diane Abbott", "person", "Diane Abbott"),
        _cluster(work, "John McDonnell", "person", "John McDonnell"),
    ]
    first = _cand(work, "Loach to be reinstated", "called", entity=0)
    second = _cand(work, "Ken is an outstanding socialist.", "said", after="Signed", entity=0, type="direct")
    first.channel = second.channel = "statement"
    work.candidates = [first, second]
    return work, first, second


def test_signed_by_names_the_people_in_text_order_and_shares_them_across_the_statement() -> None:
    work, first, second = _signed_work()
    Signatories()(work)
    assert second.signatories == ["Jeremy Corbyn", "Diane Abbott", "John McDonnell"]
    assert first.signatories == second.signatories  # same speaker, same channel


def test_signatories_are_not_shared_across_channels() -> None:
    work, first, second = _signed_work()
    first.channel = "twitter"
    Signatories()(work)
    assert first.signatories == [] and len(second.signatories) == 3


def test_about_lists_entities_named_inside_the_content_except_the_speaker() -> None:
    work, first, second = _signed_work()
    first.speaker_name = second.speaker_name = "Socialist Campaign Group"
    About()(work)
    assert first.about == ["Ken Loach"]
    assert second.about == []  # "Ken" is not a mention in these clusters; the signers are outside the content


def test_episodes_carry_channel_and_date_to_a_continuing_quote() -> None:
    text = ("In a series of tweets on Saturday, Loach insisted that the clique would not prevail.\n\n"
            "“We are many, they are few.”")
    work = _work(text)
    work.clusters = [_cluster(work, "Ken Loach", "person", "Loach")]
    first = _cand(work, "that the clique would not prevail", "insisted", entity=0)
    first.channel, first.said_on = "twitter", "2021-08-14"
    start = text.index("We are")
    second = Candidate(type="direct", spans=[Span(start, text.index("”", start))], speaker_entity=0, carried=True)
    work.candidates = [first, second]
    Episodes()(work)
    assert (second.channel, second.said_on) == ("twitter", "2021-08-14")


def test_episodes_carry_the_channel_to_the_same_speakers_next_statement_in_the_paragraph() -> None:
    text = ("In a letter to the president, Duvall said farmers faced hardship. He urged Mr. Trump to make a deal.\n\n"
            "Farmers urged patience.")
    work = _work(text)
    work.clusters = [_cluster(work, "Zippy Duvall", "person", "Duvall", "He"), _cluster(work, "farmers", "group", "Farmers")]
    first = _cand(work, "farmers faced hardship", "said", entity=0)
    first.channel, first.channel_evidence = "letter", _at(work, "letter")
    second = _cand(work, "Mr. Trump to make a deal", "urged", entity=0)
    third = _cand(work, "patience", "urged", after="Farmers", entity=0)  # same speaker, next paragraph, not a quote
    work.candidates = [first, second, third]
    Episodes()(work)
    assert (second.channel, second.channel_evidence) == ("letter", _at(work, "letter"))
    assert third.channel is None


def test_episodes_date_every_statement_of_one_speaker_through_one_channel() -> None:
    work, first, second = _signed_work()
    first.said_on, first.said_on_evidence = "2021-08-16", _at(work, "In a")
    Episodes()(work)
    assert second.said_on == "2021-08-16"


def test_episodes_leave_conflicting_dates_alone() -> None:
    work, first, second = _signed_work()
    third = _cand(work, "Loach to be reinstated", "called", entity=0)
    third.channel, first.said_on, third.said_on = "statement", "2021-08-16", "2021-08-14"
    work.candidates = [first, second, third]
    Episodes()(work)
    assert second.said_on is None


@pytest.mark.parametrize("sentence, channel, evidence", [
    ("“It was a mistake,” Roe told The Hollywood Reporter.", "interview", "The Hollywood Reporter"),
    ("The senator told the paper that she would not run.", "interview", "the paper"),
    ("Moy told the BBC.\n\nShe told The New York Times nothing.", "interview", "the BBC"),
    ("Prosecutors told reporters the inquiry was over.", "press conference", "reporters"),
    ("Vindman told lawmakers that it was his duty.", "testimony", "lawmakers"),
    ("She told the House Intelligence Committee that she was warned.", "testimony", "the House Intelligence Committee"),
    ("Morrison told investigators that he witnessed it.", "testimony", "investigators"),
    ("The officer told the jury that she saw him.", "court", "the jury"),
    ("He told his wife that he was leaving.", None, None),
    ("He told Smith that he was leaving.", None, None),
])
def test_the_addressee_of_told_gives_the_channel(sentence, channel, evidence) -> None:
    from quotegraph.model import Mention, Span
    from quotegraph.pipeline.stages.channel import addressee_channel
    from quotegraph.pipeline.work import Candidate

    work = segmented(sentence)
    cue = sentence.index("told")
    content = sentence.index("that") if "that" in sentence else len(sentence)
    cand = Candidate(type="indirect", spans=[Span(content, len(sentence))], cue=Mention.of(sentence, cue, cue + 4))
    hit = addressee_channel(work, cand)
    assert (hit[0], sentence[hit[1]:hit[2]]) == (channel, evidence) if channel else hit is None
