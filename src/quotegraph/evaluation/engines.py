"""The batch engines side by side: ``quotegraph batch`` with the local and the Dask engine, same partitions.

Each engine runs in its own freshly spawned child process (``bench.in_child``)
over the same articles, cut into the same partitions, into a fresh output
directory; the corpus pass is left out, so both do the same work: extract
every partition and commit its shards. Everything is timed, worker start-up
and model loading included (what a batch run costs), and CPU and peak memory
count every process the run starts (``bench.ProcessTree``): the local pool's
workers and fork server, and Dask's scheduler, nannies and workers. Both
engines must give the same documents and statements; a difference is a bug.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable

from .bench import ProcessTree, _cpu_seconds, _peak_rss_mb, in_child
from .gold import read_gold

__all__ = ["ENGINE_NAMES", "EngineRun", "measure_engine", "run_engines", "format_engines"]

ENGINE_NAMES = ("local", "dask")


@dataclass(frozen=True, slots=True)
class EngineRun:
    """One batch run: the engine, what it processed, wall and CPU seconds of every process, peak RSS."""

    engine: str
    documents: int
    words: int
    partitions: int
    processes: int
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    sum_rss_mb: float
    statements: int
    failed: int
    load: float

    @property
    def words_per_cpu_s(self) -> float:
        return self.words / self.cpu_seconds if self.cpu_seconds > 0 else float("inf")

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "words_per_cpu_s": round(self.words_per_cpu_s, 1)}


def _subset(corpus: str | Path, limit: int | None, dest: Path) -> tuple[int, int]:
    """The first ``limit`` gold documents as an article JSONL file; returns (documents, words)."""
    docs = read_gold(corpus, limit=limit)
    with open(dest, "w", encoding="utf-8") as out:
        for d in docs:
            out.write(json.dumps({"id": d.id, "text": d.text, "date": d.date, "source": d.source}) + "\n")
    return len(docs), sum(len(d.text.split()) for d in docs)


def measure_engine(run_batch: Callable[..., Any], engine: str, corpus: str, *, limit: int | None, processes: int,
                   partition_size: int, loader: Any = None) -> EngineRun:
    """One batch run with ``engine`` in this process (``run_engines`` calls it in a fresh child).

    ``run_batch`` is ``quotegraph.batch.run_batch`` (handed in by the caller: evaluation never imports
    the batch layer); ``loader`` replaces ``load_pipeline`` in the workers, as there."""
    tmp = Path(tempfile.mkdtemp(prefix="quotegraph-engines-"))
    try:
        docs, words = _subset(corpus, limit, tmp / "in.jsonl")
        tree = ProcessTree()
        tree.become_subreaper()
        tree.sample()
        start, cpu_start = time.perf_counter(), _cpu_seconds()
        report = run_batch([tmp / "in.jsonl"], tmp / "out", engine=engine, processes=processes,
                           partition_size=partition_size, corpus=False, loader=loader)
        seconds = time.perf_counter() - start
        tree.settle()
        cpu = _cpu_seconds() - cpu_start
        sum_rss = tree.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    parts = len(report.computed) + len(report.failed)
    peak = round(_peak_rss_mb(), 1)
    return EngineRun(engine, docs, words, parts, processes, round(seconds, 2), round(cpu, 2), peak,
                     max(sum_rss, peak), report.counts.get("statements", 0), len(report.failed),
                     round(os.getloadavg()[0], 2))


def run_engines(run_batch: Callable[..., Any], corpus: str | Path, *, limit: int | None, processes: int,
                partition_size: int, engines: tuple[str, ...] = ENGINE_NAMES,
                progress: Callable[[str], None] | None = None) -> list[EngineRun]:
    """Each engine in ``engines`` over the same partitions, each in a fresh spawned child process.

    ``run_batch`` as in ``measure_engine`` (a module-level function, so the child can import it)."""
    read_gold(corpus, limit=1)  # fail early, in the parent, on an unreadable corpus
    runs = []
    for engine in engines:
        if progress:
            progress(f"measuring the {engine} batch engine ...")
        runs.append(in_child(f"batch/{engine}", measure_engine, run_batch, engine, str(corpus), limit=limit,
                             processes=processes, partition_size=partition_size))
    return runs


def format_engines(runs: list[EngineRun]) -> str:
    """A table of the engine runs and the Dask/local ratios."""
    if not runs:
        return ""
    first = runs[0]
    lines = [f"batch engines: {first.documents} documents, {first.words} words, {first.partitions} partition(s), "
             f"{first.processes} worker process(es); start-up and model loading timed",
             "", f"{'engine':<8} {'seconds':>8} {'CPU s':>8} {'words/CPU-s':>12} {'peak RSS MB':>12} {'sum RSS MB':>11} "
             f"{'statements':>11} {'failed':>7} {'load':>6}"]
    for r in runs:
        lines.append(f"{r.engine:<8} {r.seconds:>8.2f} {r.cpu_seconds:>8.2f} {r.words_per_cpu_s:>12.0f} "
                     f"{r.peak_rss_mb:>12.1f} {r.sum_rss_mb:>11.1f} {r.statements:>11} {r.failed:>7} {r.load:>6.2f}")
    by = {r.engine: r for r in runs}
    if "local" in by and "dask" in by:
        local, dask = by["local"], by["dask"]
        lines.append("")
        lines.append(f"dask / local: {dask.cpu_seconds / local.cpu_seconds:.2f}x CPU s, "
                     f"{dask.seconds / local.seconds:.2f}x seconds, {dask.sum_rss_mb / local.sum_rss_mb:.2f}x sum RSS")
        if dask.statements != local.statements:
            lines.append(f"the engines disagree: {dask.statements} statements on dask, {local.statements} on local")
    return "\n".join(lines)
