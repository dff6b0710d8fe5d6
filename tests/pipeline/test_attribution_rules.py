"""Rules of the attribution stage that shape a statement's content and cue, without the model.

The real pipeline proves them in test_attachment.py.
"""

from __future__ import annotations

from quotegraph.model import Article, Span
import pytest

from quotegraph.pipeline.stages.attribution import (_after_dateline, _after_frame_adjuncts, _governing_cue, _infinitive_opening,
                                                    _one_per_cue, _opens_content,
                                                    _sentence_lead, _subordinators_only, _trimmed, is_title_case)
from quotegraph.pipeline.stages.frames import (complement, continued_after_frame, fronted_content, reacting_verb,
                                               statement_kind, subject_of,
                                               with_stranded_conjuncts, without_finite_conjunct, without_other_tense_conjunct,
                                               without_trailing_aside)
from quotegraph.pipeline.work import Candidate, Clause, Work

from test_frames import parsed

_TEXT = "“Hopefully,” the president said, “this museum can help us.” “No,” Roe said."


def _work() -> Work:
    return Work.from_article(Article(id="t", text=_TEXT))


def _piece(work: Work, content: str, cue: str, speaker: str, *, type: str = "direct", nth: int = 0) -> Candidate:
    s = work.text.index(content)
    c = -1
    for _ in range(nth + 1):
        c = work.text.index(cue, c + 1)
    m = work.text.index(speaker)
    return Candidate(type=type, spans=[Span(s, s + len(content))], cue=work.mention(c, c + len(cue)),
                     speaker_mention=work.mention(m, m + len(speaker)))


def test_pieces_on_one_cue_are_one_statement_with_a_span_each() -> None:
    work = _work()
    first = _piece(work, "Hopefully,", "said", "the president")
    second = _piece(work, "this museum can help us.", "said", "the president")
    out = _one_per_cue([second, first])
    assert out == [first]
    assert [s.slice(work.text) for s in first.spans] == ["Hopefully,", "this museum can help us."]


def test_pieces_on_different_cues_or_of_different_types_stay_apart() -> None:
    work = _work()
    a = _piece(work, "Hopefully,", "said", "the president")
    b = _piece(work, "No,", "said", "Roe", nth=1)
    c = _piece(work, "this museum can help us.", "said", "the president", type="indirect")
    assert len(_one_per_cue([a, b, c])) == 3


@pytest.mark.parametrize("text, merged", [
    ("It was, the president said, “a stone worn down by the tragedy.”", True),
    ("It was, said the president, “a stone worn down by the tragedy.”", True),
    ("Asked if it was, the president said, “a stone worn down by the tragedy.”", False),  # the question put
    ("It was. The president said “a stone worn down by the tragedy.”", False),  # no frame set off by commas
])
def test_writers_words_and_a_quotation_either_side_of_a_frame_are_one_mixed_statement(text, merged) -> None:
    work = Work.from_article(Article(id="t", text=text))
    lead = "Asked if it was" if text.startswith("Asked") else "It was"
    who = "the president" if "the president" in text else "president"
    indirect = _piece(work, lead, "said", who, type="indirect")
    direct = _piece(work, "“a stone worn down by the tragedy.”", "said", who)
    out = _one_per_cue([direct, indirect], text)
    assert (len(out) == 1) is merged
    if merged:
        assert out[0].type == "mixed" and [s.slice(text) for s in out[0].spans] == [lead, "“a stone worn down by the tragedy.”"]
    # without the document's text nothing shows the frame's commas: the two stay apart
    assert len(_one_per_cue([_piece(work, lead, "said", who, type="indirect"),
                             _piece(work, "“a stone worn down by the tragedy.”", "said", who)])) == 2


def test_pieces_naming_two_speakers_stay_apart() -> None:
    work = _work()
    a = _piece(work, "Hopefully,", "said", "the president")
    b = _piece(work, "this museum can help us.", "said", "Roe")
    assert len(_one_per_cue([a, b])) == 2


_COARSE = {"VBG": "VERB", "VB": "VERB", "VBP": "AUX", "EX": "PRON", "NNS": "NOUN", "MD": "AUX", "CC": "CCONJ",
           "VBD": "VERB", "VBZ": "VERB", "NN": "NOUN", "NNP": "PROPN", "WP": "PRON", "WDT": "PRON", ",": "PUNCT",
           "DT": "DET", "IN": "ADP", "PRP": "PRON", "CD": "NUM", "JJ": "ADJ", "VBN": "VERB", "TO": "PART", "RB": "ADV"}


def _clause(spec: str, regions: dict[int, int] | None = None) -> Clause:
    """A clause from ``word/TAG/dep/head`` tokens (the coarse part of speech read off the tag);
    ``regions`` marks the tokens that stand for a masked quotation (``_`` for spaces in them)."""
    return parsed(spec, regions, coarse=_COARSE)


def _content(clause: Clause, first: int, phrase: bool) -> str:
    idx = without_trailing_aside(clause, list(range(first, len(clause.tokens))), phrase=phrase)
    return " ".join(clause.tokens[i].text for i in idx)


_WHO = ("They/PRP/nsubj/1 discussed/VBD/ROOT/1 the/DT/det/3 health/NN/dobj/1 of/IN/prep/3 Trump/NNP/pobj/4 "
        ",/,/punct/5 who/WP/nsubj/8 is/VBZ/relcl/5 70/CD/attr/8")
_SAYING = ("She/PRP/nsubj/1 said/VBD/ROOT/1 taxes/NN/nsubj/3 rose/VBD/ccomp/1 ,/,/punct/3 saying/VBG/advcl/3 "
           "it/PRP/nsubj/7 hurt/VBD/ccomp/5")
_LEAVING = ("She/PRP/nsubj/1 said/VBD/ROOT/1 taxes/NN/nsubj/3 rose/VBD/ccomp/1 ,/,/punct/3 leaving/VBG/advcl/3 "
            "no/DT/det/7 money/NN/dobj/5")


_MET = ("He/PRP/nsubj/1 said/VBD/ROOT/1 he/PRP/nsubj/3 met/VBD/ccomp/1 Fanning/NNP/dobj/3 ,/,/punct/4 "
        "who/WP/nsubj/7 was/VBD/relcl/4 his/PRP/poss/9 aide/NN/attr/7")
_MET_NOUN = ("He/PRP/nsubj/1 said/VBD/ROOT/1 he/PRP/nsubj/3 met/VBD/ccomp/1 Fanning/NNP/dobj/3 ,/,/punct/4 "
             "an/DT/det/8 old/JJ/amod/8 aide/NN/appos/4")


