"""Run a batch: plan it, skip what is committed, compute the rest on an engine.

The driver reads the inputs once, in order, and cuts them into partitions.
A partition whose marker exists is skipped (after checking its content
digest); the others go to the engine, which commits each one through
``OutputDir.commit``. Nothing is lost or written twice whatever is
interrupted: see ``quotegraph.batch.parquet`` for the commit protocol.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

from ..errors import BatchError
from ..ingest import read_paths
from ..settings import resolve
from .parquet import OutputDir
from .plan import BatchPlan, Partition, fingerprint, input_files, partitions
from .records import pipeline_settings

__all__ = ["BatchReport", "run_batch", "ENGINES", "FINGERPRINT_SETTINGS"]

ENGINES = ("local", "dask")
# Settings that can change the output; batch_size and processes only change the speed.
FINGERPRINT_SETTINGS = ("max_chars", "max_file_bytes", "time_budget")


@dataclass
class BatchReport:
    """What a run did: partitions computed, skipped and failed, and the totals of the output."""

    out: str
    fingerprint: str
    engine: str
    computed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    corpus: dict[str, Any] | None = None  # what the corpus pass did (``CorpusReport.to_dict()``)

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict[str, Any]:
        return {"out": self.out, "inputs_fingerprint": self.fingerprint, "engine": self.engine,
                "computed": self.computed, "skipped": self.skipped, "failed": self.failed,
                "counts": self.counts, "seconds": round(self.seconds, 3), "corpus": self.corpus}


Progress = Callable[[int, str], None]  # (documents done, a note such as "part-00003 done")


def _no_progress(docs: int, note: str) -> None:
    return None


def _todo(out: OutputDir, parts: Iterator[Partition], report: BatchReport, progress: Progress) -> Iterator[Partition]:
    """The partitions still to compute; committed ones are checked and skipped."""
    for part in parts:
        marker = out.done(part.name)
        if marker is None:
            yield part
            continue
        if marker.get("digest") not in (None, part.digest):
            raise BatchError("E503", path=str(out.path), found=f"{part.name} digest {marker['digest'][:12]}",
                             expected=f"digest {part.digest[:12]} (an input changed but kept its size and time)")
        report.skipped.append(part.name)
        progress(len(part.items), f"{part.name} already done")


def run_batch(
    inputs: Sequence[str | Path],
    out: str | Path,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    partition_size: int | None = None,
    processes: int | None = None,
    settings: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
    loader: Callable[..., Any] | None = None,
    corpus: bool = True,
    aliases: Sequence[tuple[str, str, str | None]] = (),
) -> BatchReport:
    """Extract every article under ``inputs`` into Parquet shards under ``out``; resumable.

    ``engine`` is ``local`` (a process pool on this machine) or ``dask`` (the
    cluster at ``scheduler``, or a local cluster on 127.0.0.1 when ``None``).
    A partition that fails (E500) is reported and the run goes on; the next
    run retries it. ``progress`` is called with the documents each partition
    settled and a note; the caller draws any progress display. Then, unless
    ``corpus=False``, the corpus pass links speakers and statements across
    every committed partition (``quotegraph.batch.corpus``; ``aliases`` are
    alias-file rows).
    """
    if engine not in ENGINES:
        raise BatchError("E500", partition="(all)", detail=f"unknown engine '{engine}' (known: {', '.join(ENGINES)})")
    given = {k: v for k, v in (settings or {}).items() if v is not None}
    given.update({k: v for k, v in (("partition_size", partition_size), ("processes", processes)) if v is not None})
    opts = resolve(**given)
    pipe = pipeline_settings(opts)
    target = OutputDir(out)
    plan = _plan(inputs, opts, target, engine, scheduler)
    target.open(plan)
    run_id = uuid.uuid4().hex
    report = BatchReport(str(out), plan.fingerprint, engine)
    tick = progress or _no_progress
    started = time.monotonic()
    todo = _todo(target, partitions(read_paths(inputs, settings=opts), plan.partition_size, plan.fingerprint), report, tick)
    info = {"run": run_id}
    if engine == "local":
        from .engines import run_local

        run_local(todo, target, pipe, opts.processes, info, report, tick, loader)
    else:
        from .cluster import run_dask

        run_dask(todo, target, pipe, scheduler, opts.processes, info, report, tick, loader)
    status = "complete" if report.ok else "incomplete"
    manifest = target.finish({"status": status, "last_run": run_id, "engine": engine})
    report.counts = manifest["counts"]
    if corpus:
        report.corpus = _corpus_pass(out, engine, scheduler, opts.processes, aliases).to_dict()
    report.seconds = time.monotonic() - started
    return report


def _plan(inputs: Sequence[str | Path], opts: Mapping[str, Any], target: OutputDir, engine: str,
          scheduler: str | None) -> BatchPlan:
    """The batch's plan, with its partition size: the setting, the one the batch in ``target`` started with, or derived.

    A size of 0 (the default) means "from the input" (``quotegraph.batch.sizing``).
    """
    from .sizing import count_articles, derive_size, resumed_size

    settings = {k: opts[k] for k in FINGERPRINT_SETTINGS}
    files = input_files(inputs)
    if opts["partition_size"] != 0:
        return BatchPlan.make(inputs, opts["partition_size"], settings, files=files)
    manifest = target.manifest() if target.path.is_dir() else None
    size = resumed_size(manifest, lambda n: fingerprint(files, n, settings))
    if size is not None:
        return BatchPlan.make(inputs, size, settings, files=files,
                              sizing=manifest.get("partition_sizing") or {"from": "setting"})
    articles, workers = count_articles(files), _workers(engine, scheduler, int(opts["processes"]))
    total = sum(f.get("size", 0) for f in files)
    sizing = {"from": "input", "articles": articles, "bytes": total, "workers": workers}
    return BatchPlan.make(inputs, derive_size(articles, total, workers), settings, files=files, sizing=sizing)


def _workers(engine: str, scheduler: str | None, processes: int) -> int:
    """How many partitions can run at once: the local processes, or the remote cluster's worker threads."""
    if engine == "dask" and scheduler:
        from .cluster import cluster_threads

        return cluster_threads(scheduler)
    return max(1, processes)


def _corpus_pass(out: str | Path, engine: str, scheduler: str | None, processes: int,
                 aliases: Sequence[tuple[str, str, str | None]]) -> Any:
    """The corpus pass on the run's engine: Dask tasks on the cluster, or stages in this process."""
    from .corpus import dask_mapper, run_corpus

    if engine != "dask":
        return run_corpus(out, aliases=aliases)
    from .cluster import connect

    client, cluster = connect(scheduler, max(1, processes))
    try:
        return run_corpus(out, aliases=aliases, mapper=dask_mapper(client))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
