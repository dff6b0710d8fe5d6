"""Attachment and precision rules through the real pipeline: one table row per pattern of news prose.

The rules themselves are tested without the model in test_frames.py,
test_segment.py and test_candidate_stages.py; these rows prove the whole.
"""

from __future__ import annotations

import pytest

from quotegraph.model import Article

pytestmark = pytest.mark.integration


def _quotes(pipeline, body: str):
    doc = pipeline(Article(id="t", text=body, date="2024-05-07"))
    return doc.quotes


def _only(pipeline, body: str, content: str):
    found = [q for q in _quotes(pipeline, body) if content in q.text]
    assert len(found) == 1, [q.text for q in _quotes(pipeline, body)]
    return found[0]


@pytest.mark.parametrize("body, content, mention, cue", [
    # ? and ! before an ordinary or inverted cue
    ('"Is it over?" Smith asked.', "Is it over?", "Smith", "asked"),
    ('"Never!" insisted Jane Roe.', "Never!", "Jane Roe", "insisted"),
    # short verbless quotations with an explicit cue are statements, not scare quotes
    ('"No comment," he said.', "No comment", "he", "said"),
    ('"A disgrace," Mr. Smith said.', "A disgrace", "Mr. Smith", "said"),
    # a short quotation whose frame sentence goes on past the cue
    ('"Is it over?" Smith asked, but the crowd was already leaving the hall for the night.', "Is it over?", "Smith",
     "asked"),
    # the name after the verb
    ('"We will keep fighting for the workers of this city," says Early.', "We will keep fighting", "Early", "says"),
    # a speaker the tagger read as an adverb, and an addressee with a place before the content
    ("Mayor Tom Early told reporters at a news conference that the budget would be balanced by June.",
     "the budget would be balanced", "Mayor Tom Early", "told"),
    # the mention never swallows the quotation
    ('"We will not back down," Cruz said.', "We will not back down", "Cruz", "said"),
    # a dateline is never the speaker
    ("HANOI — Vietnam's government said Tuesday that it would raise fuel prices next month.",
     "it would raise fuel prices", "Vietnam's government", "said"),
    ("BUFFALO, N.Y. (AP) — Coach Bruce Boudreau said the team would play better on Friday.",
     "the team would play better", "Coach Bruce Boudreau", "said"),
    # a content clause without "that" after a phrase the parser took for the clause's own
    ("Trump said after the convention he would not accept Cruz's endorsement if it were offered.",
     "he would not accept Cruz's endorsement", "Trump", "said"),
    # "According" parsed as the root, the clause hung on the source
    ("According to conservative talk radio host Rush Limbaugh, the move reeks of “fear” and desperation.",
     "the move reeks of", "conservative talk radio host Rush Limbaugh", "According to"),
    # a fronted "as" clause naming the source
    ("As House Speaker Paul Ryan has pointed out, that is basically the textbook definition of racism.",
     "the textbook definition of racism", "House Speaker Paul Ryan", "pointed out"),
    # a "that" clause hung on the noun of the cue's prepositional phrase
    ("Sheldon Adelson said during a news conference that he may wait until February to decide.",
     "he may wait until February", "Sheldon Adelson", "said"),
])
def test_attachment(pipeline, body, content, mention, cue):
    q = _only(pipeline, body, content)
    assert q.speaker is not None and q.speaker.mention is not None, q
    assert q.speaker.mention.text == mention
    assert q.cue is not None and q.cue.text == cue
    assert not any(s.start < q.speaker.mention.end and q.speaker.mention.start < s.end for s in q.spans)
    assert q.kind == "speech"


@pytest.mark.parametrize("body, content, channel, mention", [
    ('"It was a mistake," Roe told The Hollywood Reporter.', "It was a mistake", "interview", "Roe"),
    ("The senator told the paper that she would not run again.", "she would not run again", "interview", "The senator"),
    ("Prosecutors told reporters the decision had been taken after interviews.", "the decision had been taken",
     "press conference", "Prosecutors"),
])
def test_the_outlet_told_is_the_channel_not_the_speaker(pipeline, body, content, channel, mention):
    q = _only(pipeline, body, content)
    assert q.channel == channel and q.speaker.mention.text == mention


@pytest.mark.parametrize("body", [
    "It posted a series of tweets supporting Johnson during the debate.",
    "A family friend called 911.",
    "Blood tests revealed that the man had created antibodies.",
    "The video shows officers ramming the door.",
    "Negotiators agreed to compromise on tariffs.",
    "Turnout is expected to rise in the next election.",
    "He urged voters.",
    "She sought refuge in the embassy.",
])
def test_non_speech_senses_are_not_speech_or_writing(pipeline, body):
    assert [(q.text, q.kind) for q in _quotes(pipeline, body) if q.kind in ("speech", "writing")] == []


