"""Speaker resolution on hand-parsed sentences (no model): one test per pattern of issue 9's "Why" list."""

from __future__ import annotations

import pytest

from quotegraph.model import Quotation, Speaker
from quotegraph.pipeline.resolvers import RESOLVERS
from quotegraph.pipeline.resolvers.lexicon import first_name_gender, gender_of_word, person_noun, title
from quotegraph.pipeline.stages.entities import Entities
from quotegraph.pipeline.stages.mentions import Mentions
from quotegraph.pipeline.stages.speakers import Speakers

from parsed import PARAGRAPH, S, candidate, parsed


def run(work, *cands):
    """Entities, then speakers (and mentions) over hand-made statements; the statements back."""
    Entities()(work)
    work.candidates = list(cands)
    Speakers()(work)
    Mentions()(work)
    return cands


# --- pronouns ---------------------------------------------------------------------------------------------

def _lawyer_article(lawyer_first: str):
    return parsed(
        S("Congresswoman Jane Roe spoke .", pos="PROPN PROPN PROPN VERB PUNCT", heads=[2, 2, 3, 3, 3],
          deps="compound compound nsubj ROOT punct", ents=[(1, 3, "PERSON")]),
        PARAGRAPH,
        S(["“", "We will appeal at once ,", "”", "said", "lawyer", lawyer_first, "Weber", "."],
          pos="PUNCT X PUNCT VERB NOUN PROPN PROPN PUNCT", heads=[3, 3, 3, 3, 6, 6, 3, 3],
          deps="punct ccomp punct ROOT compound compound nsubj punct", ents=[(5, 7, "PERSON")]),
        PARAGRAPH,
        S(["“", "It is over for now ,", "”", "she", "said", "in", "an", "email", "."],
          pos="PUNCT X PUNCT PRON VERB ADP DET NOUN PUNCT", heads=[4, 4, 4, 4, 4, 4, 7, 5, 4],
          deps="punct ccomp punct nsubj ROOT prep det pobj punct"),
    )


def test_she_after_a_lawyers_quote_is_the_lawyer_not_the_congresswoman():
    work = _lawyer_article("Ann")
    first, second = run(work, candidate(work, "We will appeal at once ,", "lawyer Ann Weber", head="Weber"),
                        candidate(work, "It is over for now ,", "she"))
    assert (first.speaker_name, first.speaker_rule) == ("Ann Weber", "entity")
    assert (second.speaker_name, second.speaker_rule) == ("Ann Weber", "pronoun")


def test_she_never_reaches_past_a_paragraph_that_brought_in_a_new_speaker():
    work = _lawyer_article("Alan")  # a man's first name: "she" cannot be him
    _, second = run(work, candidate(work, "We will appeal at once ,", "lawyer Alan Weber", head="Weber"),
                    candidate(work, "It is over for now ,", "she"))
    assert second.speaker_name == "" and second.speaker_rule == "pronoun_unresolved"


def test_he_is_the_speaker_of_the_last_statement_not_the_last_name():
    work = parsed(
        S("Gordon Sondland testified that Joe Biden knew .", pos="PROPN PROPN VERB SCONJ PROPN PROPN VERB PUNCT",
          heads=[1, 2, 2, 6, 5, 6, 2, 2], deps="compound nsubj ROOT mark compound nsubj ccomp punct",
          ents=[(0, 2, "PERSON"), (4, 6, "PERSON")]),
        PARAGRAPH,
        S(["“", "I now do recall it well ,", "”", "he", "said", "."], pos="PUNCT X PUNCT PRON VERB PUNCT",
          heads=[4, 4, 4, 4, 4, 4], deps="punct ccomp punct nsubj ROOT punct"),
    )
    _, quote = run(work, candidate(work, "Joe Biden knew", "Gordon Sondland", head="Sondland", type="indirect"),
                   candidate(work, "I now do recall it well ,", "he"))
    assert quote.speaker_name == "Gordon Sondland"


def test_he_is_the_subject_of_the_latest_sentence():
    work = parsed(
        S("Zach Parise scored once .", pos="PROPN PROPN VERB ADV PUNCT", heads=[1, 2, 2, 2, 2],
          deps="compound nsubj ROOT advmod punct", ents=[(0, 2, "PERSON")]),
        S("Defenseman Ryan Suter smiled .", pos="NOUN PROPN PROPN VERB PUNCT", heads=[2, 2, 3, 3, 3],
          deps="compound compound nsubj ROOT punct", ents=[(1, 3, "PERSON")]),
        PARAGRAPH,
        S(["“", "He is used to scoring goals ,", "”", "he", "said", "."], pos="PUNCT X PUNCT PRON VERB PUNCT",
          heads=[4, 4, 4, 4, 4, 4], deps="punct ccomp punct nsubj ROOT punct"),
    )
    (quote,) = run(work, candidate(work, "He is used to scoring goals ,", "he"))
    assert quote.speaker_name == "Ryan Suter"


