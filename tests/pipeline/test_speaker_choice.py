"""Who the speaker is, rule by rule, on hand-built parses (no model): the phrase that names the speaker when
the parser got the frame half wrong (``speaker_choice``, frames, labels), the canonical names entities
gives, and what pronouns and relatives refer to. Each test names the news pattern its rule covers."""

from __future__ import annotations

import pytest

from quotegraph.pipeline.stages.frames import complement, mention_span, subject_of
from quotegraph.pipeline.stages.speaker_choice import inverted_object, is_time_phrase, past_dateline, surface_frame

from test_frames import cue_of, parsed

# "WASHINGTON -- President Obama, dedicating the museum, said it would tell a story": spaCy makes the dateline
# the subject and the name its apposition.
_DATELINE = ("WASHINGTON/PROPN/nsubj/7 --/PUNCT/punct/0 President/PROPN/compound/3 Obama/PROPN/appos/0 "
             ",/PUNCT/punct/7 dedicating/VERB/advcl/7 museum/NOUN/dobj/5 said/VERB/ROOT/7 it/PRON/nsubj/10 "
             "would/AUX/aux/10 tell/VERB/ccomp/7 a/DET/det/12 story/NOUN/dobj/10")


def test_a_dateline_the_parser_made_the_subject_gives_way_to_the_name_after_it() -> None:
    clause = parsed(_DATELINE)
    subj, _ = subject_of(clause, cue_of(clause, "said"))
    assert subj is not None and subj.text == "Obama"
    assert past_dateline(clause, clause.tokens[3], 2).text == "Obama"  # past the dateline: itself
    no_appos = parsed(_DATELINE.replace("Obama/PROPN/appos/0", "Obama/PROPN/dep/0"))
    assert subject_of(no_appos, cue_of(no_appos, "said"))[0] is None  # the dateline alone names no one


# "X was in charge, said another witness, former adviser Fiona Hill."
_INVERTED = ("X/PROPN/nsubj/1 was/AUX/ccomp/5 in/ADP/prep/1 charge/NOUN/pobj/2 ,/PUNCT/punct/5 said/VERB/ROOT/5 "
             "another/DET/det/7 witness/NOUN/dobj/5 ,/PUNCT/punct/7 former/ADJ/amod/11 adviser/NOUN/compound/11 "
             "Fiona/PROPN/compound/12 Hill/PROPN/appos/7 ./PUNCT/punct/5")


def test_the_noun_after_an_inverted_said_is_its_speaker_not_its_object() -> None:
    clause = parsed(_INVERTED)
    said = cue_of(clause, "said")
    assert inverted_object(clause, said).text == "witness"
    # an ordinary object after a cue with its own subject is no speaker ("…, she told reporters")
    told = parsed("X/PROPN/nsubj/1 won/VERB/ccomp/4 ,/PUNCT/punct/4 she/PRON/nsubj/4 told/VERB/ROOT/4 "
                  "reporters/NOUN/dobj/4")
    assert inverted_object(told, cue_of(told, "told")) is None
    # no content before the cue: "said the word" has an object, not a speaker
    plain = parsed("They/PRON/nsubj/1 ,/PUNCT/punct/2 said/VERB/ROOT/2 the/DET/det/4 word/NOUN/dobj/2")
    assert inverted_object(plain, cue_of(plain, "said")) is None


def test_the_noun_after_a_cue_whose_subject_is_its_quotation_is_the_speaker() -> None:
    # '“Whoever opens the borders has no place here!” wrote a man calling himself Paul Paul.': the
    # quotation as the subject of "wrote", the man its object
    clause = parsed("“No_place_here!”/X/nsubj/2 ”/PUNCT/punct/0 wrote/VERB/ROOT/2 a/DET/det/4 man/NOUN/dobj/2 "
                    "calling/VERB/acl/4 himself/PRON/dobj/5", regions={0: 0})
    assert inverted_object(clause, cue_of(clause, "wrote")).text == "man"
    # a subject of its own outside the quotation is the speaker; its object is someone else
    own = parsed("“No_place_here!”/X/dobj/3 ”/PUNCT/punct/0 she/PRON/nsubj/3 told/VERB/ROOT/3 a/DET/det/5 "
                 "man/NOUN/dobj/3", regions={0: 0})
    assert inverted_object(own, cue_of(own, "told")) is None


def _after_quote(spec: str) -> tuple[str, str] | None:
    clause = parsed(spec, regions={0: 0})
    found = surface_frame(clause, clause.tokens[0].end)
    return None if found is None else (found[0].text, " ".join(t.text for t in found[1]))


def test_a_frame_after_a_quotation_is_read_by_its_words_when_the_parser_missed_the_verb() -> None:
    # '“…,” comments Robin Biesbroek of the CDF.': the cue tagged as a plural noun, the name its apposition
    assert _after_quote("“We_worked.”/X/nmod/1 comments/NOUN/ROOT/1 Robin/PROPN/compound/3 Biesbroek/PROPN/appos/1 "
                        "of/ADP/prep/3 the/DET/det/6 CDF/PROPN/pobj/4 ./PUNCT/punct/1") == ("comments", "Robin Biesbroek")
    # '“…,” the patient described in the case report.': the cue as a participle on the noun
    assert _after_quote("“Going_upstairs.”/X/ROOT/0 the/DET/det/2 patient/NOUN/appos/0 described/VERB/acl/2 "
                        "in/ADP/prep/3 the/DET/det/6 report/NOUN/pobj/4 ./PUNCT/punct/0") == ("described", "the patient")
    # '“…,” the 90-year-old wrote.': an age and an irregular past tense the parser read as a noun
    assert _after_quote("“Built_to_last,”/X/ROOT/0 the/DET/det/6 90/NUM/nummod/3 -/PUNCT/punct/3 year/NOUN/npadvmod/5 "
                        "-/PUNCT/punct/5 old/ADJ/amod/6 wrote/NOUN/appos/0 ./PUNCT/punct/0") == \
        ("wrote", "the 90 - year - old")
    # a base form may be a noun: '“…,” the report.' is no frame
    assert _after_quote("“Built_to_last,”/X/ROOT/0 the/DET/det/2 report/NOUN/appos/0 ./PUNCT/punct/0") is None


