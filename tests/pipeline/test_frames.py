"""How a cue attaches its content and what kind of statement it makes, on hand-built parses (no model).

Each sentence is written as ``word/POS/dep/head`` tokens (``head`` is a token
index; the root is its own head), the shape spaCy's parser gives.
"""

from __future__ import annotations

import pytest

from quotegraph.model import Span
from quotegraph.pipeline.lexicons import lemma
from quotegraph.pipeline.stages.frames import (complement, first_attribution, object_pieces, second_attribution, statement_kind,
                                               subject_of, with_object_complements)
from quotegraph.pipeline.work import Clause, Token


def parsed(spec: str, regions: dict[int, int] | None = None, *, coarse: dict[str, str] | None = None) -> Clause:
    """A clause from ``word/POS/dep/head`` tokens separated by spaces; ``regions`` marks quotation tokens.
    With ``coarse`` the tags are fine-grained ones and the part of speech is read off them ("X" if unknown)."""
    tokens, pos = [], 0
    for i, item in enumerate(spec.split()):
        word, tag, dep, head = item.rsplit("/", 3)
        word = word.replace("_", " ")
        upos = tag if coarse is None else coarse.get(tag, "X")
        tokens.append(Token(i, pos, pos + len(word), word, lemma(word.lower(), upos), upos, tag, dep, int(head),
                            region=(regions or {}).get(i)))
        pos += len(word) + 1
    for t in tokens:
        if t.head != t.i:
            tokens[t.head].children.append(t.i)
    return Clause(Span(0, pos), 0, tokens)


def cue_of(clause: Clause, word: str) -> Token:
    return next(t for t in clause.tokens if t.text == word)


def judged(spec: str, cue: str, regions: dict[int, int] | None = None) -> tuple[str, str | None, str]:
    clause = parsed(spec, regions)
    verb = cue_of(clause, cue)
    form, idx = complement(clause, verb)
    subj, _ = subject_of(clause, verb)
    idx = [i for i in idx if i != verb.i]
    content = " ".join(clause.tokens[i].text for i in idx)
    return form, statement_kind(clause, verb, form, idx, subj) if idx else None, content


