"""Where the per-process pipeline cache used to live: it is ``quotegraph.pipeline.worker`` now."""

from __future__ import annotations

from ..pipeline.worker import Loader, extract_chunk, extract_one, get_pipeline, init_worker, loads, run_chunk

__all__ = ["Loader", "get_pipeline", "extract_one", "extract_chunk", "init_worker", "run_chunk", "loads"]
