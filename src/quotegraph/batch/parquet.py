"""The batch output directory: Parquet shards, commit markers and a manifest.

Layout (every name deterministic)::

    OUT/manifest.json                       what this batch is, and its counts
    OUT/documents/part-000003-<fp>.parquet  one shard per partition and table
    OUT/statements/...  OUT/entities/...  OUT/mentions/...
    OUT/_partitions/part-000003-<fp>.json   commit marker: the partition is done
    OUT/_partitions/commits.log             one line per commit (run, process, time)
    OUT/_tmp/                               files being written (never read)

A partition is committed in three steps: every shard is written under
``_tmp`` and flushed; each is moved into place with ``os.replace`` (atomic
on one file system, so a reader never sees half a file); then the marker is
written the same way. The marker is the commit point: a partition without
one is recomputed by the next run, and the deterministic shard names mean a
recomputed shard replaces, never duplicates, anything left behind.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path
from typing import Any, Iterator

from ..errors import BatchError, import_optional
from ..model import Document, Rejected
from .plan import BatchPlan
from .tables import TABLES, from_tables

pa = import_optional("pyarrow", extra="batch", feature="Parquet batch output")
pq = import_optional("pyarrow.parquet", extra="batch", feature="Parquet batch output")

__all__ = ["MANIFEST", "COMMIT_LOG", "OutputDir", "read_documents", "write_json_atomic", "partition_counts"]

MANIFEST = "manifest.json"
COMMIT_LOG = "commits.log"
FORMAT = "quotegraph-batch"
_MARKERS, _TMP = "_partitions", "_tmp"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_json_atomic(path: Path, data: Any) -> None:
    """Write ``data`` as JSON to ``path`` so that readers see the old file or the new one, never a mix."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def partition_counts(tables: dict[str, pa.Table]) -> dict[str, int]:
    """Row counts of one partition's tables, with documents split into ok and rejected."""
    status = tables["documents"].column("status").to_pylist()
    counts = {name: tables[name].num_rows for name in TABLES}
    counts.update(ok=status.count("ok"), rejected=len(status) - status.count("ok"))
    return counts


class OutputDir:
    """One batch's output directory; safe to use from several processes at once."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def marker(self, name: str) -> Path:
        return self.path / _MARKERS / f"{name}.json"

    def shard(self, table: str, name: str) -> Path:
        return self.path / table / f"{name}.parquet"

    def open(self, plan: BatchPlan) -> dict[str, Any]:
        """Create or reopen the directory for ``plan``; refuse one that holds a different batch (E503)."""
        self.path.mkdir(parents=True, exist_ok=True)
        manifest = self.manifest()
        if manifest is not None and manifest.get("inputs_fingerprint") != plan.fingerprint:
            raise BatchError("E503", path=str(self.path), found=str(manifest.get("inputs_fingerprint"))[:12],
                             expected=plan.fingerprint[:12])
        if manifest is None and any(p.name != _TMP for p in self.path.iterdir()):
            raise BatchError("E504", path=str(self.path), detail="it exists, is not empty and has no manifest.json")
        for sub in (*TABLES, _MARKERS, _TMP):
            (self.path / sub).mkdir(exist_ok=True)
        for stale in (self.path / _TMP).iterdir():  # left by a run that was killed mid-write
            stale.unlink(missing_ok=True)
        data = {**(manifest or {}), "format": FORMAT, **plan.to_dict(), "status": "running",
                "tables": list(TABLES), "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        write_json_atomic(self.path / MANIFEST, data)
        return data

    def manifest(self) -> dict[str, Any] | None:
        """The manifest, or ``None`` when there is none yet."""
        path = self.path / MANIFEST
        if not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BatchError("E504", path=str(self.path), detail=f"unreadable {MANIFEST}: {exc}") from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BatchError("E504", path=str(self.path), detail=f"{MANIFEST} is not a quotegraph batch manifest")
        return data

    def done(self, name: str) -> dict[str, Any] | None:
        """The commit marker of partition ``name``, or ``None`` if it is not committed."""
        try:
            return json.loads(self.marker(name).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None

    def committed(self) -> list[dict[str, Any]]:
        """Every committed partition's marker, in partition order."""
        markers = sorted((self.path / _MARKERS).glob("part-*.json"))
        return [json.loads(m.read_text(encoding="utf-8")) for m in markers]

    def commit(self, name: str, index: int, tables: dict[str, pa.Table], info: dict[str, Any]) -> dict[str, Any]:
        """Write partition ``name``'s shards and then its marker; a no-op if it is already committed."""
        existing = self.done(name)
        if existing is not None:
            return existing
        tmp_dir = self.path / _TMP
        staged = []
        for table in TABLES:
            tmp = tmp_dir / f"{name}.{table}.{uuid.uuid4().hex}.parquet"
            with open(tmp, "wb") as handle:
                pq.write_table(tables[table], handle, compression="zstd")
                handle.flush()
                os.fsync(handle.fileno())
            staged.append((tmp, self.shard(table, name)))
        for tmp, final in staged:
            os.replace(tmp, final)
        for table in TABLES:
            _fsync_dir(self.path / table)
        marker = {"name": name, "index": index, "counts": partition_counts(tables), **info,
                  "committed": time.time(), "pid": os.getpid()}
        write_json_atomic(self.marker(name), marker)
        # One line per commit, appended after the marker: an audit trail of which
        # run (and process) computed each partition, for checking exactly-once.
        with open(self.path / _MARKERS / COMMIT_LOG, "a", encoding="utf-8") as log:
            log.write(json.dumps({"name": name, "run": info.get("run"), "pid": os.getpid(), "at": marker["committed"]}) + "\n")
        return marker

    def commit_log(self) -> list[dict[str, Any]]:
        """Every commit ever made in this directory, oldest first."""
        path = self.path / _MARKERS / COMMIT_LOG
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    def finish(self, extra: dict[str, Any]) -> dict[str, Any]:
        """Record the committed partitions and totals in the manifest."""
        parts = self.committed()
        totals: dict[str, int] = {}
        for part in parts:
            for key, value in part["counts"].items():
                totals[key] = totals.get(key, 0) + value
        data = {**(self.manifest() or {}), **extra,
                "partitions": [{k: p[k] for k in ("index", "name", "digest", "counts") if k in p} for p in parts],
                "counts": totals}
        write_json_atomic(self.path / MANIFEST, data)
        return data

    def read_partition(self, name: str) -> dict[str, pa.Table]:
        """The four tables of one committed partition."""
        return {table: pq.read_table(self.shard(table, name)) for table in TABLES}


def read_documents(out_dir: str | Path, origins: dict[str, str] | None = None) -> Iterator[Document | Rejected]:
    """Every ``Document`` and ``Rejected`` of a batch output, in input order, rebuilt exactly.

    Only committed partitions are read; ``Document.to_dict()`` of each equals
    that of the document the batch extracted. ``origins``, when given,
    receives the input origin (``path`` or ``path:line``) of every document id.
    """
    out = OutputDir(out_dir)
    if out.manifest() is None:
        raise BatchError("E504", path=str(out_dir), detail=f"no {MANIFEST}")
    for part in out.committed():
        tables = out.read_partition(part["name"])
        if origins is not None:
            documents = tables["documents"]
            for doc_id, origin in zip(documents.column("id").to_pylist(), documents.column("origin").to_pylist()):
                if doc_id is not None and origin:
                    origins[doc_id] = origin
        yield from from_tables(tables)
