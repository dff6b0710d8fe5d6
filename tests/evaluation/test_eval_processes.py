"""Evaluation with the real pipeline: several processes score exactly like one."""

from __future__ import annotations

import pytest

from quotegraph.evaluation import evaluate

pytestmark = [pytest.mark.integration, pytest.mark.corpus]


def test_two_processes_give_the_same_counts_as_one(corpus_dir):
    dev = corpus_dir / "polnear" / "dev.jsonl"
    one = evaluate(dev, processes=1, limit=6)
    two = evaluate(dev, processes=2, limit=6)
    assert one.counts.documents == 6
    assert one.counts == two.counts
    assert [r.to_dict() for r in one.rejected] == [r.to_dict() for r in two.rejected]
