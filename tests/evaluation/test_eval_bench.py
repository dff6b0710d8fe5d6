"""``quotegraph bench``: correctness of what it counts and prints (no timing assertions)."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner

from quotegraph.cli import main
from quotegraph.evaluation.bench import ONE_PROCESS, Measurement, format_bench

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


def test_format_bench_prints_the_speed_up_of_several_processes_over_one():
    results = [
        Measurement("spacy_full", 3, 1000, 0.5, 200.0, 2, cpu_seconds=0.8, startup_seconds=1.0),
        Measurement("quotegraph", 3, 1000, 0.25, 250.0, 2, cpu_seconds=0.5, startup_seconds=0.75),
        Measurement(ONE_PROCESS, 3, 1000, 0.5, 250.0, 1, cpu_seconds=0.5, startup_seconds=0.5),
    ]
    text = format_bench(results, corpus="c.jsonl", processes=2)
    assert "quotegraph full extraction, 1 process" in text
    # 4000 against 2000 words/s in the pass; 1000 against 1000 words/s counting the start-up
    assert "quotegraph 2 processes / 1 process: 2.00x words/s in the timed pass, 1.00x counting each one's " \
           "start-up (0.75 s and 0.50 s)" in text


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


_WORKER_CPU = """
import sys
sys.path.insert(0, sys.argv[1])
from batch_helpers import hand_loader
from quotegraph.evaluation.bench import ProcessTree, _cpu_seconds
from quotegraph.model import Article
from quotegraph.pipeline.pool import WorkerUsage, extract_many