def test_a_content_stops_before_the_writers_relative_clause() -> None:
    assert _content(_clause(_WHO), 2, phrase=True) == "the health of Trump"
    assert _content(_clause(_WHO), 2, phrase=False) == "the health of Trump"
    assert _content(_clause(_MET), 2, phrase=False) == "he met Fanning"
    # an apposition stays: PolNeAR's annotators keep it about as often as they leave it out
    assert _content(_clause(_MET_NOUN), 2, phrase=False) == "he met Fanning , an old aide"


def test_a_content_stops_where_a_participle_cue_starts_another_statement() -> None:
    assert _content(_clause(_SAYING), 2, phrase=False) == "taxes rose"
    assert _content(_clause(_LEAVING), 2, phrase=False) == "taxes rose , leaving no money"


def test_a_name_the_parser_hung_on_a_quotation_is_not_part_of_it() -> None:
    clause = _clause("“Probably_not,”/XX/nsubj/3 Ms./NNP/compound/2 Moore/NNP/appos/0 said/VBD/ROOT/3 ./,/punct/3",
                     regions={0: 0})
    assert complement(clause, clause.tokens[3]) == ("quote", [0])


_BUT = ("Voters/NN/nsubj/1 said/VBD/ROOT/1 they/PRP/nsubj/3 had/VBD/ccomp/1 doubts/NN/dobj/3 ,/,/punct/1 "
        "but/CC/cc/1 could/MD/aux/9 not/RB/neg/9 bear/VB/conj/1 it/PRP/dobj/9")
_ADDED = ("She/PRP/nsubj/1 said/VBD/ROOT/1 it/PRP/nsubj/4 would/MD/aux/4 fail/VB/ccomp/1 and/CC/cc/4 "
          "added/VBD/conj/4 that/IN/mark/9 it/PRP/nsubj/9 was/VBD/ccomp/6 late/JJ/acomp/9")


def test_a_conjunct_the_parser_hung_on_the_cue_goes_on_with_the_content() -> None:
    clause = _clause(_BUT)
    said = clause.tokens[1]
    _, idx = complement(clause, said)
    assert " ".join(clause.tokens[i].text for i in with_stranded_conjuncts(clause, said, idx)) == \
        "they had doubts , but could not bear it"


def test_a_speech_verb_joined_inside_a_content_is_the_next_statement_of_the_same_speaker() -> None:
    clause = _clause(_ADDED)
    assert _content(clause, 2, phrase=False) == "it would fail"
    subject, _ = subject_of(clause, clause.tokens[6])
    assert subject is not None and subject.text == "She"


_ARGUES = ("If/IN/mark/3 this/DT/det/2 argument/NN/nsubj/3 fails/VBZ/advcl/6 ,/,/punct/6 Castañeda/NNP/nsubj/6 "
           "argues/VBZ/parataxis/9 ,/,/punct/6 there/EX/expl/9 are/VBP/ROOT/9 tools/NNS/attr/9")
_STATEMENT = ("In/IN/prep/4 May/NNP/pobj/0 ,/,/punct/4 he/PRP/nsubj/4 said/VBD/ROOT/4 the/DT/det/6 party/NN/nsubj/7 "
              "won/VBD/ccomp/4")


def test_the_piece_before_a_frame_set_off_by_commas_is_content_too() -> None:
    clause = _clause(_ARGUES)
    argues, subject = clause.tokens[6], clause.tokens[5]
    _, idx = complement(clause, argues)
    assert " ".join(clause.tokens[i].text for i in fronted_content(clause, argues, subject, idx)) == \
        "If this argument fails"


def test_a_fronted_phrase_before_an_ordinary_frame_is_not_content() -> None:
    clause = _clause(_STATEMENT)
    said, subject = clause.tokens[4], clause.tokens[3]
    _, idx = complement(clause, said)
    assert fronted_content(clause, said, subject, idx) == []


_SUGGESTING = ("He/PRP/nsubj/1 said/VBD/ROOT/1 ,/,/punct/1 suggesting/VBG/advcl/1 a/DT/det/5 deal/NN/nsubj/6 "
               "was/VBD/ccomp/3 near/JJ/acomp/6 ,/,/punct/3 “We_can_work_this_out.”/XX/dobj/3")


def test_a_quotation_belongs_to_the_speech_verb_not_to_a_participle_with_a_content_of_its_own() -> None:
    clause = _clause(_SUGGESTING, regions={9: 0})
    assert _governing_cue(clause, clause.tokens[3]).text == "said"
    clause = _clause(_SUGGESTING.replace("a/DT/det/5 deal/NN/nsubj/6 was/VBD/ccomp/3", "a/DT/det/5 deal/NN/dobj/3 "
                                         "was/VBD/dep/3"), regions={9: 0})
    assert _governing_cue(clause, clause.tokens[3]).text == "suggesting"  # no clause of its own: the quotation


_AIRLINE = ("He/PRP/nsubj/1 had/VBD/ROOT/1 affiliations/NNS/dobj/1 ,/,/punct/6 the/DT/det/5 airline/NN/nsubj/6 "
            "added/VBD/parataxis/1 ,/,/punct/6 and/CC/cc/6 had/VBD/aux/10 passed/VBD/conj/6 checks/NNS/dobj/10")
_SAID_BEFORE = ("It/PRP/nsubj/1 failed/VBD/ccomp/4 ,/,/punct/4 he/PRP/nsubj/4 said/VBD/ROOT/4 ,/,/punct/4 "
                "before/IN/prep/4 leaving/VBG/pcomp/6 it/PRP/dobj/7")


def test_a_conjunct_after_the_frame_is_the_second_piece_of_the_content() -> None:
    clause = _clause(_AIRLINE)
    added = clause.tokens[6]
    assert " ".join(clause.tokens[i].text for i in continued_after_frame(clause, added, [0, 1, 2])) == \
        "and had passed checks"


def test_a_phrase_after_the_frame_is_the_writers() -> None:
    clause = _clause(_SAID_BEFORE)
    assert continued_after_frame(clause, clause.tokens[4], [0, 1]) == []


_GROW = ("She/PRP/nsubj/1 proposed/VBD/ROOT/1 to/TO/aux/3 triple/VB/xcomp/1 it/PRP/dobj/3 ,/,/punct/3 "
         "grow/VB/conj/1 corps/NNS/dobj/6")