def test_he_links_in_the_mentions_and_agrees_in_gender():
    work = parsed(
        S("Mrs. Lee met Tom Hart .", pos="PROPN PROPN VERB PROPN PROPN PUNCT", heads=[1, 2, 2, 4, 2, 2],
          deps="compound nsubj ROOT compound dobj punct", ents=[(1, 2, "PERSON"), (3, 5, "PERSON")]),
        S("He left .", pos="PRON VERB PUNCT", heads=[1, 1, 1], deps="nsubj ROOT punct"),
    )
    run(work)
    hart = next(c for c in work.clusters if c.name == "Tom Hart")
    assert "He" in [m.text for m in hart.mentions]


def _surname_article(first: S):
    return parsed(
        first,
        S(["“", "I love cats ,", "”", "he", "said", "."], pos="PUNCT X PUNCT PRON VERB PUNCT",
          heads=[4, 4, 4, 4, 4, 4], deps="punct ccomp punct nsubj ROOT punct"),
    )


def test_he_with_no_other_antecedent_is_a_lone_surname_the_recogniser_called_an_organisation():
    # "Burton explained from a podium. “I love cats,” he said." (the small model tags lone surnames ORG)
    work = _surname_article(S("Burton explained from a podium .", pos="PROPN VERB ADP DET NOUN PUNCT",
                              heads=[1, 1, 1, 4, 2, 1], deps="nsubj ROOT prep det pobj punct", ents=[(0, 1, "ORG")]))
    (quote,) = run(work, candidate(work, "I love cats ,", "he"))
    assert (quote.speaker_name, quote.speaker_rule, quote.speaker_kind) == ("Burton", "pronoun", "person")


def test_he_prefers_a_person_to_a_lone_name_filed_as_an_organisation():
    work = _surname_article(S("Congress questioned Tom Hart .", pos="PROPN VERB PROPN PROPN PUNCT",
                              heads=[1, 1, 3, 1, 1], deps="nsubj ROOT compound dobj punct",
                              ents=[(0, 1, "ORG"), (2, 4, "PERSON")]))
    (quote,) = run(work, candidate(work, "I love cats ,", "he"))
    assert quote.speaker_name == "Tom Hart"
    # an acronym or a word for an organisation is never a surname
    for name in ("NATO", "Committee"):
        work = _surname_article(S(f"{name} explained it .", pos="PROPN VERB PRON PUNCT", heads=[1, 1, 1, 1],
                                  deps="nsubj ROOT dobj punct", ents=[(0, 1, "ORG")]))
        (quote,) = run(work, candidate(work, "I love cats ,", "he"))
        assert quote.speaker_rule == "pronoun_unresolved", name


# --- descriptions -----------------------------------------------------------------------------------------

def _one_paragraph_then(second: S, *first: S):
    return parsed(*first, PARAGRAPH, second)


def test_the_governor_is_the_governor_the_article_names():
    work = _one_paragraph_then(
        S("The governor said he would wait .", pos="DET NOUN VERB PRON AUX VERB PUNCT", heads=[1, 2, 2, 5, 5, 2, 2],
          deps="det nsubj ROOT nsubj aux ccomp punct"),
        S("Gov. Eric Holcomb signed a bill .", pos="PROPN PROPN PROPN VERB DET NOUN PUNCT",
          heads=[2, 2, 3, 3, 5, 3, 3], deps="compound compound nsubj ROOT det dobj punct", ents=[(1, 3, "PERSON")]),
    )
    (q,) = run(work, candidate(work, "he would wait", "The governor", head="governor", type="indirect"))
    assert (q.speaker_name, q.speaker_rule) == ("Eric Holcomb", "role")


def test_the_doctor_with_no_doctor_in_the_article_is_the_doctor():
    work = _one_paragraph_then(
        S("The doctor said she recovered .", pos="DET NOUN VERB PRON VERB PUNCT", heads=[1, 2, 2, 4, 2, 2],
          deps="det nsubj ROOT nsubj ccomp punct"),
        S("Jane Roe was treated .", pos="PROPN PROPN AUX VERB PUNCT", heads=[1, 3, 3, 3, 3],
          deps="compound nsubjpass auxpass ROOT punct", ents=[(0, 2, "PERSON")]),
    )
    (q,) = run(work, candidate(work, "she recovered", "The doctor", head="doctor", type="indirect"))
    assert (q.speaker_name, q.speaker_kind, q.speaker_rule) == ("doctor", "person", "description")