@pytest.mark.parametrize("spec, cue, expected", [
    # a content clause: speech
    ("He/PRON/nsubj/1 said/VERB/ROOT/1 that/SCONJ/mark/4 taxes/NOUN/nsubj/4 rise/VERB/ccomp/1",
     "said", ("clause", "speech", "that taxes rise")),
    # a noun-phrase object that is something said
    ("She/PRON/nsubj/1 denied/VERB/ROOT/1 the/DET/det/3 allegations/NOUN/dobj/1",
     "denied", ("object", "speech", "the allegations")),
    # a noun-phrase object that is not: no statement
    ("It/PRON/nsubj/1 posted/VERB/ROOT/1 a/DET/det/4 series/NOUN/compound/4 video/NOUN/dobj/1",
     "posted", ("object", None, "a series video")),
    ("He/PRON/nsubj/1 urged/VERB/ROOT/1 voters/NOUN/dobj/1",
     "urged", ("object", None, "voters")),  # the addressee is not the content
    ("A/DET/det/2 family/NOUN/compound/2 friend/NOUN/nsubj/3 called/VERB/ROOT/3 911/NUM/dobj/3",
     "called", ("object", None, "911")),
    # the person questioned or threatened is addressed, not what was said; what they are questioned on is
    ("He/PRON/nsubj/1 questioned/VERB/ROOT/1 the/DET/det/3 patient/NOUN/dobj/1",
     "questioned", ("object", None, "the patient")),
    ("He/PRON/nsubj/1 threatened/VERB/ROOT/1 the/DET/det/3 girl/NOUN/dobj/1",
     "threatened", ("object", None, "the girl")),
    ("He/PRON/nsubj/1 questioned/VERB/ROOT/1 the/DET/det/3 decision/NOUN/dobj/1",
     "questioned", ("object", "speech", "the decision")),
    # an addressee with what was urged: speech
    ("He/PRON/nsubj/1 urged/VERB/ROOT/1 voters/NOUN/dobj/1 to/PART/aux/4 stay/VERB/xcomp/1",
     "urged", ("predicative", "speech", "voters to stay")),
    # a stance toward an object: belief
    ("They/PRON/nsubj/1 supported/VERB/ROOT/1 the/DET/det/3 bill/NOUN/dobj/1",
     "supported", ("object", "belief", "the bill")),
    # an infinitive after a verb of deciding: intention, not speech
    ("They/PRON/nsubj/1 agreed/VERB/ROOT/1 to/PART/aux/3 resign/VERB/xcomp/1",
     "agreed", ("infinitive", "intention", "to resign")),
    ("She/PRON/nsubj/1 promised/VERB/ROOT/1 to/PART/aux/3 resign/VERB/xcomp/1",
     "promised", ("infinitive", "speech", "to resign")),
    ("Turnout/NOUN/nsubjpass/2 is/AUX/auxpass/2 expected/VERB/ROOT/2 to/PART/aux/4 rise/VERB/xcomp/2",
     "expected", ("infinitive", "belief", "to rise")),
    # a document or recording as the source
    ("The/DET/det/1 study/NOUN/nsubj/2 found/VERB/ROOT/2 that/SCONJ/mark/5 rates/NOUN/nsubj/5 fell/VERB/ccomp/2",
     "found", ("clause", "document", "that rates fell")),
    ("Blood/NOUN/compound/1 tests/NOUN/nsubj/2 revealed/VERB/ROOT/2 that/SCONJ/mark/5 he/PRON/nsubj/5 had/VERB/ccomp/2",
     "revealed", ("clause", "document", "that he had")),
    ("Video/NOUN/nsubj/1 shows/VERB/ROOT/1 officers/NOUN/nsubj/3 ramming/VERB/ccomp/1 doors/NOUN/dobj/3",
     "shows", ("clause", "document", "officers ramming doors")),
    # perception and belief
    ("He/PRON/nsubj/1 saw/VERB/ROOT/1 the/DET/det/3 frustration/NOUN/dobj/1",
     "saw", ("object", "perception", "the frustration")),
    ("She/PRON/nsubj/1 believes/VERB/ROOT/1 he/PRON/nsubj/3 lied/VERB/ccomp/1",
     "believes", ("clause", "belief", "he lied")),
    # writing
    ("He/PRON/nsubj/1 wrote/VERB/ROOT/1 that/SCONJ/mark/4 it/PRON/nsubj/4 failed/VERB/ccomp/1",
     "wrote", ("clause", "writing", "that it failed")),
    # what a speech verb spoke of, with nothing said: a topic
    ("She/PRON/nsubj/1 warned/VERB/ROOT/1 of/ADP/prep/1 a/DET/det/4 recession/NOUN/pobj/2",
     "warned", ("spoken-of", "topic", "a recession")),
    ("Fans/NOUN/nsubj/1 complained/VERB/ROOT/1 about/ADP/prep/1 the/DET/det/4 referees/NOUN/pobj/2",
     "complained", ("spoken-of", "topic", "the referees")),
    ("He/PRON/nsubj/1 talked/VERB/ROOT/1 about/ADP/prep/1 investigations/NOUN/pobj/2",
     "talked", ("topic", "topic", "investigations")),
    # a verb that is also a noun of the lexicons is read as the verb ("a statement warning that …")
    ("a/DET/det/1 statement/NOUN/ROOT/1 warning/VERB/acl/1 that/SCONJ/mark/5 voters/NOUN/nsubj/5 matter/VERB/ccomp/2",
     "warning", ("clause", "speech", "that voters matter")),
    # a phrase before the verb, or one that is no topic, is the frame's
    ("On/ADP/prep/3 Monday/PROPN/pobj/0 she/PRON/nsubj/3 spoke/VERB/ROOT/3",
     "spoke", ("object", None, "")),
    ("He/PRON/nsubj/1 said/VERB/ROOT/1 in/ADP/prep/1 Ohio/PROPN/pobj/2",
     "said", ("object", None, "")),
])
def test_form_and_kind(spec, cue, expected):
    assert judged(spec, cue) == expected


def test_a_quotation_as_object_is_speech_whatever_the_verb():
    spec = "He/PRON/nsubj/1 called/VERB/ROOT/1 it/PRON/dobj/1 Quote/NOUN/oprd/1"
    form, kind, _ = judged(spec, "called", regions={3: 0})
    assert (form, kind) == ("predicative", "speech")
    spec = "It/PRON/nsubj/1 posted/VERB/ROOT/1 Quote/NOUN/dobj/1"
    assert judged(spec, "posted", regions={2: 0})[:2] == ("quote", "writing")


# ---------------------------------------------------------------- speaker phrases: datelines, names the parser missed


