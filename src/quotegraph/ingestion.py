"""The ingest use case: read articles, extract what is new, store, then rebuild merges.

This is the write side's one use case (``service`` is the read side's); it
composes the readers (``ingest``), extraction (``pipeline``, or the process
pool for several processes) and the store, so that ``store`` itself depends
on the model alone.

Articles already stored with the same content hash are skipped before
extraction, so re-running an interrupted ingest only does the missing work.
Each document is committed on its own; merged persons and statements are
rebuilt once at the end (or at the start of the next run, if a run died
before it got there).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .errors import InputError
from .model import Article, Document, Rejected
from .store.aliases import load_aliases
from .store.contract import check_document
from .store.writer import Store, content_hash

__all__ = ["IngestReport", "ingest", "read_documents"]


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failures: list[Rejected] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def seen(self) -> int:
        return self.added + self.replaced + self.unchanged + len(self.failures)

    def summary(self) -> str:
        """One line for the end of a run."""
        t = self.totals
        return (f"{self.seen} articles read: {self.added} added, {self.replaced} replaced, "
                f"{self.unchanged} unchanged, {len(self.failures)} failed; database now holds "
                f"{t.get('articles', 0)} articles, {t.get('quotes', 0)} quotes, "
                f"{t.get('statements', 0)} statements by {t.get('persons', 0)} speakers")

    def to_dict(self) -> dict[str, Any]:
        return {"added": self.added, "replaced": self.replaced, "unchanged": self.unchanged,
                "failed": [r.to_dict() for r in self.failures], "totals": dict(self.totals)}


def read_documents(paths: Iterable[str], origins: dict[str, str] | None = None) -> Iterator[Document | Rejected]:
    """Extracted documents from JSONL files (``quotegraph extract --format jsonl`` output); ``-`` is stdin.

    ``origins``, when given, receives ``path:line`` for every document id read.
    """
    import sys

    origins = {} if origins is None else origins
    for path in paths:
        if path == "-":
            yield from _documents_from(sys.stdin, "<stdin>", origins)
            continue
        try:
            with open(path, encoding="utf-8") as handle:
                yield from _documents_from(handle, path, origins)
        except OSError as exc:
            yield Rejected(None, path, "E100", InputError("E100", origin=path).message + f" ({exc.strerror})")


def _documents_from(lines: Iterable[str], name: str, origins: dict[str, str]) -> Iterator[Document | Rejected]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        origin = f"{name}:{number}"
        try:
            data = json.loads(line)
            check_document(data, origin)
            doc = Document.from_dict(data)
            origins[doc.id] = origin
            yield doc
        except json.JSONDecodeError as exc:
            yield Rejected(None, origin, "E105", InputError("E105", origin=origin, detail=str(exc)).message)
        except InputError as exc:
            doc_id = data.get("id") if isinstance(data, dict) else None
            yield Rejected(doc_id if isinstance(doc_id, str) else None, origin, exc.code, exc.message)
        except (KeyError, TypeError, ValueError) as exc:
            yield Rejected(None, origin, "E107", InputError("E107", origin=origin, field=str(exc),
                                                            detail="not an extracted document").message)


def _extractor(processes: int, settings: dict[str, Any]) -> Callable[[Iterable], Iterator]:
    if processes > 1:
        from .pipeline.pool import extract_many

        return lambda items: extract_many(items, processes=processes, settings=settings)
    from .pipeline import load_pipeline

    pipeline = load_pipeline(**{k: v for k, v in settings.items() if k in ("time_budget", "max_chars", "batch_size", "model")})
    return pipeline.pipe


def _batch_documents(paths: Iterable[str], origins: dict[str, str]) -> Iterator[Document | Rejected]:
    from .batch.parquet import read_documents as read_batch_output  # pyarrow only when asked for

    for path in paths:
        yield from read_batch_output(path, origins)


def ingest(paths: list[str], *, db: str | Path, processes: int = 1, aliases: str | Path | None = None,
           documents: bool = False, settings: dict[str, Any] | None = None,
           progress: Callable[[int], None] | None = None, from_parquet: bool = False) -> IngestReport:
    """Extract and store every article under ``paths`` into the database ``db``.

    ``documents=True`` reads already-extracted documents (JSONL) instead of
    articles; ``from_parquet=True`` reads ``quotegraph batch`` output
    directories. ``progress`` is called with 1 for every input handled.
    """
    report = IngestReport()
    tick = progress or (lambda n: None)
    with Store(db) as store:
        if aliases is not None:
            store.set_aliases(load_aliases(aliases))
        origins: dict[str, str] = {}
        if from_parquet:
            results: Iterable = _skip_stored(_batch_documents(paths, origins), store, report, origins, tick)
        elif documents:
            results = _skip_stored(read_documents(paths, origins), store, report, origins, tick)
        else:
            from .ingest import read_paths

            fresh = _skip_stored(read_paths(paths, settings=settings), store, report, origins, tick)
            results = _extractor(processes, settings or {})(fresh)
        for item in results:
            tick(1)
            if isinstance(item, Rejected):
                report.failures.append(item)
                continue
            origin = origins.get(item.id, "<memory>")
            try:
                outcome = store.put(item, origin=origin)
            except InputError as exc:
                report.failures.append(Rejected(item.id, origin, exc.code, exc.message))
                continue
            setattr(report, outcome, getattr(report, outcome) + 1)
        if not (from_parquet and store.is_dirty() and _adopt(store, paths)):
            store.rebuild()
        report.totals = store.counts()
    return report


def _adopt(store: Store, paths: list[str]) -> bool:
    """Take the batch's corpus tables as the merged tables when they describe exactly this database."""
    from .batch.adopt import adopt_corpus  # pyarrow: only for batch output

    return store._transaction(lambda conn: adopt_corpus(conn, paths)) is not None


def _skip_stored(items: Iterable, store: Store, report: IngestReport, origins: dict[str, str],
                 tick: Callable[[int], None]) -> Iterator:
    """Pass on only what is not already stored unchanged (rejections pass through)."""
    for item in items:
        if isinstance(item, (Article, Document)):
            if store.stored_hash(item.id) == content_hash(item):
                report.unchanged += 1
                tick(1)
                continue
            origins[item.id] = getattr(item, "origin", None) or origins.get(item.id) or "<memory>"
        yield item
