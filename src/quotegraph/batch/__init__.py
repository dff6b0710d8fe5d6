"""Batch extraction: many articles, many processes or a Dask cluster, Parquet out.

``extract_many`` (multi-process, input order) lives in ``quotegraph.batch.local``.
"""

from __future__ import annotations

from .local import extract_many

__all__ = ["extract_many"]