def test_the_56_year_old_is_the_person_introduced_as_56():
    work = _one_paragraph_then(
        S("The 56-year-old said it ended .", pos="DET NOUN VERB PRON VERB PUNCT", heads=[1, 2, 2, 4, 2, 2],
          deps="det nsubj ROOT nsubj ccomp punct"),
        S("Ken Adams , 56 , met Bob Brown , 40 .", pos="PROPN PROPN PUNCT NUM PUNCT VERB PROPN PROPN PUNCT NUM PUNCT",
          heads=[1, 5, 1, 1, 1, 5, 7, 5, 7, 7, 5], deps="compound nsubj punct appos punct ROOT compound dobj punct appos punct",
          ents=[(0, 2, "PERSON"), (6, 8, "PERSON")]),
    )
    (q,) = run(work, candidate(work, "it ended", "The 56-year-old", head="56-year-old", type="indirect"))
    assert (q.speaker_name, q.speaker_rule) == ("Ken Adams", "age")


def test_an_age_nobody_has_is_the_description():
    work = _one_paragraph_then(
        S("The 33-year-old said it ended .", pos="DET NOUN VERB PRON VERB PUNCT", heads=[1, 2, 2, 4, 2, 2],
          deps="det nsubj ROOT nsubj ccomp punct"),
        S("Ken Adams , 56 , left .", pos="PROPN PROPN PUNCT NUM PUNCT VERB PUNCT", heads=[1, 5, 1, 1, 1, 5, 5],
          deps="compound nsubj punct appos punct ROOT punct", ents=[(0, 2, "PERSON")]),
    )
    (q,) = run(work, candidate(work, "it ended", "The 33-year-old", head="33-year-old", type="indirect"))
    assert q.speaker_name == "33-year-old" and q.speaker_rule == "description"


# --- titles and appositions keep the person ----------------------------------------------------------------

def test_official_keeps_the_person_and_records_the_organisation():
    work = parsed(S("State Department official Jane Holt said it was false .",
                    pos="PROPN PROPN NOUN PROPN PROPN VERB PRON AUX ADJ PUNCT", heads=[1, 2, 4, 4, 5, 5, 7, 5, 7, 5],
                    deps="compound compound compound compound nsubj ROOT nsubj ccomp acomp punct",
                    ents=[(0, 2, "ORG"), (3, 5, "PERSON")]))
    (q,) = run(work, candidate(work, "it was false", "State Department official Jane Holt", head="Holt",
                               type="indirect"))
    assert (q.speaker_name, q.speaker_kind, q.speaker_affiliation) == ("Jane Holt", "person", "State Department")


@pytest.mark.parametrize("words, pos, heads, deps, ents, phrase, head, expected", [
    ("A California transit chief said fares rise .", "DET PROPN NOUN NOUN VERB NOUN VERB PUNCT",
     [3, 3, 3, 4, 4, 6, 4, 4], "det compound compound nsubj ROOT nsubj ccomp punct", [(1, 2, "GPE")],
     "A California transit chief", "chief", "California transit chief"),
    ("Hong Kong police said protesters threw bricks .", "PROPN PROPN NOUN VERB NOUN VERB NOUN PUNCT",
     [1, 2, 3, 3, 5, 3, 5, 3], "compound compound nsubj ROOT nsubj ccomp dobj punct", [(0, 2, "GPE")],
     "Hong Kong police", "police", "Hong Kong police"),
    ("Morrison 's lawyer said he would appeal .", "PROPN PART NOUN VERB PRON AUX VERB PUNCT",
     [2, 0, 3, 3, 6, 6, 3, 3], "poss case nsubj ROOT nsubj aux ccomp punct", [(0, 1, "PERSON")],
     "Morrison's lawyer", "lawyer", "Morrison's lawyer"),
])
def test_a_description_is_not_its_modifier_or_owner(words, pos, heads, deps, ents, phrase, head, expected):
    work = parsed(S(words, pos=pos, heads=heads, deps=deps, ents=ents))
    content = work.text[work.text.index(" said ") + 6:-2]
    (q,) = run(work, candidate(work, content, phrase, head=head, type="indirect"))
    assert q.speaker_name == expected and q.speaker_rule == "description"