ProcessTree.settle()
usage, before = WorkerUsage(), _cpu_seconds()
items = [Article(f"s{i}", "SPIN:0.4 busy") for i in range(6)]
assert len(list(extract_many(items, processes=2, loader=hand_loader, chunksize=1, usage=usage))) == 6
stopped = ProcessTree.settle()
print(stopped, usage.cpu_seconds, _cpu_seconds() - before)
"""


def test_bench_counts_the_cpu_of_fork_server_workers():
    """Regression (issue 15): pool workers are the fork server's children, and their CPU went uncounted.

    Run in a process of its own, as the bench runs each measurement: a fork server started by
    another test here (Dask's workers of the shared cluster) would hold its own children.
    """
    import subprocess
    import sys
    from pathlib import Path

    helpers = str(Path(__file__).resolve().parents[1] / "batch")
    out = subprocess.run([sys.executable, "-c", _WORKER_CPU, helpers], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    stopped, reported, spent = out.stdout.split()
    assert stopped == "True" and float(reported) >= 6 * 0.4
    assert float(spent) >= 6 * 0.4, f"only {float(spent):.2f} CPU s counted for 2.4 s of work in workers"


_SERVER_KEPT = """
import sys
sys.path.insert(0, sys.argv[1])
from batch_helpers import hand_loader
from quotegraph.evaluation.bench import ProcessTree, _cpu_seconds
from quotegraph.model import Article
from quotegraph.pipeline.pool import extract_many

ProcessTree.settle()
warm = [Article(f"w{i}", "SPIN:0.4 busy") for i in range(4)]
assert len(list(extract_many(warm, processes=2, loader=hand_loader, chunksize=1))) == 4
start = ProcessTree.cpu_seconds()  # the fork server stays: the warm-up's CPU is in it, not yet ours
items = [Article(f"s{i}", "SPIN:0.4 busy") for i in range(2)]
assert len(list(extract_many(items, processes=2, loader=hand_loader, chunksize=1))) == 2
assert ProcessTree.settle()
print(start, _cpu_seconds() - start)
"""


def test_a_pass_on_a_running_fork_server_counts_its_own_work_only():
    """The bench's pass forks from the server its warm-up started: the warm-up's 1.6 CPU s are
    subtracted, the pass's 0.8 CPU s (workers of the same server) counted."""
    import subprocess
    import sys
    from pathlib import Path

    helpers = str(Path(__file__).resolve().parents[1] / "batch")
    out = subprocess.run([sys.executable, "-c", _SERVER_KEPT, helpers], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    start, spent = map(float, out.stdout.split())
    assert start >= 4 * 0.4, f"the warm-up's workers were not counted at the start ({start:.2f} CPU s)"
    assert 2 * 0.4 <= spent < 2 * 0.4 + 1.2, f"{spent:.2f} CPU s counted for a pass of 0.8"


def test_settle_leaves_a_fork_server_that_still_has_live_children():
    """Regression: stopping a fork server waits for it to end, which it cannot while a process it
    started is alive (every one holds its keep-alive pipe): the test suite hung on Dask's workers."""
    import multiprocessing
    from multiprocessing import forkserver

    from quotegraph.evaluation.bench import ProcessTree

    ctx = multiprocessing.get_context("forkserver")
    child = ctx.Process(target=time.sleep, args=(30,))
    child.start()
    try:
        started = time.monotonic()
        assert ProcessTree.settle(wait=0.5) is False
        assert time.monotonic() - started < 10 and forkserver._forkserver._forkserver_pid is not None
    finally:
        child.terminate()
        child.join()


def test_process_tree_samples_the_memory_of_every_process():
    import subprocess
    import sys
    import time

    from quotegraph.evaluation.bench import ProcessTree

    tree = ProcessTree()
    tree.sample()
    child = subprocess.Popen([sys.executable, "-c", "b = bytearray(200 * 2**20); import time; time.sleep(1.5)"])
    child.wait()
    time.sleep(0.3)
    assert tree.stop() >= 200


def test_format_scaling_prints_stages_totals_baselines_and_growth():
    from quotegraph.evaluation.scaling import ScalingRow, format_scaling

    rows = [ScalingRow(50_000, {"parse": 0.5, "entities": 0.05}, {"spacy tokenizer": 0.05, "spacy full": 1.0}),
            ScalingRow(2_000_000, {"parse": 20.0, "entities": 6.0}, {"spacy tokenizer": 2.0, "spacy full": 40.0})]
    text = format_scaling(rows)
    assert "parse                        10.00       10.00" in text
    assert "entities                      1.00        3.00" in text
    assert "quotegraph total             11.00       13.00" in text
    assert "spacy full                   20.00       20.00" in text
    assert "quotegraph µs/char at 2,000,000 / at 50,000: 1.18x" in text
    assert "0.55x at 50,000, 0.65x at 2,000,000" in text


def test_scaling_texts_are_whole_articles_cut_at_a_paragraph(tmp_path):
    from quotegraph.evaluation.scaling import build_texts

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    texts = build_texts(corpus, (100, 1000))
    assert [len(t) <= size for t, size in zip(texts, (100, 1000))] == [True, True]
    assert len(texts[1]) > 500 and texts[1].startswith(ARTICLES[0]["text"])
    assert not texts[1].endswith("\n")


def test_format_engines_prints_the_dask_to_local_ratio_and_any_disagreement():
    from quotegraph.evaluation.engines import EngineRun, format_engines

    local = EngineRun("local", 6, 1200, 3, 2, 10.0, 8.0, 250.0, 700.0, 12, 0, 1.5)
    dask = EngineRun("dask", 6, 1200, 3, 2, 12.0, 10.0, 300.0, 910.0, 11, 0, 1.5)
    text = format_engines([local, dask])
    assert "6 documents, 1200 words, 3 partition(s), 2 worker process(es)" in text
    assert "dask / local: 1.25x CPU s, 1.20x seconds, 1.30x sum RSS" in text
    assert "the engines disagree: 11 statements on dask, 12 on local" in text
    assert local.to_dict()["words_per_cpu_s"] == 150.0
    assert "disagree" not in format_engines([local, EngineRun("dask", 6, 1200, 3, 2, 12.0, 10.0, 300.0, 910.0, 12, 0, 1.5)])


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_engine_runs_count_the_cpu_of_every_worker(tmp_path):
    """Both batch engines over the same partitions: the work done in their workers is counted."""
    pytest.importorskip("distributed")
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "batch"))
    from batch_helpers import hand_loader
    from quotegraph.batch.run import run_batch
    from quotegraph.evaluation.engines import measure_engine

    corpus = tmp_path / "spin.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"s{i}", "text": "SPIN:0.3 busy"}) + "\n" for i in range(6)), encoding="utf-8")
    runs = [measure_engine(run_batch, e, str(corpus), limit=None, processes=2, partition_size=2, loader=hand_loader)
            for e in ("local", "dask")]
    for run in runs:
        assert (run.documents, run.partitions, run.failed) == (6, 3, 0), run
        assert run.cpu_seconds >= 6 * 0.3, f"{run.engine}: only {run.cpu_seconds} CPU s counted for 1.8 s of work"
    assert runs[0].statements == runs[1].statements
