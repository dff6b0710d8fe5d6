"""Speakers of cues the parser left without a subject, on hand-built parses (no model).

Each case is a parse the small model gives for news text: a participle hung on a noun, a verb hung on the
noun of a sentence it gave no verbal root, a gerund under a noun with a possessor, a subject hung on the
phrase fronted before the cue, a quotation parsed as the subject of an inverted frame, a conjunct or a
participle whose governing verb found its speaker by those means.
"""

from __future__ import annotations

import pytest

from quotegraph.pipeline.stages.attribution import _unparsed_subject
from quotegraph.pipeline.stages.frames import governing_verbs, subject_of
from quotegraph.pipeline.stages.speaker_choice import fronted_apposition, inverted_object, verbless_head
from quotegraph.pipeline.work import Clause, Token

from test_frames import parsed

_COARSE = {"VBG": "VERB", "VB": "VERB", "VBP": "VERB", "VBD": "VERB", "VBZ": "VERB", "VBN": "VERB", "MD": "AUX",
           "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "PRP": "PRON", "PRP$": "PRON", "WP": "PRON",
           "WRB": "ADV", "RB": "ADV", "JJ": "ADJ", "DT": "DET", "IN": "ADP", "TO": "PART", "POS": "PART",
           "CC": "CCONJ", "CD": "NUM", ",": "PUNCT", "``": "PUNCT", "''": "PUNCT"}


def _clause(spec: str, regions: dict[int, int] | None = None) -> Clause:
    """A clause from ``word/TAG/dep/head`` tokens, the coarse part of speech read off the tag."""
    return parsed(spec, regions, coarse=_COARSE)


def _word(clause: Clause, word: str) -> Token:
    return next(t for t in clause.tokens if t.text == word)


def _subject(spec: str, cue: str) -> str | None:
    clause = _clause(spec)
    subj, _ = subject_of(clause, _word(clause, cue))
    return subj.text if subj is not None else None


# ------------------------------------------------------------------ participles, verbless sentences, holders


@pytest.mark.parametrize("spec, cue, speaker", [
    # an active participle's noun does what it says, wherever the noun stands
    ("Starr/NNP/nsubj/1 gave/VBD/ROOT/1 money/NN/dobj/1 to/IN/dative/1 a/DT/det/5 group/NN/pobj/3 "
     "backing/VBG/acl/5 Bush/NNP/dobj/6", "backing", "group"),
    ("They/PRP/nsubj/1 recruited/VBD/ROOT/1 pastors/NNS/dobj/1 supporting/VBG/acl/2 Cruz/NNP/dobj/3",
     "supporting", "pastors"),
    # a thing made or sent is its maker's: the verb's subject
    ("The/DT/det/1 council/NN/nsubj/2 approved/VBD/ROOT/2 a/DT/det/4 resolution/NN/dobj/2 condemning/VBG/acl/4 "
     "the/DT/det/7 ban/NN/dobj/5", "condemning", "council"),
    # set off by a comma after an object, the participle goes with the clause's subject
    ("Trump/NNP/nsubj/1 thanked/VBD/ROOT/1 officials/NNS/dobj/1 ,/,/punct/4 saying/VBG/acl/2 they/PRP/nsubj/6 "
     "won/VBD/ccomp/4", "saying", "Trump"),
    # reached from a clause under it, an adjective passes its noun on
    ("donors/NNS/ROOT/0 intent/JJ/amod/0 on/IN/prep/1 deciding/VBG/pcomp/2 who/WP/nsubj/5 wins/VBZ/ccomp/3",
     "deciding", "donors"),
    # a sentence with no verbal root: the verb hung on the noun is the sentence's
    ("A/DT/det/2 Quinnipiac/NNP/compound/2 poll/NN/ROOT/2 found/VBD/acl/2 that/IN/mark/6 Clinton/NNP/nsubj/6 "
     "leads/VBZ/ccomp/3", "found", "poll"),
    # a noun's possessor or "by" phrase holds what hangs on it
    ("Mr./NNP/compound/1 Ban/NNP/poss/3 's/POS/case/1 record/NN/ROOT/3 on/IN/prep/3 promoting/VBG/pcomp/4 "
     "women/NNS/dobj/5", "promoting", "Ban"),
    ("This/DT/det/1 decision/NN/ROOT/1 by/IN/prep/1 the/DT/det/4 FBI/NNP/pobj/2 to/TO/aux/6 recommend/VB/acl/1 "
     "nothing/NN/dobj/6", "recommend", "FBI"),
    ("This/DT/det/1 decision/NN/ROOT/1 by/IN/prep/1 the/DT/det/4 FBI/NNP/pobj/2 to/TO/aux/6 recommend/VB/acl/1 "
     "nothing/NN/dobj/6", "decision", "FBI"),
    # the reason an attack gives is its target's words, not the attacker's
    ("his/PRP$/poss/1 attack/NN/ROOT/1 on/IN/prep/1 Clinton/NNP/pobj/2 for/IN/prep/1 saying/VBG/pcomp/4 "
     "it/PRP/dobj/5", "saying", None),
    # a noun phrase under a preposition is no gerund: "his" holds the life, not the allegations
    ("criticism/NN/ROOT/0 about/IN/prep/0 his/PRP$/poss/3 life/NN/pobj/1 ,/,/punct/3 including/VBG/prep/3 "
     "allegations/NNS/pobj/5 that/IN/mark/9 he/PRP/nsubj/9 lied/VBD/acl/6", "allegations", None),
    # an adverb with a complement: its verb's subject
    ("Trump/NNP/nsubj/1 stopped/VBD/ROOT/1 short/RB/advmod/1 of/IN/prep/2 calling/VBG/pcomp/3 it/PRP/dobj/4 "
     "racist/JJ/oprd/4", "calling", "Trump"),
])
def test_the_subject_of_a_cue_under_a_noun_or_an_adverb(spec, cue, speaker):
    assert _subject(spec, cue) == speaker


