"""The evaluation gate: the real pipeline on PolNeAR dev and on realnews (HTML pages and text bodies)
must meet every floor in eval_baseline.json.

Skipped cleanly when ``../shared`` is absent. A failure names the metric, its
floor and the score. To re-pin after an improvement (floors only rise)::

    quotegraph eval ../shared/corpora/polnear/dev.jsonl --update-baseline
    quotegraph eval ../shared/corpora/realnews --source html --update-baseline   # and --source text

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


# ---------------------------------------------------------------- realnews: canonical speakers, HTML and text

REALNEWS_SOURCES = ("html", "text")


def _realnews_section(source: str) -> dict:
    return load_baseline(BASELINE_PATH, f"realnews/{source}")


@pytest.fixture(scope="module")
def realnews_root(corpus_dir: Path) -> Path:
    from quotegraph.evaluation.realnews import is_realnews_corpus

    root = corpus_dir / "realnews"
    if not is_realnews_corpus(root):
        pytest.skip(f"realnews corpus not found at {root}")
    return root


@pytest.fixture(scope="module", params=REALNEWS_SOURCES)
def realnews_result(request, realnews_root: Path):
    from quotegraph.evaluation.realnews import evaluate_realnews, realnews_fingerprint_files

    source = request.param
    check_fingerprint(_realnews_section(source), realnews_root, realnews_fingerprint_files(realnews_root, source))
    return source, evaluate_realnews(realnews_root, source=source, processes=1)


def test_baseline_pins_every_realnews_metric():
    from quotegraph.evaluation.gate import REALNEWS_GATED_METRICS

    for source in REALNEWS_SOURCES:
        assert set(REALNEWS_GATED_METRICS) <= set(_realnews_section(source)["floors"])


def test_realnews_floors(realnews_result):
    from quotegraph.evaluation.realnews import realnews_metrics

    source, result = realnews_result
    section = _realnews_section(source)
    assert result.counts.documents == section["documents"]
    assert result.rejected == [], [r.to_dict() for r in result.rejected]
    failures = gate_failures(section, realnews_metrics(result.counts))
    assert not failures, f"realnews/{source}: " + "; ".join(failures)