def test_a_person_of_an_organisation_is_the_person():
    work = parsed(S("Rosa Diaz of NASA 's Jet Propulsion Laboratory said the probe landed .",
                    pos="PROPN PROPN ADP PROPN PART PROPN PROPN PROPN VERB DET NOUN VERB PUNCT",
                    heads=[1, 8, 1, 7, 3, 7, 7, 2, 8, 10, 11, 8, 8],
                    deps="compound nsubj prep poss case compound compound pobj ROOT det nsubj ccomp punct",
                    ents=[(0, 2, "PERSON"), (3, 4, "ORG"), (5, 8, "ORG")]))
    (q,) = run(work, candidate(work, "the probe landed", "Rosa Diaz of NASA's Jet Propulsion Laboratory",
                               head="Diaz", type="indirect"))
    assert (q.speaker_name, q.speaker_kind) == ("Rosa Diaz", "person")
    assert q.speaker_affiliation in ("NASA", "Jet Propulsion Laboratory")


def test_the_chancellor_apposition_is_the_named_person():
    work = parsed(S("The chancellor , Rachel Brown , said taxes rise .",
                    pos="DET NOUN PUNCT PROPN PROPN PUNCT VERB NOUN VERB PUNCT", heads=[1, 6, 1, 4, 1, 1, 6, 8, 6, 6],
                    deps="det nsubj punct compound appos punct ROOT nsubj ccomp punct", ents=[(3, 5, "PERSON")]))
    (q,) = run(work, candidate(work, "taxes rise", "The chancellor", head="chancellor", type="indirect"))
    assert (q.speaker_name, q.speaker_rule) == ("Rachel Brown", "apposition")


# --- names --------------------------------------------------------------------------------------------------

def test_a_bare_surname_is_the_articles_full_name():
    work = parsed(
        S("Jane Holt arrived .", pos="PROPN PROPN VERB PUNCT", heads=[1, 2, 2, 2], deps="compound nsubj ROOT punct",
          ents=[(0, 2, "PERSON")]),
        PARAGRAPH,
        S("Holt said it was fine .", pos="PROPN VERB PRON AUX ADJ PUNCT", heads=[1, 1, 3, 1, 3, 1],
          deps="nsubj ROOT nsubj ccomp acomp punct"),  # the recogniser missed this "Holt"
    )
    (q,) = run(work, candidate(work, "it was fine", "Holt", type="indirect"))
    assert (q.speaker_name, q.speaker_kind) == ("Jane Holt", "person")


def test_a_titled_name_is_a_person_whatever_the_recogniser_said():
    work = parsed(S("President Trump said it was fine .", pos="PROPN PROPN VERB PRON AUX ADJ PUNCT",
                    heads=[1, 2, 2, 4, 2, 4, 2], deps="compound nsubj ROOT nsubj ccomp acomp punct",
                    ents=[(1, 2, "ORG")]))
    (q,) = run(work, candidate(work, "it was fine", "President Trump", head="Trump", type="indirect"))
    assert (q.speaker_name, q.speaker_kind) == ("Trump", "person")


@pytest.mark.parametrize("sentence, pos, phrase", [
    ("BUFFALO , N.Y. ( AP ) — The team won .", "PROPN PUNCT PROPN PUNCT PROPN PUNCT PUNCT DET NOUN VERB PUNCT",
     "BUFFALO"),
    ("HANOI — The team won .", "PROPN PUNCT DET NOUN VERB PUNCT", "HANOI"),
    ("Chinese officials said the team won .", "ADJ NOUN VERB DET NOUN VERB PUNCT", "Chinese"),
    ("Which said the team won .", "PRON VERB DET NOUN VERB PUNCT", "Which"),
    ("You said the team won .", "PRON VERB DET NOUN VERB PUNCT", "You"),
    ("His said the team won .", "PRON VERB DET NOUN VERB PUNCT", "His"),
    ("Whose presidency said the team won .", "PRON NOUN VERB DET NOUN VERB PUNCT", "Whose presidency"),
    ('datetime="2016-06 said the team won .', "NOUN VERB DET NOUN VERB PUNCT", 'datetime="2016-06'),
])
def test_datelines_adjectives_and_function_words_are_never_names(sentence, pos, phrase):
    work = parsed(S(sentence, pos=pos))
    (q,) = run(work, candidate(work, "The team won" if "The team" in sentence else "the team won", phrase,
                               type="indirect"))
    assert q.speaker_name == "" and q.speaker_rule in ("not_a_name", "pronoun_unresolved")
    assert all(c.name != phrase for c in work.clusters)


# --- the order, the record, the lexicons ------------------------------------------------------------------

def test_resolvers_are_one_ordered_list_of_named_functions():
    names = [r.__name__ for r in RESOLVERS]
    assert len(names) == len(set(names))
    assert names.index("pronoun") < names.index("named_entity") < names.index("description")
    assert all(r.__doc__ for r in RESOLVERS)


