"""Broader candidates (issue 11): light-verb and phrasal cues, reporting nouns with "of"/"about" objects,
passive subjects, speech verbs' topic phrases, pronoun objects and "that" clauses of verbs outside the
lexicons, on hand-built parses (no model). The derived lexicons keep their counts and only cues most of
the time."""

from __future__ import annotations

import pytest

from quotegraph.pipeline.lexicons import cues, light_cues
from quotegraph.pipeline.lexicons import _rows as lexicon_rows
from quotegraph.pipeline.stages.frames import is_noun_cue, light_partner, that_clause_cue
from quotegraph.pipeline.stages.parse import may_report

from test_frames import cue_of, judged, parsed


@pytest.mark.parametrize("spec, cue, expected", [
    # a light-verb phrase: the noun makes the cue, its "for" phrase is the content
    ("The/DET/det/1 senator/NOUN/nsubj/2 drew/VERB/ROOT/2 criticism/NOUN/dobj/2 for/ADP/prep/3 remarks/NOUN/pobj/4",
     "drew", ("light", "speech", "remarks")),
    # a phrasal cue: the particle makes the cue ("at X" is only its target)
    ("Critics/NOUN/nsubj/1 lashed/VERB/ROOT/1 out/ADP/prt/1 that/SCONJ/mark/5 it/PRON/nsubj/5 failed/VERB/ccomp/1",
     "lashed", ("light", "speech", "that it failed")),
    # a reporting noun's "of" object
    ("His/PRON/poss/1 claim/NOUN/nsubjpass/5 of/ADP/prep/1 fraud/NOUN/pobj/2 was/AUX/auxpass/5 rejected/VERB/ROOT/5",
     "claim", ("noun-topic", "speech", "fraud")),
    # a passive subject with its source named
    ("The/DET/det/1 figures/NOUN/nsubjpass/3 were/AUX/auxpass/3 confirmed/VERB/ROOT/3 by/ADP/agent/3 aides/NOUN/pobj/4",
     "confirmed", ("passive", "speech", "The figures")),
    # a pronoun that stands for what was said
    ("He/PRON/nsubj/1 said/VERB/ROOT/1 that/PRON/dobj/1 yesterday/NOUN/npadvmod/1",
     "said", ("pronoun", "speech", "that")),
    # a verb outside the lexicons with a "that" clause: a belief
    ("He/PRON/nsubj/1 sensed/VERB/ROOT/1 that/SCONJ/mark/4 it/PRON/nsubj/4 failed/VERB/ccomp/1",
     "sensed", ("that-clause", "belief", "that it failed")),
    # a noun outside the lexicons with a "that" clause of its own: a belief
    ("Fears/NOUN/nsubj/4 that/SCONJ/mark/3 talks/NOUN/nsubj/3 fail/VERB/acl/0 grew/VERB/ROOT/4",
     "Fears", ("noun-clause", "belief", "that talks fail")),
    # a finite clause with its own subject the parser hung on the cue as an adverbial clause
    ("Trump/PROPN/nsubj/1 said/VERB/ROOT/1 after/ADP/prep/6 it/PRON/pobj/2 he/PRON/nsubj/6 would/AUX/aux/6 "
     "decline/VERB/advcl/1", "said", ("clause", "speech", "after it he would decline")),
    # a fronted "as" clause with its own subject frames the clause after it
    ("As/SCONJ/mark/3 the/DET/det/2 Post/PROPN/nsubj/3 reported/VERB/advcl/6 ,/PUNCT/punct/3 taxes/NOUN/nsubj/6 "
     "rose/VERB/ROOT/6", "reported", ("parenthetical", "speech", "taxes rose")),
    # a "that" clause the parser hung on the noun of the cue's own prepositional phrase
    ("She/PRON/nsubj/1 said/VERB/ROOT/1 during/ADP/prep/1 a/DET/det/4 briefing/NOUN/pobj/2 that/SCONJ/mark/7 "
     "he/PRON/nsubj/7 left/VERB/acl/4", "said", ("clause", "speech", "that he left")),
])
def test_broader_forms(spec, cue, expected):
    assert judged(spec, cue) == expected