def test_a_participle_on_a_time_names_no_speaker():
    spec = ("at/IN/ROOT/0 the/DT/det/2 time/NN/pobj/0 showing/VBG/acl/2 that/IN/mark/6 rates/NNS/nsubj/6 "
            "fell/VBD/ccomp/3")
    assert _subject(spec, "showing") is None


def test_a_naming_participle_is_no_verb_of_a_verbless_sentence():
    clause = _clause("A/DT/det/1 mission/NN/ROOT/1 called/VBN/acl/1 Europa/NNP/oprd/2")
    assert verbless_head(clause, _word(clause, "called")) is None
    clause = _clause("Documents/NNS/nsubj/3 released/VBD/acl/0 Tuesday/NNP/npadvmod/1 show/VBP/ROOT/3 "
                     "fraud/NN/dobj/3")
    assert verbless_head(clause, _word(clause, "released")) is None  # the sentence has its verb


# ------------------------------------------------------------------ subjects hung on a fronted phrase

_HOSTS = ("In/IN/prep/10 an/DT/det/2 interview/NN/pobj/0 with/IN/prep/2 hosts/NNS/pobj/3 Joe/NNP/compound/6 "
          "Scarborough/NNP/appos/4 ,/,/punct/6 the/DT/det/9 candidate/NN/appos/6 stated/VBD/ROOT/10 that/IN/mark/13 "
          "he/PRP/nsubj/13 lied/VBD/ccomp/10")
_REID = ("Alarmed/VBN/advcl/12 by/IN/agent/0 unrest/NN/pobj/1 in/IN/prep/2 Nevada/NNP/pobj/3 ,/,/punct/4 "
         "Harry/NNP/compound/7 Reid/NNP/conj/4 ,/,/punct/7 the/DT/det/10 leader/NN/appos/7 ,/,/punct/12 "
         "said/VBD/ROOT/12 that/IN/mark/15 he/PRP/nsubj/15 spoke/VBD/ccomp/12")
_OBAMA = ("When/WRB/advmod/2 terrorists/NNS/nsubjpass/2 revealed/VBN/advcl/9 as/IN/prep/2 war/NN/pobj/3 "
          ",/,/punct/4 Obama/NNP/conj/4 and/CC/cc/6 Clinton/NNP/conj/6 call/VBP/ROOT/9 them/PRP/dobj/9 "
          "and/CC/cc/9 describe/VBP/conj/9 acts/NNS/dobj/12")


@pytest.mark.parametrize("spec, cue, speaker", [
    (_HOSTS, "stated", "candidate"),  # no comma after it: the apposition is the speaker
    (_REID, "said", "Reid"),  # set off by commas after a name, it describes the name
    (_OBAMA, "call", "Obama"),  # "Obama and Clinton": the first conjunct (the phrase takes in the second)
    ("In/IN/prep/6 an/DT/det/2 experiment/NN/pobj/0 ,/,/punct/2 a/DT/det/5 series/NN/appos/2 "
     "predicted/VBD/ROOT/6 results/NNS/dobj/6", "predicted", None),  # a series of tests says nothing
    ("In/IN/prep/4 Ohio/NNP/pobj/0 ,/,/punct/1 Jane/NNP/appos/1 said/VBD/ROOT/4 she/PRP/nsubj/4",
     "said", None),  # the cue has a subject of its own
])
def test_fronted_apposition(spec, cue, speaker):
    clause = _clause(spec)
    found = fronted_apposition(clause, _word(clause, cue))
    assert (found.text if found is not None else None) == speaker