def test_a_conjunct_on_the_cue_after_a_comma_inside_the_content_goes_on_with_it() -> None:
    clause = _clause(_GROW)
    proposed = clause.tokens[1]
    _, idx = complement(clause, proposed)
    assert " ".join(clause.tokens[i].text for i in with_stranded_conjuncts(clause, proposed, idx)) == \
        "to triple it , grow corps"


@pytest.mark.parametrize("inner, title", [
    ("The Steve Harvey Morning Show,", True),
    ("Make Your Kid a Millionaire,", True),  # short function words stay lower case in a title
    ("A Change Is Gonna Come", True),
    ("We will keep fighting for the workers", False),  # a sentence, in sentence case
    ("Lock Her Up", False),  # one long word only: too little to tell
    ("We Win. You Lose.", False),  # two sentences are said, not a title
    ("Disgusting", False),
])
def test_title_case(inner, title) -> None:
    assert is_title_case(inner) is title


def test_a_content_does_not_take_in_the_dateline_of_its_sentence() -> None:
    clause = parsed("WASHINGTON/PROPN/npadvmod/4 ―/PUNCT/punct/4 the/DET/det/3 plan/NOUN/nsubj/4 failed/VERB/ccomp/7 "
                    ",/PUNCT/punct/7 aides/NOUN/nsubj/7 said/VERB/ROOT/7")
    assert _after_dateline(clause, [0, 1, 2, 3, 4]) == [2, 3, 4]
    assert _after_dateline(clause, [2, 3, 4]) == [2, 3, 4]  # a content that does not open the sentence
    plain = parsed("The/DET/det/1 plan/NOUN/nsubj/2 failed/VERB/ccomp/5 ,/PUNCT/punct/5 aides/NOUN/nsubj/5 said/VERB/ROOT/5")
    assert _after_dateline(plain, [0, 1, 2]) == [0, 1, 2]


def test_a_content_does_not_take_in_the_writers_connective() -> None:
    but = parsed("But/CCONJ/cc/3 the/DET/det/2 goal/NOUN/nsubj/3 is/AUX/ccomp/6 ,/PUNCT/punct/6 he/PRON/nsubj/6 "
                 "said/VERB/ROOT/6")
    assert _after_dateline(but, [0, 1, 2, 3]) == [1, 2, 3]
    however = parsed("However/ADV/advmod/4 ,/PUNCT/punct/4 the/DET/det/3 growth/NOUN/nsubj/4 slowed/VERB/ccomp/7 "
                     ",/PUNCT/punct/7 analysts/NOUN/nsubj/7 said/VERB/ROOT/7")
    assert _after_dateline(however, [0, 1, 2, 3, 4]) == [2, 3, 4]
    # an ordinary first word stays; so does a connective inside the content
    plain = parsed("Growth/NOUN/nsubj/1 slowed/VERB/ccomp/4 ,/PUNCT/punct/4 analysts/NOUN/nsubj/4 said/VERB/ROOT/4")
    assert _after_dateline(plain, [0, 1]) == [0, 1]
    assert _after_dateline(but, [1, 2, 3]) == [1, 2, 3]


# issue 15: _cue_first skips tokens whose part of speech no cue test accepts, without asking them
# (every word given the one part of speech: a lexicon verb, a that-clause verb, a reporting noun with
# an "of" object and a light verb with its partner)
_SENTENCE = "He said that she conceded that they drew criticism of fraud and lashed out ."


def _cue_clause(pos: str) -> Clause:
    from parsed import S, parsed as built

    words = _SENTENCE.split()
    heads = [1, 1, 4, 4, 1, 7, 7, 4, 7, 8, 9, 7, 7, 12, 1]
    deps = "nsubj ROOT mark nsubj ccomp mark nsubj ccomp dobj prep pobj cc conj prt punct".split()
    return built(S(words, pos=[pos] * len(words), heads=heads, deps=deps)).clauses[0]


@pytest.mark.parametrize("pos", ["VERB", "AUX", "NOUN"])  # ADJ: test_a_predicative_adjective_reports_its_that_clause
def test_some_cue_test_accepts_each_cue_part_of_speech(pos: str) -> None:
    from quotegraph.pipeline.stages.attribution import _CUE_POS
    from quotegraph.pipeline.stages.frames import is_cue, is_noun_cue, light_partner, that_clause_cue

    clause = _cue_clause(pos)
    assert pos in _CUE_POS
    assert any(is_cue(t) or is_noun_cue(clause, t) or light_partner(clause, t) is not None or that_clause_cue(clause, t)
               for t in clause.tokens)


@pytest.mark.parametrize("pos", ["PROPN", "ADV", "PRON", "ADP", "X", "PUNCT", "PART", "SCONJ", "DET", ""])
def test_no_cue_test_accepts_a_part_of_speech_outside_the_cue_ones(pos: str) -> None:
    from quotegraph.pipeline.stages.attribution import _CUE_POS
    from quotegraph.pipeline.stages.frames import is_cue, is_noun_cue, light_partner, that_clause_cue

    clause = _cue_clause(pos)
    assert pos not in _CUE_POS
    assert not any(is_cue(t) or is_noun_cue(clause, t) or light_partner(clause, t) is not None
                   or that_clause_cue(clause, t) for t in clause.tokens)


def test_quote_type_counts_the_letters_and_digits_inside_quotation_marks() -> None:
    from parsed import S, parsed as built

    from quotegraph.pipeline.stages.attribution import quote_type

    work = built(S("“ We won 2 seats , ” she said ."))
    text = work.text
    inner = Span(text.index("We"), text.index("seats") + len("seats"))
    direct, regions = quote_type(work, [inner])
    assert (direct, len(regions)) == ("direct", 1)
    assert quote_type(work, [Span(inner.start, text.index("said") + 4)])[0] == "mixed"
    assert quote_type(work, [Span(text.index("she"), text.index("said") + 4)]) == ("indirect", [])