def test_a_sentence_after_a_quotation_that_goes_on_is_no_frame() -> None:
    # the words after the quotation run on past a short frame: a sentence of its own
    assert _after_quote("“Yes.”/X/ROOT/0 the/DET/det/2 patient/NOUN/nsubj/3 described/VERB/ROOT/3 "
                        "his/PRON/poss/5 symptoms/NOUN/dobj/3 ./PUNCT/punct/3") is None
    # no speech verb: '“…” the team went home.'
    assert _after_quote("“Yes.”/X/ROOT/0 the/DET/det/2 team/NOUN/nsubj/3 went/VERB/ROOT/3 home/ADV/advmod/3 "
                        "./PUNCT/punct/3") is None
    # a lowercase word after the cue is no name: '“…,” says the report.'
    assert _after_quote("“Yes.”/X/ROOT/0 says/VERB/ROOT/1 the/DET/det/3 report/NOUN/nsubj/1 ./PUNCT/punct/1") is None


def test_a_time_phrase_is_no_part_of_the_speaker_phrase() -> None:
    clause = parsed("Trump/PROPN/nsubj/3 on/ADP/prep/0 Monday/PROPN/pobj/1 said/VERB/ROOT/3 it/PRON/dobj/3")
    s, e = mention_span(clause, clause.tokens[0])
    assert (s, e) == (clause.tokens[0].start, clause.tokens[0].end)
    week = parsed("Trump/PROPN/nsubj/3 this/DET/det/2 week/NOUN/npadvmod/0 said/VERB/ROOT/3")
    assert mention_span(week, week.tokens[0]) == (week.tokens[0].start, week.tokens[0].end)
    # an age is part of it: "the 43-year-old asked" is described as "43-year-old", not "-old"
    from quotegraph.pipeline.resolvers.phrases import noun_phrase

    age = parsed("the/DET/det/4 43/NUM/nummod/2 year/NOUN/npadvmod/4 -/HYPH/punct/4 old/ADJ/nsubj/5 asked/VERB/ROOT/5")
    assert not is_time_phrase(age, age.tokens[2])
    assert noun_phrase(age, age.tokens[4]) == (0, age.tokens[4].end)
    # a place is part of it: "officials in Washington"
    place = parsed("officials/NOUN/nsubj/3 in/ADP/prep/0 Washington/PROPN/pobj/1 said/VERB/ROOT/3")
    assert not is_time_phrase(place, place.tokens[1])
    assert mention_span(place, place.tokens[0]) == (0, place.tokens[2].end)


def test_a_headline_verb_the_recogniser_ran_into_a_name_is_no_part_of_it() -> None:
    from quotegraph.pipeline.stages.entities import headline_verb

    clause = parsed("Obama/PROPN/nsubj/1 Says/VERB/ROOT/1 Museum/PROPN/nsubj/3 Will/AUX/ROOT/3 "
                    "Edward/PROPN/compound/5 Said/PROPN/nsubj/1")
    assert [t.text for t in clause.tokens if headline_verb(t)] == ["Says"]  # "Edward Said" keeps his name


def test_a_frame_after_a_quotation_is_short_however_long_the_speakers_introduction() -> None:
    from quotegraph.pipeline.stages.speaker_choice import frame_length

    clause = parsed("He/PROPN/compound/1 Jianxiong/PROPN/nsubj/10 ,/PUNCT/punct/1 the/DET/det/5 former/ADJ/amod/5 "
                    "director/NOUN/appos/1 for/ADP/prep/5 China/PROPN/pobj/6 at/ADP/prep/5 IMF/PROPN/pobj/8 "
                    "said/VERB/ROOT/10 at/ADP/prep/10 an/DET/det/13 event/NOUN/pobj/11")
    said = cue_of(clause, "said")
    assert frame_length(clause, clause.tokens[1], said) == 3  # "He Jianxiong said"
    plain = parsed("The/DET/det/2 new/ADJ/amod/2 rules/NOUN/nsubj/9 for/ADP/prep/2 banks/NOUN/pobj/3 in/ADP/prep/4 "
                   "the/DET/det/7 region/NOUN/pobj/5 ,/PUNCT/punct/9 said/VERB/ROOT/9")
    assert frame_length(plain, plain.tokens[2], cue_of(plain, "said")) == 9  # no apposition: every word counts


def test_a_transcript_label_names_the_speaker_of_a_quotation_that_would_carry_the_previous_one() -> None:
    from quotegraph.model import Article, Span
    from quotegraph.pipeline.stages.attribution import Attribution
    from quotegraph.pipeline.stages.segment import Paragraphs
    from quotegraph.pipeline.work import Candidate, Work

    text = 'Partial transcript as follows:\n\n"WALLACE: Will she be there tomorrow night?\n\n"PENCE: She will not.'
    work = Work.from_article(Article(id="t", text=text))
    Paragraphs()(work)
    for start in (text.index('"WALLACE'), text.index('"PENCE')):
        end = text.index("\n", start) if "\n" in text[start:] else len(text)
        work.candidates.append(Candidate(type="direct", spans=[Span(start + 1, end)], carried=True, rule="quote:carry"))
    Attribution()._labels(work, set())
    got = sorted((c.rule, c.speaker_mention.text, text[c.spans[0].start:c.spans[-1].end]) for c in work.candidates)
    assert got == [("label", "PENCE", "She will not."), ("label", "WALLACE", "Will she be there tomorrow night?")]


def test_a_transcript_label_in_capitals_names_the_articles_person() -> None:
    from quotegraph.pipeline.resolvers.names import surname

    from parsed import S, parsed as parsed_work
    from quotegraph.pipeline.resolvers import Context, Query
    from quotegraph.pipeline.stages.entities import Entities

    work = parsed_work(S("Gov. Mike Pence spoke .", pos="PROPN PROPN PROPN VERB PUNCT", heads=[2, 2, 3, 3, 3],
                         deps="compound compound nsubj ROOT punct", ents=[(1, 3, "PERSON")]),
                       S("PENCE : Well .", pos="PROPN PUNCT INTJ PUNCT", heads=[0, 0, 0, 0],
                         deps="ROOT punct intj punct"))
    Entities()(work)
    at = work.text.index("PENCE")
    r = surname(Context(work), Query(0, work.mention(at, at + 5), None, None))
    assert r is not None and r.name == "Mike Pence"


def test_the_subject_of_a_copula_speaks_through_its_adjective() -> None:
    # "He was able to tout his polling strength": tout -> able (acomp) -> was, whose subject is He
    clause = parsed("He/PRON/nsubj/1 was/AUX/ROOT/1 able/ADJ/acomp/1 to/PART/aux/4 tout/VERB/xcomp/2 "
                    "his/PRON/poss/7 polling/NOUN/compound/7 strength/NOUN/dobj/4")
    subj, _ = subject_of(clause, cue_of(clause, "tout"))
    assert subj is not None and subj.text == "He"


