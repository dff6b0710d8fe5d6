"""The engine-neutral batch function: article records in, Arrow tables out.

``process_records`` is the unit of work a distributed engine runs on its
workers: the Dask engine's tasks call it, and user code on Spark
(``mapInArrow``/``mapInPandas``) or Ray (``map_batches``) reaches it through
``process_arrow``, ``process_pandas`` and ``process_batch``. The local engine
runs the same steps (``record_to_item``, the worker's ``extract_chunk``,
``tables.to_tables``) through ``extract_many``. It needs nothing but the
records: the pipeline is loaded once per worker process and cached.

A record is a dict like ``Article.to_dict()``: ``id`` and ``text`` required,
``date``, ``title``, ``url``, ``source``, ``origin``, ``warnings`` optional. A
dict like ``Rejected.to_dict()`` (``code`` and ``reason``, no ``text``) is an
input that already failed upstream (a reader rejection) and becomes a
failure row as it is. A malformed record becomes a failure row too (E106,
E107, E108...), never an exception, so one bad record never loses a batch.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping

from ..errors import InputError, QuotegraphError, import_optional
from ..ingest import record_id, record_to_article
from ..model import Article, Rejected, Warning
from ..settings import resolve
from .tables import TABLES, to_tables
from ..pipeline.pool import DEFAULT_CHUNKSIZE
from ..pipeline.worker import Loader, extract_chunk, get_pipeline

pa = import_optional("pyarrow", extra="batch", feature="Arrow batch records")

__all__ = ["PIPELINE_SETTINGS", "process_records", "record_to_item", "item_to_record", "pipeline_settings", "process_batch", "process_arrow", "process_pandas"]

# The settings that change what the pipeline produces; the rest (db, port...) do not reach workers.
PIPELINE_SETTINGS = ("max_chars", "time_budget", "batch_size", "model")


def pipeline_settings(settings: Mapping[str, Any] | None) -> dict[str, Any]:
    """The pipeline's share of ``settings``, resolved and type-checked (defaults filled in)."""
    given = {k: v for k, v in (settings or {}).items() if k in PIPELINE_SETTINGS}
    resolved = resolve(**given)
    return {k: resolved[k] for k in PIPELINE_SETTINGS}


def item_to_record(item: Article | Rejected) -> dict[str, Any]:
    """The record form of a reader's output (the inverse of ``record_to_item``)."""
    return item.to_dict()


def record_to_item(record: Any, position: int, *, max_chars: int) -> Article | Rejected:
    """One record as an ``Article`` or, when it is a carried or new failure, a ``Rejected``."""
    if isinstance(record, (Article, Rejected)):
        return record
    origin = f"records[{position}]"
    if not isinstance(record, Mapping):
        exc = InputError("E107", origin=origin, field="record", detail=f"expected an object, got {type(record).__name__}")
        return Rejected(None, origin, exc.code, exc.message)
    origin = str(record.get("origin") or origin)
    if "text" not in record and "code" in record and "reason" in record:
        raw_id = record.get("id")
        return Rejected(None if raw_id is None else str(raw_id), origin, str(record["code"]), str(record["reason"]))
    try:
        article = record_to_article(dict(record), id=record_id(record, origin), origin=origin, max_chars=max_chars)
        article.warnings = [Warning.from_dict(w) for w in record.get("warnings") or []]
    except QuotegraphError as exc:
        return Rejected(_safe_id(record), origin, exc.code, exc.message)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        error = InputError("E107", origin=origin, field="warnings", detail=f"{type(exc).__name__}: {exc}")
        return Rejected(_safe_id(record), origin, error.code, error.message)
    return article


def _safe_id(record: Mapping[str, Any]) -> str | None:
    """The record's id for its failure row, or None when the id itself is what is wrong."""
    try:
        return record_id(record, "")
    except InputError:
        return None


def process_records(
    records: Iterable[Mapping[str, Any] | Article | Rejected],
    settings: Mapping[str, Any] | None = None,
    *,
    loader: Loader | None = None,
) -> dict[str, pa.Table]:
    """Extract ``records`` with this process's cached pipeline; return the four batch tables.

    The tables are ``documents``, ``statements``, ``entities`` and
    ``mentions`` (schemas in ``quotegraph.batch.tables.SCHEMAS``); rows follow
    input order, and every input has exactly one ``documents`` row.
    """
    options = pipeline_settings(settings)
    items = [record_to_item(r, i, max_chars=options["max_chars"]) for i, r in enumerate(records)]
    if not any(isinstance(i, Article) for i in items):
        return to_tables(items, items)
    pipeline = get_pipeline(options, loader)
    # the batched path, in chunks of the local pool's size, so every engine does the same work per article
    results = [r for lo in range(0, len(items), DEFAULT_CHUNKSIZE)
               for r in extract_chunk(items[lo : lo + DEFAULT_CHUNKSIZE], pipeline)]
    return to_tables(items, results)


def _records_of(batch: pa.Table | pa.RecordBatch) -> list[dict[str, Any]]:
    return batch.to_pylist()


def process_batch(batch: pa.Table | pa.RecordBatch, settings: Mapping[str, Any] | None = None, *,
                  table: str = "statements", loader: Loader | None = None) -> pa.Table:
    """One Arrow batch of article records in, one output ``table`` out (Ray ``map_batches(batch_format="pyarrow")``)."""
    if table not in TABLES:
        raise ValueError(f"unknown table '{table}' (known: {', '.join(TABLES)})")
    return process_records(_records_of(batch), settings, loader=loader)[table]


def process_arrow(batches: Iterable[pa.Table | pa.RecordBatch], settings: Mapping[str, Any] | None = None, *,
                  table: str = "statements", loader: Loader | None = None) -> Iterator[pa.RecordBatch]:
    """Adapter for Spark ``mapInArrow``: an iterator of Arrow batches in, record batches out.

    Each input batch has the record columns (``id``, ``text``, optional
    ``date``, ``title``, ``url``, ``source``); for each, the ``table``
    (default ``statements``) comes out as record batches with the schema
    ``SCHEMAS[table]``.
    """
    if table not in TABLES:
        raise ValueError(f"unknown table '{table}' (known: {', '.join(TABLES)})")
    for batch in batches:
        yield from process_batch(batch, settings, table=table, loader=loader).to_batches()


def process_pandas(frames: Iterable[Any], settings: Mapping[str, Any] | None = None, *,
                   table: str = "statements", loader: Loader | None = None) -> Iterator[Any]:
    """Adapter for Spark ``mapInPandas`` and Ray ``map_batches(batch_format="pandas")``: frames in, frames out."""
    if table not in TABLES:
        raise ValueError(f"unknown table '{table}' (known: {', '.join(TABLES)})")
    for frame in frames:
        # via Arrow, so that pandas' NaN for a missing string becomes None again
        records = _records_of(pa.Table.from_pandas(frame, preserve_index=False))
        yield process_records(records, settings, loader=loader)[table].to_pandas()
