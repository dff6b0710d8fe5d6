"""The pipeline loaded once in the fork server, so that pool workers start with it already in memory.

``extract_many`` starts multiprocessing's fork server with this module among
the modules it imports, and names the pipeline to load in the environment
variable ``PRELOAD_ENV`` (a JSON object: the settings and the loader's import
name). On import, in the server, this module loads that pipeline into the
worker module's cache, runs it once over a short article (the first call of a
model costs about as much again as loading it), and freezes the garbage
collector's view of everything loaded so far, so that the workers forked from
the server share the model's memory copy-on-write and start at once.

A worker whose settings or loader differ from those the server loaded finds
no entry for them in the cache and loads its own pipeline, as without this
module. Nothing here starts a thread, and a failure to load leaves the server
as it was: the workers then load the pipeline themselves and report the
failure as a coded error on their first task.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
from contextlib import contextmanager
from typing import Any, Iterator, Mapping

from ..model import Article
from .worker import Loader, get_pipeline

__all__ = ["PRELOAD_ENV", "WARMUP_TEXT", "announced", "describe", "preload"]

PRELOAD_ENV = "QUOTEGRAPH_POOL_PRELOAD"
# Quotes, a cue, named speakers and a date: enough to run every stage of the default pipeline once.
WARMUP_TEXT = ('WASHINGTON (AP) — The mayor, Jane Smith, said on Monday that "the bridge will reopen next week." '
               "Officials said the cost was not yet known, according to a statement from the city council.")


def describe(settings: Mapping[str, Any] | None, loader: Loader | None) -> str | None:
    """The value of ``PRELOAD_ENV`` for this pipeline, or ``None`` when the server could not rebuild it.

    A loader is named by module and qualified name; one that cannot be
    imported by that name (a lambda, a local function) is loaded by each
    worker instead, and so are settings that are not plain JSON.
    """
    name = None
    if loader is not None:
        name = f"{loader.__module__}:{loader.__qualname__}"
        if "<" in name or _resolve(name) is not loader:
            return None
    try:
        return json.dumps({"settings": None if settings is None else dict(settings), "loader": name})
    except (TypeError, ValueError):
        return None


@contextmanager
def announced(settings: Mapping[str, Any] | None, loader: Loader | None) -> Iterator[None]:
    """While this holds, a fork server that starts reads this pipeline from ``PRELOAD_ENV`` (the
    variable is set only for that moment and restored after)."""
    value, previous = describe(settings, loader), os.environ.get(PRELOAD_ENV)
    if value is not None:
        os.environ[PRELOAD_ENV] = value
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(PRELOAD_ENV, None)
        else:
            os.environ[PRELOAD_ENV] = previous


def preload(value: str | None) -> bool:
    """Load (and, for the default loader, warm up) the pipeline ``value`` describes; False when it cannot."""
    if not value:
        return False
    try:
        spec = json.loads(value)
        settings, name = spec["settings"], spec["loader"]
        loader = _resolve(name) if name else None
        if name and loader is None:
            return False  # never the default pipeline in place of one the server cannot import
        pipeline = get_pipeline(settings, loader)
        if loader is None:
            pipeline(Article("quotegraph-warm-up", WARMUP_TEXT))
    except Exception:  # noqa: BLE001 - the workers load it themselves and report the coded error
        return False
    gc.freeze()  # the workers' collections then leave the loaded objects' pages shared
    return True


def _resolve(name: str) -> Any:
    module, _, qualname = name.partition(":")
    try:
        target: Any = importlib.import_module(module)
        for part in qualname.split("."):
            target = getattr(target, part)
    except (ImportError, AttributeError):
        return None
    return target


if os.environ.get(PRELOAD_ENV):  # imported by the fork server (see the module docstring)
    preload(os.environ[PRELOAD_ENV])
