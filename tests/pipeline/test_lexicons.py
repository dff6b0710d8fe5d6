"""The lexicon data files and their loaders (no model)."""

from __future__ import annotations

from importlib import resources

import pytest

from quotegraph.pipeline.lexicons import any_channel, channels, cues, lemma, lemma_lookup, noun_cues

CUE_CLASSES = {"speech", "write", "think", "evidence", "object"}


def _lemmas_in_file(name: str) -> list[str]:
    text = resources.files("quotegraph.pipeline.lexicons").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t")[0] for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_cues_have_a_known_class_and_a_weight_in_range() -> None:
    table = cues()
    assert len(table) > 50
    for word, (cls, weight) in table.items():
        assert word == word.lower().strip() and word, word
        assert cls in CUE_CLASSES, (word, cls)
        assert 0.0 < weight <= 1.0, (word, weight)


@pytest.mark.parametrize("word, cls", [("say", "speech"), ("insist", "speech"), ("tweet", "write"),
                                       ("urge", "object"), ("call", "object"), ("understand", "think")])
def test_core_cues_are_present(word: str, cls: str) -> None:
    assert cues()[word][0] == cls


def test_noun_cues_have_weights_in_range() -> None:
    table = noun_cues()
    assert {"claim", "ground", "statement"} <= set(table)
    assert all(0.0 < w <= 1.0 for w in table.values())


@pytest.mark.parametrize("name", ["cues.tsv", "noun_cues.tsv"])  # cues.tsv once listed 'contend' twice
def test_lexicon_files_list_each_lemma_once(name: str) -> None:
    lemmas = _lemmas_in_file(name)
    assert sorted({w for w in lemmas if lemmas.count(w) > 1}) == []


def test_every_lexicon_row_has_the_right_number_of_fields() -> None:
    for name, width in (("cues.tsv", 6), ("noun_cues.tsv", 3), ("channels.tsv", 2)):
        text = resources.files("quotegraph.pipeline.lexicons").joinpath(name).read_text(encoding="utf-8")
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip() and not line.startswith("#"):
                assert len(line.split("\t")) == width, f"{name}:{n}: {line!r}"


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("he tweeted", "twitter"),
        ("in a series of tweets", "twitter"),
        ("on Twitter", "twitter"),
        ("in a statement", "statement"),
        ("in a joint statement", "statement"),
        ("a press release", "statement"),
        ("told a news conference", "press conference"),
        ("in an interview", "interview"),
        ("an open letter", "letter"),
        ("at a rally", "speech"),
        ("said in a Facebook post", "facebook"),
    ],
)
def test_channel_patterns(phrase: str, expected: str) -> None:
    hits = [channel for pattern, channel in channels() if pattern.search(phrase)]
    assert hits[:1] == [expected]


@pytest.mark.parametrize("phrase", ["Xavier said", "the statementary", "retweetable", "the texts"])
def test_channel_patterns_match_whole_words_only(phrase: str) -> None:
    assert [c for p, c in channels() if p.search(phrase)] == []


@pytest.mark.parametrize("phrase", ["said in a Facebook post", "told a news conference", "IN AN INTERVIEW", "at a rally",
                                    "Xavier said", "the statementary", "retweetable", "the texts", "", "he said it"])
def test_any_channel_matches_exactly_where_some_channel_pattern_does(phrase: str) -> None:
    # issue 15: channel_words skips the patterns one by one when this finds nothing
    some = any(p.search(phrase) for p, _ in channels())
    assert (any_channel().search(phrase) is not None) == some


def test_any_channel_finds_a_channel_word_inside_a_range_only() -> None:
    text = "Xavier said it in an interview on Monday."
    start = text.index("interview")
    assert any_channel().search(text, 0, start) is None  # "in an" alone names no channel
    assert any_channel().search(text, 0, len(text)) is not None


@pytest.mark.parametrize("word", ["said", "says", "told", "claims", "tweeted", "xavier", "the"])
def test_lemma_lookup_is_lemma(word: str) -> None:
    assert lemma_lookup()(word, word) == lemma(word)


@pytest.mark.parametrize(
    "word, expected",
    [
        ("said", "say"), ("says", "say"), ("told", "tell"), ("insisted", "insist"), ("urging", "urge"),
        ("urged", "urge"), ("claims", "claim"), ("called", "call"), ("grounds", "ground"), ("tweeted", "tweet"),
        ("denies", "deny"), ("denied", "deny"), ("according", "accord"), ("understood", "understand"),
        ("statements", "statement"), ("writes", "write"), ("wrote", "write"),
        ("banana", "banana"),  # unknown words are their own lemma
    ],
)
def test_lemma(word: str, expected: str) -> None:
    assert lemma(word) == expected


@pytest.mark.parametrize("word, pos, expected", [
    ("warning", "VERB", "warn"), ("warning", "NOUN", "warning"), ("warning", None, "warning"),
    ("talking", "VERB", "talk"), ("finding", "VERB", "find"), ("finding", "NOUN", "finding"),
    ("said", "VERB", "say"), ("banana", "VERB", "banana"),
])
def test_a_form_tagged_as_a_verb_takes_the_verbs_lemma(word: str, pos: str | None, expected: str) -> None:
    assert lemma(word, pos) == expected


@pytest.mark.parametrize("word, expected", [
    ("quipped", "quip"), ("assailed", "assail"), ("ruled", "rule"), ("begged", "beg"), ("pleaded", "plead"),
    ("testified", "testify"), ("sought", "seek"), ("referred", "refer"), ("admitted", "admit"),
    ("allegations", "allegation"), ("tests", "test"), ("was", "be"), ("'s", "be"),
])
def test_cue_forms_come_from_the_inflection_tables(word: str, expected: str) -> None:
    assert lemma(word) == expected


def test_every_cue_has_kinds_from_the_known_set() -> None:
    from quotegraph.pipeline.lexicons import KINDS, cue_kinds, noun_cue_kinds

    assert set(cue_kinds()) == set(cues())
    for word, (clause_kind, object_kind, infinitive_kind) in cue_kinds().items():
        assert clause_kind in KINDS and infinitive_kind in KINDS, word
        assert object_kind is None or object_kind in KINDS, word
    assert set(noun_cue_kinds().values()) <= set(KINDS)


@pytest.mark.parametrize("word, kinds", [
    ("say", ("speech", None, "intention")), ("write", ("writing", None, "intention")),
    ("believe", ("belief", "belief", "belief")), ("see", ("perception", "perception", "belief")),
    ("agree", ("speech", None, "intention")), ("promise", ("speech", "speech", "speech")),
    ("post", ("writing", None, "intention")), ("urge", ("speech", None, "speech")),
    ("support", ("speech", "belief", "intention")), ("deny", ("speech", "speech", "intention")),
])
def test_cue_kinds(word: str, kinds: tuple) -> None:
    from quotegraph.pipeline.lexicons import cue_kinds

    assert cue_kinds()[word] == kinds