@pytest.mark.parametrize("spec, n", [
    ("HANOI/PROPN/nsubj/5 —/PUNCT/punct/0 Vietnam/PROPN/poss/4 's/PART/case/2 government/NOUN/nsubj/5 said/VERB/ROOT/5", 2),
    ("BUFFALO/PROPN/nsubj/10 ,/PUNCT/punct/0 N.Y./PROPN/appos/0 (/PUNCT/punct/2 AP/PROPN/appos/2 )/PUNCT/punct/0 "
     "—/PUNCT/punct/0 Coach/PROPN/compound/9 Bruce/PROPN/compound/9 Boudreau/PROPN/nsubj/10 said/VERB/ROOT/10", 7),
    ("NEW/PROPN/compound/1 YORK/PROPN/nsubj/5 (/PUNCT/punct/1 Reuters/PROPN/appos/1 )/PUNCT/punct/1 -/PUNCT/punct/1 "
     "Shares/NOUN/nsubj/7 fell/VERB/ROOT/7", 6),
    # the sentence split cut off "RENO, Nev.": the agency and the dash are still the dateline
    ("(/PUNCT/punct/1 AP/PROPN/nsubj/6 )/PUNCT/punct/1 —/PUNCT/punct/1 Donald/PROPN/compound/5 "
     "Trump/PROPN/nsubj/6 says/VERB/ROOT/6", 4),
    ("(/PUNCT/punct/1 Not/PART/neg/2 really/ADV/ROOT/2 )/PUNCT/punct/2 he/PRON/nsubj/5 said/VERB/ROOT/5", 0),
    ("NASA/PROPN/nsubj/1 said/VERB/ROOT/1 it/PRON/nsubj/3 would/VERB/ccomp/1", 0),
    ("The/DET/det/1 BBC/PROPN/nsubj/2 said/VERB/ROOT/2", 0),
])
def test_dateline(spec, n):
    from quotegraph.pipeline.stages.frames import dateline

    assert dateline(parsed(spec)) == n


def test_a_dateline_is_never_the_subject():
    clause = parsed("HANOI/PROPN/nsubj/5 —/PUNCT/punct/0 Vietnam/PROPN/poss/4 's/PART/case/2 "
                    "government/NOUN/nsubj/5 said/VERB/ROOT/5 it/PRON/nsubj/7 would/VERB/ccomp/5")
    subj, _ = subject_of(clause, cue_of(clause, "said"))
    assert subj.text == "government"


@pytest.mark.parametrize("spec, cue, name", [
    # "Early" tagged as an adverb: the name before the cue is still the speaker
    ("Mayor/PROPN/compound/2 Tom/PROPN/compound/2 Early/ADV/advmod/3 told/VERB/ROOT/3 reporters/NOUN/dobj/3", "told", "Early"),
    # an inverted frame after a quotation: the name after the verb
    ("Quote/PROPN/nsubj/2 ,/PUNCT/punct/2 says/VERB/ROOT/2 Early/ADV/advmod/2 ./PUNCT/punct/2", "says", "Early"),
    ("Quote/PROPN/nsubj/1 said/VERB/ROOT/1 Jane/PROPN/compound/3 Roe/PROPN/npadvmod/1 ,/PUNCT/punct/1", "said", "Roe"),
    # nothing name-like next to the cue
    ("Quote/PROPN/nsubj/1 said/VERB/ROOT/1 on/ADP/prep/1 Monday/PROPN/pobj/2 ./PUNCT/punct/1", "said", None),
])
def test_adjacent_name(spec, cue, name):
    from quotegraph.pipeline.stages.frames import adjacent_name

    clause = parsed(spec, regions={0: 0} if spec.startswith("Quote") else None)
    found = adjacent_name(clause, cue_of(clause, cue))
    assert (found.text if found else None) == name


def test_a_speaker_phrase_never_takes_in_the_quotation_it_is_attached_to():
    from quotegraph.pipeline.stages.frames import mention_span

    # '"We will not back down," Cruz said': the parser hangs the quotation on the name
    clause = parsed("“/PUNCT/punct/1 Quote/PROPN/nmod/3 ”/PUNCT/punct/3 Cruz/PROPN/nsubj/4 said/VERB/ROOT/4", regions={1: 0})
    start, end = mention_span(clause, cue_of(clause, "Cruz"))
    assert (start, end) == (cue_of(clause, "Cruz").start, cue_of(clause, "Cruz").end)
    # a possessive is part of the phrase
    clause = parsed("Vietnam/PROPN/poss/2 ’s/PART/case/0 government/NOUN/nsubj/3 said/VERB/ROOT/3")
    start, end = mention_span(clause, cue_of(clause, "government"))
    assert (start, end) == (0, cue_of(clause, "government").end)


