"""The evaluation gate: the real pipeline on PolNeAR dev must meet every floor in eval_baseline.json.

Skipped cleanly when ``../shared`` is absent. A failure names the metric, its
floor and the score. To re-pin after an improvement (floors only rise)::

    quotegraph eval ../shared/corpora/polnear/dev.jsonl --update-baseline

Lowering a floor needs ``--allow-lower --reason TEXT``; the reason is kept in
the baseline file's history.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotegraph.evaluation import evaluate, flat_scores
from quotegraph.evaluation.gate import GATED_METRICS, check_fingerprint, gate_failures, load_baseline

pytestmark = [pytest.mark.integration, pytest.mark.corpus]

BASELINE_PATH = Path(__file__).resolve().parents[1] / "eval_baseline.json"
FLOORS = json.loads(BASELINE_PATH.read_text(encoding="utf-8"))["floors"]


@pytest.fixture(scope="module")
def dev_corpus(corpus_dir: Path) -> Path:
    path = corpus_dir / "polnear" / "dev.jsonl"
    if not path.is_file():
        pytest.skip(f"PolNeAR dev split not found at {path}")
    # A changed corpus makes the floors meaningless: fail here with E402, before scoring.
    check_fingerprint(load_baseline(BASELINE_PATH), path)
    return path


@pytest.fixture(scope="module")
def dev_result(dev_corpus: Path):
    return evaluate(dev_corpus, processes=1)


def test_baseline_pins_every_gated_metric():
    assert set(GATED_METRICS) <= set(FLOORS)


def test_every_dev_document_is_processed(dev_result):
    assert dev_result.counts.documents == load_baseline(BASELINE_PATH)["documents"]
    assert dev_result.rejected == [], [r.to_dict() for r in dev_result.rejected]


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(dev_result, metric):
    failures = gate_failures({"floors": {metric: FLOORS[metric]}}, flat_scores(dev_result.counts))
    assert not failures, failures[0]
