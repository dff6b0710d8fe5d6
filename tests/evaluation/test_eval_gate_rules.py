"""Baseline rules: floors only rise, lowering needs a flag and a reason, fingerprints are checked."""

from __future__ import annotations

import json

import pytest

from quotegraph.errors import EvaluationError
from quotegraph.evaluation.gate import (
    GATED_METRICS, check_gate, gate_failures, load_baseline, sha256_file, update_baseline,
)

F1 = "overlap_0.3.all.content_f1"
E2E = "overlap_0.3.all.e2e_f1"


@pytest.fixture
def corpus(tmp_path):
    path = tmp_path / "dev.jsonl"
    path.write_text('{"id": "a", "text": "x", "quotes": []}\n', encoding="utf-8")
    return path


def _scores(value: float, **overrides: float) -> dict[str, float]:
    return {**{m: value for m in GATED_METRICS}, **overrides}


def _pin(path, corpus, scores, **kw):
    return update_baseline(path, corpus, scores, documents=1, today="2026-01-01", **kw)


def test_initial_pin_sets_floors_half_a_point_below_the_scores(tmp_path, corpus):
    path = tmp_path / "baseline.json"
    _pin(path, corpus, _scores(70.0, **{F1: 72.37}))
    data = load_baseline(path)
    assert data["floors"][F1] == 71.8 and data["floors"][E2E] == 69.5
    assert data["sha256"] == sha256_file(corpus) and data["measured"][F1] == 72.37
    assert data["history"][0]["reason"] == "initial pin"
    assert set(data["floors"]) == set(GATED_METRICS)


def test_a_better_score_raises_floors_and_a_slightly_lower_passing_one_keeps_them(tmp_path, corpus):
    path = tmp_path / "baseline.json"
    _pin(path, corpus, _scores(70.0))
    changes = _pin(path, corpus, _scores(69.8, **{F1: 75.0}))
    assert changes == {F1: [69.5, 74.5]}
    assert load_baseline(path)["floors"][E2E] == 69.5  # 69.8 passes 69.5: the floor stays
    assert [h["changes"] for h in load_baseline(path)["history"]][-1] == {F1: [69.5, 74.5]}


def test_lowering_a_floor_is_refused_without_the_flag(tmp_path, corpus):
    path = tmp_path / "baseline.json"
    _pin(path, corpus, _scores(70.0))
    before = path.read_text()
    with pytest.raises(EvaluationError) as info:
        _pin(path, corpus, _scores(70.0, **{E2E: 60.0}))
    assert info.value.code == "E404" and E2E in str(info.value) and "69.5 -> 59.5" in str(info.value)
    with pytest.raises(EvaluationError, match="without --reason"):
        _pin(path, corpus, _scores(70.0, **{E2E: 60.0}), allow_lower=True)
    assert path.read_text() == before


def test_lowering_with_flag_and_reason_is_recorded(tmp_path, corpus):
    path = tmp_path / "baseline.json"
    _pin(path, corpus, _scores(70.0))
    _pin(path, corpus, _scores(70.0, **{E2E: 60.0}), allow_lower=True, reason="speaker rules rewritten")
    data = load_baseline(path)
    assert data["floors"][E2E] == 59.5
    assert data["history"][-1]["reason"] == "speaker rules rewritten"
    assert data["history"][-1]["lowered"] == [E2E]
    assert f'"lowered": ["{E2E}"]' in path.read_text()  # short lists stay on one line for readable diffs


def test_gate_names_metric_floor_and_score(tmp_path, corpus):
    path = tmp_path / "baseline.json"
    _pin(path, corpus, _scores(70.0))
    baseline = load_baseline(path)
    assert gate_failures(baseline, _scores(69.5)) == []
    (failure,) = gate_failures(baseline, _scores(70.0, **{F1: 61.234}))
    assert failure == f"{F1}: score 61.23 is below the floor 69.5"
    with pytest.raises(EvaluationError) as info:
        check_gate(path, corpus, _scores(70.0, **{F1: 61.234}))
    assert info.value.code == "E401" and "below the floor 69.5" in str(info.value)


def test_missing_score_fails_the_gate(tmp_path, corpus):
    path = tmp_path / "baseline.json"
    _pin(path, corpus, _scores(70.0))
    scores = _scores(70.0)
    scores[F1] = None
    assert gate_failures(load_baseline(path), scores) == [f"{F1}: floor 69.5, but no score was measured"]


def test_changed_corpus_is_a_fingerprint_error(tmp_path, corpus):
    path = tmp_path / "baseline.json"
    _pin(path, corpus, _scores(70.0))
    corpus.write_text('{"id": "b", "text": "y", "quotes": []}\n', encoding="utf-8")
    for call in (lambda: check_gate(path, corpus, _scores(70.0)), lambda: _pin(path, corpus, _scores(80.0))):
        with pytest.raises(EvaluationError) as info:
            call()
        assert info.value.code == "E402" and str(corpus) in str(info.value)


def test_invalid_baseline_file(tmp_path):
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"sha256": "abc"}), encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"E405.*'floors' missing"):
        load_baseline(path)


def test_a_corpus_section_is_pinned_beside_the_main_floors_and_checked_on_its_files(tmp_path, corpus):
    from quotegraph.evaluation.gate import REALNEWS_GATED_METRICS

    path = tmp_path / "baseline.json"
    _pin(path, corpus, _scores(70.0))
    files = [tmp_path / "g.json", tmp_path / "p.html"]
    for f in files:
        f.write_text(f.name, encoding="utf-8")
    scores = {m: 80.0 for m in REALNEWS_GATED_METRICS}
    changes = _pin(path, tmp_path, scores, section="realnews/html", files=files)
    assert set(changes) == set(REALNEWS_GATED_METRICS)
    assert load_baseline(path)["floors"][F1] == 69.5  # the main floors are kept
    section = load_baseline(path, "realnews/html")
    assert section["floors"]["e2e_recall"] == 79.5 and section["corpus"] == "realnews/html"
    check_gate(path, tmp_path, scores, section="realnews/html", files=files)
    # re-pinning the main corpus keeps the section
    _pin(path, corpus, _scores(71.0))
    assert load_baseline(path, "realnews/html")["floors"]["e2e_recall"] == 79.5
    with pytest.raises(EvaluationError) as info:
        check_gate(path, tmp_path, {**scores, "e2e_recall": 70.0}, section="realnews/html", files=files)
    assert info.value.code == "E401" and "e2e_recall" in str(info.value)
    files[1].write_text("changed", encoding="utf-8")
    with pytest.raises(EvaluationError) as info:
        check_gate(path, tmp_path, scores, section="realnews/html", files=files)
    assert info.value.code == "E402"
    with pytest.raises(EvaluationError) as info:
        load_baseline(path, "realnews/text")
    assert info.value.code == "E405"