@pytest.mark.parametrize("spec, content", [
    # "that" after the object noun opens a relative clause, not what was reported
    ("Consumers/NOUN/nsubj/1 reported/VERB/ROOT/1 delays/NOUN/dobj/1 that/PRON/nsubj/4 exceeded/VERB/ccomp/1 "
     "hours/NOUN/dobj/4", "delays"),
    # "that" right after the cue is the subject of the content clause
    ("He/PRON/nsubj/1 said/VERB/ROOT/1 that/PRON/nsubj/3 was/AUX/ccomp/1 wrong/ADJ/acomp/3", "that was wrong"),
])
def test_a_relative_clause_is_not_the_content(spec, content):
    clause = parsed(spec)
    _, idx = complement(clause, clause.tokens[1])
    assert " ".join(clause.tokens[i].text for i in idx) == content


@pytest.mark.parametrize("spec, cue, cut_before", [
    # "…, though she noted …": the second attribution starts at the comma
    ("Lynch/PROPN/nsubj/1 said/VERB/ROOT/1 demands/NOUN/nsubj/3 erase/VERB/ccomp/1 barriers/NOUN/dobj/3 ,/PUNCT/punct/3 "
     "though/SCONJ/mark/8 she/PRON/nsubj/8 noted/VERB/advcl/3 clients/NOUN/nsubj/10 want/VERB/ccomp/8 teams/NOUN/dobj/10",
     "noted", ","),
    # "…, which he said were …": a relative clause holding the cue
    ("He/PRON/nsubj/1 attacked/VERB/ROOT/1 donations/NOUN/dobj/1 ,/PUNCT/punct/2 which/PRON/nsubjpass/8 he/PRON/nsubj/6 "
     "said/VERB/parataxis/8 were/AUX/auxpass/8 accompanied/VERB/relcl/2 by/ADP/agent/8 favors/NOUN/pobj/9",
     "said", ","),
    # a cue with no subject of its own is no second attribution
    ("He/PRON/nsubj/1 said/VERB/ROOT/1 taxes/NOUN/nsubj/3 rise/VERB/ccomp/1 ,/PUNCT/punct/3 "
     "adding/VERB/advcl/3 more/ADJ/dobj/5",
     "adding", None),
    # a cue inside the content with no break before its clause stays inside ("said she noted …")
    ("He/PRON/nsubj/1 said/VERB/ROOT/1 she/PRON/nsubj/3 noted/VERB/ccomp/1 it/PRON/nsubj/5 rose/VERB/ccomp/3",
     "noted", None),
])
def test_second_attribution(spec, cue, cut_before):
    clause = parsed(spec)
    cut = second_attribution(clause, cue_of(clause, cue), clause.tokens[-1].end)
    if cut_before is None:
        assert cut is None
    else:
        assert cut == next(t.start for t in clause.tokens if t.text == cut_before)