@pytest.mark.parametrize("body, kind", [
    ("Blood tests revealed that the man had created antibodies.", "document"),
    ("Negotiators agreed to compromise on tariffs.", "intention"),
    ("She believes that the plan will fail.", "belief"),
    ("He wrote that the plan would fail.", "writing"),
])
def test_statement_kinds(pipeline, body, kind):
    assert [q.kind for q in _quotes(pipeline, body)] == [kind]


@pytest.mark.parametrize("body", [
    "Julian Assange: Sweden drops rape investigation\n\nProsecutors said the case was closed.",
    "Contributing: Kristine Phillips\n\nProsecutors said the case was closed.",
    "SEE MORE: Prosecutors drop the case\n\nProsecutors said the case was closed.",
    "UPDATED: Tue., Nov. 19, 2019\n\nProsecutors said the case was closed.",
])
def test_headlines_and_credit_lines_are_not_statements(pipeline, body):
    assert [q.text for q in _quotes(pipeline, body) if q.kind in ("speech", "writing")] == ["the case was closed"]


def test_a_transcript_label_is_a_statement(pipeline):
    (q,) = _quotes(pipeline, "PENCE: Well, look, we are going to win this election.")
    assert q.speaker.mention.text == "PENCE" and q.rule == "label"


def test_a_relative_clause_is_not_what_was_said(pipeline):
    assert [q.text for q in _quotes(pipeline, "Some consumers reported delays that exceeded two hours.")
            if q.kind in ("speech", "writing")] in ([], ["delays that exceeded two hours"])


def test_according_to_inside_the_subject_reports_the_whole_clause(pipeline):
    (q,) = _quotes(pipeline, "One of the officers, according to prison records, had worked multiple overtime shifts.")
    assert q.cue.text == "according to" and "had worked multiple overtime shifts" in q.text
    assert "according" not in q.text and "prison records" not in q.text


@pytest.mark.parametrize("body, content", [
    # a lower-case quotation that goes on from the clause its cue opens is that clause's predicate
    ("Clinton said that the next president “has to build on that progress, not rip it away.”",
     "that the next president “has to build on that progress, not rip it away.”"),
    ("Cruz said Obama’s words and actions “amount to a form of intimidation that undermines liberty.”",
     "Obama’s words and actions “amount to a form of intimidation that undermines liberty.”"),
    # "that" with a subordinator opens the reported clause the quotation finishes
    ("Husted said that if “the final ruling requires us to restore those voters, we will appeal.”",
     "that if “the final ruling requires us to restore those voters, we will appeal.”"),
    # the words opening the sentence before a quotation its frame follows (a clause, an adverbial)
    ("Teachers are “looking to see who is on the Republican side of the ticket,” NEA President Lily García said.",
     "Teachers are “looking to see who is on the Republican side of the ticket,”"),
    ('In past campaigns, "we felt that we could reach the people we need to reach," he said.',
     'In past campaigns, "we felt that we could reach the people we need to reach,"'),
])
def test_a_quotation_that_finishes_the_reported_clause_is_one_mixed_content(pipeline, body, content):
    (q,) = _quotes(pipeline, body)
    assert q.text == content and q.type == "mixed" and q.cue.text == "said"


@pytest.mark.parametrize("body, content, cue", [
    ("On the health care page, she vows to “defend the Affordable Care Act against Republican efforts to repeal it” "
     "before sketching out her own plan.",
     "to “defend the Affordable Care Act against Republican efforts to repeal it”", "vows"),
    ('The group called on people to "remember the historic campaigns against other ethnic groups that ended with '
     'millions dead."', 'people to "remember the historic campaigns against other ethnic groups that ended with millions dead."',
     "called"),
])
def test_a_quotation_that_finishes_an_infinitive_starts_at_it(pipeline, body, content, cue):
    q = next(q for q in _quotes(pipeline, body) if q.type == "mixed")
    assert q.text == content and q.cue.text == cue


@pytest.mark.parametrize("body, spans", [
    # the passive subject of "is expected to" is a piece of what is expected; a bare "it" is not
    ("Trump is expected to deliver a victory speech later tonight.",
     ["Trump", "to deliver a victory speech later tonight"]),
    ("Sanders was asked to name a decision he regretted.", ["Sanders", "to name a decision he regretted"]),
    ("It is expected to rise to 2.9 percent this year.", ["to rise to 2.9 percent this year"]),
])
def test_a_raised_subject_is_a_piece_of_the_content(pipeline, body, spans):
    (q,) = _quotes(pipeline, body)
    assert [s.slice(body).rstrip(".") for s in q.spans] == spans and q.speaker is None


