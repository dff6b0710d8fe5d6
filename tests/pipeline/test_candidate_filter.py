"""The candidate filter: features, the stage's keep rule, training and the shipped parameters (issue 11).

The first tests build candidates by hand (no model). The corpus tests retrain
on a small slice of the train split, write the parameter file and check the
pipeline reads what was written; the slow one retrains on the whole split and
must reproduce the shipped dev scores within noise.
"""

from __future__ import annotations

import json
from importlib import resources

import pytest

from quotegraph.model import Article, Mention, Span
from quotegraph.pipeline.stages.candidate_filter import CandidateFilter, FilterModel, candidate_features
from quotegraph.pipeline.work import Candidate, Work


def _work(text: str, cands: list[Candidate]) -> Work:
    work = Work.from_article(Article("a", text, "2021-08-16"))
    work.candidates = cands
    return work


def _cand(text: str, content: str, cue: str, rule: str = "cue:clause") -> Candidate:
    s = text.index(content)
    c = text.index(cue)
    return Candidate("indirect", [Span(s, s + len(content))], cue=Mention.of(text, c, c + len(cue)), rule=rule)


TEXT = "Smith said the plan would fail. Jones noted a problem."


def test_features_name_rule_cue_and_shape():
    work = _work(TEXT, [])
    feats = candidate_features(work, _cand(TEXT, "the plan would fail", "said"))
    assert "rule=cue:clause" in feats and "cue=said" in feats and "type=indirect" in feats
    assert "speaker=none" in feats and "cue_side=before" in feats and "words=<=4" in feats


@pytest.mark.parametrize("bias,kept", [(3.0, 2), (-3.0, 0)])
def test_filter_keeps_candidates_at_or_above_the_threshold(bias, kept):
    cands = [_cand(TEXT, "the plan would fail", "said"), _cand(TEXT, "a problem", "noted", rule="cue:object")]
    work = _work(TEXT, cands)
    CandidateFilter(model=FilterModel({}, bias, 0.5))(work)
    assert len(work.candidates) == kept
    for c in cands:
        assert c.confidence == pytest.approx(FilterModel({}, bias, 0.5).probability([]), abs=1e-3)


def test_filter_weights_decide_per_candidate():
    cands = [_cand(TEXT, "the plan would fail", "said"), _cand(TEXT, "a problem", "noted", rule="cue:object")]
    work = _work(TEXT, cands)
    CandidateFilter(model=FilterModel({"rule=cue:object": -5.0}, 1.0, 0.5))(work)
    assert [c.rule for c in work.candidates] == ["cue:clause"]
    assert cands[1].confidence < 0.05 < 0.7 < cands[0].confidence


def test_keep_all_collects_every_candidate_with_its_features():
    cands = [_cand(TEXT, "the plan would fail", "said")]
    stage = CandidateFilter(keep_all=True)
    stage(_work(TEXT, cands))
    assert [(doc, c) for doc, c, _ in stage.collected] == [("a", cands[0])]


def test_the_shipped_parameters_carry_their_provenance_and_scores():
    data = json.loads(resources.files("quotegraph.pipeline.lexicons").joinpath("filter.json").read_text())
    prov = data["provenance"]
    assert prov["corpus"] == "train.jsonl" and prov["dev"] == "dev.jsonl" and prov["command"].startswith("quotegraph train")
    assert len(prov["corpus_sha256"]) == 64 and prov["date"] and prov["documents"] > 0
    assert 0 < data["threshold"] < 1 and data["weights"]
    assert data["scores"]["dev"]["f1"] > 0 and data["calibration_dev"]


def _slice_params(corpus_dir, tmp_path, limit, dev_limit):
    from quotegraph.evaluation.training import train_filter, write_params

    polnear = corpus_dir / "polnear"
    params = train_filter(polnear / "train.jsonl", polnear / "dev.jsonl", limit=limit, dev_limit=dev_limit,
                          command="quotegraph train (test slice)")
    path = tmp_path / "filter.json"
    write_params(params, path)
    return params, path


@pytest.mark.corpus
@pytest.mark.integration
def test_retrain_on_a_slice_and_the_pipeline_reads_what_it_wrote(corpus_dir, tmp_path):
    from quotegraph.evaluation.gold import gold_to_article, read_gold
    from quotegraph.pipeline import load_pipeline
    from quotegraph.pipeline.stages.candidate_filter import load_model

    params, path = _slice_params(corpus_dir, tmp_path, 12, 4)
    assert params["provenance"]["documents"] == 12 and params["scores"]["train"]["candidates"] > 0
    model = load_model(str(path))
    assert model.weights == params["weights"] and model.threshold == params["threshold"]
    pipeline = load_pipeline(objects={"filter": {"params": str(path)}})
    stage = next(s for s in pipeline.stages if s.name == "filter")
    assert stage.model == model
    gold = read_gold(corpus_dir / "polnear" / "dev.jsonl", limit=2)
    docs = list(pipeline.pipe(gold_to_article(g) for g in gold))
    confidences = [q.confidence for d in docs for q in d.quotes]
    assert confidences and all(c >= round(model.threshold, 3) - 1e-9 for c in confidences)


@pytest.mark.corpus
@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.timeout(1800)
def test_a_full_retrain_reproduces_the_shipped_dev_scores(corpus_dir, tmp_path):
    shipped = json.loads(resources.files("quotegraph.pipeline.lexicons").joinpath("filter.json").read_text())
    params, _ = _slice_params(corpus_dir, tmp_path, None, None)
    for key in ("precision", "recall", "f1"):
        assert params["scores"]["dev"][key] == pytest.approx(shipped["scores"]["dev"][key], abs=1.0)
    assert abs(params["threshold"] - shipped["threshold"]) <= 0.1