@pytest.mark.parametrize("spec, frame", [
    # '“No,” he said flatly when asked whether he would resign.': the frame stops where a clause opens
    ("he/PRON/nsubj/1 said/VERB/ROOT/1 flatly/ADV/advmod/1 when/WRB/advmod/4 asked/VERB/advcl/1 "
     "whether/SCONJ/mark/7 he/PRON/nsubj/7 would/AUX/aux/7 resign/VERB/ccomp/4", "he said flatly"),
    ("she/PRON/nsubj/1 said/VERB/ROOT/1 after/SCONJ/mark/4 it/PRON/nsubj/4 ended/VERB/advcl/1", "she said"),
    # ... or at a comma after the cue; before the cue nothing ends it ("as expected, she said")
    ("she/PRON/nsubj/1 said/VERB/ROOT/1 ,/PUNCT/punct/1 smiling/VERB/advcl/1", "she said"),
    ("as/SCONJ/mark/1 expected/VERB/advcl/3 she/PRON/nsubj/3 said/VERB/ROOT/3", "as expected she said"),
])
def test_a_frame_after_a_quotation_ends_where_the_sentence_goes_on(spec, frame) -> None:
    from quotegraph.pipeline.stages.attribution import _up_to_clause_break

    clause = parsed(spec, coarse={"WRB": "ADV", **{p: p for p in ("PRON", "VERB", "ADV", "SCONJ", "AUX", "PUNCT")}})
    for t in clause.tokens:  # parsed() gives fine tags as the part of speech with ``coarse``; keep both
        t.tag = "WRB" if t.text == "when" else t.tag
    assert " ".join(t.text for t in _up_to_clause_break(clause.tokens)) == frame


_ASKED = ("Scott/NNP/nsubj/1 asked/VBD/ROOT/1 the/DT/det/3 crowd/NN/dobj/1 to/TO/aux/5 welcome/VB/xcomp/1 "
          "him/PRP/dobj/5")
_TOLD = ("Scott/NNP/nsubj/1 told/VBD/ROOT/1 the/DT/det/3 crowd/NN/dobj/1 to/TO/aux/5 welcome/VB/xcomp/1 "
         "him/PRP/dobj/5")


def test_a_request_takes_in_the_one_asked_but_an_order_told_does_not() -> None:
    asked, told = _clause(_ASKED), _clause(_TOLD)
    form, idx = complement(asked, asked.tokens[1])
    assert (form, " ".join(asked.tokens[i].text for i in idx)) == ("predicative", "the crowd to welcome him")
    form, idx = complement(told, told.tokens[1])
    assert (form, " ".join(told.tokens[i].text for i in idx)) == ("infinitive", "to welcome him")


_CONTINUED = ("She/PRP/nsubj/1 continued/VBD/ROOT/1 to/TO/aux/3 insist/VB/xcomp/1 she/PRP/nsubj/5 "
              "won/VBD/ccomp/3")
_CONTINUED_WORK = "She/PRP/nsubj/1 continued/VBD/ROOT/1 to/TO/aux/3 work/VB/xcomp/1 hard/RB/advmod/3"


def test_a_statement_that_goes_on_is_the_inner_cues() -> None:
    clause = _clause(_CONTINUED)
    assert complement(clause, clause.tokens[1]) == ("infinitive", [])  # "insist" makes the statement
    assert complement(clause, clause.tokens[3])[1] == [4, 5]
    clause = _clause(_CONTINUED_WORK)
    assert complement(clause, clause.tokens[1]) == ("infinitive", [2, 3, 4])  # no inner cue: its own


_ADDING = ("The/DT/det/1 mayor/NN/nsubj/2 said/VBD/ROOT/2 the/DT/det/4 city/NN/nsubj/6 would/MD/aux/6 "
           "recover/VB/ccomp/2 ,/,/punct/6 adding/VBG/advcl/6 it/PRP/nsubj/10 was/VBD/ccomp/8 strong/JJ/acomp/10")
_GREW_ADDING = ("The/DT/det/1 company/NN/nsubj/2 grew/VBD/ROOT/2 ,/,/punct/2 adding/VBG/advcl/2 it/PRP/nsubj/6 "
                "was/VBD/ccomp/4 strong/JJ/acomp/6")


def test_a_participle_cue_on_the_reported_clause_goes_on_with_the_reporter() -> None:
    clause = _clause(_ADDING)
    assert subject_of(clause, clause.tokens[8])[0].text == "mayor"  # not "the city", whose recovery was reported
    clause = _clause(_GREW_ADDING)
    assert subject_of(clause, clause.tokens[4])[0].text == "company"  # nothing reported: its own subject


_STATEMENT_THAT = ("Google/NNP/nsubj/1 said/VBD/ROOT/1 in/IN/prep/1 a/DT/det/4 statement/NN/pobj/2 that/IN/dobj/7 "
                   "it/PRP/nsubj/7 {verb}/VBD/relcl/4")


def test_a_that_clause_read_as_a_relative_on_the_statement_noun_is_what_was_said() -> None:
    clause = _clause(_STATEMENT_THAT.format(verb="disagreed"))
    form, idx = complement(clause, clause.tokens[1])
    assert (form, " ".join(clause.tokens[i].text for i in idx)) == ("clause", "that it disagreed")
    clause = _clause(_STATEMENT_THAT.format(verb="issued"))  # "a statement that it issued": a true relative
    assert complement(clause, clause.tokens[1])[1] == []


def test_asking_not_to_be_named_says_nothing() -> None:
    from quotegraph.pipeline.stages.frames import statement_kind

    clause = _clause("He/PRP/nsubj/1 asked/VBD/ROOT/1 not/RB/neg/5 to/TO/aux/5 be/VB/auxpass/5 named/VBN/xcomp/1")
    form, idx = complement(clause, clause.tokens[1])
    assert form == "infinitive" and statement_kind(clause, clause.tokens[1], form, idx, clause.tokens[0]) is None
    clause = _clause("He/PRP/nsubj/1 asked/VBD/ROOT/1 to/TO/aux/4 be/VB/auxpass/4 named/VBN/xcomp/1 chair/NN/oprd/4")
    form, idx = complement(clause, clause.tokens[1])
    assert statement_kind(clause, clause.tokens[1], form, idx, clause.tokens[0]) is not None


def test_a_content_clause_leaves_the_time_of_saying_to_the_frame() -> None:
    from quotegraph.pipeline.stages.frames import without_leading_time

    clause = _clause("The/DT/det/1 Pentagon/NNP/nsubj/2 said/VBD/ROOT/2 on/IN/prep/7 Friday/NNP/pobj/3 it/PRP/nsubj/7 "
                     "would/MD/aux/7 send/VB/ccomp/2 troops/NNS/dobj/7")
    clause.tokens[4].ent_type = "DATE"
    _, idx = complement(clause, clause.tokens[2])
    assert " ".join(clause.tokens[i].text for i in without_leading_time(clause, clause.tokens[2], idx)) == \
        "it would send troops"
    clause.tokens[4].ent_type = ""
    clause.tokens[4].text = "behalf"  # "on behalf it would …": no time phrase, nothing cut
    assert without_leading_time(clause, clause.tokens[2], idx) == idx