def test_no_resolver_creates_an_entity():
    work = parsed(S("Zed Quill said it was fine .", pos="PROPN PROPN VERB PRON AUX ADJ PUNCT",
                    heads=[1, 2, 2, 4, 2, 4, 2], deps="compound nsubj ROOT nsubj ccomp acomp punct"))
    Entities()(work)
    from quotegraph.pipeline.resolvers import Context, Query

    ctx = Context(work)
    cand = candidate(work, "it was fine", "Zed Quill", head="Quill")
    hit = ctx.token_at(cand.speaker_head)
    for r in RESOLVERS:
        r(ctx, Query(0, cand.speaker_mention, hit[1], hit[0]))
    assert work.clusters == []


def test_speaker_rule_and_affiliation_round_trip():
    q = Quotation(type="direct", spans=[], text="", speaker=Speaker("Jane Holt", "person", None, "title", "NASA"))
    data = q.to_dict()
    assert data["speaker"]["rule"] == "title" and data["speaker"]["affiliation"] == "NASA"
    assert Quotation.from_dict(data).speaker == q.speaker
    assert Speaker.from_dict({"name": "X"}).rule is None  # schema 1 documents without the field still load


@pytest.mark.parametrize("word, expected", [("Ann", "f"), ("Alan", "m"), ("Jeff", "m"), ("Michelle", "f"),
                                            ("Robin", None), ("Zabihullah", None)])
def test_first_name_gender(word, expected):
    assert first_name_gender(word) == expected


def test_titles_and_person_nouns():
    assert title("Mrs.") == ("f", None) and title("Gov.") == (None, "governor") and title("Sen") == (None, "senator")
    assert person_noun("lawyers") and person_noun("56-year-old") and not person_noun("police")
    assert gender_of_word("congresswoman") == "f" and gender_of_word("spokesmen") == "m"


# --- spokespeople, appositions set off by commas, phrases that swallowed a quote ---------------------------

def test_a_spokesperson_speaks_for_the_organisation_and_he_follows():
    work = parsed(
        S("A spokesman for the Acme Workers Union said talks failed .",
          pos="DET NOUN ADP DET PROPN PROPN PROPN VERB NOUN VERB PUNCT", heads=[1, 7, 1, 6, 6, 6, 2, 7, 9, 7, 7],
          deps="det nsubj prep det compound compound pobj ROOT nsubj ccomp punct", ents=[(3, 7, "ORG")]),
        PARAGRAPH,
        S(["“", "We will be back next week ,", "”", "he", "said", "."], pos="PUNCT X PUNCT PRON VERB PUNCT",
          heads=[4, 4, 4, 4, 4, 4], deps="punct ccomp punct nsubj ROOT punct"),
    )
    first, second = run(work, candidate(work, "talks failed", "A spokesman for the Acme Workers Union", head="spokesman",
                                        type="indirect"),
                        candidate(work, "We will be back next week ,", "he"))
    assert (first.speaker_name, first.speaker_rule) == ("Acme Workers Union", "spokesperson")
    assert (second.speaker_name, second.speaker_rule) == ("Acme Workers Union", "pronoun")


def test_a_spokesperson_for_an_organisation_the_recogniser_missed():
    work = parsed(S("A spokeswoman for the Acme Employers Association said talks failed .",
                    pos="DET NOUN ADP DET PROPN PROPN PROPN VERB NOUN VERB PUNCT",
                    heads=[1, 7, 1, 6, 6, 6, 2, 7, 9, 7, 7],
                    deps="det nsubj prep det compound compound pobj ROOT nsubj ccomp punct"))
    (q,) = run(work, candidate(work, "talks failed", "A spokeswoman for the Acme", head="spokeswoman", type="indirect"))
    assert (q.speaker_name, q.speaker_kind) == ("Acme Employers Association", "organisation")


def test_a_name_then_its_role_after_a_comma_is_the_person():
    # "“…,” Mayer, Disney’s chairman, said": the phrase swallowed the quote, and its head is the role noun
    work = parsed(S(["“", "We had some issues at launch ,", "”", "Kevin", "Mayer", ",", "Disney", "’s", "chairman", ",",
                     "said", "."],
                    pos="PUNCT X PUNCT PROPN PROPN PUNCT PROPN PART NOUN PUNCT VERB PUNCT",
                    heads=[10, 10, 10, 4, 8, 4, 8, 6, 10, 8, 10, 10],
                    deps="punct ccomp punct compound nmod punct poss case nsubj punct ROOT punct",
                    ents=[(3, 5, "PERSON"), (6, 7, "ORG")]))
    phrase = work.text[work.text.index("at launch"):work.text.index(" chairman") + 9]
    (q,) = run(work, candidate(work, "We had some issues at launch ,", phrase, head="chairman"))
    assert (q.speaker_name, q.speaker_rule) == ("Kevin Mayer", "apposition")