def test_what_is_not_a_broader_cue():
    # a speech verb's topic phrase is what was spoken of, not what was said: a topic, never speech
    assert judged("She/PRON/nsubj/1 joked/VERB/ROOT/1 about/ADP/prep/1 the/DET/det/4 weather/NOUN/pobj/2",
                  "joked") == ("spoken-of", "topic", "the weather")
    clause = parsed("A/DET/det/1 statement/NOUN/nsubj/4 about/ADP/prep/1 taxes/NOUN/pobj/2 came/VERB/ROOT/4")
    assert not is_noun_cue(clause, cue_of(clause, "statement"))
    # "told him": the pronoun is the addressee, not what was said
    assert judged("She/PRON/nsubj/1 told/VERB/ROOT/1 him/PRON/dobj/1", "told")[0] == "object"
    # a passive without a source whose verb's object is no statement
    assert judged("He/PRON/nsubjpass/2 was/AUX/auxpass/2 told/VERB/ROOT/2", "told")[2] == ""
    # a light verb without its noun, a noun cue without its object, a verb with a "that" relative clause
    clause = parsed("They/PRON/nsubj/1 drew/VERB/ROOT/1 a/DET/det/3 map/NOUN/dobj/1")
    assert light_partner(clause, cue_of(clause, "drew")) is None
    clause = parsed("The/DET/det/1 claim/NOUN/nsubj/2 failed/VERB/ROOT/2")
    assert not is_noun_cue(clause, cue_of(clause, "claim"))
    # an accusation with no holder named is no one's statement
    clause = parsed("Allegations/NOUN/nsubj/3 of/ADP/prep/0 fraud/NOUN/pobj/1 grew/VERB/ROOT/3")
    assert not is_noun_cue(clause, cue_of(clause, "Allegations"))
    assert judged("Critics/NOUN/nsubj/1 lashed/VERB/ROOT/1 out/ADP/prt/1 at/ADP/prep/1 him/PRON/pobj/3", "lashed")[2] == ""
    clause = parsed("He/PRON/nsubj/1 sensed/VERB/ROOT/1 it/PRON/dobj/1")
    assert not that_clause_cue(clause, cue_of(clause, "sensed"))
    # an adverbial clause with a conjunction or a wh-word, a participle or a comma between is no content
    assert judged("She/PRON/nsubj/1 said/VERB/ROOT/1 when/WRB/advmod/4 she/PRON/nsubj/4 resigned/VERB/advcl/1",
                  "said")[2] == ""
    assert judged("She/PRON/nsubj/1 said/VERB/ROOT/1 because/SCONJ/mark/4 she/PRON/nsubj/4 left/VERB/advcl/1",
                  "said")[2] == ""
    assert judged("He/PRON/nsubj/1 said/VERB/ROOT/1 his/PRON/poss/3 voice/NOUN/nsubj/4 shaking/VBG/advcl/1",
                  "said")[2] == ""
    assert judged("He/PRON/nsubj/1 said/VERB/ROOT/1 ,/PUNCT/punct/1 he/PRON/nsubj/4 left/VERB/advcl/1",
                  "said")[2] == ""
    # a relative clause on the phrase's noun ("the rally that ended") is no content
    assert judged("He/PRON/nsubj/1 said/VERB/ROOT/1 at/ADP/prep/1 the/DET/det/4 rally/NOUN/pobj/2 that/PRON/nsubj/6 "
                  "ended/VERB/relcl/4", "said")[2] == ""
    # "As reported, …" names no one
    assert judged("As/SCONJ/mark/1 reported/VERB/advcl/4 ,/PUNCT/punct/1 taxes/NOUN/nsubj/4 rose/VERB/ROOT/4",
                  "reported")[2] == ""


def test_derived_lexicons_keep_counts_and_only_cues_most_of_the_time():
    rows = lexicon_rows("cues_derived.tsv")
    assert rows and all(int(r[1]) <= int(r[2]) and float(r[3]) >= 0.5 for r in rows)
    assert all(r[0] in cues() for r in rows)
    phrases = lexicon_rows("light_cues.tsv")
    assert phrases and all(float(r[4]) >= 0.5 and int(r[2]) >= 3 for r in phrases)
    assert ("lash", "out") in light_cues()


@pytest.mark.parametrize("sentence, gated", [
    ("The senator drew sharp criticism for the remarks.", True),
    ("Critics lashed out at the plan.", True),
    ("The artist drew a map of the town.", False),
    ("Officials sensed that the deal was off.", False),  # "that" alone: not worth its parse
])
def test_the_parse_gate_admits_light_verb_cues(sentence, gated):
    assert may_report(sentence) is gated


def _attributed(spec):
    from parsed import parsed as parsed_work

    from quotegraph.pipeline.stages.attribution import Attribution

    work = parsed_work(spec)
    Attribution()(work)
    return [(c.rule, c.cue.text, c.speaker_mention.text if c.speaker_mention else None,
             " ".join(c.spans[0].slice(work.text).split())) for c in work.candidates]


def test_a_that_clause_the_parser_hung_on_a_relative_clause_belongs_to_the_speech_cue():
    from parsed import S

    spec = S("She told reporters who gathered outside that the deal was dead .",
             pos="PRON VERB NOUN PRON VERB ADV SCONJ DET NOUN AUX ADJ PUNCT",
             heads=[1, 1, 1, 4, 2, 4, 9, 8, 9, 4, 9, 1],
             deps="nsubj ROOT dobj nsubj relcl advmod mark det nsubj ccomp acomp punct")
    assert _attributed(spec) == [("cue:clause", "told", "She", "that the deal was dead")]


def test_according_as_the_root_takes_the_clause_after_the_source():
    from quotegraph.pipeline.stages.attribution import _after_fronted_source

    clause = parsed("According/VERB/ROOT/0 to/ADP/prep/0 Holt/PROPN/pobj/1 ,/PUNCT/punct/2 the/DET/det/5 "
                    "move/NOUN/nsubj/6 reeks/NOUN/appos/2 of/ADP/prep/6 fear/NOUN/pobj/7 ./PUNCT/punct/0")
    skip, idx = _after_fronted_source(clause, clause.tokens[0], clause.tokens[2])
    assert skip == {0, 1, 2} and " ".join(clause.tokens[i].text for i in idx) == "the move reeks of fear"
    # an aside of a word or two after the source is no content
    clause = parsed("According/VERB/ROOT/0 to/ADP/prep/0 MSNBC/PROPN/pobj/1 ,/PUNCT/punct/2 "
                    "basically/ADV/advmod/2 ./PUNCT/punct/0")
    assert _after_fronted_source(clause, clause.tokens[0], clause.tokens[2])[1] == []