def test_a_finite_verb_joined_to_an_infinitive_content_is_the_subjects_next_act() -> None:
    spec = ("She/PRP/nsubj/1 vowed/VBD/ROOT/1 to/TO/aux/3 keep/VB/xcomp/1 abortion/NN/dobj/3 legal/JJ/oprd/3 "
            "and/CC/cc/3 celebrated/VBD/conj/3 the/DT/det/9 ruling/NN/dobj/7")
    clause = _clause(spec.replace("/TO/", "/PART/"))
    idx = without_finite_conjunct(clause, clause.subtree(3))
    assert " ".join(clause.tokens[i].text for i in idx) == "to keep abortion legal"
    # a base form goes on with the infinitive ("to keep abortion legal and protect it")
    clause = _clause(spec.replace("/TO/", "/PART/").replace("celebrated/VBD", "protect/VB"))
    assert without_finite_conjunct(clause, clause.subtree(3)) == clause.subtree(3)


@pytest.mark.parametrize("spec, opens", [
    # the words between the cue and a lower-case quotation: "said that if “the final …”", "said that “we …”"
    ("said/VERB/ROOT/0 that/SCONJ/mark/0 if/SCONJ/mark/0", True),
    ("said/VERB/ROOT/0 that/SCONJ/mark/0", True),
    ("said/VERB/ROOT/0 that/SCONJ/mark/0 when/SCONJ/advmod/0", True),
    ("said/VERB/ROOT/0 if/SCONJ/mark/0", False),  # no "that": a condition of the frame, not of what was said
    ("said/VERB/ROOT/0 that/SCONJ/mark/0 in/ADP/prep/0", False),  # "that in “…”": a phrase, not a clause opener
])
def test_that_and_a_subordinator_open_the_reported_clause(spec, opens) -> None:
    clause = parsed(spec)
    assert _subordinators_only(clause.tokens[1:]) is opens


def test_a_quotation_without_a_frame_goes_on_with_the_framed_quotation_before_it_in_its_paragraph() -> None:
    from quotegraph.pipeline.stages.attribution import _carries_joined

    text = "“Rates may rise,” Roe said on “Today.” “The other factor is cost.”\n\n“We will see.” Rates may fall, Roe said. “Or not.”"
    work = Work.from_article(Article(id="t", text=text))
    work.paragraphs = [Span(0, text.index("\n")), Span(text.index("“We"), len(text))]

    def carry(content: str) -> Candidate:
        s = text.index(content)
        return Candidate(type="direct", spans=[Span(s, s + len(content))], carried=True, rule="quote:carry")

    said = _piece(work, "Rates may rise,", "said", "Roe")
    same, next_paragraph = carry("The other factor is cost."), carry("We will see.")
    out = _carries_joined(work, [said, same, next_paragraph])
    assert out == [said, next_paragraph]  # the next paragraph's quotation stands alone, its speaker carried
    assert [s.slice(text) for s in said.spans] == ["Rates may rise,", "The other factor is cost."]
    # after an indirect statement, or with a frame of its own, a quotation is a statement of its own
    indirect = _piece(work, "Rates may fall", "said", "Roe", type="indirect", nth=1)
    assert len(_carries_joined(work, [indirect, carry("Or not.")])) == 2
    framed = carry("The other factor is cost.")
    framed.cue, framed.rule = work.mention(text.index("said"), text.index("said") + 4), "quote:frame"
    assert len(_carries_joined(work, [_piece(work, "Rates may rise,", "said", "Roe"), framed])) == 2


_SMART = ("Trump/NNP/nsubj/1 saying/VBG/ROOT/1 “/``/punct/4 That/DT/nsubj/4 makes/VBZ/ccomp/1 me/PRP/nsubj/6 "
          "smart/JJ/ccomp/4 ,/,/punct/4 ”/''/punct/4 {word}/{tag}/{dep}/{head} Clinton/NNP/nsubj/11 blasted/VBD/{dep2}/4")


def test_a_content_opening_with_a_quotation_ends_with_it_before_the_writers_clause() -> None:
    clause = _clause(_SMART.format(word="when", tag="WRB", dep="advmod", head=11, dep2="advcl"))
    assert _content(clause, 3, phrase=False) == "That makes me smart , ”"
    clause = _clause(_SMART.format(word="and", tag="CC", dep="cc", head=4, dep2="conj"))  # more of what was said
    assert _content(clause, 3, phrase=False) == "That makes me smart , ” and Clinton blasted"


_EXPANDED = ("He/PRP/nsubj/1 said/VBD/ROOT/1 he/PRP/nsubj/5 has/VBZ/aux/5 “/``/punct/5 expanded/VBN/ccomp/1 the/DT/det/7 "
             "party/NN/dobj/5 ,/,/punct/5 ”/''/punct/5 {word}/{tag}/{dep}/5 that/IN/mark/13 he/PRP/nsubj/13 won/VBD/ccomp/10")


def test_a_content_stops_before_an_aside_after_the_comma_that_ends_its_quotation() -> None:
    claiming = _clause(_EXPANDED.format(word="claiming", tag="VBG", dep="advcl"))
    assert _content(claiming, 2, phrase=False) == "he has “ expanded the party"
    # a participle that is no cue goes on, as after a plain comma
    leaving = _clause(_EXPANDED.format(word="leaving", tag="VBG", dep="advcl"))
    assert _content(leaving, 2, phrase=False) == " ".join(t.text for t in leaving.tokens[2:])
    # a comma outside any quotation of the content: the closing mark is not one, nothing is skipped
    unopened = _clause(_EXPANDED.format(word="claiming", tag="VBG", dep="advcl").replace("“/``/punct/5", "so/RB/advmod/5"))
    assert _content(unopened, 2, phrase=False) == " ".join(t.text for t in unopened.tokens[2:])


def test_a_masked_quotation_ending_with_a_comma_sets_off_the_aside_after_it() -> None:
    spec = ("She/PRP/nsubj/1 said/VBD/ROOT/1 it/PRP/nsubj/3 was/VBD/ccomp/1 \"/``/punct/3 a_big_mistake,/NN/attr/3 "
            "\"/''/punct/3 {word}/{tag}/{dep}/{head} he/PRP/nsubj/9 left/VBD/relcl/4")
    for word, tag, dep, head, cut in (("which", "WDT", "nsubj", 9, True), ("and", "CC", "cc", 3, False)):
        clause = _clause(spec.format(word=word, tag=tag, dep=dep, head=head), regions={5: 0})
        text = " ".join(t.text for t in clause.tokens)
        idx = without_trailing_aside(clause, list(range(2, len(clause.tokens))), text=text)
        assert (idx == [2, 3, 4, 5]) is cut, word
        # without the document's text the comma inside the quotation is not seen
        assert without_trailing_aside(clause, list(range(2, len(clause.tokens)))) == list(range(2, len(clause.tokens)))