def test_an_apposition_through_a_common_noun():
    work = parsed(S("Another diplomat , former envoy Kurt Volker , said talks failed .",
                    pos="DET NOUN PUNCT ADJ NOUN PROPN PROPN PUNCT VERB NOUN VERB PUNCT",
                    heads=[1, 8, 1, 4, 1, 6, 4, 1, 8, 10, 8, 8],
                    deps="det nsubj punct amod appos compound compound punct ROOT nsubj ccomp punct",
                    ents=[(5, 7, "PERSON")]))
    (q,) = run(work, candidate(work, "talks failed", "Another diplomat", head="diplomat", type="indirect"))
    assert q.speaker_name == "Kurt Volker"


def test_a_quotation_in_apposition_names_no_one():
    # the parser hangs the quotation on the noun as a proper-noun apposition
    work = parsed(S(["The", "critic", ",", "“", "a narcissistic psychopath", "”", ",", "said", "talks", "failed", "."],
                    pos="DET NOUN PUNCT PUNCT PROPN PUNCT PUNCT VERB NOUN VERB PUNCT",
                    heads=[1, 7, 1, 4, 1, 4, 1, 7, 9, 7, 7],
                    deps="det nsubj punct punct appos punct punct ROOT nsubj ccomp punct"))
    assert work.clauses[0].tokens[4].region is not None
    (q,) = run(work, candidate(work, "talks failed", "The critic", head="critic", type="indirect"))
    assert q.speaker_name == "critic"


@pytest.mark.parametrize("text, cut", [
    ("we will not back down,” Cruz", "Cruz"),
    ("we will not back down,’ Cruz", "Cruz"),
    ("Disney’s chairman", "Disney’s chairman"),
    ("the Joneses’ lawyer", "the Joneses’ lawyer"),
])
def test_a_speaker_phrase_names_only_what_follows_a_quote(text, cut):
    from quotegraph.pipeline.resolvers.phrases import after_last_quote_mark

    assert text[after_last_quote_mark(text):] == cut


# --- what the recogniser gets wrong -------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, pos, ents, name", [
    ("Eswar Prasad , a trade professor , spoke .", "PROPN PROPN PUNCT DET NOUN NOUN PUNCT VERB PUNCT", [(0, 2, "ORG")],
     "Eswar Prasad"),
    ("Montell Figgins , who represents him , spoke .", "PROPN PROPN PUNCT PRON VERB PRON PUNCT VERB PUNCT",
     [(0, 2, "ORG")], "Montell Figgins"),
    ("The lawyer Montell Figgins spoke .", "DET NOUN PROPN PROPN VERB PUNCT", [(2, 4, "ORG")], "Montell Figgins"),
    ("Superintendent Jennifer McCormick spoke .", "PROPN PROPN PROPN VERB PUNCT", [(0, 3, "PERSON")],
     "Jennifer McCormick"),
    ("Former envoy to Ukraine Kurt Volker spoke .", "ADJ NOUN ADP PROPN PROPN PROPN VERB PUNCT", [(3, 6, "ORG")],
     "Kurt Volker"),
])
def test_people_the_recogniser_called_something_else(sentence, pos, ents, name):
    work = parsed(S(sentence, pos=pos, ents=ents))
    Entities()(work)
    assert [(c.name, c.kind) for c in work.clusters if c.kind == "person"] == [(name, "person")]


def test_an_office_is_no_person():
    work = parsed(S("The U.S. Attorney 's Office spoke .", pos="DET PROPN PROPN PART PROPN VERB PUNCT",
                    ents=[(1, 5, "PERSON")]))
    Entities()(work)
    assert [c.kind for c in work.clusters] == ["organisation"]


def test_a_dateline_is_no_entity_and_a_surname_with_a_suffix_joins_its_person():
    work = parsed(
        S("LONDON — Patrick W. Carlineo Jr. , 55 , pleaded guilty .",
          pos="PROPN PUNCT PROPN PROPN PROPN PROPN PUNCT NUM PUNCT VERB ADJ PUNCT",
          ents=[(0, 1, "GPE"), (2, 6, "PERSON")]),
        S("Carlineo left .", pos="PROPN VERB PUNCT", ents=[(0, 1, "ORG")]),
    )
    Entities()(work)
    assert [(c.name, c.kind, len(c.mentions)) for c in work.clusters] == [("Patrick W. Carlineo Jr", "person", 2)]


