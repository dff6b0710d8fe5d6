"""What runs inside a worker process: one pipeline per process, loaded once.

Every executor (the local process pool, Dask workers, Spark or Ray tasks)
reaches the pipeline through ``get_pipeline``, which caches it per process and
per settings, so a long-lived worker loads the spaCy model exactly once. The
cache lives in this module, never in ``__main__``, so it works the same under
``spawn``, ``forkserver`` and remote workers.

``extract_chunk`` runs a chunk of articles through the pipeline's batched
path (``Pipeline.pipe``: one model pass for the sentences of all of them), so
every executor gets the speed ``quotegraph bench`` measures.
"""

from __future__ import annotations

import ctypes
import gc
import json
import os
import resource
import signal
import threading
import time
from typing import Any, Callable, Iterable, Mapping

from ..errors import BatchError, QuotegraphError
from ..model import Article, Document, Rejected

__all__ = ["Loader", "get_pipeline", "extract_one", "extract_chunk", "init_worker", "run_chunk", "loads",
           "usage", "watch_parent"]

# ``loader(**settings)`` returns a callable ``Article -> Document`` (and, like
# ``Pipeline``, may offer ``pipe(articles, chunk=n)`` for the batched path).
Loader = Callable[..., Callable[[Article], Document]]

_CACHE: dict[tuple[str, str], Callable[[Article], Document]] = {}
_LOCK = threading.Lock()  # Dask workers may run several threads per process
_LOADS: dict[str, int] = {}
_WORKER: dict[str, Any] = {}
# How often a worker checks that the process that started the pool is alive.
WATCH_INTERVAL = 0.5
_PR_SET_PDEATHSIG = 1


def _default_loader(**settings: Any) -> Callable[[Article], Document]:
    from .build import load_pipeline

    return load_pipeline(**settings)


def _key(loader: Loader | None, settings: Mapping[str, Any] | None) -> tuple[str, str]:
    name = "default" if loader is None else f"{loader.__module__}.{loader.__qualname__}"
    return name, json.dumps(dict(settings or {}), sort_keys=True, default=str)


def get_pipeline(settings: Mapping[str, Any] | None = None, loader: Loader | None = None) -> Callable[[Article], Document]:
    """The pipeline for ``settings`` in this process, loaded on first use and then reused."""
    key = _key(loader, settings)
    pipeline = _CACHE.get(key)
    if pipeline is not None:
        return pipeline
    with _LOCK:
        if key not in _CACHE:
            try:
                _CACHE[key] = (loader or _default_loader)(**dict(settings or {}))
            except QuotegraphError as exc:
                raise BatchError("E502", detail=str(exc)) from exc
            except Exception as exc:  # the model or its package may be missing on a worker
                raise BatchError("E502", detail=f"{type(exc).__name__}: {exc}") from exc
            _LOADS[key[0]] = _LOADS.get(key[0], 0) + 1
            _settle_heap()
        return _CACHE[key]


def _settle_heap() -> None:
    """Collect what loading left behind, then take every live object out of the cyclic collector's view.

    A loaded pipeline is some millions of objects (the model's vocabulary, layers and
    lexicons) that live as long as the process; the collector's full passes walked every one
    of them each time, 1.0 of the 16 CPU seconds of a 300-article PolNeAR pass. Frozen
    (``gc.freeze``), they are kept and never walked; what the pipeline allocates afterwards is
    collected as before.
    """
    gc.collect()
    gc.freeze()
    _keep_freed_memory()


# glibc's mallopt parameters, and the values set: blocks up to 32 MB (the largest threshold glibc
# itself moves to) come from the heap, and up to 256 MB of free heap top is kept for reuse.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MMAP_BYTES, _TRIM_BYTES = 32 << 20, 256 << 20


def _keep_freed_memory() -> bool:
    """Let the C heap reuse the model's freed activation arrays instead of returning them to the kernel.

    By default glibc maps each large block (a batch's activations: a few MB) afresh and unmaps
    it when freed, and trims the heap top, so the next batch faults in zeroed pages again: 230k
    page faults in a 300-article PolNeAR pass. With the thresholds raised the pass faults 65k
    times and the peak RSS is the same (the same blocks, reused). False where there is no glibc.
    """
    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, _MMAP_BYTES)) and bool(mallopt(_M_TRIM_THRESHOLD, _TRIM_BYTES))


