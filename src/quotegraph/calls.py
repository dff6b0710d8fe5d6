"""Service calls made for an HTTP request, bounding what one request may cost the server.

Shared by the JSON API (``api``) and the web pages (``web``), which never import each other.

Every service call made for a request runs in a worker thread under three
bounds:

* a time limit: the service stops its SQLite work after
  ``query_time_limit`` seconds (E606, 422);
* cancellation: when the client disconnects, the call's SQLite work is
  interrupted at once (E607) instead of running on for nobody;
* concurrency: costly searches (article text, FTS syntax, many words) run
  at most ``max_heavy_searches`` at a time and every other call at most
  ``max_queries`` at a time; a request that cannot get a slot within
  ``QUEUE_WAIT`` seconds is answered E608 (429, ``Retry-After``) so that
  a flood of costly searches cannot starve the cheap ones.
"""

from __future__ import annotations

import threading
from functools import partial
from typing import Any

import anyio
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from .errors import QueryError

__all__ = ["Limits", "call_service", "QUEUE_WAIT"]

QUEUE_WAIT = 1.0  # seconds a request may wait for a free slot


class Limits:
    """The semaphores of one app (created lazily, inside the server's event loop)."""

    def __init__(self, *, max_queries: int = 16, max_heavy_searches: int = 2) -> None:
        self.max_queries = max(1, int(max_queries))
        self.max_heavy = max(1, int(max_heavy_searches))
        self._slots: dict[str, anyio.Semaphore] = {}

    def slots(self, kind: str) -> anyio.Semaphore:
        if kind not in self._slots:
            self._slots[kind] = anyio.Semaphore(self.max_heavy if kind == "heavy" else self.max_queries)
        return self._slots[kind]


async def _watch_disconnect(request: Request, cancel: threading.Event) -> None:
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            cancel.set()
            return


async def call_service(request: Request, method: str, *args: Any, **kwargs: Any) -> Any:
    """``service.method(*args, **kwargs)`` in a worker thread, bounded as the module docstring says."""
    service = request.app.state.service
    limits: Limits = request.app.state.limits
    heavy = method == "search_statements" and service.is_heavy(**kwargs)
    slots = limits.slots("heavy" if heavy else "normal")
    cancel = threading.Event()

    def run() -> Any:
        with service.cancellable(cancel):
            return getattr(service, method)(*args, **kwargs)

    with anyio.move_on_after(QUEUE_WAIT) as waiting:
        await slots.acquire()
    if waiting.cancelled_caught:
        kind = "too many costly searches at once" if heavy else "too many requests at once"
        raise QueryError("E608", detail=kind)
    failure: Exception | None = None
    try:
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(_watch_disconnect, request, cancel)
            try:
                result = await run_in_threadpool(partial(run))
            except Exception as exc:  # noqa: BLE001 - re-raised below, outside the task group
                failure = exc
            tasks.cancel_scope.cancel()
    finally:
        slots.release()
    if failure is not None:
        raise failure
    return result