def test_a_quotation_parsed_as_the_subject_of_an_inverted_frame_leaves_the_speaker_after_the_cue():
    clause = _clause("“/``/punct/1 Quote/NNP/nsubj/3 ”/''/punct/1 added/VBD/ROOT/3 another/DT/det/6 "
                     "Hampshire/NNP/compound/6 Democrat/NNP/dobj/3", regions={1: 0})
    assert inverted_object(clause, _word(clause, "added")).text == "Democrat"


# ------------------------------------------------------------------ cues sharing their governing verb's speaker


def test_a_conjoined_cue_shares_the_speaker_its_first_conjunct_got():
    clause = _clause(_OBAMA)
    describe = _word(clause, "describe")
    assert subject_of(clause, describe)[0] is None
    assert [v.text for v in governing_verbs(clause, describe)] == ["call"]
    assert _unparsed_subject(clause, describe, modifier=False).text == "Obama"


def test_a_participle_hung_on_a_quotation_takes_the_speaker_of_its_frame():
    clause = _clause("“/``/punct/1 Quote/NNP/ROOT/1 ”/''/punct/1 ,/,/punct/5 she/PRP/nsubj/5 said/VBD/parataxis/1 "
                     ",/,/punct/1 referencing/VBG/acl/1 the/DT/det/9 bank/NN/dobj/7", regions={1: 0})
    referencing = _word(clause, "referencing")
    assert subject_of(clause, referencing)[0] is None
    assert _unparsed_subject(clause, referencing, modifier=False).text == "she"


def test_a_participle_on_a_noun_keeps_its_content_when_the_noun_is_its_speaker():
    from parsed import S
    from parsed import parsed as parsed_work

    from quotegraph.pipeline.stages.attribution import Attribution

    work = parsed_work(S("Starr gave money to a group saying that taxes rise .",
                         pos="PROPN VERB NOUN ADP DET NOUN VERB SCONJ NOUN VERB PUNCT",
                         tags="NNP VBD NN IN DT NN VBG IN NNS VBP .",
                         heads=[1, 1, 1, 1, 5, 3, 5, 9, 9, 6, 1],
                         deps="nsubj ROOT dobj dative det pobj acl mark nsubj ccomp punct"))
    Attribution()(work)
    assert [(c.cue.text, c.speaker_mention.text, c.spans[0].slice(work.text)) for c in work.candidates] == \
        [("saying", "a group", "that taxes rise")]


# ------------------------------------------------------------------ a frame announcing a statement with a colon


def _after_colon_frame(words: str, pos: str) -> list[tuple[str, str | None, str | None, str]]:
    from parsed import PARAGRAPH, S
    from parsed import parsed as parsed_work

    from quotegraph.pipeline.stages.attribution import Attribution

    work = parsed_work(S(words, pos=pos, heads=[1, 1, 4, 4, 1, 1], deps="nsubj ROOT det amod dobj punct"),
                       PARAGRAPH,
                       S(["“", "We will win this state.", "”"], pos="PUNCT PROPN PUNCT", heads=[1, 1, 1],
                         deps="punct ROOT punct"))
    Attribution()(work)
    return [(c.rule, c.cue.text if c.cue else None, c.speaker_mention.text if c.speaker_mention else None,
             c.spans[0].slice(work.text)) for c in work.candidates]


def test_a_verb_announcing_a_statement_with_a_colon_frames_the_quotation_after_it():
    assert _after_colon_frame("Sanders made the following comment :", "PROPN VERB DET ADJ NOUN PUNCT") == \
        [("quote:colon", "made the following comment", "Sanders", "We will win this state.")]
    # "listed the qualities:" is no speech noun, but a short sentence ending in a colon still frames the
    # quotation that opens the next paragraph (attribution._colon_sentence_before)
    assert _after_colon_frame("He listed the following qualities :", "PRON VERB DET ADJ NOUN PUNCT") == \
        [("quote:colon", "listed", "He", "We will win this state.")]