_GIVE = ("Cruz/NNP/nsubj/1 said/VBD/ROOT/1 plan/NN/nsubj/4 would/MD/aux/4 give/VB/ccomp/1 money/NN/dobj/4 ,/,/punct/4 "
         "and/CC/cc/4 called/VBD/conj/4 him/PRP/dobj/8 weak/JJ/oprd/8")


def _reported(spec: str) -> str:
    clause = _clause(spec)
    return " ".join(clause.tokens[i].text for i in without_other_tense_conjunct(clause, clause.subtree(4)))


def test_a_conjunct_in_another_tense_after_a_comma_is_the_speakers_next_act() -> None:
    assert _reported(_GIVE) == "plan would give money"
    assert _reported(_GIVE.replace("and/CC/cc/4", "but/CC/cc/4")) == "plan would give money"
    # the same tense and no auxiliary ("were tired, and left") may go on with the report
    same = _GIVE.replace("would/MD/aux/4 give/VB/ccomp/1", "then/RB/advmod/4 gave/VBD/ccomp/1")
    assert _reported(same) == "plan then gave money , and called him weak"
    # a base form shares the auxiliary ("would give money, and take it back")
    assert _reported(_GIVE.replace("called/VBD", "take/VB")) == "plan would give money , and take him weak"
    # without the comma the two verbs are one report
    assert _reported(_GIVE.replace(",/,/punct/4", "so/RB/advmod/4")) == "plan would give money so and called him weak"


@pytest.mark.parametrize("text, kept", [
    ("she asked him to come out of the car and", "she asked him to come out of the car"),
    ("whether Scott had a gun, as", "whether Scott had a gun"),
    ("the politics would be more intense — and", "the politics would be more intense"),
    ("three, but", "three"),
    ("it rained and, or", "it rained"),
    ("“we stood our ground,”", "“we stood our ground,”"),  # quote marks stay with the quotation
    ("a rock band", "a rock band"),  # a word that only ends in a conjunction's letters stays
    ("law and order", "law and order"),
    ("and", "and"),  # a content that is nothing but the word is left to the rules that judge contents
])
def test_a_content_does_not_end_with_a_dangling_conjunction(text, kept) -> None:
    work = Work.from_article(Article(id="t", text=text))
    span = _trimmed(work, 0, len(text))
    assert span is not None and text[span.start:span.end] == kept


_CALLS_ON = ("It/PRP/nsubj/1 calls/VBZ/ROOT/1 on/IN/prep/1 the/DT/det/4 regulator/NN/pobj/2 ,/,/punct/4 the/DT/det/7 "
             "Office/NNP/appos/4 ,/,/punct/1 to/TO/aux/10 require/VB/{dep}/1 reports/NNS/dobj/10")


def test_calling_on_someone_past_an_apposition_asks_for_the_infinitive_after_it() -> None:
    clause = _clause(_CALLS_ON.format(dep="advcl").replace("/TO/", "/PART/"))
    form, idx = complement(clause, clause.tokens[1])
    assert form == "demand"
    assert " ".join(clause.tokens[i].text for i in idx) == "the regulator , the Office to require reports"  # (the span runs over the comma)
    # the same with the parser's complement, and an adverbial clause of its own ("…, to nobody's surprise") is none
    clause = _clause(_CALLS_ON.format(dep="xcomp").replace("/TO/", "/PART/"))
    assert " ".join(clause.tokens[i].text for i in complement(clause, clause.tokens[1])[1]).endswith("to require reports")
    clause = _clause(_CALLS_ON.format(dep="advcl").replace("/TO/", "/PART/").replace("to/PART/aux/10", "so/RB/advmod/10"))
    assert " ".join(clause.tokens[i].text for i in complement(clause, clause.tokens[1])[1]) == "the regulator , the Office"


@pytest.mark.parametrize("spec, makes", [
    ("Which/WDT/nsubj/1 is/VBZ/ROOT/1 not/RB/neg/1 to/TO/aux/4 say/VB/xcomp/1 it/PRP/nsubj/6 was/VBD/ccomp/4 minor/JJ/acomp/6",
     False),
    ("That/DT/nsubj/1 is/VBZ/ROOT/1 to/TO/aux/3 say/VB/xcomp/1 it/PRP/nsubj/5 was/VBD/ccomp/3 minor/JJ/acomp/5", False),
    ("Needless/JJ/ROOT/0 to/TO/aux/2 say/VB/xcomp/0 it/PRP/nsubj/4 was/VBD/ccomp/2 minor/JJ/acomp/4", False),
    # someone's aim or job "is to say" something: a statement of theirs
    ("Her/PRP$/poss/1 aim/NN/nsubj/2 is/VBZ/ROOT/2 to/TO/aux/4 say/VB/xcomp/2 it/PRP/nsubj/6 was/VBD/ccomp/4 minor/JJ/acomp/6",
     True),
])
def test_the_writers_to_say_formula_makes_no_statement(spec, makes) -> None:
    clause = _clause(spec.replace("/TO/", "/PART/"))
    verb = next(t for t in clause.tokens if t.text == "say")
    form, idx = complement(clause, verb)
    assert (statement_kind(clause, verb, form, idx, None) is not None) is makes


_SPOKE = ("Bosma/NNP/nsubj/1 spoke/VBD/ROOT/1 defending/VBG/advcl/1 the/DT/det/4 budget/NN/dobj/2 "
          "that/{tag}/{dep}/6 boosted/VBD/ccomp/1 spending/NN/dobj/6")


def test_a_relative_clause_hung_on_an_object_cue_is_not_what_was_said() -> None:
    clause = _clause(_SPOKE.format(tag="WDT", dep="nsubj"))
    assert complement(clause, clause.tokens[1])[1] == []
    # "spoke of the budget, saying that spending rose": a "that" that opens a clause with its own subject stays
    clause = _clause(_SPOKE.format(tag="IN", dep="mark").replace("boosted/VBD/ccomp/1 spending/NN/dobj/6",
                                                                "spending/NN/nsubj/7 rose/VBD/ccomp/1"))
    assert " ".join(clause.tokens[i].text for i in complement(clause, clause.tokens[1])[1]) == "that spending rose"