# "Clinton stressed her support of the raid that killed bin Laden and said she …": the parser joined "said" to
# the main verb past a relative clause on a noun that says nothing.
_RAID = ("Clinton/PROPN/nsubj/1 stressed/VERB/ROOT/1 the/DET/det/3 {noun}/NOUN/dobj/1 that/PRON/nsubj/5 "
         "killed/VERB/relcl/3 Laden/PROPN/dobj/5 and/CCONJ/cc/1 said/VERB/conj/1 she/PRON/nsubj/10 "
         "won/VERB/ccomp/8")


def test_a_relative_clause_on_a_noun_that_cannot_speak_does_not_take_the_next_verb() -> None:
    raid = parsed(_RAID.format(noun="raid"))
    assert subject_of(raid, cue_of(raid, "said"))[0].text == "Clinton"
    group = parsed(_RAID.format(noun="group"))  # "a group which opposes X and claims Y": the group claims it
    assert subject_of(group, cue_of(group, "said"))[0].text == "that"


def test_a_passive_relative_clause_never_takes_the_outer_clauses_speaker() -> None:
    # "Party leaders met with delegates who are expected to say that …": "expected" is the delegates', not
    # the leaders'; "say" climbs to the relativiser
    clause = parsed("leaders/NOUN/nsubj/1 met/VERB/ROOT/1 with/ADP/prep/1 delegates/NOUN/pobj/2 who/PRON/nsubjpass/7 "
                    "are/AUX/auxpass/7 ,/PUNCT/punct/7 expected/VERB/relcl/3 to/PART/aux/9 say/VERB/xcomp/7 "
                    "it/PRON/nsubj/11 failed/VERB/ccomp/9")
    assert subject_of(clause, cue_of(clause, "expected"))[0] is None
    assert subject_of(clause, cue_of(clause, "say"))[0].text == "who"


def test_a_name_a_title_case_headline_ran_on_is_cut_to_what_the_article_writes_elsewhere() -> None:
    from quotegraph.model import Article
    from quotegraph.pipeline.stages.entities import headline_name, title_case
    from quotegraph.pipeline.work import Work

    text = "Clinton Plan for Taxes Is Expansive but Complex.\n\nMrs. Clinton has come up with one. Gennifer Flowers came."
    work = Work.from_article(Article(id="t", text=text))
    head = (0, text.index("\n"))
    assert title_case(text[head[0]:head[1]]) and not title_case(text[text.index("Mrs."):])
    assert headline_name(work, head, (0, 12, "PERSON")) == (0, 7, "PERSON")  # "Clinton Plan" -> "Clinton"
    body = (text.index("Mrs."), len(text))
    g = text.index("Gennifer")
    assert headline_name(work, body, (g, g + 16, "PERSON")) == (g, g + 16, "PERSON")  # not a headline: kept


def test_a_bare_surname_titled_as_the_other_gender_is_someone_else() -> None:
    from quotegraph.pipeline.stages.entities import someone_else

    assert someone_else("Michelle Obama", "m", {})  # "Mr. Obama"
    assert not someone_else("Michelle Obama", "f", {"m": 9})  # "Mrs. Obama"
    assert someone_else("Michelle Obama", None, {"m": 9, "f": 1})  # "President Obama" where Obama is mostly Mr.
    assert not someone_else("Hillary Clinton", None, {"f": 9, "m": 2})  # "Clinton" where she is mostly Mrs.
    assert not someone_else("Pat Smith", "m", {})  # a first name of either sex: no evidence


def test_a_function_word_is_never_an_entity() -> None:
    from quotegraph.model import Article
    from quotegraph.pipeline.stages.entities import cluster_mentions
    from quotegraph.pipeline.work import Work

    text = "the Times said it."
    work = Work.from_article(Article(id="t", text=text))
    assert [c.name for c in cluster_mentions(work, [(0, 3, "ORG"), (4, 9, "ORG")])] == ["Times"]


def test_it_refers_to_a_document_that_spoke_but_not_to_any_description() -> None:
    from quotegraph.pipeline.resolvers.context import Referent
    from quotegraph.pipeline.resolvers.pronouns import agrees, pronoun_features

    it = pronoun_features("it")
    assert agrees(Referent(None, "article", "unknown"), *it)  # '“…,” the article read. “…,” it added.'
    assert agrees(Referent(None, "report of the committee", "unknown"), *it)
    assert not agrees(Referent(None, "63 percent", "unknown"), *it)
    assert not agrees(Referent(None, "reports", "unknown", plural=True), *it)
    assert not agrees(Referent(None, "article", "unknown"), *pronoun_features("he"))


def _colon_frame(lead: list[str], pos: str, heads: list[int], deps: str):
    from quotegraph.pipeline.stages.attribution import _frame_verb

    from parsed import S, parsed as parsed_work

    n = len(lead)
    work = parsed_work(S(lead + ["“", "Of course I believe in it.", "”"], pos=pos + " PUNCT X PUNCT",
                         heads=heads + [n + 1, 1, n + 1], deps=deps + " punct dep punct"))
    clause = work.clauses[0]
    verb = _frame_verb(work, clause, work.regions[0])
    return None if verb is None else (verb.text, subject_of(clause, verb)[0].text)


def _next_sentence_frame(quote: str, frame: str | list[str], pos: str, heads: list[int], deps: str):
    from quotegraph.pipeline.stages.attribution import _frame_after

    from parsed import S, parsed as parsed_work

    work = parsed_work(S(["“", quote, "”"], pos="PUNCT X PUNCT", heads=[1, 1, 1], deps="punct ROOT punct"),
                       S(frame, pos=pos, heads=heads, deps=deps))
    region = next(r for r in work.regions if r.outer.start == 0)
    found = _frame_after(work, 0, region)
    return None if found is None else (found[1].text, subject_of(found[0], found[1])[0].text)


