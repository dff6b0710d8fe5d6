"""Which inputs, in which order, cut into which partitions, under which name.

A batch is deterministic: the inputs are read in the order ``read_paths``
gives (arguments as given, directories in sorted order), and partition ``k``
holds records ``[k*N, (k+1)*N)`` of that stream. A partition is named
``part-<k>-<fingerprint>``, where the fingerprint covers the input files
(path, size, modification time), the partition size, the pipeline settings
and the quotegraph version: a rerun over the same inputs finds the same
names, and a changed input can never be mistaken for finished work.
Each partition also has a content digest (ids and text hashes), checked when
a rerun skips it.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

from ..errors import BatchError
from ..model import Article, Rejected

__all__ = ["Partition", "BatchPlan", "input_files", "fingerprint", "partitions", "partition_name", "digest"]


def input_files(paths: Sequence[str | Path]) -> list[dict[str, Any]]:
    """Every input file under ``paths`` with its size and modification time, in reading order.

    The same files ``read_paths`` reads (directories skip hidden entries and
    unsupported file types). A path that cannot be read (missing, a dangling
    symlink, a symlink loop, no permission) does not stop the batch: it is
    listed with its error code, and ``read_paths`` rejects it as one input.
    """
    from ..ingest import file_format

    found: list[dict[str, Any]] = []
    for raw in paths:
        if str(raw) == "-":
            raise BatchError("E506", origin="<stdin>", detail="standard input")
        path = Path(raw)
        if path.is_dir():
            errors: list[OSError] = []
            for dirpath, dirnames, filenames in os.walk(path, onerror=errors.append):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                found.extend(_stat(Path(dirpath) / n) for n in sorted(filenames)
                             if not n.startswith(".") and file_format(Path(n)) is not None)
            found.extend({"path": str(e.filename or path), "error": "E114"} for e in errors)
        else:
            found.append(_stat(path))
    return found


def _stat(path: Path) -> dict[str, Any]:
    try:
        st = path.stat()
    except FileNotFoundError:  # missing, or a dangling symlink
        return {"path": str(path.absolute()), "error": "E100"}
    except OSError as exc:  # a symlink loop, no permission, ...
        return {"path": str(path.absolute()), "error": "E114", "detail": exc.strerror or str(exc)}
    return {"path": str(path.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def fingerprint(files: list[dict[str, Any]], partition_size: int, settings: Mapping[str, Any]) -> str:
    """A sha256 naming this exact batch: inputs, partition size, pipeline settings, version."""
    from ..version import __version__

    data = {"files": files, "partition_size": partition_size, "settings": dict(settings), "version": __version__}
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def partition_name(index: int, fp: str) -> str:
    """The deterministic name of partition ``index`` of the batch ``fp``."""
    return f"part-{index:06d}-{fp[:12]}"


def digest(items: Iterable[Article | Rejected]) -> str:
    """A sha256 over a partition's contents (ids, origins, texts or failure codes)."""
    h = hashlib.sha256()
    for item in items:
        if isinstance(item, Article):
            body = item.text
        else:
            body = f"{item.code}\x00{item.reason}"
        h.update(f"{item.id}\x00{item.origin}\x00{len(body)}\x00".encode("utf-8", "surrogatepass"))
        h.update(body.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@dataclass
class Partition:
    """Records ``[index*N, (index+1)*N)`` of the input stream."""

    index: int
    name: str
    items: list[Article | Rejected] = field(repr=False)

    @property
    def digest(self) -> str:
        return digest(self.items)


def partitions(items: Iterable[Article | Rejected], size: int, fp: str) -> Iterator[Partition]:
    """Cut ``items`` into consecutive partitions of ``size`` records (the last may be shorter), lazily."""
    if size < 1:
        raise BatchError("E500", partition="(all)", detail=f"partition size must be at least 1, got {size}")
    it = iter(items)
    index = 0
    while chunk := list(islice(it, size)):
        yield Partition(index, partition_name(index, fp), chunk)
        index += 1


@dataclass
class BatchPlan:
    """The identity of a batch run: its inputs, partition size and settings."""

    inputs: list[str]
    partition_size: int
    settings: dict[str, Any]
    files: list[dict[str, Any]] = field(default_factory=list)
    fingerprint: str = ""
    sizing: dict[str, Any] = field(default_factory=lambda: {"from": "setting"})  # how partition_size was chosen

    @classmethod
    def make(cls, inputs: Sequence[str | Path], partition_size: int, settings: Mapping[str, Any], *,
             files: list[dict[str, Any]] | None = None, sizing: Mapping[str, Any] | None = None) -> "BatchPlan":
        """Stat the inputs (unless ``files`` are given) and compute the fingerprint (a coded error for a missing input)."""
        files = input_files(inputs) if files is None else files
        fp = fingerprint(files, partition_size, settings)
        return cls([str(p) for p in inputs], partition_size, dict(settings), files, fp,
                   dict(sizing or {"from": "setting"}))

    def to_dict(self) -> dict[str, Any]:
        return {"inputs": self.inputs, "partition_size": self.partition_size, "partition_sizing": self.sizing,
                "settings": self.settings, "files": self.files, "inputs_fingerprint": self.fingerprint}
