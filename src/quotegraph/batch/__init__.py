"""Batch extraction: many articles, many processes or a Dask cluster, Parquet out.

The modules, from the bottom up (import what you need; only ``local`` is
imported here, so that ``extract_many`` costs no pyarrow or Dask import):

* ``worker``: the per-process pipeline cache every executor uses;
* ``local``: ``extract_many``, ordered multi-process extraction;
* ``tables``: Documents as Arrow tables and back;
* ``records``: ``process_records``, the engine-neutral batch function, and
  the Spark/Ray adapters ``process_arrow``, ``process_batch``, ``process_pandas``;
* ``plan`` and ``parquet``: deterministic partitions, shards, markers and the
  manifest; ``read_documents`` reads a batch output back;
* ``sizing``: partition sizes derived from the input when none is set;
* ``engines`` (local) and ``cluster`` (Dask) compute partitions;
* ``corpus``: the corpus pass after extraction: speakers and merged
  statements across articles (``run_corpus``, ``read_corpus``);
* ``run``: ``run_batch``, what ``quotegraph batch`` calls.
"""

from __future__ import annotations

from ..pipeline.pool import extract_many

__all__ = ["extract_many"]
