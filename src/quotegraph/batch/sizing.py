"""Partition sizes from the input, when the user does not set one.

A fixed size (it used to be 1,000 articles) gives an input smaller than that
one partition, and so one busy worker. A size derived here gives each worker
about ``PARTITIONS_PER_WORKER`` partitions (so a slow partition does not
leave the others idle), never more than ``MAX_DERIVED_SIZE`` articles, and
never more than about ``MAX_PARTITION_BYTES`` of input per partition (a
partition is held in memory whole, by the driver and by its worker).

The number of articles is counted without extracting anything: a JSONL line
is an article, an HTML or text file is one, a WARC file has one per
``response`` record. The size is part of the batch's fingerprint, and it
depends on the number of workers, so a rerun that does not set a size takes
the one recorded in the output's manifest (``resumed_size``) rather than
deriving it again: a run resumed with another ``--processes`` still finds its
partitions.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any, Mapping

__all__ = ["PARTITIONS_PER_WORKER", "MAX_DERIVED_SIZE", "MAX_PARTITION_BYTES", "count_articles", "derive_size",
           "resumed_size"]

PARTITIONS_PER_WORKER = 4
MAX_DERIVED_SIZE = 1000
MAX_PARTITION_BYTES = 16 * 2**20
_BLOCK = 2**20
_WARC_RESPONSE = b"WARC-Type: response"


def count_articles(files: list[dict[str, Any]]) -> int:
    """About how many records ``read_paths`` will give for ``files`` (as listed by ``input_files``).

    A file that cannot be read counts as the one rejected record it becomes.
    """
    return sum(_count_file(entry) for entry in files)


def _count_file(entry: Mapping[str, Any]) -> int:
    from ..ingest import file_format

    if "error" in entry:
        return 1
    path = Path(entry["path"])
    kind = file_format(path)
    try:
        if kind == "jsonl":
            return max(1, _count_lines(path))
        if kind == "warc":
            return max(1, _count_in(path, _WARC_RESPONSE))
    except (OSError, EOFError):  # read_paths rejects it, as one record
        return 1
    return 1


def _open(path: Path) -> Any:
    with open(path, "rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rb") if gzipped else open(path, "rb")


def _count_lines(path: Path) -> int:
    """Lines that hold something (a blank line is no record)."""
    with _open(path) as handle:
        return sum(1 for line in handle if line.strip())


def _count_in(path: Path, marker: bytes) -> int:
    count, carry = 0, b""
    with _open(path) as handle:
        while block := handle.read(_BLOCK):
            data = carry + block
            count += data.count(marker)
            carry = data[-(len(marker) - 1):]
    return count


def derive_size(articles: int, total_bytes: int, workers: int) -> int:
    """Articles per partition for ``articles`` articles in ``total_bytes`` of input on ``workers`` workers."""
    articles, workers = max(1, articles), max(1, workers)
    size = -(-articles // (workers * PARTITIONS_PER_WORKER))
    if total_bytes > 0:
        size = min(size, max(1, MAX_PARTITION_BYTES * articles // total_bytes))
    return max(1, min(size, MAX_DERIVED_SIZE))


def resumed_size(manifest: Mapping[str, Any] | None, fingerprint_of: Any) -> int | None:
    """The size the batch in ``manifest`` was started with, if this run is that batch; else ``None``.

    ``fingerprint_of(size)`` is this run's fingerprint with partitions of
    ``size``: the recorded size is reused only when it names the same batch.
    """
    if not manifest:
        return None
    size = manifest.get("partition_size")
    if not isinstance(size, int) or size < 1:
        return None
    return size if fingerprint_of(size) == manifest.get("inputs_fingerprint") else None