def test_a_label_line_is_no_name():
    work = parsed(S("UPDATED : the team won .", pos="PROPN PUNCT DET NOUN VERB PUNCT"))
    (q,) = run(work, candidate(work, "the team won", "UPDATED", type="indirect"))
    assert q.speaker_name == "" and q.speaker_rule == "not_a_name"


def test_the_85_year_old_with_no_ages_given_is_the_person_named_most():
    work = parsed(
        S("Ken Loach was expelled .", pos="PROPN PROPN AUX VERB PUNCT", heads=[1, 3, 3, 3, 3],
          deps="compound nsubjpass auxpass ROOT punct", ents=[(0, 2, "PERSON")]),
        PARAGRAPH,
        S("Loach met Bob Smith .", pos="PROPN VERB PROPN PROPN PUNCT", heads=[1, 1, 3, 1, 1],
          deps="nsubj ROOT compound dobj punct", ents=[(0, 1, "PERSON"), (2, 4, "PERSON")]),
        PARAGRAPH,
        S("The 85-year-old said he was ejected .", pos="DET NOUN VERB PRON AUX VERB PUNCT",
          heads=[1, 2, 2, 5, 5, 2, 2], deps="det nsubj ROOT nsubjpass auxpass ccomp punct"),
    )
    (q,) = run(work, candidate(work, "he was ejected", "The 85-year-old", head="85-year-old", type="indirect"))
    assert (q.speaker_name, q.speaker_rule) == ("Ken Loach", "age")


def test_it_said_after_a_statement_is_its_author_with_the_channel():
    work = parsed(
        S("In a statement , the Acme Group called for calm .", pos="ADP DET NOUN PUNCT DET PROPN PROPN VERB ADP NOUN PUNCT",
          heads=[7, 2, 0, 7, 6, 6, 7, 7, 7, 8, 7], deps="prep det pobj punct det compound nsubj ROOT prep pobj punct",
          ents=[(5, 7, "ORG")]),
        PARAGRAPH,
        S(["It", "said", ":", "“", "We ask everyone to stay home .", "”"], pos="PRON VERB PUNCT PUNCT X PUNCT",
          heads=[1, 1, 1, 1, 1, 1], deps="nsubj ROOT punct punct ccomp punct"),
    )
    first = candidate(work, "calm", "the Acme Group", head="Group", type="indirect", channel="statement")
    _, second = run(work, first, candidate(work, "We ask everyone to stay home .", "It"))
    assert (second.speaker_name, second.speaker_rule, second.channel) == ("Acme Group", "statement_author", "statement")


def test_they_is_a_group_or_organisation_never_a_person():
    work = parsed(
        S("Jane Roe met the Acme Union .", pos="PROPN PROPN VERB DET PROPN PROPN PUNCT", heads=[1, 2, 2, 5, 5, 2, 2],
          deps="compound nsubj ROOT det compound dobj punct", ents=[(0, 2, "PERSON"), (4, 6, "ORG")]),
        PARAGRAPH,
        S(["“", "We will strike next week ,", "”", "they", "said", "."], pos="PUNCT X PUNCT PRON VERB PUNCT",
          heads=[4, 4, 4, 4, 4, 4], deps="punct ccomp punct nsubj ROOT punct"),
    )
    (q,) = run(work, candidate(work, "We will strike next week ,", "they"))
    assert q.speaker_name == "Acme Union"


def test_the_readme_names_every_rule():
    import re
    from pathlib import Path

    import quotegraph.pipeline.resolvers as pkg
    from source_tree import README

    src = "".join(p.read_text(encoding="utf-8") for p in Path(pkg.__file__).parent.glob("*.py"))
    src += (Path(pkg.__file__).parents[1] / "stages" / "speakers.py").read_text(encoding="utf-8")
    rules = set(re.findall(r'(?:Resolution|_entity|_name)\("(\w+)"', src)) | {"previous_statement"}
    # the speaker's `rule` row of the contract table (generated from the docstring of ``Speaker.rule``)
    row = next(line for line in README.read_text(encoding="utf-8").splitlines() if line.startswith("| `rule` | speaker |"))
    assert rules and all(f"`{r}`" in row for r in rules), sorted(r for r in rules if f"`{r}`" not in row)


def test_a_name_used_as_a_modifier_is_no_antecedent():
    work = parsed(
        S("Talks with the Acme Union and Chinese officials ended .",
          pos="NOUN ADP DET PROPN PROPN CCONJ ADJ NOUN VERB PUNCT", heads=[8, 0, 4, 4, 1, 4, 7, 4, 8, 8],
          deps="nsubj prep det compound pobj cc amod conj ROOT punct", ents=[(3, 5, "ORG"), (6, 7, "NORP")]),
        PARAGRAPH,
        S(["“", "We will strike next week ,", "”", "they", "said", "."], pos="PUNCT X PUNCT PRON VERB PUNCT",
          heads=[4, 4, 4, 4, 4, 4], deps="punct ccomp punct nsubj ROOT punct"),
    )
    (q,) = run(work, candidate(work, "We will strike next week ,", "they"))
    assert q.speaker_name == "Acme Union"