def test_a_time_before_an_object_cue_is_no_part_of_its_content(pipeline):
    body = "In a statement, the Kentucky Republican on Tuesday dismissed the governor’s plans to regulate gun sales."
    (q,) = _quotes(pipeline, body)
    assert q.text == "the governor’s plans to regulate gun sales" and q.cue.text == "dismissed"


@pytest.mark.parametrize("body, content, source", [
    # what the parser hung on the clause after a trailing "according to" describes the source
    ("More than 100,000 people took part in a nationwide walk-in at more than 2,000 schools in 238 cities, "
     "according to the event organizer Alliance to Reclaim Our Schools (AROS).",
     "More than 100,000 people took part in a nationwide walk-in at more than 2,000 schools in 238 cities",
     "Reclaim Our Schools"),
    ("Some average Americans would actually see their taxes go up under the plan, according to an analysis by "
     "Lily Batchelder, a former Democratic tax aide now teaching at New York University.",
     "Some average Americans would actually see their taxes go up under the plan", "tax aide"),
])
def test_a_trailing_according_to_ends_the_content(pipeline, body, content, source):
    (q,) = [q for q in _quotes(pipeline, body) if q.cue.text == "according to"]
    assert q.text.rstrip(".") == content and source not in q.text


@pytest.mark.parametrize("body", [
    "He declined to say which side he would be on in a referendum.",
    "She refused to tell reporters whether she would run.",
])
def test_speech_inside_an_intention_was_not_made(pipeline, body):  # kept as part of the intention
    assert [q.text for q in _quotes(pipeline, body) if q.kind in ("speech", "writing")] == []


# Issue 11: contents split like the text, one statement per cue.
@pytest.mark.parametrize("body, spans, mention, cue", [
    # a short fronted piece and the rest, set around the frame
    ("''Hopefully,'' the president said, ''this museum can help us talk to each other.''",
     ["Hopefully,", "this museum can help us talk to each other."], "the president", "said"),
    # a quotation continued in the next sentence after its frame
    ('"A museum alone will not alleviate poverty," he said. "It won\'t eliminate gun violence."',
     ["A museum alone will not alleviate poverty,", "It won't eliminate gun violence."], "he", "said"),
    # the frame's own aside does not interrupt the statement; an apostrophe in the frame is no quotation
    ('"We remain open to talks," he said, referring to the DPRK. "Sadly, it has chosen a different path."',
     ["We remain open to talks,", "Sadly, it has chosen a different path."], "he", "said"),
    ('“Who do you trust?” said David Plouffe, the architect of Obama’s 2008 campaign. “When he holds himself up as '
     'the tribune of the middle class, his business record is fair game.”',
     ["Who do you trust?", "When he holds himself up as the tribune of the middle class, his business record is fair "
      "game."], "David Plouffe", "said"),
    # a short continuation, and a name the parser hung on the quotation
    ('“Here he is, babe,” she said. “Donald’s here, babe.”', ["Here he is, babe,", "Donald’s here, babe."], "she",
     "said"),
    ('"Are we where we need to be? Probably not," Ms. Moore said. "Are we going to get to where we need to be? '
     'Absolutely."', ["Are we where we need to be? Probably not,", "Are we going to get to where we need to be? "
                      "Absolutely."], "Ms. Moore", "said"),
    # an unquoted content around a parenthetical frame, its first piece a clause of its own
    ("If this argument fails to persuade, Mr. Castañeda argues, there are other tools in the toolbox.",
     ["If this argument fails to persuade", "there are other tools in the toolbox"], "Mr. Castañeda", "argues"),
    ("But to prevent problems, he said, local officials should be vigilant.",
     ["But to prevent problems", "local officials should be vigilant"], "he", "said"),
    # a clause, or a subject the quotation goes on from, before a frame set off by commas
    ("The streets were deserted, he added, “but people need to connect somehow.”",
     ["The streets were deserted", "“but people need to connect somehow.”"], "he", "added"),
    ("An economic downturn, he said, “could be a good time to borrow.”",
     ["An economic downturn", "“could be a good time to borrow.”"], "he", "said"),
    # what the frame interrupts goes on after it: a conjunct with no subject, an "including" list, a passive's agent
    ("He had no known political affiliations, the airline added, and had passed all background security checks.",
     ["He had no known political affiliations", "and had passed all background security checks"], "the airline",
     "added"),
    ("The argument would be aided, Devine said, by the upcoming primary calendar.",
     ["The argument would be aided", "by the upcoming primary calendar"], "Devine", "said"),
    # a fronted phrase that sets the scene is the frame's, not the statement's
    ("In a statement Thursday, she said, “The plan has always been opposed by the council.”",
     ["The plan has always been opposed by the council."], "she", "said"),
])
def test_one_statement_per_cue_with_a_span_per_piece(pipeline, body, spans, mention, cue):
    (q,) = [q for q in _quotes(pipeline, body) if q.kind in ("speech", "writing") and q.cue.text == cue]
    assert [s.slice(body).rstrip(".") for s in q.spans] == [s.rstrip(".") for s in spans]
    assert q.speaker.mention.text == mention and q.cue.text == cue


