"""The Dask engine: one task per partition on a Dask distributed cluster.

Each task calls ``process_records`` (the engine-neutral batch function) on
a worker and commits the partition's shards from there, so the output
directory must be visible to every worker (a shared file system; always
true of the local cluster). Each worker loads the pipeline once, when it
starts, through ``PipelinePlugin``.

Exactly once: a worker that dies mid-task makes Dask run the task again on
another worker; the task first looks for the partition's commit marker, so
a partition committed just before the death is not written again. A
partition whose task keeps killing workers (Dask gives up with
``KilledWorker``) is split into one task per article, so only the article
that kills its worker is lost, as a ``Rejected`` row (E501).
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Mapping

from ..errors import BatchError, import_optional
from ..model import Document, Rejected
from .engines import commit_results, mark_failed
from .parquet import OutputDir
from .plan import Partition
from .records import item_to_record, process_records, record_to_item
from ..pipeline.worker import extract_one, get_pipeline

dask = import_optional("dask", extra="batch", feature="the Dask engine")
_distributed = import_optional("distributed", extra="batch", feature="the Dask engine")
Client, KilledWorker, LocalCluster, as_completed = (_distributed.Client, _distributed.KilledWorker,
                                                   _distributed.LocalCluster, _distributed.as_completed)
WorkerPlugin = import_optional("distributed.diagnostics.plugin", extra="batch", feature="the Dask engine").WorkerPlugin

__all__ = ["PipelinePlugin", "local_cluster", "connect", "cluster_threads", "run_dask", "run_partition", "extract_isolated"]

Advance = Callable[[int, str], None]


class PipelinePlugin(WorkerPlugin):
    """Load the pipeline once, when each worker process starts."""

    name = "quotegraph-pipeline"

    def __init__(self, settings: Mapping[str, Any], loader: Any = None) -> None:
        self.settings, self.loader = dict(settings), loader

    def setup(self, worker: Any) -> None:
        """Called by Dask on every worker, including ones restarted after a crash."""
        _stop_profiler(worker)
        get_pipeline(self.settings, self.loader)


# Dask's statistical profiler samples every worker thread every 10 ms: CPU that extraction, one long
# task per partition, has no use for (it made the Dask engine cost a quarter more CPU than the local pool).
_PROFILER_CALLBACKS = ("profile", "profile-cycle")


def _stop_profiler(worker: Any) -> None:
    callbacks = getattr(worker, "periodic_callbacks", None) or {}
    for name in _PROFILER_CALLBACKS:
        callback = callbacks.pop(name, None)
        if callback is not None:
            callback.stop()


def local_cluster(workers: int, *, settings: Mapping[str, Any] | None = None, loader: Any = None,
                  **kwargs: Any) -> LocalCluster:
    """A ``LocalCluster`` on loopback only: one single-threaded process per worker, no dashboard.

    The fork server its workers start from loads the pipeline of ``settings`` and ``loader`` first
    (``pipeline.preload``, as the local pool's does), so each worker starts with the model in memory;
    a worker asked for another pipeline loads that one itself."""
    # The scheduler always serves a few HTTP routes (health, metrics); pin them to a free loopback
    # port, with the dashboard off, instead of Dask's default of port 8787.
    options: dict[str, Any] = dict(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address=None, silence_logs=logging.ERROR,
                                   scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"})
    options.update(kwargs)
    with dask.config.set(_LOCAL_CONFIG), _preloading(settings, loader):
        return LocalCluster(**options)


# Dask's nannies start workers with MALLOC_TRIM_THRESHOLD_=65536, so glibc hands freed memory back to the
# system at once and takes it again for the next batch of parse arrays: five times the page faults of a
# pool worker and a sixth more CPU per article; workers of our own cluster keep glibc's default. They are
# forked from a server that has imported Dask, spaCy and the pipeline once (as the local pool's are), not
# spawned, so each worker does not pay the imports again. With no dashboard to show them, the
# statistical profiler is off and the health and system monitors look less often: an idle cluster of two
# workers then costs a quarter of the CPU it did (0.02 instead of 0.07 CPU-s a second).
_LOCAL_CONFIG = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                 "distributed.worker.multiprocessing-method": "forkserver",
                 "distributed.worker.profile.enabled": False,
                 "distributed.admin.tick.interval": "200ms",
                 "distributed.admin.system-monitor.interval": "5s",
                 "distributed.worker.memory.monitor-interval": "1s"}


@contextmanager
def _preloading(settings: Mapping[str, Any] | None, loader: Any) -> Iterator[None]:
    """Dask's modules, the pipeline's and the pipeline itself loaded once by the fork server the workers
    start from (the server reads which pipeline from ``PRELOAD_ENV`` as it starts, while this holds)."""
    from distributed.utils import get_mp_context

    from ..pipeline.pool import _POOL_PRELOAD
    from ..pipeline.preload import announced

    get_mp_context().set_forkserver_preload(["distributed", *_POOL_PRELOAD, __name__])
    with announced(settings, loader):
        yield


def connect(scheduler: str | None, workers: int, *, settings: Mapping[str, Any] | None = None,
            loader: Any = None) -> tuple[Client, LocalCluster | None]:
    """A client of the cluster at ``scheduler``, or of a new local cluster when it is ``None`` (its
    workers start with the pipeline of ``settings`` and ``loader`` loaded)."""
    if not scheduler:
        cluster = local_cluster(workers, settings=settings, loader=loader)
        return Client(cluster), cluster
    try:
        # Dask's own connect timeout (distributed.comm.timeouts.connect), so users can tune it the Dask way.
        return Client(scheduler, timeout=dask.config.get("distributed.comm.timeouts.connect")), None
    except (OSError, TimeoutError, ValueError) as exc:
        raise BatchError("E505", address=scheduler, detail=f"{type(exc).__name__}: {exc}") from exc


def cluster_threads(scheduler: str) -> int:
    """The worker threads of the cluster at ``scheduler`` (at least 1), to size partitions for it."""
    client, _ = connect(scheduler, 1)
    try:
        return max(1, sum(client.nthreads().values()))
    finally:
        client.close()


def run_partition(out: str, name: str, index: int, records: list[dict[str, Any]], settings: Mapping[str, Any],
                  info: dict[str, Any], loader: Any = None) -> dict[str, Any]:
    """Dask task: extract one partition with ``process_records`` and commit it (once)."""
    target = OutputDir(out)
    marker = target.done(name)
    if marker is not None:  # committed by an earlier attempt whose worker then died
        return {**marker, "reused": True}
    tables = process_records(records, settings, loader=loader)
    return target.commit(name, index, tables, {"engine": "dask", **info})


def extract_isolated(record: dict[str, Any], settings: Mapping[str, Any], loader: Any = None) -> Document | Rejected:
    """Dask task: extract one article alone (to find the article that kills its worker)."""
    item = record_to_item(record, 0, max_chars=int(settings["max_chars"]))
    if isinstance(item, Rejected):
        return item
    return extract_one(get_pipeline(settings, loader), item)


def _isolate(client: Client, part: Partition, settings: Mapping[str, Any], run: str, loader: Any) -> list[Document | Rejected]:
    """One task per article; an article whose task kills workers is retried alone, then rejected (E501).

    The retry matters: Dask blames every task queued on a worker that dies,
    so an innocent article can fail beside the culprit; alone, it succeeds.
    """
    def submit(i: int, attempt: int) -> Any:
        key = f"quotegraph-{part.name}-{run[:8]}-{i}-{attempt}"
        return client.submit(extract_isolated, item_to_record(part.items[i]), settings, loader, key=key)

    futures = [submit(i, 0) for i in range(len(part.items))]
    results: list[Document | Rejected] = []
    for i, (item, future) in enumerate(zip(part.items, futures)):
        try:
            results.append(future.result())
            continue
        except KilledWorker:
            pass
        try:
            results.append(submit(i, 1).result())
        except KilledWorker as exc:
            error = BatchError("E501", id=item.id, origin=item.origin, detail=str(exc))
            results.append(Rejected(item.id, item.origin, error.code, error.message))
    return results


def _settle(client: Client, out: OutputDir, part: Partition, future: Any, settings: Mapping[str, Any],
            info: dict[str, Any], report: Any, advance: Advance, loader: Any) -> None:
    try:
        marker = future.result()
    except KilledWorker:
        results = _isolate(client, part, settings, info["run"], loader)
        commit_results(out, part, results, {**info, "engine": "dask-isolated"}, report, advance)
        return
    except Exception as exc:  # one partition's failure is reported; the others go on
        mark_failed(report, part, exc)
        return
    if marker.get("reused") and marker.get("run") != info["run"]:
        # committed by another run's task (e.g. one still running when its driver died)
        report.skipped.append(part.name)
        advance(len(part.items), f"{part.name} already done")
        return
    report.computed.append(part.name)
    advance(len(part.items), f"{part.name}: {marker['counts']['statements']} statements")


def run_dask(todo: Iterator[Partition], out: OutputDir, settings: Mapping[str, Any], scheduler: str | None,
             processes: int, info: dict[str, Any], report: Any, advance: Advance, loader: Any = None) -> None:
    """Compute ``todo`` on a Dask cluster, with at most two partitions per worker thread in flight."""
    client, cluster = connect(scheduler, processes, settings=settings, loader=loader)
    try:
        client.register_plugin(PipelinePlugin(settings, loader), name=PipelinePlugin.name)
        window = 2 * max(1, sum(client.nthreads().values()))
        running: dict[Any, Partition] = {}
        pool = as_completed()

        def submit_next() -> bool:
            part = next(todo, None)
            if part is None:
                return False
            records = [item_to_record(item) for item in part.items]
            future = client.submit(run_partition, str(out.path), part.name, part.index, records, settings,
                                   {**info, "digest": part.digest}, loader, key=f"quotegraph-{part.name}-{info['run'][:8]}")
            running[future] = part
            pool.add(future)
            return True

        while len(running) < window and submit_next():
            pass
        for future in pool:
            _settle(client, out, running.pop(future), future, settings, info, report, advance, loader)
            submit_next()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