@pytest.mark.parametrize("spec, content", [
    # the phrase the parser hung on the verb goes on with the object
    ("Clinton/PROPN/nsubj/1 mentioned/VERB/ROOT/1 remarks/NOUN/dobj/1 as/ADP/prep/1 examples/NOUN/pobj/3 "
     "of/ADP/prep/4 disrespect/NOUN/pobj/5", "remarks as examples of disrespect"),
    # a phrase of time or place is the frame's, and ends the content
    ("She/PRON/nsubj/1 denied/VERB/ROOT/1 the/DET/det/3 charge/NOUN/dobj/1 on/ADP/prep/1 Tuesday/PROPN/pobj/4",
     "the charge"),
    ("She/PRON/nsubj/1 denied/VERB/ROOT/1 the/DET/det/3 charge/NOUN/dobj/1 at/ADP/prep/1 a/DET/det/6 "
     "rally/NOUN/pobj/4 as/ADP/prep/1 lies/NOUN/pobj/7", "the charge"),
    # an "in" phrase that says where or in what the object is goes on; one that names the occasion stops it
    ("He/PRON/nsubj/1 discussed/VERB/ROOT/1 the/DET/det/3 crisis/NOUN/dobj/1 in/ADP/prep/1 Europe/PROPN/pobj/4",
     "the crisis in Europe"),
    ("She/PRON/nsubj/1 praised/VERB/ROOT/1 the/DET/det/3 plan/NOUN/dobj/1 in/ADP/prep/1 an/DET/det/6 "
     "interview/NOUN/pobj/4", "the plan"),
    # an "as" clause with no subject of its own is what is said of the object; one with a subject is a time
    ("He/PRON/nsubj/1 described/VERB/ROOT/1 the/DET/det/3 parties/NOUN/dobj/1 as/SCONJ/mark/5 covered/VERB/advcl/1 "
     "by/ADP/agent/5 law/NOUN/pobj/6", "the parties as covered by law"),
    ("They/PRON/nsubj/1 denounced/VERB/ROOT/1 the/DET/det/3 bill/NOUN/dobj/1 as/SCONJ/mark/6 it/PRON/nsubj/6 "
     "passed/VERB/advcl/1", "the bill"),
    # a "to" clause after an object headed by a common noun belongs to the noun; after a person it is a purpose
    ("She/PRON/nsubj/1 decried/VERB/ROOT/1 the/DET/det/3 calls/NOUN/dobj/1 to/PART/aux/5 ban/VERB/advcl/1 "
     "Muslims/PROPN/dobj/5", "the calls to ban Muslims"),
    ("He/PRON/nsubj/1 attacked/VERB/ROOT/1 Trump/PROPN/dobj/1 to/PART/aux/4 score/VERB/advcl/1 "
     "points/NOUN/dobj/4", "Trump"),
    # nothing but a prepositional phrase right after the content goes on with it
    ("She/PRON/nsubj/1 denied/VERB/ROOT/1 the/DET/det/3 charge/NOUN/dobj/1 ,/PUNCT/punct/1 "
     "saying/VERB/advcl/1 nothing/PRON/dobj/5", "the charge"),
])
def test_with_object_complements(spec, content):
    clause = parsed(spec)
    verb = next(t for t in clause.tokens if t.dep == "ROOT")
    obj = next(t for t in clause.tokens if t.dep == "dobj" and t.head == verb.i)
    idx = with_object_complements(clause, verb, clause.subtree(obj.i))
    assert " ".join(clause.tokens[i].text for i in idx) == content


def test_first_attribution():
    # "Officials said the fire was contained; residents said they …": the second content starts past the ";"
    clause = parsed("Officials/NOUN/nsubj/1 said/VERB/ccomp/8 the/DET/det/3 fire/NOUN/nsubjpass/5 was/AUX/auxpass/5 "
                    "contained/VERB/ccomp/1 ;/PUNCT/punct/8 residents/NOUN/nsubj/8 said/VERB/ROOT/8 "
                    "they/PRON/nsubj/10 left/VERB/ccomp/8")
    first = cue_of(clause, "said")
    assert first_attribution(clause, first, clause.tokens[0].start) == clause.tokens[6].end
    # the second cue's own clause runs to the end: nothing is closed before it
    assert first_attribution(clause, clause.tokens[8], clause.tokens[0].start) is None
    # a clause not closed by a break is no first attribution
    plain = parsed("He/PRON/nsubj/1 said/VERB/ROOT/1 it/PRON/nsubj/3 rose/VERB/ccomp/1")
    assert first_attribution(plain, cue_of(plain, "said"), 0) is None


@pytest.mark.parametrize("spec, content", [
    # the attitude and its clause: the clause is what was expressed ("expressed concern" is the cue)
    ("Republicans/PROPN/nsubj/1 expressed/VERB/ROOT/1 concern/NOUN/dobj/1 that/SCONJ/mark/7 the/DET/det/5 "
     "change/NOUN/nsubj/7 could/AUX/aux/7 lead/VERB/acl/2 to/ADP/prep/7 fraud/NOUN/pobj/8",
     "that the change could lead to fraud"),
    # a bare attitude and its preposition go with the cue; the content is the preposition's object
    ("Aides/NOUN/nsubj/1 expressed/VERB/ROOT/1 dismay/NOUN/dobj/1 at/ADP/prep/2 his/PRON/poss/5 "
     "treatment/NOUN/pobj/3 of/ADP/prep/5 the/DET/det/8 family/NOUN/pobj/6",
     "his treatment of the family"),
    # a determiner or modifier makes the noun phrase itself what was expressed
    ("They/PRON/nsubj/1 expressed/VERB/ROOT/1 their/PRON/poss/3 support/NOUN/dobj/1 for/ADP/prep/3 "
     "Trump/PROPN/pobj/4", "their support for Trump"),
    ("He/PRON/nsubj/1 expressed/VERB/ROOT/1 deep/ADJ/amod/3 regret/NOUN/dobj/1 for/ADP/prep/3 "
     "it/PRON/pobj/4", "deep regret for it"),
    # a noun with nothing after it is the content
    ("She/PRON/nsubj/1 expressed/VERB/ROOT/1 shock/NOUN/dobj/1", "shock"),
    # another verb's object stays whole
    ("She/PRON/nsubj/1 denied/VERB/ROOT/1 claims/NOUN/dobj/1 about/ADP/prep/2 the/DET/det/5 "
     "deal/NOUN/pobj/3", "claims about the deal"),
])
def test_an_expressed_attitude_is_part_of_the_cue(spec, content):
    form, _, text = judged(spec, "expressed" if "expressed" in spec else "denied")
    assert (form, text) == ("object", content)