@pytest.mark.parametrize("body, content, cut", [
    # a participle cue starts a second statement
    ("She said the policies must continue, saying that “race still determines too much” in America.",
     "the policies must continue", "saying"),
    # the writer's relative clause after a noun-phrase content
    ("Doctors discussed the health of Donald Trump, who is 70.", "the health of Donald Trump", "who is 70"),
])
def test_a_content_ends_before_an_aside_or_a_second_statement(pipeline, body, content, cut):
    found = [q for q in _quotes(pipeline, body) if q.text.startswith(content)]
    assert found and all(cut not in q.text for q in found), [q.text for q in _quotes(pipeline, body)]


def test_a_title_case_headline_is_parsed_in_sentence_case(pipeline):
    quotes = _quotes(pipeline, "Railing Against Trump, Sanders Vows To Eliminate Tax Breaks Used By Developers.")
    (q,) = [q for q in quotes if q.kind != "topic"]  # "Railing Against Trump": what he spoke of
    assert [(t.cue.text, t.text) for t in quotes if t.kind == "topic"] == [("Railing", "Trump")]
    assert q.cue.text == "Vows" and q.speaker.mention.text == "Sanders"
    assert q.text == "To Eliminate Tax Breaks Used By Developers"


def test_a_speech_verb_joined_to_a_content_is_a_statement_of_its_own(pipeline):
    found = {q.cue.text: q for q in _quotes(pipeline, "She said the plan would fail and added that it was too late.")}
    assert found["said"].text == "the plan would fail"
    assert found["added"].text == "that it was too late" and found["added"].speaker.mention.text == "She"


def test_a_quotation_that_goes_on_from_the_sentence_subject_is_its_predicate(pipeline):
    body = 'The court\'s decision "will effectively force us to put voters back on the rolls who have died," Husted said.'
    (q,) = _quotes(pipeline, body)
    assert q.type == "mixed" and q.text.startswith("The court's decision") and q.speaker.mention.text == "Husted"
    (q,) = _quotes(pipeline, '"We are going to win this election in November," Smith said.')
    assert q.type == "direct"


@pytest.mark.parametrize("reply, speaker, cue", [
    ('"Jeb wants to be a tough guy tonight and every night of the week," Trump shot back.', "Trump", "shot"),
    ('And Mr. Christie gloated: "I told you he would not be ready for this at all, folks."', "Mr. Christie", "gloated"),
    # the sentence split puts the frame after a question into a sentence of its own
    ("“It looks like we are not going to have a very good relationship, who knows?” Trump told Britain’s ITV.",
     "Trump", "told"),
])
def test_a_reply_in_its_own_frame_is_never_carried_from_the_previous_speaker(pipeline, reply, speaker, cue):
    body = '"We are going to win this state by a very wide margin," Smith said on Tuesday.\n\n' + reply
    q = _quotes(pipeline, body)[-1]
    assert q.speaker.mention.text == speaker and q.cue.text == cue and q.speaker.name != "Smith"


def test_a_frame_in_the_next_sentence_gives_the_quotation_its_channel_and_date(pipeline):
    # the sentence split puts the frame after the question in a sentence of its own; its date, channel
    # and the speaker's name are read there
    body = ("“What is the incentive for China?” Jane Roe, a former fund official, said in an interview on "
            "Wednesday in Washington.")
    (q,) = _quotes(pipeline, body)
    assert (q.speaker.name, q.cue.text, q.channel, q.said_on_evidence.text) == ("Jane Roe", "said", "interview", "on Wednesday")


def test_a_quotation_naming_a_thing_inside_a_noun_phrase_is_not_a_statement(pipeline):
    body = ("While the “Meth. We’re on it.” campaign did not appeal to Julie Graham, she said she did not want to "
            "judge the campaign.")
    assert [q.text for q in _quotes(pipeline, body)] == ["she did not want to judge the campaign"]


