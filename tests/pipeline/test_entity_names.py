"""Canonical names and entity kinds (no model)."""

from __future__ import annotations

import pytest

from quotegraph.pipeline.stages.entities import clean_name, kind_of


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Jane Smith", "Jane Smith"),
        ("Mr Smith", "Smith"),
        ("Mr. Smith", "Smith"),
        ("Sir Keir Starmer", "Keir Starmer"),
        ("Sir Keir Starmer’s", "Keir Starmer"),
        ("Starmer's", "Starmer"),
        ("Jones’", "Jones"),
        ("Former President Barack Obama", "Barack Obama"),
        ("the Labour Party", "Labour Party"),
        ("  Jane \n  Smith ,", "Jane Smith"),
        ("Rebecca Long-Bailey", "Rebecca Long-Bailey"),
        ("Mr", "Mr"),  # a title alone is kept rather than emptied
        ("Ed's", "Ed"),
        ("Labour", "Labour"),
        ("Trump’s “", "Trump"),  # a quotation mark the recogniser ran into the name
        ("“Red Neck Country Club", "Red Neck Country Club"),
        ('Robert C. "Bobby', "Robert C. Bobby"),  # an unpaired mark inside
        ('Marcia "Cia" Price', 'Marcia "Cia" Price'),  # a nickname in paired marks stays
        ("‘Tip’ O’Neill", "‘Tip’ O’Neill"),
        ("’s Clinton", "Clinton"),  # "Here’s Clinton": the clitic before the name
    ],
)
def test_clean_name(text: str, expected: str) -> None:
    assert clean_name(text) == expected


@pytest.mark.parametrize(
    "label, name, expected",
    [
        ("PERSON", "Ken Loach", "person"),
        ("ORG", "Labour", "organisation"),
        ("ORG", "Socialist Campaign Group", "group"),
        ("ORG", "Labour Against the Witchhunt", "organisation"),
        ("NORP", "Conservatives", "group"),
        ("GPE", "France", "organisation"),
        ("DATE", "Monday", "unknown"),
    ],
)
def test_kind_of(label: str, name: str, expected: str) -> None:
    assert kind_of(label, name) == expected


@pytest.mark.parametrize("names", [
    ("Ken Loach", "Unite"),  # every name capitalised: only capitalised words are looked at
    ("Ken Loach", "Unite", "de Villiers"),  # one is not: every word is
])
def test_known_names_the_recogniser_missed_are_linked_outside_quotations(names) -> None:
    from pipeline_helpers import segmented

    from quotegraph.model import Mention
    from quotegraph.pipeline.stages.entities import _link_known_names
    from quotegraph.pipeline.work import Clause, Cluster

    text = ("Ken Loach spoke to Unite and de Villiers. Later Loach left; de Villiers stayed, and "
            "AUnite_ was no Unite_ word. “Loach was wrong,” said Unite.")
    work = segmented(text)
    work.clauses = [Clause(s, work.paragraph_of(s.start), []) for s in work.sentences]
    clusters = {n: Cluster(n, "person" if n != "Unite" else "organisation",
                           [Mention.of(text, text.index(n), text.index(n) + len(n))]) for n in names}
    work.clusters = list(clusters.values())
    _link_known_names(work)
    found = {n: [m.start for m in c.mentions] for n, c in clusters.items()}
    assert found["Ken Loach"] == [0, text.index("Loach left")]  # the surname alone, not inside the quotation
    assert found["Unite"] == [text.index("Unite"), text.rindex("Unite.")]  # whole words only
    if "de Villiers" in found:
        assert found["de Villiers"] == [text.index("de Villiers"), text.index("de Villiers stayed")]


def test_occurrences_of_a_name_elsewhere_are_whole_words() -> None:
    from quotegraph.pipeline.stages.entities import Occurrences

    text = "Clinton Plan for Taxes. Clintons met. Mrs. Clinton said the plan, Clinton Planners aside."
    occ = Occurrences(text)
    assert occ.elsewhere("Clinton", 0)  # "Mrs. Clinton"
    assert not occ.elsewhere("Clinton Plan", 0)  # "Clinton Planners" is no whole-word match
    assert not occ.elsewhere("Clintons", text.index("Clintons"))
    assert occ.elsewhere("Clinton", text.index("Mrs. Clinton") + 5)
    assert not Occurrences("Ana").elsewhere("Ana", 0)