@pytest.mark.parametrize("quote, frame, pos, heads, deps, expected", [
    # the sentence split after any sentence end, the closing mark of a quotation inside it included
    ("I hope you find the emails that are missing.", "Trump said .", "PROPN VERB PUNCT", [1, 1, 1],
     "nsubj ROOT punct", ("said", "Trump")),
    ("Her response was, ‘What can we do to help?’", "Renteria told reporters .", "PROPN VERB NOUN PUNCT",
     [1, 1, 1, 1], "nsubj ROOT dobj punct", ("told", "Renteria")),
    # the channel the frame names is no content of its own
    ("She is wrong!", "Trump wrote on Twitter .", "PROPN VERB ADP PROPN PUNCT", [1, 1, 1, 2, 1],
     "nsubj ROOT prep pobj punct", ("wrote", "Trump")),
    # a sentence that reports something of its own is a new statement, not the quotation's frame
    ("We will win.", "Trump said he would run .", "PROPN VERB PRON AUX VERB PUNCT", [1, 1, 4, 4, 1, 1],
     "nsubj ROOT nsubj aux ccomp punct", None),
    ("She is wrong!", "Trump wrote about taxes .", "PROPN VERB ADP NOUN PUNCT", [1, 1, 1, 2, 1],
     "nsubj ROOT prep pobj punct", None),
    # '“A.” “B?” Zucker added.': the next sentence is the frame of a quotation of its own
    ("We are global.", ["“", "Can we win?", "”", "Zucker", "added", "."], "PUNCT X PUNCT PROPN VERB PUNCT",
     [4, 4, 4, 4, 4, 4], "punct dobj punct nsubj ROOT punct", None),
    ("We are global.", "She went on to say :", "PRON VERB PART PART VERB PUNCT", [1, 1, 1, 4, 1, 1],
     "nsubj ROOT prt aux xcomp punct", None),  # a colon frame introduces the quotation after it
])
def test_a_frame_the_sentence_split_put_after_the_quotation_is_its_frame(quote, frame, pos, heads, deps,
                                                                         expected) -> None:
    assert _next_sentence_frame(quote, frame, pos, heads, deps) == expected


@pytest.mark.parametrize("lead, source", [
    ("Here/ADV ’s/AUX Clinton/PROPN in/ADP December/PROPN 1992/NUM", "Clinton"),
    ("More/ADJ from/ADP Jones/PROPN", "Jones"),
    ("Pollsters/NOUN agree/VERB -/PUNCT Carl/PROPN Bialik/PROPN", "Carl Bialik"),  # a heading, a dash, a name
    ("From/ADP the/DET report/NOUN", "the report"),
    ("Newport/PROPN and/CCONJ Harter/PROPN", "Newport and Harter"),
    # a phrase with a verb is a frame of its own (``_frame_verb``); a phrase naming no one is no source
    ("He/PRON then/ADV listed/VERB the/DET qualities/NOUN", None),
    ("The/DET verdict/NOUN", None),
    ("The/DET result/NOUN of/ADP the/DET vote/NOUN in/ADP Iowa/PROPN", None),
])
def test_a_verbless_phrase_before_a_colon_names_the_source_of_the_quotation_after_it(lead, source) -> None:
    from quotegraph.pipeline.stages.speaker_choice import colon_source

    words = [f"{w}/dep/0" for w in lead.split()]  # only the words and their parts of speech count
    n = len(words)
    clause = parsed(" ".join(words) + " :/PUNCT/punct/0 “We_will_win.”/X/dep/0", regions={n + 1: 0})
    found = colon_source(clause, clause.tokens[n + 1].start)
    assert (None if found is None else " ".join(t.text for t in found)) == source


def test_a_space_the_tokenizer_kept_after_the_colon_does_not_hide_the_source() -> None:
    from quotegraph.pipeline.stages.speaker_choice import colon_source

    clause = parsed("Michael/PROPN/compound/1 McDonald/PROPN/ROOT/1 :/PUNCT/punct/1 _/SPACE/dep/2 "
                    "“At_long_last.”/X/appos/1", regions={4: 0})
    assert [t.text for t in colon_source(clause, clause.tokens[4].start)] == ["Michael", "McDonald"]


def test_a_long_sentence_ending_in_a_colon_frames_the_quotation_after_it() -> None:
    # 'She became so upset that I had to change my answer: “…”': the speaker is who the last verb's subject is
    lead = "She became upset , so I had to change my answer :".split()
    pos = "PRON VERB ADJ PUNCT SCONJ PRON VERB PART VERB PRON NOUN PUNCT"
    heads = [1, 1, 1, 1, 6, 6, 1, 8, 6, 10, 8, 1]
    deps = "nsubj ROOT acomp punct mark nsubj advcl aux xcomp poss dobj punct"
    assert _colon_frame(lead, pos, heads, deps) == ("change", "I")
    # without the colon the sentence is no frame: the quotation is a title or a scare quote inside it
    assert _colon_frame(lead[:-1] + [","], pos, heads, deps) is None


def test_the_object_of_a_control_verb_is_the_subject_of_the_cue_under_it() -> None:
    # "All this led the journalist to fear a pact": the journalist fears, not "all this"
    led = parsed("this/PRON/nsubj/1 led/VERB/ROOT/1 the/DET/det/3 journalist/NOUN/dobj/1 to/PART/aux/5 "
                 "fear/VERB/xcomp/1 a/DET/det/7 pact/NOUN/dobj/5")
    assert subject_of(led, cue_of(led, "fear"))[0].text == "journalist"
    # "Leaders used blunt language to denounce it": language says nothing; the leaders denounce
    used = parsed("Leaders/NOUN/nsubj/1 used/VERB/ROOT/1 blunt/ADJ/amod/3 language/NOUN/dobj/1 to/PART/aux/5 "
                  "denounce/VERB/xcomp/1 it/PRON/dobj/5")
    assert subject_of(used, cue_of(used, "denounce"))[0].text == "Leaders"
    # "He promised voters to cut taxes": subject control
    promised = parsed("He/PRON/nsubj/1 promised/VERB/ROOT/1 voters/NOUN/dobj/1 to/PART/aux/4 say/VERB/xcomp/1")
    assert subject_of(promised, cue_of(promised, "say"))[0].text == "He"


@pytest.mark.parametrize("line, debris", [
    ("Club statement", True),
    ("— Tottenham Hotspur (@SpursOfficial) November 20, 2019", True),
    ("He was sacked in 2018.", False),  # prose, however short
    ("Mourinho won three Premier League titles over two spells in charge of Chelsea", False),
    ("Asked about it, he said:", False),
])
def test_a_quotation_carries_its_speaker_past_an_embeds_caption_and_credit_lines(line: str, debris: bool) -> None:
    from quotegraph.pipeline.stages.speakers import is_debris

    assert is_debris(line) is debris


