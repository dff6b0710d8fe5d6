"""Where ``extract_many`` used to live: it is ``quotegraph.pipeline.pool`` now (one entry point for every command)."""

from __future__ import annotations

from ..pipeline.pool import DEFAULT_CHUNKSIZE, START_METHOD, extract_many

__all__ = ["extract_many", "DEFAULT_CHUNKSIZE", "START_METHOD"]