_WHICH_SAID = ("The/DT/det/1 vote/NN/nsubj/10 ,/,/punct/1 which/WDT/nsubj/5 she/PRP/nsubj/5 said/VBD/relcl/1 "
               "was/VBD/ccomp/5 a/DT/det/8 mistake/NN/attr/6 ,/,/punct/1 hurt/VBD/ROOT/10")


def test_a_relative_pronoun_the_content_lost_to_its_frame_is_a_piece_of_it() -> None:
    from quotegraph.pipeline.stages.attribution import _extracted_relative
    clause = _clause(_WHICH_SAID)
    said = clause.tokens[5]
    assert [t.text for t in _extracted_relative(clause, said, [6, 7, 8])] == ["which"]
    # the speaker is the cue's other subject, not the pronoun
    assert subject_of(clause, said)[0].text == "she"
    # a content with a subject of its own lost nothing: "which she said the court upheld"
    own = _clause("The/DT/det/1 vote/NN/ROOT/1 ,/,/punct/1 which/WDT/dobj/7 she/PRP/nsubj/5 said/VBD/relcl/1 "
                  "courts/NNS/nsubj/7 upheld/VBD/ccomp/5")
    assert _extracted_relative(own, own.tokens[5], [6, 7]) == []


def test_a_passive_predicative_takes_its_subject_and_ends_before_the_agent() -> None:
    from quotegraph.pipeline.stages.attribution import _before_agent, _raised_subject
    clause = _clause("Pigs/NNS/nsubjpass/2 are/VBP/auxpass/2 considered/VBN/ROOT/2 unclean/JJ/oprd/2 "
                     "by/IN/agent/2 Muslims/NNPS/pobj/4")
    verb = clause.tokens[2]
    assert _before_agent(clause, verb, [3, 4, 5]) == [3]
    content = Span(clause.tokens[3].start, clause.tokens[3].end)
    assert [t.text for t in _raised_subject(clause, verb, content)] == ["Pigs"]


def test_a_passive_conjunct_takes_its_first_conjuncts_subject() -> None:
    from quotegraph.pipeline.stages.attribution import _raised_subject
    clause = _clause("She/PRP/nsubj/1 moves/VBZ/ROOT/1 but/CC/cc/1 is/VBZ/auxpass/4 expected/VBN/conj/1 "
                     "to/TO/aux/6 stay/VB/xcomp/4")
    content = Span(clause.tokens[5].start, clause.tokens[6].end)
    assert [t.text for t in _raised_subject(clause, clause.tokens[4], content)] == ["She"]


_MOCKED = "Trump/NNP/nsubj/1 mocked/VBD/ROOT/1 her/PRP$/poss/3 presence/NN/dobj/1 on/IN/prep/1 {medium}/NNP/pobj/4"


def test_an_on_phrase_naming_a_medium_is_the_frames_channel_not_what_was_said() -> None:
    for medium, kept in (("Twitter", "her presence"), ("Facebook", "her presence"), ("immigration", "her presence on immigration")):
        clause = _clause(_MOCKED.format(medium=medium))
        clause.tokens[1].lemma = "mock"
        form, idx = complement(clause, clause.tokens[1])
        assert " ".join(clause.tokens[i].text for i in idx) == kept, medium


@pytest.mark.parametrize("spec, lead, starts", [
    # the words opening a sentence before a quotation whose frame follows it are part of what was said
    ("Teachers/NNS/nsubj/1 are/VBP/ROOT/1", "Teachers are ", True),
    ("In/IN/prep/2 past/JJ/amod/2 campaigns/NNS/pobj/0 ,/,/punct/0", "In past campaigns, ", True),
    ("But/CC/cc/0", "But ", True),
    # not a single word set off by a comma, a lead ending in a colon, nor what the speaker was asked
    ("Yet/RB/advmod/0 ,/,/punct/0", "Yet, ", False),
    ("Her/PRP/poss/1 reply/NN/ROOT/1 :/,/punct/1", "Her reply: ", False),
    ("Asked/VBN/ROOT/0 about/IN/prep/0 it/PRP/pobj/1 ,/,/punct/0", "Asked about it, ", False),
])
def test_a_sentence_lead_before_a_framed_quotation_opens_the_statement(spec, lead, starts) -> None:
    clause = _clause(spec)
    assert _sentence_lead(clause.tokens, lead) is starts


@pytest.mark.parametrize("spec, opens", [
    ("She/PRP/nsubj/1 vows/VBZ/ROOT/1 to/TO/aux/1", True),
    ("They/PRP/nsubj/1 called/VBD/ROOT/1 people/NNS/dobj/1 to/TO/aux/1", True),
    ("She/PRP/nsubj/1 urged/VBD/ROOT/1 them/PRP/dobj/1 not/RB/neg/1 to/TO/aux/1", True),
    ("He/PRP/nsubj/1 said/VBD/ROOT/1 that/IN/mark/1", False),
    ("He/PRP/nsubj/1 said/VBD/ROOT/1 he/PRP/nsubj/4 wanted/VBD/ccomp/1 to/TO/aux/3", False),
])
def test_an_infinitive_a_quotation_finishes_opens_the_statement(spec, opens) -> None:
    # the words after the cue ("vows" | "to") before the quotation's opening mark
    clause = _clause(spec)
    assert _infinitive_opening(clause.tokens[2:]) is opens


_BASHED = ("Clinton/NNP/nsubj/1 bashed/VBD/ROOT/1 Trump/NNP/poss/4 's/POS/case/2 proposal/NN/dobj/1 to/TO/aux/6 "
           "ban/VB/acl/4 Muslims/NNS/dobj/6")
_BALKED = ("Officials/NNS/nsubj/1 balked/VBD/ROOT/1 at/IN/prep/1 the/DT/det/5 owner/NN/poss/5 proposal/NN/pobj/2 "
           "to/TO/aux/7 build/VB/acl/5 a/DT/det/9 hotel/NN/dobj/7")
_BRISTLED = ("Christie/NNP/nsubj/1 bristled/VBD/ROOT/1 at/IN/prep/1 the/DT/det/4 suggestion/NN/pobj/2 that/IN/mark/7 "
             "he/PRP/nsubj/7 was/VBD/acl/4 responsible/JJ/acomp/7")