@pytest.mark.parametrize("name, expected", [
    ("Botic van de Zanschulp 6-2", "Botic van de Zanschulp"),  # a tennis score
    ("Smith (3)", "Smith"),
    ("Superintendent Jennifer McCormick", "Jennifer McCormick"),
    ("Louis XIV", "Louis XIV"),
    ("John Smith 3rd", "John Smith 3rd"),
])
def test_person_name_drops_a_leading_role_and_a_trailing_score(name, expected):
    from quotegraph.pipeline.stages.entities import person_name

    assert person_name(name) == expected


def _headline_work(headline: str, body: str):
    from quotegraph.model import Article
    from quotegraph.pipeline.work import Work

    return Work.from_article(Article(id="t", text=f"{headline}\n\n{body}", date="2016-01-19"))


@pytest.mark.parametrize("headline, name, label, body, expected", [
    # the person an organisation run ends with: a known first name, then a surname written elsewhere
    ("Flint Water Response Perfectly Captures The Difference Between Hillary Clinton", "Flint Water Response Perfectly "
     "Captures The Difference Between Hillary Clinton", "ORG", "Clinton said it was slow.", ("Hillary Clinton", "PERSON")),
    # the longest leading part written elsewhere; a person's when it opens with a first name
    ("Trump Foundation Faces New Inquiry Over Gifts", "Trump Foundation Faces New Inquiry", "ORG",
     "The Trump Foundation said it would comply.", ("Trump Foundation", "ORG")),
    ("Eva Longoria Discussed Factions On Tuesday", "Eva Longoria Discussed Factions", "ORG",
     "Eva Longoria said she was proud.", ("Eva Longoria", "PERSON")),
    # else a trailing part of two words or more written elsewhere
    ("Policies Created Conditions For Rise Of Islamic State", "Policies Created Conditions For Rise Of Islamic State",
     "ORG", "Islamic State fighters fled.", ("Islamic State", "ORG")),
    # else nothing: a headline is no organisation
    ("White Supremacists Are Capitalizing On Fear", "White Supremacists Are Capitalizing", "ORG",
     "Experts said the groups were growing.", None),
    ("Conservatives Want To Put Liberals On Court", "Put Liberals On Court", "ORG", "The Court said no.", None),
    # a short organisation name stays as it is
    ("Acme Union Calls Strike Over Pay", "Acme Union", "ORG", "Workers said they would walk out.", ("Acme Union", "ORG")),
])
def test_a_headline_run_is_cut_to_the_name_the_article_writes(headline, name, label, body, expected):
    from quotegraph.pipeline.stages.entities import headline_name

    work = _headline_work(headline, body)
    start = work.text.index(name)
    got = headline_name(work, (0, len(headline)), (start, start + len(name), label))
    assert (None if got is None else (work.text[got[0]:got[1]], got[2])) == expected


@pytest.mark.parametrize("words, label, expected", [
    ("the Chicago Tribune", "FAC", "Chicago Tribune"),  # a newspaper filed as a building
    ("the Dallas Morning News", "EVENT", "Dallas Morning News"),  # ... as an event
    ("The Daily Telegraph", "WORK_OF_ART", "Daily Telegraph"),  # ... as a work
    ("the Empire State Building", "FAC", None),  # a building is no speaker
    ("the World Series", "EVENT", None),
    ("the evening news", "EVENT", None),  # lower case: no masthead
])
def test_a_newspaper_the_recogniser_filed_as_a_place_event_or_work_is_an_organisation(words, label, expected) -> None:
    from parsed import S, parsed

    from quotegraph.pipeline.stages.entities import Entities

    n = len(words.split())
    work = parsed(S(f"Crowds gathered outside {words} today .", ents=[(3, 3 + n, label)]))
    Entities()(work)
    names = [(c.name, c.kind) for c in work.clusters]
    assert names == ([] if expected is None else [(expected, "organisation")])