def test_a_capitalised_adverb_opening_a_sentence_is_no_name() -> None:
    from quotegraph.pipeline.stages.frames import adjacent_name

    now = parsed("Now/ADV/advmod/1 consider/VERB/ROOT/1 what/PRON/dobj/1")
    assert adjacent_name(now, cue_of(now, "consider")) is None
    early = parsed("Mayor/PROPN/compound/2 Tom/PROPN/compound/2 Early/ADV/advmod/3 told/VERB/ROOT/3 us/PRON/dobj/3")
    assert adjacent_name(early, cue_of(early, "told")).text == "Early"  # inside a name it still counts


def test_a_place_in_title_case_before_a_dash_is_a_dateline() -> None:
    from quotegraph.pipeline.stages.frames import dateline

    clause = parsed("Indianapolis/PROPN/nsubj/4 –/PUNCT/punct/0 Thousands/NOUN/nsubj/4 of/ADP/prep/2 "
                    "surrounded/VERB/ROOT/4")
    clause.tokens[0].ent_type = "GPE"
    assert dateline(clause) == 2
    clause.tokens[0].ent_type = "PERSON"  # "Smith – …" is no place
    assert dateline(clause) == 0
    # the agency in parentheses after it: "Washington (AFP) – Democrat Hillary Clinton has taken a swipe"
    agency = parsed("Washington/PROPN/nsubj/6 (/PUNCT/punct/2 AFP/PROPN/appos/0 )/PUNCT/punct/0 –/PUNCT/punct/0 "
                    "Clinton/PROPN/nsubj/6 said/VERB/ROOT/6")
    agency.tokens[0].ent_type = "GPE"
    assert dateline(agency) == 5
    assert subject_of(agency, cue_of(agency, "said"))[0].text == "Clinton"


def test_a_relative_on_a_plural_noun_is_a_group_that_she_cannot_refer_to() -> None:
    from quotegraph.pipeline.resolvers import Context, Query
    from quotegraph.pipeline.resolvers.statements import relative

    from parsed import S, parsed as parsed_work

    work = parsed_work(S("Trump assailed the Trumpers who oppose him .", pos="PROPN VERB DET PROPN PRON VERB PRON PUNCT",
                         tags="NNP VBD DT NNPS WP VBP PRP .", heads=[1, 1, 3, 1, 5, 3, 5, 1],
                         deps="nsubj ROOT det dobj nsubj relcl dobj punct"))
    clause = work.clauses[0]
    who = clause.tokens[4]
    r = relative(Context(work), Query(0, work.mention(who.start, who.end), who, 0))
    assert (r.name, r.kind, r.plural) == ("Trumpers", "group", True)


@pytest.mark.parametrize("phrase, scrap", [
    ("what we need", True), ("But some note that Trump", True), ("’s", True), ("that in an app", True),
    ("Jane Holt", False), ("the union", False), ("Whitney Houston", False),
])
def test_a_clause_or_a_scrap_taken_for_a_subject_is_no_name(phrase: str, scrap: bool) -> None:
    from quotegraph.pipeline.resolvers import Context, Query
    from quotegraph.pipeline.resolvers.names import not_a_name

    from parsed import S, parsed as parsed_work

    work = parsed_work(S(f"{phrase} said so .".split()))
    r = not_a_name(Context(work), Query(0, work.mention(0, len(phrase)), None, None))
    assert (r is not None and r.rule == "not_a_name") is scrap


def _title_labels(title: str, ents: list[tuple[int, int, str]]) -> list[str]:
    from quotegraph.pipeline.stages.attribution import Attribution
    from quotegraph.pipeline.stages.entities import Entities

    from parsed import PARAGRAPH, S, parsed as parsed_work

    work = parsed_work(S(title.split(), ents=ents), PARAGRAPH, S("Body text here .".split()))
    Entities()(work)
    Attribution()._labels(work, set())
    return [c.speaker_mention.text for c in work.candidates]


def test_a_title_label_is_a_speaker_only_when_it_names_someone_or_a_document() -> None:
    assert _title_labels("Pence : Flowers will not be at the debate .", [(0, 1, "PERSON")]) == ["Pence"]
    assert _title_labels("Poll : Clinton and Trump in a dead heat .", []) == ["Poll"]
    assert _title_labels("Stealth Over Health : Clinton was headed to the ER .", []) == []  # a kicker


def test_a_transcript_turn_holds_the_statements_made_inside_it() -> None:
    from quotegraph.model import Article, Span
    from quotegraph.pipeline.stages.attribution import Attribution
    from quotegraph.pipeline.stages.segment import Paragraphs
    from quotegraph.pipeline.work import Candidate, Work

    def labels(label: str) -> list[str]:
        text = f"Transcript follows:\n\n{label}: As the Journal shows, voters are worried. Are they?"
        work = Work.from_article(Article(id="t", text=text))
        Paragraphs()(work)
        s = text.index("voters")
        work.candidates.append(Candidate(type="indirect", spans=[Span(s, s + 19)], rule="cue:clause"))
        Attribution()._labels(work, set())
        return [c.speaker_mention.text for c in work.candidates if c.rule == "label"]

    assert labels("WALLACE") == ["WALLACE"]  # the Journal's statement is inside Wallace's turn
    assert labels("Pat Caddell") == []  # a name label is no turn: the statement inside it stands alone


def test_a_capitalised_role_without_a_name_is_a_description_not_a_new_person() -> None:
    from quotegraph.pipeline.resolvers import Context, Query
    from quotegraph.pipeline.resolvers.names import surname

    from parsed import S, parsed as parsed_work

    for phrase, rule in (("Retired General", "description"), ("Judge", "description"), ("Jane Holt", "new_name")):
        work = parsed_work(S(f"{phrase} said so .".split()))
        r = surname(Context(work), Query(0, work.mention(0, len(phrase)), None, None))
        assert (r.rule, r.name) == (rule, phrase)


def test_he_said_after_a_person_introduced_with_a_role_is_that_person() -> None:
    from quotegraph.pipeline.stages.entities import Entities
    from quotegraph.pipeline.stages.mentions import Mentions
    from quotegraph.pipeline.stages.speakers import Speakers

    from parsed import PARAGRAPH, S, candidate, parsed as parsed_work

    work = parsed_work(
        S("While Obama had artists , it concerns Henry Crespo , president of the caucus .",
          pos="SCONJ PROPN VERB NOUN PUNCT PRON VERB PROPN PROPN PUNCT NOUN ADP DET NOUN PUNCT",
          heads=[2, 2, 6, 2, 6, 6, 6, 8, 6, 8, 8, 10, 13, 11, 6],
          deps="mark nsubj advcl dobj punct nsubj ROOT compound dobj punct appos prep det pobj punct",
          ents=[(1, 2, "PERSON"), (7, 9, "PERSON")]),
        PARAGRAPH,
        S(["“", "No one is writing songs ,", "”", "he", "said", "."], pos="PUNCT X PUNCT PRON VERB PUNCT",
          heads=[4, 4, 4, 4, 4, 4], deps="punct ccomp punct nsubj ROOT punct"))
    Entities()(work)
    cand = candidate(work, "No one is writing songs ,", "he", head="he", cue=None)
    work.candidates = [cand]
    Speakers()(work)
    Mentions()(work)
    assert cand.speaker_name == "Henry Crespo"  # not Obama, the subject of the "while" clause