def test_a_group_before_a_title_in_an_unparsed_sentence_is_no_antecedent():
    # the sentence has no parse: "Republican" is read as a modifier by the title after it
    work = parsed(
        S("Republican Gov. Eric Holcomb and the Acme Union avoided criticism .",
          pos="ADJ PROPN PROPN PROPN CCONJ DET PROPN PROPN VERB NOUN PUNCT",
          ents=[(0, 1, "NORP"), (2, 4, "PERSON"), (6, 8, "ORG")]),
        PARAGRAPH,
        S(["“", "We will strike next week ,", "”", "they", "said", "."], pos="PUNCT X PUNCT PRON VERB PUNCT",
          heads=[4, 4, 4, 4, 4, 4], deps="punct ccomp punct nsubj ROOT punct"),
    )
    (q,) = run(work, candidate(work, "We will strike next week ,", "they"))
    assert q.speaker_name == "Acme Union"


def _scandal_then(second: S):
    return parsed(
        S("In the Acme Bank scandal , customers paid fees .", pos="ADP DET PROPN PROPN NOUN PUNCT NOUN VERB NOUN PUNCT",
          heads=[7, 4, 3, 4, 0, 7, 7, 7, 7, 7], deps="prep det compound compound pobj punct nsubj ROOT dobj punct",
          ents=[(2, 4, "ORG")]),
        PARAGRAPH, second)


def test_an_organisation_named_as_a_modifier_is_what_a_description_means_not_a_pronoun():
    quote = ["“", "We regret it ,", "”"]
    work = _scandal_then(S(quote + ["the", "bank", "said", "."], pos="PUNCT X PUNCT DET NOUN VERB PUNCT",
                           heads=[5, 5, 5, 4, 5, 5, 5], deps="punct ccomp punct det nsubj ROOT punct"))
    (q,) = run(work, candidate(work, "We regret it ,", "the bank", head="bank"))
    assert q.speaker_name == "Acme Bank"  # "the bank" after "the Acme Bank scandal"
    work = _scandal_then(S(quote + ["they", "said", "."], pos="PUNCT X PUNCT PRON VERB PUNCT",
                           heads=[4, 4, 4, 4, 4, 4], deps="punct ccomp punct nsubj ROOT punct"))
    (q,) = run(work, candidate(work, "We regret it ,", "they"))
    assert not q.speaker_name  # the customers, not the bank the scandal is named after


@pytest.mark.parametrize("text, name, expected", [
    ("Republican Gov. Eric Holcomb spoke.", "Republican", True),
    ("Labour Sen. Roe spoke.", "Labour", True),
    ("the GOP-dominated Legislature met.", "GOP", True),
    ("Russia-backed rebels fired.", "Russia", True),
    ("Republican leaders met.", "Republican", False),  # a lowercase noun: for the parse to say
    ("the Acme Union said.", "Acme Union", False),
    ("Acme-Wells merged.", "Acme", False),
])
def test_a_mention_read_by_its_words_modifies_a_title_or_a_hyphenated_adjective(text, name, expected):
    from quotegraph.pipeline.resolvers.context import modifies_what_follows

    assert modifies_what_follows(text, text.index(name) + len(name)) is expected


def test_the_readme_names_every_attribution_rule():
    """Every rule a statement can carry (``cue:<form>`` and the quote-first rules) is in the README's
    `rule` row for quotes, which the record definition generates."""
    import re
    from pathlib import Path

    import quotegraph.pipeline.stages as pkg
    from quotegraph.pipeline.stages.frames import FORMS
    from source_tree import README

    src = "".join(p.read_text(encoding="utf-8") for p in Path(pkg.__file__).parent.glob("*.py"))
    rules = {f"cue:{form}" for form in FORMS} | set(re.findall(r'"((?:cue|quote):[a-z-]+)"', src))
    rules |= set(re.findall(r'rule="(\w+)"', src)) - {"quote"}  # the quote-first pass's placeholder, always replaced
    row = next(line for line in README.read_text(encoding="utf-8").splitlines() if line.startswith("| `rule` | quote |"))
    assert len(rules) > 15 and all(f"`{r}`" in row for r in rules), sorted(r for r in rules if f"`{r}`" not in row)
