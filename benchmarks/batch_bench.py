"""Batch throughput on this machine: 1 and 2 workers, local and Dask engines, and a projection.

A benchmark, not a test: it asserts nothing about speed. It runs
``quotegraph batch`` (the library call, in this process) over the first N
articles of a JSONL corpus, into fresh output directories, and prints JSON:

* per engine and worker count: wall seconds, documents/s and words/s;
* the per-core rate, from a one-process run timed in CPU seconds (so that
  other load on the machine does not distort it), and the 1 -> 2 worker
  speed-up measured in wall-clock time;
* the cost of 10 million articles in core-hours, from the per-core rate and
  the corpus's mean words per article;
* worker start-up time for each multiprocessing start method.

Usage::

    .venv/bin/python benchmarks/batch_bench.py [CORPUS.jsonl] [--limit N] [--partition-size N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "polnear" / "train.jsonl"
TARGET_ARTICLES = 10_000_000


def _subset(corpus: Path, limit: int, dest: Path) -> tuple[int, int]:
    """The first ``limit`` records of ``corpus`` as a JSONL file; returns (documents, words)."""
    docs = words = 0
    with open(corpus, encoding="utf-8") as src, open(dest, "w", encoding="utf-8") as out:
        for line in src:
            if docs >= limit:
                break
            if not line.strip():
                continue
            record = json.loads(line)
            out.write(json.dumps({k: record.get(k) for k in ("id", "text", "date", "title", "source")}) + "\n")
            docs += 1
            words += len(record["text"].split())
    return docs, words


class _ChildCpu:
    """CPU seconds used by this process's descendants (pool or Dask workers), sampled while they run.

    Workers are not waited for by this process (a fork server or a nanny
    starts them), so ``RUSAGE_CHILDREN`` misses them; sampling every 0.2 s
    loses at most the last 0.2 s of each worker's life.
    """

    def __init__(self) -> None:
        import psutil

        self._psutil, self._seen, self._stop = psutil, {}, threading.Event()
        self._base = {p.pid: self._cpu(p) for p in psutil.Process().children(recursive=True)}
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _cpu(self, proc) -> float:
        try:
            t = proc.cpu_times()
            return t.user + t.system
        except self._psutil.Error:
            return 0.0

    def _poll(self) -> None:
        while not self._stop.wait(0.2):
            for proc in self._psutil.Process().children(recursive=True):
                self._seen[proc.pid] = max(self._seen.get(proc.pid, 0.0), self._cpu(proc))

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return sum(cpu - self._base.get(pid, 0.0) for pid, cpu in self._seen.items())


def _run(inputs: Path, out: Path, engine: str, workers: int, partition_size: int) -> dict:
    from quotegraph.batch.run import run_batch

    shutil.rmtree(out, ignore_errors=True)
    children = _ChildCpu()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    report = run_batch([inputs], out, engine=engine, processes=workers, partition_size=partition_size)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    child_cpu = children.stop()
    return {"engine": engine, "workers": workers, "wall_s": round(wall, 2), "driver_cpu_s": round(cpu, 2),
            "workers_cpu_s": round(child_cpu, 2), "documents": report.counts.get("documents", 0),
            "statements": report.counts.get("statements", 0), "failed_partitions": len(report.failed)}


def _warm() -> None:
    """Load this process's pipeline before timing: the one-process run then measures extraction alone."""
    from quotegraph.batch.records import pipeline_settings
    from quotegraph.batch.worker import get_pipeline
    from quotegraph.model import Article

    get_pipeline(pipeline_settings(None))(Article("warm", '"We are ready," Ana Ruiz said.'))


def _startup(method: str) -> float:
    """Seconds from creating a 2-process pool to the first result, model load included."""
    from quotegraph.batch.local import extract_many
    from quotegraph.model import Article

    items = [Article(f"w{i}", '"We are ready," Ana Ruiz said.') for i in range(2)]
    start = time.perf_counter()
    list(extract_many(items, processes=2, chunksize=1, start_method=method))
    return round(time.perf_counter() - start, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200, help="first N articles of the corpus")
    parser.add_argument("--partition-size", type=int, default=25)
    parser.add_argument("--engines", default="local,dask")
    parser.add_argument("--workers", default="1,2")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="qg-batch-bench-"))
    try:
        docs, words = _subset(args.corpus, args.limit, tmp / "in.jsonl")
        _warm()
        runs = []
        for engine in args.engines.split(","):
            for workers in (int(w) for w in args.workers.split(",")):
                row = _run(tmp / "in.jsonl", tmp / f"out-{engine}-{workers}", engine, workers, args.partition_size)
                total_cpu = row["driver_cpu_s"] + row["workers_cpu_s"]
                row.update(docs_per_s=round(docs / row["wall_s"], 2), words_per_s=round(words / row["wall_s"]),
                           docs_per_cpu_s=round(docs / total_cpu, 2))
                runs.append(row)
                print(json.dumps(row), file=sys.stderr)
        report = _summary(args, docs, words, runs)
        report["startup_s"] = {m: _startup(m) for m in ("fork", "forkserver", "spawn")}
        print(json.dumps(report, indent=1))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _summary(args: argparse.Namespace, docs: int, words: int, runs: list[dict]) -> dict:
    one = next((r for r in runs if r["engine"] == "local" and r["workers"] == 1), None)
    per_core = None
    if one is not None:
        # processes=1 runs in this process: its CPU time is the extraction's CPU time
        per_core = {"docs_per_cpu_s": round(docs / one["driver_cpu_s"], 3),
                    "words_per_cpu_s": round(words / one["driver_cpu_s"])}
        mean_words = words / docs
        core_hours = TARGET_ARTICLES / per_core["docs_per_cpu_s"] / 3600
        per_core["projection_10M_articles"] = {
            "core_hours": round(core_hours), "mean_words_per_article": round(mean_words),
            "note": "CPU time per article of this corpus; scale by your articles' mean length",
        }
    speedups = {}
    for engine in {r["engine"] for r in runs}:
        by = {r["workers"]: r for r in runs if r["engine"] == engine}
        if 1 in by and 2 in by:
            speedups[engine] = round(by[1]["wall_s"] / by[2]["wall_s"], 2)
    return {"corpus": str(args.corpus), "documents": docs, "words": words, "partition_size": args.partition_size,
            "cores": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()],
            "runs": runs, "per_core": per_core, "speedup_1_to_2_workers": speedups,
            # every configuration must extract the same statements; a difference is a bug, not noise
            "same_output_everywhere": len({(r["documents"], r["statements"]) for r in runs}) == 1}


if __name__ == "__main__":
    raise SystemExit(main())
