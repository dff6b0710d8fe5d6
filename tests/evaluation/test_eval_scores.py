"""Additive counts, derived scores, type breakdown, shard sums and error records (no model)."""

from __future__ import annotations

import json

import pytest
from eval_helpers import TEXT, gold, gq, pq, pred

from quotegraph.evaluation import (
    Counts, Tally, error_records, flat_scores, format_table, metrics, report_json, score_document,
    score_predictions,
)
from quotegraph.model import Rejected

GOLD = gold(
    gq("We will win the vote.", "direct", speaker="Smith", cue="said"),
    gq("taxes would rise next year", "indirect", speaker="Jones", cue="said that"),
    gq("No,", "direct", speaker="the minister", cue="added"),
    gq(["The plan is sound.", "It will work,"], "direct", speaker="Ms Brown", cue="told reporters"),
)
PRED = pred(
    pq('"We will win the vote."', "direct", mention="Smith", name="John Smith", cue="said"),
    pq("taxes would rise", "mixed", mention="Jones", name="Jones", cue="said that"),      # 16/26 chars
    pq("No,", "direct", mention="Ms Brown", name="Anna Brown", cue="added"),           # wrong speaker
    pq("Smith said", "indirect"),                                                      # false positive
)


def test_counts_of_one_document():
    counts = score_document(GOLD, PRED)
    assert counts.documents == 1 and counts.rejected == 0
    assert counts.tallies["overlap_0.3"]["all"] == Tally(gold=4, pred=4, tp_gold=3, tp_pred=3,
                                                         speaker_ok=2, cue_ok=3, e2e_gold=2, e2e_pred=2)
    assert counts.tallies["overlap_0.8"]["all"].tp_gold == 2  # 16/26 of the indirect quote is not > 0.8
    assert counts.tallies["exact"]["all"].tp_gold == 2        # quote marks and end punctuation trimmed


def test_type_breakdown_uses_gold_type_for_recall_and_predicted_type_for_precision():
    cells = score_document(GOLD, PRED).tallies["overlap_0.3"]
    assert cells["indirect"] == Tally(gold=1, pred=1, tp_gold=1, tp_pred=0, speaker_ok=1, cue_ok=1, e2e_gold=1, e2e_pred=0)
    assert cells["mixed"] == Tally(gold=0, pred=1, tp_gold=0, tp_pred=1, speaker_ok=0, cue_ok=0, e2e_gold=0, e2e_pred=1)
    assert cells["direct"] == Tally(gold=3, pred=2, tp_gold=2, tp_pred=2, speaker_ok=1, cue_ok=2, e2e_gold=1, e2e_pred=1)


def test_metrics_from_counts():
    m = metrics(score_document(GOLD, PRED).tallies["overlap_0.3"]["all"])
    assert m["content_precision"] == pytest.approx(75.0)
    assert m["content_recall"] == pytest.approx(75.0)
    assert m["content_f1"] == pytest.approx(75.0)
    assert m["speaker_accuracy"] == pytest.approx(200 / 3)
    assert m["cue_accuracy"] == pytest.approx(100.0)
    assert m["e2e_f1"] == pytest.approx(50.0)


def test_empty_denominators_give_none_not_zero():
    m = metrics(Tally())
    assert m["content_precision"] is None and m["content_f1"] is None and m["speaker_accuracy"] is None


def test_rejected_document_counts_every_gold_quote_as_a_miss():
    result = score_predictions([GOLD], [Rejected("d1", "x.jsonl:1", "E201", "too slow")])
    total = result.counts.tallies["overlap_0.3"]["all"]
    assert (total.gold, total.pred, total.tp_gold) == (4, 0, 0)
    assert result.counts.rejected == 1 and result.rejected[0].code == "E201"


def test_missing_prediction_is_reported_as_missing():
    result = score_predictions([GOLD], [None])
    assert result.rejected[0].code == "missing" and result.counts.rejected == 1


def _docs():
    second = gold(gq("taxes would rise next year", "indirect", speaker="Jones"), id="d2")
    third = gold(id="d3")
    preds = [PRED, pred(pq("would rise next year", "indirect", name="Jones"), id="d2"),
             pred(pq("We will win the vote."), id="d3")]
    return [GOLD, second, third], preds


@pytest.mark.parametrize("split", [1, 2])
def test_shard_counts_sum_to_the_whole(split):
    golds, preds = _docs()
    whole = score_predictions(golds, preds).counts
    shards = score_predictions(golds[:split], preds[:split]).counts + score_predictions(golds[split:], preds[split:]).counts
    assert shards == whole
    assert flat_scores(shards) == flat_scores(whole)
    assert sum((score_document(g, p) for g, p in zip(golds, preds)), Counts()) == whole


def test_counts_round_trip_through_json():
    golds, preds = _docs()
    counts = score_predictions(golds, preds).counts
    assert Counts.from_dict(json.loads(json.dumps(counts.to_dict()))) == counts


def test_report_json_and_table():
    counts = score_document(GOLD, PRED)
    data = report_json(counts, gold="g.jsonl")
    assert data["scores"]["overlap_0.3"]["all"]["content_f1"] == 75.0
    assert data["flat"]["overlap_0.3.all.e2e_f1"] == 50.0
    assert data["counts"]["tallies"]["exact"]["all"]["tp_gold"] == 2
    table = format_table(counts, title="g.jsonl")
    assert "overlap>0.3" in table and "exact" in table and " 75.0 " in table


def test_error_records_name_misses_false_positives_and_speaker_errors():
    records = error_records(GOLD, PRED)
    kinds = sorted(r["kind"] for r in records)
    assert kinds == ["false_positive", "miss", "speaker_error"]
    by_kind = {r["kind"]: r for r in records}
    miss = by_kind["miss"]
    assert miss["text"] == "The plan is sound. […] It will work,"
    assert miss["spans"] == [[TEXT.index("The plan"), TEXT.index("The plan") + 18],
                             [TEXT.index("It will"), TEXT.index("It will") + 13]]
    assert miss["context_before"].endswith('the minister added.\n\n"') and len(miss["context_before"]) == 100
    assert by_kind["false_positive"]["text"] == "Smith said"
    assert by_kind["speaker_error"]["pred_speaker"]["name"] == "Anna Brown"
    assert by_kind["speaker_error"]["gold_speaker"]["text"] == "the minister"


def test_error_records_of_a_rejected_document_carry_the_reason():
    records = error_records(GOLD, Rejected("d1", "x", "E201", "too slow"))
    assert len(records) == 4 and all(r["rejected"]["code"] == "E201" for r in records)