@pytest.mark.parametrize("spec, content", [
    # "referred to X as Y" names X as Y: both are what was said
    ("He/PRON/nsubj/1 referred/VERB/ROOT/1 to/ADP/prep/1 demonstrators/NOUN/pobj/2 as/ADP/prep/1 "
     "friends/NOUN/pobj/4", "demonstrators as friends"),
    # without the "as" phrase the topic is the object of "to" alone
    ("He/PRON/nsubj/1 referred/VERB/ROOT/1 to/ADP/prep/1 the/DET/det/4 convention/NOUN/pobj/2",
     "the convention"),
    # "spoke of X as Y" keeps to the topic: only "refer" names something
    ("She/PRON/nsubj/1 spoke/VERB/ROOT/1 of/ADP/prep/1 reform/NOUN/pobj/2 as/ADP/prep/1 goal/NOUN/pobj/4",
     "reform"),
])
def test_referred_to_as_names_what_was_said(spec, content):
    verb = "referred" if "referred" in spec else "spoke"
    form, _, text = judged(spec, verb)
    assert (form, text) == ("topic", content)


@pytest.mark.parametrize("spec, pieces", [
    # the occasion of the statement, hung on the cue between the object and what is said of it, is the frame's
    ("He/PRON/nsubj/1 lauded/VERB/ROOT/1 Clarke/PROPN/dobj/1 in/ADP/prep/1 his/PRON/poss/5 address/NOUN/pobj/3 "
     "for/ADP/prep/1 helping/VERB/pcomp/6 others/NOUN/dobj/7", ["Clarke", "for helping others"]),
    # a place, or a phrase the parser misplaced, leaves the content whole
    ("He/PRON/nsubj/1 urged/VERB/ROOT/1 voters/NOUN/dobj/1 in/ADP/prep/1 Ohio/PROPN/pobj/3 to/PART/aux/6 "
     "vote/VERB/xcomp/1", ["voters in Ohio to vote"]),
])
def test_object_pieces_skip_the_frame_between_them(spec, pieces):
    clause = parsed(spec)
    verb = next(t for t in clause.tokens if t.dep == "ROOT")
    form, idx = complement(clause, verb)
    assert form == "predicative"
    got = [" ".join(clause.tokens[i].text for i in p) for p in object_pieces(clause, verb, [i for i in idx if i != verb.i])]
    assert got == pieces


def test_an_on_phrase_naming_a_day_is_not_part_of_an_object():
    clause = parsed("Obama/PROPN/nsubj/1 endorsed/VERB/ROOT/1 Clinton/PROPN/dobj/1 on/ADP/prep/1 Thursday/PROPN/pobj/3")
    assert complement(clause, clause.tokens[1])[1] == [2, 3, 4]  # the parser's "on Thursday" is no date yet
    clause.tokens[4].ent_type = "DATE"
    assert complement(clause, clause.tokens[1])[1] == [2]


def test_a_tokens_ancestors_run_from_its_head_to_the_root() -> None:
    clause = parsed("She/PRON/nsubj/1 said/VERB/ROOT/1 taxes/NOUN/nsubj/3 rose/VERB/ccomp/1 sharply/ADV/advmod/3")
    assert clause.ancestors(4) == [3, 1]
    assert clause.ancestors(1) == []
    clause.tokens[1].head = 4  # a malformed parse with a cycle ends where it turns back
    assert clause.ancestors(4) == [3, 1]
