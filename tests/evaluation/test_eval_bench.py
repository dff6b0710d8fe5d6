"""``quotegraph bench``: correctness of what it counts and prints (no timing assertions)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from quotegraph.cli import main
from quotegraph.evaluation.bench import Measurement, format_bench

ARTICLES = [
    {"id": "b1", "date": "2021-08-16", "text": '"We will win," the senator said on Monday.\n\nHer rival disagreed.'},
    {"id": "b2", "text": "The council said that the bridge would reopen next week, according to a statement."},
    {"id": "b3", "text": 'Nobody spoke. "It is over," he added later.'},
]


def test_format_bench_prints_rates_memory_and_ratios():
    results = [
        Measurement("tokenizer", 3, 1000, 0.01, 80.0, 1, cpu_seconds=0.01),
        Measurement("spacy_full", 3, 1000, 0.5, 200.0, 1, cpu_seconds=0.4),
        Measurement("quotegraph", 3, 1000, 0.25, 250.0, 1, rejected=1, cpu_seconds=0.25),
    ]
    text = format_bench(results, corpus="c.jsonl", processes=1)
    assert "c.jsonl (3 documents, 1000 words); processes: 1" in text
    assert "quotegraph / spaCy full pipeline: 2.00x words/s, 1.60x words/CPU-s" in text
    assert "quotegraph / spaCy tokenizer: 0.04x words/s, 0.04x words/CPU-s" in text
    assert "quotegraph rejected 1 document(s)" in text
    assert results[2].to_dict()["words_per_s"] == 4000.0 and results[2].to_dict()["docs_per_s"] == 12.0


@pytest.mark.integration
@pytest.mark.slow
def test_bench_measures_all_three_in_one_run(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    result = CliRunner().invoke(main, ["bench", str(corpus), "--processes", "1", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["name"] for r in rows] == ["tokenizer", "spacy_full", "quotegraph"]
    words = sum(len(a["text"].split()) for a in ARTICLES)
    for row in rows:
        assert (row["documents"], row["words"], row["processes"], row["rejected"]) == (3, words, 1, 0)
        assert row["seconds"] > 0 and row["cpu_seconds"] >= 0 and row["peak_rss_mb"] > 0
    # Each measurement runs in its own process: the tokenizer's memory excludes the model.
    assert rows[0]["peak_rss_mb"] < rows[1]["peak_rss_mb"]


def test_bench_on_a_missing_corpus_is_a_coded_error(tmp_path):
    result = CliRunner().invoke(main, ["bench", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 1 and "[E400]" in result.output
