"""The local engine: partitions computed by a process pool on this machine.

It streams every partition's articles through ``extract_many`` (one pool
for the whole run, work shared at the article level, dead workers retried)
and commits each partition as soon as its last result is in, through
``OutputDir.commit`` (the exactly-once protocol). The Dask engine, in
``quotegraph.batch.cluster``, commits through the same method.
"""

from __future__ import annotations

from collections import deque
from typing import Any, Callable, Iterator, Mapping

from ..errors import BatchError
from ..model import Article, Document, Rejected
from ..pipeline.pool import extract_many
from .parquet import OutputDir
from .plan import Partition
from .tables import to_tables

__all__ = ["run_local", "commit_results", "mark_failed"]

Advance = Callable[[int, str], None]


def mark_failed(report: Any, part: Partition, exc: BaseException) -> None:
    """Record partition ``part`` as failed (E500) in ``report``; the next run retries it."""
    error = exc if isinstance(exc, BatchError) else BatchError("E500", partition=part.name, detail=f"{type(exc).__name__}: {exc}")
    report.failed[part.name] = str(error)


def run_local(todo: Iterator[Partition], out: OutputDir, settings: Mapping[str, Any], processes: int,
              info: dict[str, Any], report: Any, advance: Advance, loader: Any = None) -> None:
    """Compute ``todo`` on ``processes`` local processes and commit each partition in order."""
    waiting: deque[Partition] = deque()

    def stream() -> Iterator[Article | Rejected]:
        for part in todo:
            waiting.append(part)
            yield from part.items

    done: list[Document | Rejected] = []
    for result in extract_many(stream(), processes=processes, settings=settings, loader=loader):
        done.append(result)
        while waiting and len(done) >= len(waiting[0].items):
            part = waiting.popleft()
            results, done = done[: len(part.items)], done[len(part.items):]
            commit_results(out, part, results, info, report, advance)


def commit_results(out: OutputDir, part: Partition, results: list[Document | Rejected], info: dict[str, Any],
                   report: Any, advance: Advance) -> None:
    """Build ``part``'s tables from ``results`` here and commit them; record the outcome in ``report``."""
    try:
        marker = out.commit(part.name, part.index, to_tables(part.items, results), {"engine": "local", **info, "digest": part.digest})
    except OSError as exc:  # a full disk fails this partition; the next run retries it
        mark_failed(report, part, exc)
        return
    report.computed.append(part.name)
    advance(len(part.items), f"{part.name}: {marker['counts']['statements']} statements")