def loads() -> dict[str, int]:
    """How many times this process has loaded each pipeline (loader name -> count), to check "once per worker"."""
    return dict(_LOADS)


def extract_one(pipeline: Callable[[Article], Document], item: Article | Rejected) -> Document | Rejected:
    """Extract one article; any failure becomes a ``Rejected`` naming the article."""
    if isinstance(item, Rejected):
        return item
    try:
        return pipeline(item)
    except QuotegraphError as exc:
        return Rejected(item.id, item.origin, exc.code, exc.message)
    except Exception as exc:  # a bug must cost one article, not the batch
        error = BatchError("E507", id=item.id, origin=item.origin, detail=f"{type(exc).__name__}: {exc}")
        return Rejected(item.id, item.origin, error.code, error.message)


def extract_chunk(items: Iterable[Article | Rejected], pipeline: Callable[[Article], Document]) -> list[Document | Rejected]:
    """Extract a chunk of articles in order with one pipeline, through its batched path when it has one.

    Results equal those of ``extract_one`` on each article. Should the batched
    path itself fail (a bug outside any one article's stages), the chunk is
    run again one article at a time, so the failure is pinned on its article.
    """
    items = list(items)
    pipe = getattr(pipeline, "pipe", None)
    if pipe is None or sum(isinstance(i, Article) for i in items) < 2:
        return [extract_one(pipeline, item) for item in items]
    try:
        results = list(pipe(items, chunk=len(items)))
    except Exception:  # noqa: BLE001 - isolated below, article by article
        return [extract_one(pipeline, item) for item in items]
    if len(results) != len(items):
        return [extract_one(pipeline, item) for item in items]
    return results


def usage() -> dict[str, float]:
    """This process's CPU seconds (user + system) and peak RSS in MB, for the pool's accounting."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return {"cpu_seconds": own.ru_utime + own.ru_stime, "peak_rss_mb": own.ru_maxrss / 1024}


def watch_parent(owner: int, *, interval: float = WATCH_INTERVAL) -> None:
    """End this process when the process that started the pool (``owner``) dies.

    Two guards, because pool workers are usually children of the fork server,
    not of ``owner``: the kernel's parent-death signal (the fork server leaves
    when ``owner`` dies, and its children get SIGKILL), and a watchdog thread
    that polls ``owner`` itself (for a parent that somehow stays alive, and for
    systems without ``prctl``). A worker never outlives its pool's owner by
    more than about ``interval`` seconds, so it cannot hold a model forever.
    """
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the watchdog alone
        pass

    def watch() -> None:
        while True:
            if os.getppid() != parent or not _alive(owner):
                os._exit(1)
            time.sleep(interval)

    threading.Thread(target=watch, name="quotegraph-watchdog", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else (pid reused): treat the owner as gone
        return False
    return True


def init_worker(settings: Mapping[str, Any] | None, loader: Loader | None, owner: int | None = None) -> None:
    """Pool initializer: watch the owner, then load the pipeline once, when the worker process starts.

    A load failure is kept and raised by the first task, so the parent sees a
    coded error instead of a pool that merely looks broken.
    """
    # Ctrl-C reaches the whole process group; only the parent should act on it
    # (it stops the pool cleanly), not every worker with its own traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if owner is not None:
        watch_parent(owner)
    _WORKER["settings"], _WORKER["loader"] = settings, loader
    try:
        get_pipeline(settings, loader)
    except BatchError as exc:
        _WORKER["error"] = exc


def run_chunk(items: list[Article | Rejected]) -> tuple[list[Document | Rejected], int, dict[str, float]]:
    """Pool task: extract ``items`` with this worker's pipeline; also say who did it and at what cost so far."""
    if "error" in _WORKER:
        raise _WORKER["error"]
    pipeline = get_pipeline(_WORKER.get("settings"), _WORKER.get("loader"))
    return extract_chunk(items, pipeline), os.getpid(), usage()