def test_a_dash_credit_after_a_non_breaking_space_names_the_speaker(pipeline):
    body = "Readers wrote in.\n\n“Maybe we can build a wall around him and keep him out.”\u00a0―\u00a0Steve Quinlan"
    (q,) = _quotes(pipeline, body)
    assert q.rule == "quote:dash" and q.speaker.mention.text == "Steve Quinlan"


def test_the_cue_of_a_quotation_is_the_governing_speech_verb_not_a_participle(pipeline):
    body = ('He said on Tuesday, suggesting a compromise was near, "We can work this out with the Democrats in '
            'Congress before the end of the year."')
    q = next(q for q in _quotes(pipeline, body) if q.type == "direct")
    assert q.cue.text == "said" and q.speaker.mention.text == "He"


@pytest.mark.parametrize("body, first, second", [
    # a content ends where a second attribution begins; each cue keeps its own
    ("Lynch said the nonstop demands of government work sometimes erase the barriers that women face, though she "
     "noted clients are beginning to demand diverse legal teams.",
     ("the nonstop demands of government work sometimes erase the barriers that women face", "said"),
     ("clients are beginning to demand diverse legal teams", "noted")),
    ("The mayor said the budget would be balanced by June, but the council treasurer warned that revenue was falling.",
     ("the budget would be balanced by June", "said"), ("that revenue was falling", "warned")),
    # and a content starts after a first attribution the parser hung on its cue
    ("Officials said the fire was contained; residents said they were told to stay indoors.",
     ("the fire was contained", "said"), ("they were told to stay indoors", "said")),
    ("Police said two people were hurt — witnesses said the car was speeding.",
     ("two people were hurt", "said"), ("the car was speeding", "said")),
])
def test_a_content_ends_where_a_second_attribution_begins(pipeline, body, first, second):
    quotes = {q.text: q.cue.text for q in _quotes(pipeline, body)}
    assert quotes.get(first[0]) == first[1], quotes
    assert quotes.get(second[0]) == second[1], quotes


def test_a_frame_comma_is_no_second_attribution(pipeline):
    body = ("Disney’s tech teams isolated the problem, Mayer said, and patched the software as the company "
            "continued to sign up subscribers.")
    said = _only(pipeline, body, "isolated the problem")
    assert "Mayer said" not in said.text and said.speaker.name == "Mayer"


@pytest.mark.parametrize("body, topic", [
    ("At the meeting on Tuesday, the governor warned of a long recession.", "a long recession"),
    ("Fans complained about the referees after the game.", "the referees"),
])
def test_what_a_speech_verb_spoke_of_is_a_topic(pipeline, body, topic):
    q = _only(pipeline, body, topic)
    assert q.kind == "topic" and q.text == topic


@pytest.mark.parametrize("body", [
    "On Tuesday's episode of “The Steve Harvey Morning Show,” the former secretary of state said she was ready.",
    "In his 2002 book, “Make Your Kid a Millionaire,” Mr. McKinley suggested saving early.",
])
def test_a_title_in_quotation_marks_is_not_what_was_said(pipeline, body):
    assert [q.text for q in _quotes(pipeline, body) if q.type == "direct"] == []


def test_a_content_starts_after_the_dateline(pipeline):
    q = _only(pipeline, "WASHINGTON ― The new rules are an insult to small farmers, two senators said on Friday.",
              "The new rules")
    assert q.text == "The new rules are an insult to small farmers"


@pytest.mark.parametrize("body, content", [
    ("But the goal is not revenue, the treasurer said on Monday.", "the goal is not revenue"),
    ("However, slower growth in rich nations is being offset by emerging markets, the fund said.",
     "slower growth in rich nations is being offset by emerging markets"),
])
def test_a_content_starts_after_the_writers_connective(pipeline, body, content):
    assert content in [q.text for q in _quotes(pipeline, body)]


@pytest.mark.parametrize("body, content", [
    ("Republicans have expressed concern that changing the policy could lead to voter fraud.",
     "that changing the policy could lead to voter fraud"),
    ("Several senators expressed dismay at the treatment of the family.", "the treatment of the family"),
])
def test_an_expressed_attitude_goes_with_the_cue(pipeline, body, content):
    # one statement: the noun's own clause ("concern that …") is not reported a second time by the noun
    (q,) = [q for q in _quotes(pipeline, body) if content in q.text]
    assert q.text == content and q.cue.text == "expressed"


def test_referred_to_as_takes_in_the_name_given(pipeline):
    body = "Trump referred to the protesters as “thugs” at a rally in Ohio on Saturday."
    (q,) = [q for q in _quotes(pipeline, body) if "protesters" in q.text]
    assert q.text == "the protesters as “thugs”"
