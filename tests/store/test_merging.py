"""Cross-article merging rules: speaker names and statements (pure functions)."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotegraph.store.merge import QuoteRow, group_statements, normalise_text, similar
from quotegraph.store.names import Occurrence, cluster_names, looks_like_full_name, name_key, slugify, speaker_name_problem


def occ(*names: str, kind: str = "person") -> list[Occurrence]:
    return [Occurrence(n, kind, f"a{i}") for i, n in enumerate(names)]


@pytest.mark.parametrize("name,key", [
    ("Ken Loach", "ken loach"),
    ("Sir Keir Starmer", "keir starmer"),
    ("Mr. Loach", "loach"),
    ("LOACH", "loach"),
    ("Loach’s", "loach"),
    ("José Martí", "jose marti"),
    ("Dr", "dr"),  # a title alone is kept: better a name than nothing
])
def test_name_key(name, key):
    assert name_key(name) == key


def test_slugify():
    assert slugify("Ken Loach") == "ken-loach"
    assert slugify("O'Neill") == "oneill"
    assert slugify("<script>") == "script"
    assert slugify("!!!") == "speaker"


def test_surname_merges_into_unique_full_name():
    result = cluster_names(occ("Ken Loach", "Loach", "Mr Loach"))
    assert len(result.clusters) == 1
    cluster = result.clusters[0]
    assert cluster.name == "Ken Loach"
    assert cluster.members["Loach"][0] == "surname"
    assert cluster.members["Mr Loach"][0] == "surname"
    assert "only full person name" in cluster.members["Loach"][1]


def test_ambiguous_surname_is_not_merged_and_says_why():
    result = cluster_names(occ("Helen Marsh", "David Marsh", "Marsh"))
    names = {c.name for c in result.clusters}
    assert names == {"Helen Marsh", "David Marsh", "Marsh"}
    marsh = result.by_name["Marsh"]
    assert marsh.notes and marsh.notes[0][1] == "ambiguous-surname"
    assert "David Marsh" in marsh.notes[0][2] and "Helen Marsh" in marsh.notes[0][2]


def test_titles_and_case_merge_as_normalised():
    result = cluster_names(occ("Keir Starmer", "Sir Keir Starmer", "Keir Starmer"))
    assert len(result.clusters) == 1
    assert result.clusters[0].name == "Keir Starmer"  # most used form wins
    assert result.clusters[0].members["Sir Keir Starmer"][0] == "normalised"


def test_organisations_never_merge_by_surname_across_articles():
    result = cluster_names([Occurrence("Labour", "organisation", "a1"), Occurrence("Jane Labour", "person", "a2")])
    assert {c.name for c in result.clusters} == {"Labour", "Jane Labour"}


def test_surname_taken_for_an_organisation_joins_the_person_quoted_in_the_same_article():
    # issue 12: "Trump" (parsed as an organisation) beside "Donald Trump" was a second speaker
    result = cluster_names([Occurrence("Trump", "organisation", "a1", 5), Occurrence("Trump", "organisation", "a2", 3),
                            Occurrence("Donald Trump", "person", "a1", 2), Occurrence("Donald J. Trump", "person", "a3")])
    assert len(result.clusters) == 1
    trump = result.clusters[0]
    assert trump.name == "Donald Trump" and trump.kind == "person"  # surnames do not vote on the kind
    assert trump.members["Trump"][0] == "surname-in-article"
    assert trump.members["Donald J. Trump"][0] == "middle-name"


@pytest.mark.parametrize("names,merged", [
    (("Donald Trump", "Donald J. Trump", "Donald John Trump"), True),
    (("Hillary Clinton", "Hillary Rodham Clinton"), True),
    (("George W. Bush", "George H. W. Bush"), False),
    (("George Bush", "George W. Bush", "George H. W. Bush"), False),
    (("John Smith", "John Q. Smith", "John R. Smith"), False),
    (("Donald John Trump", "Donald James Trump"), False),
])
def test_middle_names_merge_only_when_they_agree(names, merged):
    result = cluster_names(occ(*names))
    assert (len(result.clusters) == 1) is merged, [c.name for c in result.clusters]


@pytest.mark.parametrize("name,rejected", [
    ("I", True), ("you", True), ("we", True), ("his", True), ("their", True), ("some", True), ("most of them", True),
    ("his father", True), ("my supporters", True), ("none of his rivals", True), ("59 percent", True),
    ("pic.twitter.com/x — Paul Ryan", True), ('datetime="2016', True), ("“", True),
    ("Ken Loach", False), ("officials", False), ("The Times", False), ("One Nation", False), ("His Holiness", False),
    ("Socialist Campaign Group", False), ("AP", False),
])
def test_pronouns_fragments_and_markup_are_no_speaker_names(name, rejected):
    assert (speaker_name_problem(name) is not None) is rejected


def test_rejected_names_make_no_entity_and_lower_case_names_no_person():
    result = cluster_names(occ("I", "we", "his father", "Ken Loach") + occ("officials", "police"))
    assert {c.name for c in result.clusters} == {"Ken Loach", "officials", "police"}
    assert result.by_name["officials"].kind == "group"
    assert result.by_name["police"].kind == "unknown"


def test_alias_file_overrides_automatic_merging():
    aliases = [("Marsh", "David Marsh", "Q1"), ("David Marsh", "David Marsh", "Q1")]
    result = cluster_names(occ("Helen Marsh", "David Marsh", "Marsh"), aliases)
    assert result.by_name["Marsh"].name == "David Marsh"
    assert result.by_name["Marsh"].external_id == "Q1"
    assert result.by_name["Marsh"].members["Marsh"][0] == "alias"
    # an alias entry that keeps a name apart stops the surname rule
    apart = cluster_names(occ("Ken Loach", "Loach"), [("Loach", "Loach", None)])
    assert {c.name for c in apart.clusters} == {"Ken Loach", "Loach"}


def test_resolve_subject_names():
    result = cluster_names(occ("Ken Loach", "Keir Starmer"))
    assert result.resolve("Loach").name == "Ken Loach"
    assert result.resolve("Sir Keir Starmer").name == "Keir Starmer"
    assert result.resolve("Nobody") is None


def test_clustering_does_not_depend_on_input_order():
    names = ["Ken Loach", "Loach", "Helen Marsh", "David Marsh", "Marsh", "Sir Keir Starmer", "Keir Starmer"]
    baseline = None
    for perm in itertools.islice(itertools.permutations(names), 0, 5000, 97):
        result = cluster_names(occ(*perm))
        shape = sorted((c.slug, c.name, tuple(sorted(c.members))) for c in result.clusters)
        baseline = baseline or shape
        assert shape == baseline


def test_same_key_is_one_entity_and_slug_collisions_get_suffixes():
    same = cluster_names([Occurrence("Labour", "organisation", "a"), Occurrence("labour!", "organisation", "b")])
    assert [c.slug for c in same.clusters] == ["labour"]
    # different keys ("o'neill", "oneill") that slugify alike
    result = cluster_names(occ("Mary O'Neill", "Mary ONeill"))
    assert sorted(c.slug for c in result.clusters) == ["mary-oneill", "mary-oneill-2"]


# -- statements ---------------------------------------------------------------

def row(article: str, ordinal: int, text: str, slug: str | None = "ken-loach", date: str = "2021-08-16") -> QuoteRow:
    return QuoteRow(article, ordinal, date, text, "direct", slug, None)


def test_normalise_text():
    assert normalise_text("“We are many,” they are few. SOLIDARITY!") == "we are many they are few solidarity"


@pytest.mark.parametrize("a,b,rule", [
    ("we are many they are few", "we are many they are few", "near-identical"),
    ("ken is an outstanding socialist and a fierce opponent", "ken is an outstanding socialist and fierce opponent",
     "near-identical"),
    ("we are many they are few solidarity", "well i am proud we are many they are few solidarity and more words here",
     "contained"),
    ("solidarity", "we are many they are few solidarity", None),  # too short to count as the same statement
    ("the party will win", "nobody here is asking for special treatment", None),
])
def test_similar(a, b, rule):
    assert similar(frozenset(a.split()), frozenset(b.split())) == rule


def test_same_statement_across_articles_is_one_with_many_sources():
    quotes = [
        row("a", 0, "We are many, they are few. Solidarity."),
        row("b", 0, "We are many — they are few. Solidarity!", date="2021-08-21"),
        row("c", 0, "We are many, they are few. Solidarity.", slug="someone-else", date="2021-08-22"),
        row("d", 0, "A different statement entirely", date="2021-08-23"),
    ]
    groups = group_statements(quotes)
    assert len(groups) == 3
    first = groups[0]
    assert [(q.article_id, rule) for q, rule in first.members] == [("a", "first"), ("b", "identical")]


def test_unattributed_quotes_never_merge():
    groups = group_statements([row("a", 0, "Same words here", slug=None), row("b", 0, "Same words here", slug=None)])
    assert len(groups) == 2 and groups[0].id != groups[1].id


def test_statement_ids_are_stable_and_order_independent():
    quotes = [row(f"a{i}", 0, f"statement number {i % 3} with words", date=f"2021-08-{10 + i}") for i in range(6)]
    ids = [sorted(g.id for g in group_statements(quotes))]
    shuffled = quotes[:]
    random.Random(1).shuffle(shuffled)
    # the caller sorts by (date, article, ordinal) before grouping; mimic that
    ids.append(sorted(g.id for g in group_statements(sorted(shuffled, key=lambda q: (q.date, q.article_id)))))
    assert ids[0] == ids[1]
    assert len(ids[0]) == 3


def brute_force(quotes: list[QuoteRow]) -> list[list[tuple[str, int]]]:
    """Reference grouping: compare each quote with every earlier statement of its speaker."""
    groups: list[tuple[str | None, str, frozenset[str], list[tuple[str, int]]]] = []
    for q in quotes:
        norm = normalise_text(q.text)
        tokens = frozenset(norm.split())
        target = None
        if q.slug is not None:
            target = next((g for g in groups if g[0] == q.slug and g[1] == norm), None)
            if target is None:
                target = next((g for g in groups if g[0] == q.slug and similar(tokens, g[2])), None)
        if target is None:
            target = (q.slug, norm, tokens, [])
            groups.append(target)
        target[3].append((q.article_id, q.ordinal))
    return [g[3] for g in groups]


WORDS = st.sampled_from("we are many they few solidarity party will win vote now never the a of".split())


@settings(max_examples=150)
@given(st.lists(st.tuples(st.sampled_from(["ann", "bo", None]), st.lists(WORDS, min_size=1, max_size=12)),
                min_size=1, max_size=40))
def test_candidate_index_finds_what_brute_force_finds(items):
    quotes = [row(f"a{i:03d}", 0, " ".join(words), slug=slug) for i, (slug, words) in enumerate(items)]
    assert [[(q.article_id, q.ordinal) for q, _ in g.members] for g in group_statements(quotes)] == brute_force(quotes)


def test_an_ambiguous_surname_is_resolved_in_each_article_where_one_full_name_is_quoted():
    # issue 12: "Clinton" beside "Hillary Clinton" in one article and "Bill Clinton" in another
    occurrences = [Occurrence("Hillary Clinton", "person", "a1"), Occurrence("Clinton", "person", "a1"),
                   Occurrence("Bill Clinton", "person", "a2"), Occurrence("Clinton", "person", "a2"),
                   Occurrence("Clinton", "person", "a3"),  # neither quoted: stays the ambiguous "Clinton"
                   Occurrence("Hillary Clinton", "person", "a4"), Occurrence("Bill Clinton", "person", "a4"),
                   Occurrence("Clinton", "person", "a4")]  # both quoted: ambiguous there too
    result = cluster_names(occurrences)
    assert result.for_quote("Clinton", "a1").name == "Hillary Clinton"
    assert result.for_quote("Clinton", "a2").name == "Bill Clinton"
    assert result.for_quote("Clinton", "a3").name == "Clinton"
    assert result.for_quote("Clinton", "a4").name == "Clinton"
    hillary = result.by_name["Hillary Clinton"]
    assert ("Clinton", "surname-in-article") in {(n, r) for n, r, _ in hillary.notes}
    assert result.override_names(hillary) == {"Clinton"}


@pytest.mark.parametrize("name,full", [
    ("Barack Obama", True), ("Charles de Gaulle", True), ("Donald J. Trump", True), ("Obama", False),
    ("top adviser for President Obama", False), ("Barack Obama and Hillary Clinton", False),
])
def test_only_full_names_take_part_in_the_surname_rules(name, full):
    assert looks_like_full_name(name) is full


def test_a_description_ending_in_a_surname_does_not_make_it_ambiguous():
    result = cluster_names(occ("Barack Obama", "top adviser for President Obama", "Obama"))
    assert result.by_name["Obama"].name == "Barack Obama"
