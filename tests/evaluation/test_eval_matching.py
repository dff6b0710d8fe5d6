"""Matching criteria, one-to-one matching, speaker/cue/name rules (hand-built, no model)."""

from __future__ import annotations

import pytest
from eval_helpers import TEXT, gold, gq, pq, pred, span

from quotegraph.evaluation import CRITERIA, match, names_match
from quotegraph.evaluation.matching import (
    criterion_score, cue_correct, gold_items, merge_spans, pred_items, speaker_correct, trim_spans,
)
from quotegraph.model import Span


@pytest.mark.parametrize("spans, expected", [
    ([Span(5, 10), Span(0, 3)], (Span(0, 3), Span(5, 10))),
    ([Span(0, 5), Span(3, 8)], (Span(0, 8),)),
    ([Span(0, 5), Span(5, 8)], (Span(0, 8),)),
    ([Span(4, 4), Span(0, 2)], (Span(0, 2),)),
    ([], ()),
])
def test_merge_spans(spans, expected):
    assert merge_spans(spans) == expected


@pytest.mark.parametrize("text, expected", [
    ('"We will win."', "We will win"),
    ("  ‘Yes’, ", "Yes"),
    ("“Stop…”", "Stop"),
    ("plain words", "plain words"),
    ('"."', ""),
])
def test_trim_spans(text, expected):
    (trimmed,) = trim_spans(text, [Span(0, len(text))]) or (Span(0, 0),)
    assert trimmed.slice(text) == expected


def _score(criterion, g_content, p_content):
    (g,) = gold_items(gold(gq(g_content)))
    (p,) = pred_items(pred(pq(p_content)))
    return criterion_score(criterion, g, p)


@pytest.mark.parametrize("criterion, g_content, p_content, matched", [
    # The gold content is 20 characters; 6 shared = 0.3 exactly (not > 0.3), 7 shared is.
    ("overlap_0.3", "We will win the vote", "We wil", False),
    ("overlap_0.3", "We will win the vote", "We will", True),
    ("overlap_0.8", "We will win the vote", "We will win the v", True),
    ("overlap_0.8", "We will win the vote", "We will win the", False),
    # The prediction may run long: overlap is measured against the gold length only.
    ("overlap_0.8", "We will win the vote", 'said "We will win the vote." Jones', True),
    ("exact", "We will win the vote", '"We will win the vote."', True),
    ("exact", '"We will win the vote."', "We will win the vote", True),
    ("exact", "We will win the vote", "We will win the vot", False),
    ("exact", "We will win the vote", 'said "We will win the vote."', False),
])
def test_criteria(criterion, g_content, p_content, matched):
    assert (_score(criterion, g_content, p_content) > CRITERIA[criterion]) is matched


def test_multi_span_quote_uses_union_of_characters():
    parts = ["The plan is sound.", "It will work,"]
    (g,) = gold_items(gold(gq(parts)))
    (first_only,) = pred_items(pred(pq(parts[0])))
    (both,) = pred_items(pred(pq(['"The plan is sound.', "It will work"])))
    assert criterion_score("overlap_0.3", g, first_only) == pytest.approx(18 / 31)
    assert criterion_score("overlap_0.8", g, first_only) < 0.8
    assert criterion_score("exact", g, both) == 1.0
    assert criterion_score("exact", g, first_only) == 0.0


def test_one_prediction_covering_two_gold_quotes_matches_only_one():
    g = gold_items(gold(gq("We will win the vote."), gq("taxes would rise next year", "indirect")))
    p = pred_items(pred(pq('We will win the vote." Jones said that taxes would rise next year')))
    assert match(g, p, "overlap_0.3") == [(0, 0)]


def test_two_predictions_for_one_gold_quote_leave_one_unmatched():
    g = gold_items(gold(gq("We will win the vote.")))
    p = pred_items(pred(pq("We will"), pq("win the vote.")))
    # Both clear 0.3 (7/21 and 13/21 of the gold); the better one is taken, the other is left over.
    assert match(g, p, "overlap_0.3") == [(0, 1)]
    assert match(g, p, "overlap_0.8") == []