def test_a_person_the_recogniser_took_for_an_organisation_is_a_person_when_called_by_her_surname() -> None:
    from quotegraph.model import Article
    from quotegraph.pipeline.stages.entities import cluster_mentions
    from quotegraph.pipeline.work import Work

    text = "Carly Fiorina spoke. Fiorina left. Morgan Stanley said so. Stanley Cup fans cheered."
    work = Work.from_article(Article(id="t", text=text))
    spans = [(0, 13, "ORG"), (21, 28, "ORG"), (35, 49, "ORG")]
    kinds = {c.name: c.kind for c in cluster_mentions(work, spans)}
    assert kinds == {"Carly Fiorina": "person", "Morgan Stanley": "organisation"}  # "Stanley" alone is no mention


def test_a_speaker_the_parser_hung_on_the_quotation_as_its_apposition_is_the_subject() -> None:
    # '“… pay his?” a narrator in the ad asks.': the quotation as the subject, the narrator its apposition
    clause = parsed("“You_pay.”/X/nsubj/5 a/DET/det/2 narrator/NOUN/appos/0 in/ADP/prep/2 ad/NOUN/pobj/3 "
                    "asks/VERB/ROOT/5", regions={0: 0})
    assert subject_of(clause, cue_of(clause, "asks"))[0].text == "narrator"
    bare = parsed("“You_pay.”/X/nsubj/1 asks/VERB/ROOT/1", regions={0: 0})
    assert subject_of(bare, cue_of(bare, "asks"))[0] is None  # a quotation alone names no one


def test_a_speaker_the_parser_made_the_quotations_object_is_the_subject_and_no_part_of_the_content() -> None:
    # '“…,” the White House spokesman, Josh Earnest, said on Thursday.': the quotation as the subject of
    # "said" and the spokesman its object
    spec = ("“It_works,”/X/nsubj/7 the/DET/det/3 White_House/PROPN/compound/3 spokesman/NOUN/dobj/0 ,/PUNCT/punct/3 "
            "Josh_Earnest/PROPN/appos/3 ,/PUNCT/punct/3 said/VERB/ROOT/7 on/ADP/prep/7 Thursday/PROPN/pobj/8")
    clause = parsed(spec, regions={0: 0})
    said = cue_of(clause, "said")
    assert subject_of(clause, said)[0].text == "spokesman"
    form, idx = complement(clause, said)
    assert form == "quote" and idx == [0]  # the quotation alone, without the speaker's phrase
    # an object after the cue is what was said to, not who said it ('“…” is what she told the court')
    after = parsed("“It_works,”/X/nsubj/1 told/VERB/ROOT/1 the/DET/det/3 court/NOUN/dobj/0", regions={0: 0})
    assert subject_of(after, cue_of(after, "told"))[0] is None


# "In a statement to the Observer, her adviser, Jake Sullivan, said: …": spaCy hangs the speaker on the
# fronted phrase's noun as its apposition and leaves "said" without a subject
_FRONTED = ("In/ADP/prep/12 a/DET/det/2 statement/NOUN/pobj/0 to/ADP/prep/2 the/DET/det/5 Observer/PROPN/pobj/3 "
            ",/PUNCT/punct/5 her/PRON/poss/8 adviser/NOUN/appos/5 ,/PUNCT/punct/8 Jake_Sullivan/PROPN/appos/8 "
            ",/PUNCT/punct/5 said/VERB/ROOT/12")


def test_a_speaker_the_parser_hung_on_a_fronted_phrase_is_the_subject_of_the_cue() -> None:
    from quotegraph.pipeline.stages.frames import adjacent_name

    clause = parsed(_FRONTED)
    said = cue_of(clause, "said")
    assert subject_of(clause, said)[0] is None
    assert adjacent_name(clause, said).text == "adviser"  # its own apposition names her: Jake Sullivan
    assert mention_span(clause, adjacent_name(clause, said)) == (clause.tokens[7].start, clause.tokens[8].end)
    # the phrase must run up to the cue: "…, a newspaper, on Monday said" has no speaker there
    late = parsed(_FRONTED.replace(",/PUNCT/punct/5 said/VERB/ROOT/12", "today/NOUN/npadvmod/12 said/VERB/ROOT/12"))
    assert adjacent_name(late, cue_of(late, "said")) is None
    # and hang on the noun of a phrase of the cue
    loose = parsed(_FRONTED.replace("Observer/PROPN/pobj/3", "Observer/PROPN/npadvmod/12"))
    assert adjacent_name(loose, cue_of(loose, "said")) is None


def test_the_name_the_parser_made_the_root_of_a_frame_is_the_subject_of_its_cue() -> None:
    from quotegraph.pipeline.stages.frames import adjacent_name

    # "Mitt Romney, the 2012 nominee, tweeted in response: “…”": the cue as a participle on the name
    spec = ("Mitt/PROPN/compound/1 Romney/PROPN/ROOT/1 ,/PUNCT/punct/1 the/DET/det/4 nominee/NOUN/appos/1 "
            ",/PUNCT/punct/1 tweeted/VERB/acl/1 in/ADP/prep/6 response/NOUN/pobj/7 :/PUNCT/punct/1")
    clause = parsed(spec)
    tweeted = cue_of(clause, "tweeted")
    tweeted.tag = "VBD"  # (the spec gives parts of speech only)
    assert subject_of(clause, tweeted)[0].text == "Romney"  # the root name of a verbless sentence
    assert adjacent_name(clause, tweeted).text == "Romney"
    # '“…?” the 43-year-old asked in the video’s description.': the speaker as the quotation's apposition
    quoted = parsed("“What_if?”/X/ROOT/0 the/DET/det/2 43-year-old/ADJ/appos/0 asked/VERB/acl/2 in/ADP/prep/3 "
                    "it/PRON/pobj/4", regions={0: 0})
    asked = cue_of(quoted, "asked")
    asked.tag = "VBN"
    assert adjacent_name(quoted, asked).text == "43-year-old"
    # a passive participle on the noun is no frame of its speaker: "The letter, signed by 40 senators:"
    passive = parsed("The/DET/det/1 letter/NOUN/ROOT/1 ,/PUNCT/punct/1 signed/VERB/acl/1 by/ADP/agent/3 "
                     "senators/NOUN/pobj/4")
    signed = cue_of(passive, "signed")
    signed.tag = "VBN"
    assert adjacent_name(passive, signed) is None