def test_a_verb_answering_someones_statement_takes_the_whole_noun_phrase() -> None:
    clause = _clause(_BASHED)
    assert reacting_verb(clause, clause.tokens[4]).text == "bashed"
    clause = _clause(_BALKED)
    assert reacting_verb(clause, clause.tokens[5]).text == "balked"
    # a definite noun for something said after a preposition: a statement already made, someone else's
    clause = _clause(_BRISTLED)
    assert reacting_verb(clause, clause.tokens[4]).text == "bristled"
    # "expelled them on the grounds that …": a reason, not a statement answered
    clause = _clause(_BRISTLED.replace("at/IN", "on/IN"))
    assert reacting_verb(clause, clause.tokens[4]) is None
    # "focused on the fact that …", "made plans to …": no holder, nor a statement: the subject's own
    clause = _clause(_BRISTLED.replace("suggestion/NN", "fact/NN"))
    assert reacting_verb(clause, clause.tokens[4]) is None
    clause = _clause(_BASHED.replace("Trump/NNP/poss/4 's/POS/case/2", "its/PRP$/poss/4 own/JJ/amod/4"))
    assert reacting_verb(clause, clause.tokens[4]) is None  # "designing its own plan to …"
    # an apposition after a comma or a dash is no object of the verb
    clause = _clause(_BALKED.replace("at/IN/prep/1", ",/,/punct/1").replace("proposal/NN/pobj/2", "proposal/NN/dobj/1"))
    assert reacting_verb(clause, clause.tokens[5]) is None


_ADAMANT = ("Aides/NNS/nsubj/1 were/VBD/ROOT/1 adamant/JJ/acomp/1 that/IN/mark/7 his/PRP/poss/5 children/NNS/nsubj/7 "
            "would/MD/aux/7 seek/VB/ccomp/1 to/TO/aux/9 block/VB/xcomp/7 him/PRP/dobj/9")
_CLEAR = ("She/PRP/nsubj/1 made/VBD/ROOT/1 it/PRP/nsubj/3 clear/JJ/ccomp/1 that/IN/mark/7 she/PRP/nsubj/7 "
          "did/VBD/aux/7 view/VB/advcl/3 it/PRP/dobj/7")


def test_a_predicative_adjective_reports_its_that_clause() -> None:
    from quotegraph.pipeline.stages.attribution import _CUE_POS
    from quotegraph.pipeline.stages.frames import that_clause_cue
    assert "ADJ" in _CUE_POS
    clause = _clause(_ADAMANT)
    adamant = clause.tokens[2]
    assert that_clause_cue(clause, adamant)
    form, idx = complement(clause, adamant)
    assert form == "that-clause" and [clause.tokens[i].text for i in idx][:3] == ["that", "his", "children"]
    assert subject_of(clause, adamant)[0].text == "Aides"
    clear = _clause(_CLEAR)
    assert that_clause_cue(clear, clear.tokens[3])
    assert subject_of(clear, clear.tokens[3])[0].text == "She"  # not the small clause's "it"
    # an attributive adjective holds no statement: "a clear sign that …"
    sign = _clause("a/DT/det/2 clear/JJ/amod/2 sign/NN/ROOT/2 that/IN/mark/5 it/PRP/nsubj/5 works/VBZ/ccomp/1")
    assert not that_clause_cue(sign, sign.tokens[1])


def test_a_syntax_only_cue_reports_the_lexicon_cue_inside_its_clause() -> None:
    from quotegraph.pipeline.stages.attribution import _reports_inner
    text = "Aides were adamant that his children would seek to block him."
    work = Work.from_article(Article(id="t", text=text))
    def cand(cue: str, content: str) -> Candidate:
        c, s = text.index(cue), text.index(content)
        return Candidate(type="indirect", spans=[Span(s, s + len(content))], cue=work.mention(c, c + len(cue)))
    outer = cand("adamant", "that his children would seek to block him")
    inner = cand("seek", "to block him")
    assert _reports_inner(outer, inner)
    assert not _reports_inner(inner, outer)


# 'He writes in the column that the “movie …”', 'Durbin said on Thursday he "hand-delivered …"', 'She talked about
# continuing the “progress …”': the words a cue's content starts with, past the frame's own phrases.
_COLUMN = "He/PRP/nsubj/1 writes/VBZ/ROOT/1 in/IN/prep/1 the/DT/det/4 column/NN/pobj/2 that/IN/mark/8 the/DT/det/7 “movie_is”/NN/nsubj/8 x/VBZ/ccomp/1"
_THURSDAY = "Durbin/NNP/nsubj/1 said/VBD/ROOT/1 on/IN/prep/1 Thursday/NNP/pobj/2 he/PRP/nsubj/5 “hand-delivered”/VBD/ccomp/1"
_LAST_MONTH = "He/PRP/nsubj/1 tweeted/VBD/ROOT/1 last/JJ/amod/3 month/NN/npadvmod/1 on/IN/prep/1 Twitter/NNP/pobj/4 ,/,/punct/1"
_TALKED = "She/PRP/nsubj/1 talked/VBD/ROOT/1 about/IN/prep/1 continuing/VBG/pcomp/2 the/DT/det/5 “progress”/NN/dobj/3"
_RETORT = "Sanders/NNP/nsubj/1 delivered/VBD/ROOT/1 a/DT/det/4 snappy/JJ/amod/4 retort/NN/dobj/1"
_SHE_HAS = "She/PRP/nsubj/1 said/VBD/ROOT/1 she/PRP/nsubj/3 has/VBZ/ccomp/1 the/DT/det/5 quality/NN/dobj/3"


@pytest.mark.parametrize("spec, upto, starts", [
    (_COLUMN, 7, "that"),
    (_THURSDAY, 5, "he"),
    (_LAST_MONTH, 7, None),
    (_TALKED, 5, "continuing"),
])
def test_the_content_before_a_quotation_starts_past_the_frames_own_phrases(spec, upto, starts) -> None:
    clause = _clause(spec)
    rest = _after_frame_adjuncts(clause, clause.tokens[1], clause.tokens[2:upto])
    assert (rest[0].text if rest else None) == starts


def test_only_a_clause_the_cue_reports_runs_on_across_a_colon() -> None:
    retort, has = _clause(_RETORT), _clause(_SHE_HAS)
    assert _opens_content(retort, retort.tokens[1], retort.tokens[2:])
    assert not _opens_content(retort, retort.tokens[1], retort.tokens[2:], clause_only=True)
    assert _opens_content(has, has.tokens[1], has.tokens[2:], clause_only=True)