def test_the_surname_he_tagged_as_a_pronoun_is_part_of_the_name() -> None:
    from quotegraph.pipeline.stages.entities import Entities

    from parsed import S, parsed

    # '… He Jianxiong, the former director, said': the recogniser tags only the given name, the tagger
    # reads the surname He as a pronoun the parser makes its compound
    work = parsed(S("He Jianxiong , the former director , said .", pos="PRON PROPN PUNCT DET ADJ NOUN PUNCT VERB PUNCT",
                    heads=[1, 7, 1, 5, 5, 1, 1, 7, 7], deps="compound nsubj punct det amod appos punct ROOT punct",
                    ents=[(1, 2, "PERSON")]))
    Entities()(work)
    assert [c.name for c in work.clusters] == ["He Jianxiong"]
    # a pronoun that is no compound of the name after it stays a pronoun: "Then he, Obama, said"
    work = parsed(S("Then he , Obama , said .", pos="ADV PRON PUNCT PROPN PUNCT VERB PUNCT",
                    heads=[5, 5, 1, 1, 1, 5, 5], deps="advmod nsubj punct appos punct ROOT punct",
                    ents=[(3, 4, "PERSON")]))
    Entities()(work)
    assert [c.name for c in work.clusters] == ["Obama"]


def test_a_name_cut_at_its_particles_is_one_person_again() -> None:
    from quotegraph.pipeline.stages.entities import joined_at_particles

    text = "Ursula von der Leyen met Ursula and Leyen. Luiz Lula da Silva spoke."
    runs = [[0, 14, "PERSON"], [15, 20, "ORG"], [25, 31, "PERSON"], [36, 41, "ORG"], [43, 52, "PERSON"],
            [56, 61, "PERSON"]]
    assert joined_at_particles(text, [list(r) for r in runs]) == [
        [0, 20, "PERSON"], [25, 31, "PERSON"], [36, 41, "ORG"], [43, 61, "PERSON"]]


@pytest.mark.parametrize("text, person", [
    ("Ford said she was sure.", True),
    ("Ford wrote in a Facebook post that she was safe.", True),
    ("Ford said it would recall the cars.", False),
    ("Ford cars, she said, are safe.", False),  # no cue right after the name
    ("Ford wrote in a Facebook post. She was safe.", False),
])
def test_a_name_that_says_she_is_a_person(text, person) -> None:
    from quotegraph.pipeline.stages.entities import says_of_self

    assert says_of_self(text, 4) is person


def test_the_first_word_of_a_party_the_recogniser_left_out_is_part_of_its_name() -> None:
    from test_frames import parsed
    from quotegraph.pipeline.stages.entities import untagged_name_start

    clause = parsed("The/DET/det/2 Liberal/PROPN/amod/2 Democrats/PROPN/nsubj/3 called/VERB/ROOT/3")
    assert untagged_name_start(clause, clause.tokens[2], "NORP").text == "Liberal"
    assert untagged_name_start(clause, clause.tokens[2], "PERSON") is None  # a person's title is not a name
    clause = parsed("President/PROPN/compound/1 Trump/PROPN/nsubj/2 agreed/VERB/ROOT/2")
    assert untagged_name_start(clause, clause.tokens[1], "ORG") is None  # a title, never a name's word


def test_an_owner_and_what_is_theirs_tagged_as_one_name_are_two() -> None:
    from quotegraph.pipeline.stages.entities import split_at_possessive

    text = "Elon Musk’s Tesla said it would. Elon Musk’s Tesla cars sold."
    assert split_at_possessive(text, 0, 17, "PERSON") == [(0, 9, "PERSON"), (12, 17, "ORG")]
    assert split_at_possessive(text, 33, 50, "PERSON") == [(33, 50, "PERSON")]  # no cue after it: left alone
    office = "The U.S. Attorney's Office said no."
    assert split_at_possessive(office, 4, 25, "PERSON") == [(4, 25, "PERSON")]  # one office's name


def test_a_companys_s_is_its_name_when_a_cue_follows() -> None:
    from quotegraph.pipeline.stages.entities import owns_nothing

    text = "McDonald’s said sales rose. McDonald’s claims were false."
    assert owns_nothing(text, 0, 10)
    assert not owns_nothing(text, 28, 38)  # "claims" may be the noun owned
