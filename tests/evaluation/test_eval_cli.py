"""``quotegraph eval --pred`` in-process with CliRunner on hand-made files (fast, no model)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from eval_helpers import TEXT, gold, gq, pq, pred

from quotegraph.cli import main

GOLD = gold(
    gq("We will win the vote.", "direct", speaker="Smith", cue="said"),
    gq("taxes would rise next year", "indirect", speaker="Jones", cue="said that"),
    gq(["The plan is sound.", "It will work,"], "direct", speaker="Ms Brown", cue="told reporters"),
)
PRED = pred(
    pq("We will win the vote.", "direct", mention="Smith", name="John Smith", cue="said"),
    pq("taxes would rise next year", "indirect", mention="Ms Brown", name="Anna Brown", cue="said that"),
    pq("Smith said", "indirect"),
)


def _gold_record(doc, doc_id):
    quotes = []
    for i, q in enumerate(doc.quotes):
        for j, s in enumerate(q.spans):
            quotes.append({"start": s.start, "end": s.end, "text": s.slice(TEXT), "type": q.type,
                           "speaker": {**q.speaker.to_dict(), "text": q.speaker_text} if q.speaker else None,
                           "speaker_name": None, "cue": {**q.cue.to_dict(), "text": q.cue.slice(TEXT)} if q.cue else None,
                           "meta": {"attribution_id": f"E{i}", "segment": j, "attribution_type": q.type}})
    return {"id": doc_id, "date": "2016-09-08", "text": TEXT, "quotes": quotes}


@pytest.fixture
def files(tmp_path):
    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold_path.write_text("".join(json.dumps(_gold_record(GOLD, i)) + "\n" for i in ("a", "b")), encoding="utf-8")
    docs = []
    for i in ("a", "b"):
        doc = PRED.to_dict()
        doc["id"] = i
        docs.append(json.dumps(doc))
    pred_path.write_text("\n".join(docs) + "\n", encoding="utf-8")
    return gold_path, pred_path


def _run(*args):
    return CliRunner().invoke(main, ["eval", *map(str, args)], catch_exceptions=False)


def test_eval_json_report(files, tmp_path):
    gold_path, pred_path = files
    errors = tmp_path / "errors.jsonl"
    result = _run(gold_path, "--pred", pred_path, "--format", "json", "--errors", errors)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    all03 = data["counts"]["tallies"]["overlap_0.3"]["all"]
    assert (all03["gold"], all03["pred"], all03["tp_gold"], all03["speaker_ok"]) == (6, 6, 4, 2)
    assert data["scores"]["overlap_0.3"]["all"]["content_f1"] == pytest.approx(66.67)
    assert data["scores"]["overlap_0.3"]["all"]["e2e_f1"] == pytest.approx(33.33)
    records = [json.loads(line) for line in errors.read_text().splitlines()]
    assert sorted({r["kind"] for r in records}) == ["false_positive", "miss", "speaker_error"]
    assert len(records) == 6 and {r["doc"] for r in records} == {"a", "b"}


def test_errors_under_the_exact_criterion(files, tmp_path):
    gold_path, pred_path = files
    errors = tmp_path / "errors.jsonl"
    assert _run(gold_path, "--pred", pred_path, "--errors", errors, "--errors-criterion", "exact").exit_code == 0
    records = [json.loads(line) for line in errors.read_text().splitlines()]
    assert {r["criterion"] for r in records} == {"exact"}
    assert sum(r["kind"] == "miss" for r in records) == 2  # the multi-span quote, in each document


def test_eval_table_report(files):
    gold_path, pred_path = files
    result = _run(gold_path, "--pred", pred_path, "--limit", "1")
    assert result.exit_code == 0, result.output
    assert "gold.jsonl: 1 documents, 3 gold quotations, 3 predicted" in result.stdout
    assert "overlap>0.8" in result.stdout and "mixed" in result.stdout


def test_prediction_with_other_text_is_rejected_not_scored(files):
    gold_path, pred_path = files
    lines = pred_path.read_text().splitlines()
    changed = json.loads(lines[1])
    changed["text"] = changed["text"].replace("Smith", "Smyth")
    pred_path.write_text(lines[0] + "\n" + json.dumps(changed) + "\n", encoding="utf-8")
    result = _run(gold_path, "--pred", pred_path, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [r["code"] for r in data["rejected"]] == ["E403"]
    assert data["counts"]["tallies"]["overlap_0.3"]["all"]["gold"] == 6
    assert "1 document(s) rejected or missing" in result.stderr


def test_missing_gold_file_is_a_coded_error(tmp_path):
    result = _run(tmp_path / "nope.jsonl", "--pred", tmp_path / "nope.jsonl")
    assert result.exit_code == 1
    assert "[E400]" in result.output and "nope.jsonl" in result.output


def test_update_baseline_then_gate(files, tmp_path):
    gold_path, pred_path = files
    baseline = tmp_path / "baseline.json"
    result = _run(gold_path, "--pred", pred_path, "--update-baseline", "--baseline", baseline)
    assert result.exit_code == 0, result.output
    floors = json.loads(baseline.read_text())["floors"]
    assert floors["overlap_0.3.all.content_f1"] == 66.1
    assert _run(gold_path, "--pred", pred_path, "--gate", "--baseline", baseline).exit_code == 0
    # A worse prediction file fails the gate, naming the metric, the floor and the score.
    worse = tmp_path / "worse.jsonl"
    worse.write_text(pred_path.read_text().splitlines()[0] + "\n", encoding="utf-8")
    failed = _run(gold_path, "--pred", worse, "--gate", "--baseline", baseline)
    assert failed.exit_code == 1
    assert "[E401]" in failed.output and "overlap_0.3.all.content_recall: score 33.33 is below the floor" in failed.output
    refused = _run(gold_path, "--pred", worse, "--update-baseline", "--baseline", baseline)
    assert refused.exit_code == 1 and "[E404]" in refused.output
    allowed = _run(gold_path, "--pred", worse, "--update-baseline", "--baseline", baseline,
                   "--allow-lower", "--reason", "half the predictions dropped")
    assert allowed.exit_code == 0
    assert json.loads(baseline.read_text())["history"][-1]["reason"] == "half the predictions dropped"


@pytest.mark.parametrize("args, message", [
    (["--update-baseline", "--limit", "1"], "need the whole corpus"),
    (["--gate", "--limit", "1"], "need the whole corpus"),
    (["--allow-lower"], "only applies with --update-baseline"),
])
def test_option_misuse(files, args, message):
    gold_path, pred_path = files
    result = _run(gold_path, "--pred", pred_path, *args)
    assert result.exit_code == 2 and message in result.output