def test_an_embeds_credit_dash_is_no_part_of_a_name() -> None:
    from quotegraph.model import Article
    from quotegraph.pipeline.stages.entities import cluster_mentions
    from quotegraph.pipeline.work import Work

    text = "No one should be above the law. pic.twitter.com/Oq — Paul Ryan (@SpeakerRyan) July 5, 2016"
    work = Work.from_article(Article(id="t", text=text))
    s = text.index("pic")
    assert [c.name for c in cluster_mentions(work, [(s, text.index(" ("), "PERSON")])] == ["Paul Ryan"]


def test_a_relative_on_a_predicate_noun_is_about_the_subject_it_describes() -> None:
    from quotegraph.pipeline.resolvers import Context, Query
    from quotegraph.pipeline.resolvers.statements import relative

    from parsed import S, parsed as parsed_work

    work = parsed_work(S("Donald Trump is a liar and bully who pledged it .",
                         pos="PROPN PROPN AUX DET NOUN CCONJ NOUN PRON VERB PRON PUNCT",
                         heads=[1, 2, 2, 4, 2, 4, 4, 8, 6, 8, 2],
                         deps="compound nsubj ROOT det attr cc conj nsubj relcl dobj punct",
                         ents=[(0, 2, "PERSON")]))
    from quotegraph.pipeline.stages.entities import Entities

    Entities()(work)
    who = work.clauses[0].tokens[7]
    r = relative(Context(work), Query(0, work.mention(who.start, who.end), who, 0))
    assert r.name == "Donald Trump"


_TAGS = {"VBN": "VERB", "VBD": "VERB", "VBZ": "AUX", "VB": "VERB", "PRP": "PRON", "PRP$": "PRON", "IN": "ADP",
         "NNP": "PROPN", "NN": "NOUN", "WRB": "ADV", ",": "PUNCT", "MD": "AUX"}


@pytest.mark.parametrize("spec, expected", [
    # "Asked about her vote, she said …": the question is not hers
    ("Asked/VBN/advcl/6 about/IN/prep/0 her/PRP$/poss/3 vote/NN/pobj/1 ,/,/punct/6 she/PRP/nsubj/6 said/VBD/ROOT/6",
     None),
    # "When asked whether he would run, Trump smiled"
    ("When/WRB/advmod/1 asked/VBN/advcl/8 whether/IN/mark/5 he/PRP/nsubj/5 would/MD/aux/5 run/VB/ccomp/1 "
     ",/,/punct/8 Trump/NNP/nsubj/8 smiled/VBD/ROOT/8", None),
    # "Rubio was asked by moderator Baker whether …": the agent asked
    ("Rubio/NNP/nsubjpass/2 was/VBZ/auxpass/2 asked/VBN/ROOT/2 by/IN/agent/2 moderator/NN/compound/5 "
     "Baker/NNP/pobj/3 whether/IN/mark/8 he/PRP/nsubj/8 won/VBD/ccomp/2", "Baker"),
    # "Trump has asked whether …" and "they asked": active, the subject asks
    ("Trump/NNP/nsubj/2 has/VBZ/aux/2 asked/VBN/ROOT/2 whether/IN/mark/5 it/PRP/nsubj/5 won/VBD/ccomp/2", "Trump"),
    ("they/PRP/nsubj/1 asked/VBD/ROOT/1 whether/IN/mark/4 it/PRP/nsubj/4 won/VBD/ccomp/1", "they"),
])
def test_the_one_asked_is_not_the_speaker_of_the_question(spec, expected) -> None:
    clause = parsed(spec, coarse=_TAGS)
    asked = next(t for t in clause.tokens if t.lemma == "ask")
    subj, _ = subject_of(clause, asked)
    assert (subj.text if subj is not None else None) == expected


def test_a_passive_cue_does_not_take_the_subject_of_the_verb_it_hangs_from() -> None:
    # "Clinton came under criticism when it was revealed that she had used …": the revealer is not named
    spec = ("Clinton/PROPN/nsubj/1 came/VERB/ROOT/1 under/ADP/prep/1 criticism/NOUN/pobj/2 when/ADV/advmod/7 "
            "it/PRON/nsubjpass/7 was/AUX/auxpass/7 revealed/VERB/advcl/1 that/SCONJ/mark/11 she/PRON/nsubj/11 "
            "had/AUX/aux/11 used/VERB/ccomp/7 it/PRON/dobj/11")
    clause = parsed(spec)
    assert subject_of(clause, cue_of(clause, "revealed"))[0] is None
    # active, it climbs as before: "… when she revealed that …" has its own subject; "she said, revealing …" climbs
    active = parsed("she/PRON/nsubj/1 said/VERB/ROOT/1 ,/PUNCT/punct/1 revealing/VERB/advcl/1 that/SCONJ/mark/6 "
                    "it/PRON/nsubj/6 failed/VERB/ccomp/3")
    assert subject_of(active, cue_of(active, "revealing"))[0].text == "she"
    # the agent of a passive cue is its speaker
    agent = parsed("it/PRON/nsubjpass/2 was/AUX/auxpass/2 revealed/VERB/ROOT/2 by/ADP/agent/2 aides/NOUN/pobj/3")
    assert subject_of(agent, cue_of(agent, "revealed"))[0].text == "aides"