def test_gold_in_text_order_takes_its_best_free_prediction():
    # Gold A takes the long prediction (its best) although gold B would score higher with it;
    # B then takes what is left if that clears the threshold.
    g = gold_items(gold(gq("Smith said"), gq("We will win the vote.")))
    long_pred, short_pred = pq('Smith said "We will win the vote.'), pq("We will")
    p = pred_items(pred(long_pred, short_pred))
    assert match(g, p, "overlap_0.3") == [(0, 0), (1, 1)]
    assert match(g, p, "overlap_0.8") == [(0, 0)]


def _pair(g_speaker=None, p_mention=None, p_name=None, g_name=None):
    (g,) = gold_items(gold(gq("We will win the vote.", speaker=g_speaker)))
    (p,) = pred_items(pred(pq("We will win the vote.", mention=p_mention, name=p_name)))
    if g_name:
        from dataclasses import replace
        g = replace(g, speaker_name=g_name)
    return g, p


@pytest.mark.parametrize("g_speaker, p_mention, p_name, expected", [
    ("Smith", "Smith", "John Smith", True),          # mentions overlap
    ("Smith", "Smi", None, True),                    # one shared character is enough
    ("Smith", None, "John Smith", True),             # name matches the gold phrase
    ("Smith", "Jones", "Jones", False),
    ("Smith", None, None, False),                    # gold has a speaker, prediction none
    (None, None, None, True),                        # both without speaker
    (None, "Smith", "Smith", False),
    ("the minister", "Ms Brown", "Brown", False),
])
def test_speaker_correct(g_speaker, p_mention, p_name, expected):
    assert speaker_correct(*_pair(g_speaker, p_mention, p_name)) is expected


def test_speaker_correct_uses_gold_canonical_name_when_given():
    g, p = _pair("the minister", None, "Anna Brown", g_name="Anna Brown")
    assert speaker_correct(g, p)


@pytest.mark.parametrize("gold_text, name, expected", [
    ("Retired Lt. Gen. Michael Flynn", "Michael Flynn", True),
    ("Flynn", "Michael Flynn", True),
    ("flynn", "Michael Flynn", True),
    ("Flynn, a top Trump surrogate,", "Michael Flynn", True),
    ("Flynn, a top Trump surrogate,", "Donald Trump", False),
    ("Trump campaign manager Kellyanne Conway", "Donald Trump", False),
    ("Donald Trump's campaign manager, Kellyanne Conway", "Kellyanne Conway", True),
    ("The New York Post", "New York Post", True),
    ("The Post", "New York Post", True),
    ("Hillary Clinton's campaign", "Hillary Clinton", False),
    ("Sen. Tim Kaine (D-Va.)", "Tim Kaine", True),
    ("he", "he", False),
    ("Michael Flynn", "", False),
    ("Mike Pence", "Michael Flynn", False),
])
def test_names_match(gold_text, name, expected):
    assert names_match(gold_text, name) is expected


@pytest.mark.parametrize("g_cue, p_cue, expected", [
    ("said that", "said that", True),
    ("Jones said", "said that", True),
    ("told reporters", "told", True),
    ("said that", "added", False),
    ("said that", None, False),
    (None, None, True),
    (None, "said that", False),
])
def test_cue_correct(g_cue, p_cue, expected):
    (g,) = gold_items(gold(gq("taxes would rise next year", "indirect", cue=g_cue)))
    (p,) = pred_items(pred(pq("taxes would rise next year", "indirect", cue=p_cue)))
    assert cue_correct(g, p) is expected


def test_helpers_slice_what_they_name():
    assert span("Ms Brown").slice(TEXT) == "Ms Brown"
    assert span('"', nth=1).slice(TEXT) == '"'
