"""What runs inside a worker process: one pipeline per process, loaded once.

Every executor (the local process pool, Dask workers, Spark or Ray tasks)
reaches the pipeline through ``get_pipeline``, which caches it per process and
per settings, so a long-lived worker loads the spaCy model exactly once. The
cache lives in this module, never in ``__main__``, so it works the same under
``spawn``, ``forkserver`` and remote workers.
"""

from __future__ import annotations

import json
import signal
import threading
from typing import Any, Callable, Iterable, Mapping

from ..errors import BatchError, QuotegraphError
from ..model import Article, Document, Rejected

__all__ = ["Loader", "get_pipeline", "extract_one", "extract_chunk", "init_worker", "run_chunk", "loads"]

# ``loader(**settings)`` returns a callable ``Article -> Document``.
Loader = Callable[..., Callable[[Article], Document]]

_CACHE: dict[tuple[str, str], Callable[[Article], Document]] = {}
_LOCK = threading.Lock()  # Dask workers may run several threads per process
_LOADS: dict[str, int] = {}
_WORKER: dict[str, Any] = {}


def _default_loader(**settings: Any) -> Callable[[Article], Document]:
    from ..pipeline import load_pipeline

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
        return _CACHE[key]


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
    """Extract a chunk of articles in order with one pipeline."""
    return [extract_one(pipeline, item) for item in items]


def init_worker(settings: Mapping[str, Any] | None, loader: Loader | None) -> None:
    """Pool initializer: load the pipeline once, when the worker process starts.

    A load failure is kept and raised by the first task, so the parent sees a
    coded error instead of a pool that merely looks broken.
    """
    # Ctrl-C reaches the whole process group; only the parent should act on it
    # (it stops the pool cleanly), not every worker with its own traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["settings"], _WORKER["loader"] = settings, loader
    try:
        get_pipeline(settings, loader)
    except BatchError as exc:
        _WORKER["error"] = exc


def run_chunk(items: list[Article | Rejected]) -> list[Document | Rejected]:
    """Pool task: extract ``items`` with this worker's pipeline."""
    if "error" in _WORKER:
        raise _WORKER["error"]
    pipeline = get_pipeline(_WORKER.get("settings"), _WORKER.get("loader"))
    return extract_chunk(items, pipeline)