def test_the_noun_phrase_between_a_quotation_and_its_cue_is_the_speaker_the_parser_missed() -> None:
    from quotegraph.pipeline.stages.speaker_choice import phrase_before_cue

    # '“…,” the 85-year-old said.': spaCy hangs "the" and "85-year-old" on "said" as modifiers
    spec = ("“/PUNCT/punct/9 Quote/X/nsubj/9 ”/PUNCT/punct/9 the/DET/det/9 85/NUM/nummod/6 -/PUNCT/punct/6 "
            "year/NOUN/npadvmod/8 -/PUNCT/punct/8 old/ADJ/amod/9 said/VERB/ROOT/9 ./PUNCT/punct/9")
    clause = parsed(spec, regions={1: 0})
    said = cue_of(clause, "said")
    after = clause.tokens[2].end
    assert [t.text for t in phrase_before_cue(clause, said, after)] == ["the", "85", "-", "year", "-", "old"]
    # anything but a noun phrase there is no speaker: '“…,” then said.', '“…,” she quickly said' has a subject
    then = parsed("“/PUNCT/punct/4 Quote/X/nsubj/4 ”/PUNCT/punct/4 then/ADV/advmod/4 said/VERB/ROOT/4", regions={1: 0})
    assert phrase_before_cue(then, cue_of(then, "said"), then.tokens[2].end) is None
    old = parsed("“/PUNCT/punct/4 Quote/X/nsubj/4 ”/PUNCT/punct/4 old/ADJ/amod/4 said/VERB/ROOT/4", regions={1: 0})
    assert phrase_before_cue(old, cue_of(old, "said"), old.tokens[2].end) is None


def test_a_hyphenated_age_is_one_word_of_the_description() -> None:
    from quotegraph.pipeline.resolvers.phrases import noun_phrase

    clause = parsed("the/DET/det/5 85/NUM/nummod/3 -/PUNCT/punct/3 year/NOUN/npadvmod/5 -/PUNCT/punct/5 "
                    "old/ADJ/amod/6 said/VERB/ROOT/6")
    # token offsets are space-separated in these hand parses: make the age one written word
    toks = clause.tokens
    pos = toks[1].start
    for t in toks[1:6]:
        t.start, t.end, pos = pos, pos + len(t.text), pos + len(t.text)
    s, e = noun_phrase(clause, toks[5])
    assert (s, e) == (toks[0].start, toks[5].end)
    # "a group of doctors in 2015": a separate time phrase is still no part of it
    sep = parsed("group/NOUN/nsubj/5 of/ADP/prep/0 doctors/NOUN/pobj/1 in/ADP/prep/0 2015/NUM/pobj/3 said/VERB/ROOT/5")
    assert noun_phrase(sep, sep.tokens[0]) == (sep.tokens[0].start, sep.tokens[2].end)


def test_a_quotation_without_a_frame_carries_the_speaker_whose_frame_came_last() -> None:
    from quotegraph.pipeline.stages.speakers import last_framed

    from parsed import PARAGRAPH, S, candidate, parsed as parsed_work

    work = parsed_work(S("Her friends mocked him , calling Trump a buffoon , Susan said ."), PARAGRAPH,
                       S(["“", "But we love him!", "”"]))
    text = work.text

    def cue(word: str):
        at = text.index(word)
        return work.mention(at, at + len(word))

    said = candidate(work, "Her friends mocked him", "Susan", type="indirect", cue=cue("said"), speaker_name="Susan")
    calling = candidate(work, "Trump a buffoon", "Her friends", type="indirect", cue=cue("calling"),
                        speaker_name="Her friends")
    quote = candidate(work, "But we love him!", carried=True)
    work.candidates = [said, calling, quote]
    assert last_framed(work, 2, calling) is said  # "Susan said" closes the sentence the reader just read
    work.candidates = [calling, quote]
    assert last_framed(work, 1, calling) is calling  # the only frame there


def test_a_quotation_reported_inside_a_report_belongs_to_the_cue_that_introduces_it() -> None:
    from quotegraph.pipeline.stages.attribution import Attribution

    from parsed import S, parsed as parsed_work

    # 'Carlineo recalled that he said, “I will put a bullet in her head,” the office said.': spaCy hangs the
    # quotation on the outer "said"; the inner "said", with nothing else to report, introduces it
    words = ["Carlineo", "recalled", "that", "he", "said", ",", "“", "I will put a bullet in her head,", "”", "the",
             "office", "said", "."]
    work = parsed_work(S(words, pos="PROPN VERB SCONJ PRON VERB PUNCT PUNCT X PUNCT DET NOUN VERB PUNCT",
                         heads=[1, 11, 4, 4, 1, 4, 7, 11, 7, 10, 11, 11, 11],
                         deps="nsubj ccomp mark nsubj ccomp punct punct dobj punct det nsubj ROOT punct"))
    clause = work.clauses[0]
    quote = clause.tokens[7]
    cue = Attribution()._frame_cue(work, clause, quote)
    assert cue is not None and cue.i == 4
    # "He said on Monday, “…”" has no cue right before the quotation: the parse decides
    work = parsed_work(S(["He", "said", "Monday", ",", "“", "We will win,", "”"], pos="PRON VERB PROPN PUNCT PUNCT X PUNCT",
                         heads=[1, 1, 1, 1, 5, 1, 5], deps="nsubj ROOT npadvmod punct punct dobj punct"))
    clause = work.clauses[0]
    assert Attribution()._frame_cue(work, clause, clause.tokens[5]).i == 1


def _colon_sentence(words: str, pos: str, heads: list[int], deps: str):
    from quotegraph.pipeline.stages.attribution import _colon_sentence_before

    from parsed import PARAGRAPH, S, parsed as parsed_work

    work = parsed_work(S(words, pos=pos, heads=heads, deps=deps), PARAGRAPH,
                       S(["“", "Hillary and I offer our condolences.", "”"], pos="PUNCT X PUNCT", heads=[1, 1, 1],
                         deps="punct ROOT punct"))
    found = _colon_sentence_before(work, 1, work.regions[0])
    if found is None:
        return None
    verb, source = found
    return verb.text if verb is not None else " ".join(t.text for t in source)


def test_a_sentence_ending_in_a_colon_frames_the_quotation_that_opens_the_next_paragraph() -> None:
    # a verb outside the lexicon, its subject the speaker (not the participle "following")
    assert _colon_sentence("President Clinton released the following statement :", "PROPN PROPN VERB DET VERB NOUN PUNCT",
                           [1, 2, 2, 5, 5, 2, 2], "compound nsubj ROOT det amod dobj punct") == "released"
    # a verbless source
    assert _colon_sentence("More from Jones :", "ADJ ADP PROPN PUNCT", [0, 0, 1, 0], "ROOT prep pobj punct") == "Jones"
    # a sentence that does not end in a colon introduces nothing
    assert _colon_sentence("President Clinton released a statement .", "PROPN PROPN VERB DET NOUN PUNCT",
                           [1, 2, 2, 4, 2, 2], "compound nsubj ROOT det dobj punct") is None
