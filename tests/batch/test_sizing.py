"""Partition sizes derived from the input when none is set (issue 15, part B)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from batch_helpers import articles, hand_loader, kill_driver_midway, slow_articles, write_jsonl
from quotegraph.batch.plan import input_files
from quotegraph.batch.run import run_batch
from quotegraph.batch.sizing import MAX_DERIVED_SIZE, MAX_PARTITION_BYTES, count_articles, derive_size, resumed_size
from quotegraph.batch.tables import TABLES
from quotegraph.errors import BatchError

HERE = Path(__file__).resolve().parent


@pytest.mark.parametrize("articles_, total_bytes, workers, expected", [
    (300, 2_000_000, 2, 38),          # 8 partitions: 4 a worker
    (5, 10_000, 2, 1),                # tiny inputs still give every worker partitions
    (1, 100, 8, 1),
    (10_000_000, 10**10, 8, MAX_DERIVED_SIZE),            # big inputs: the cap
    (1000, 1000 * MAX_PARTITION_BYTES // 10, 1, 10),      # huge articles: about MAX_PARTITION_BYTES each
    (0, 0, 0, 1),
])
def test_derived_size(articles_, total_bytes, workers, expected):
    assert derive_size(articles_, total_bytes, workers) == expected


def test_articles_are_counted_without_extracting(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", articles(7))
    with open(tmp_path / "a.jsonl", "a", encoding="utf-8") as handle:
        handle.write("\n   \n{not json\n")  # blank lines are no record; a bad line is one (rejected)
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join(json.dumps({"id": f"g{i}", "text": "x"}) for i in range(3)))  # no final newline
    (tmp_path / "c.html").write_text("<html><body><p>One page.</p></body></html>", encoding="utf-8")
    (tmp_path / "d.txt").write_text("One text.\n\nStill the same article.\n", encoding="utf-8")
    record = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 0\r\n\r\n"
    (tmp_path / "e.warc").write_bytes(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n\r\n" + record * 4)
    files = input_files([tmp_path, tmp_path / "missing.jsonl"])
    assert count_articles(files) == 8 + 3 + 1 + 1 + 4 + 1


def test_resumed_size_only_for_the_same_batch():
    def fingerprint_of(size):
        return f"fp{size}"

    assert resumed_size({"partition_size": 4, "inputs_fingerprint": "fp4"}, fingerprint_of) == 4
    assert resumed_size({"partition_size": 4, "inputs_fingerprint": "other"}, fingerprint_of) is None
    assert resumed_size({"partition_size": 0, "inputs_fingerprint": "fp0"}, fingerprint_of) is None
    assert resumed_size(None, fingerprint_of) is None


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text())


def test_an_unset_size_gives_every_worker_several_partitions_and_is_recorded(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", articles(24))
    report = run_batch([src], tmp_path / "out", processes=2, loader=hand_loader)
    manifest = _manifest(tmp_path / "out")
    assert manifest["partition_size"] == 3 and len(report.computed) == 8
    assert manifest["partition_sizing"] == {"from": "input", "articles": 24, "bytes": src.stat().st_size,
                                            "workers": 2}
    run_batch([src], tmp_path / "set", partition_size=5, processes=2, loader=hand_loader)
    assert _manifest(tmp_path / "set")["partition_sizing"] == {"from": "setting"}


def test_a_rerun_with_other_processes_reuses_the_size_the_batch_started_with(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", articles(24))
    out = tmp_path / "out"
    first = run_batch([src], out, processes=2, loader=hand_loader)
    again = run_batch([src], out, processes=1, loader=hand_loader)  # would derive 6 from scratch
    assert sorted(again.skipped) == sorted(first.computed) and not again.computed
    assert _manifest(out)["partition_size"] == 3 and _manifest(out)["partition_sizing"]["workers"] == 2
    with pytest.raises(BatchError) as info:  # a size set by hand is still another batch
        run_batch([src], out, partition_size=4, processes=1, loader=hand_loader)
    assert info.value.code == "E503"


_DRIVER = """
import sys
sys.path.insert(0, {helpers!r})
from batch_helpers import hand_loader
from quotegraph.batch.run import run_batch
run_batch([{src!r}], {out!r}, engine="dask", scheduler={scheduler!r}, loader=hand_loader)
"""


def _rows(out: Path) -> dict:
    return {t: pq.read_table(out / t).to_pylist() for t in TABLES}


@pytest.mark.timeout(300)
def test_killed_dask_run_with_a_derived_size_resumes_with_only_the_missing_partitions(dask_cluster, tmp_path):
    c, client = dask_cluster
    client.wait_for_workers(2, timeout=180)
    src = write_jsonl(tmp_path / "in.jsonl", slow_articles(40, 0.1))  # 2 worker threads: 8 partitions of 5
    out, clean = tmp_path / "out", tmp_path / "clean"
    code = _DRIVER.format(helpers=str(HERE), src=str(src), out=str(out), scheduler=c.scheduler_address)
    kill_driver_midway(code, out)
    done = {m.name for m in (out / "_partitions").glob("part-*.json")}
    assert _manifest(out)["partition_size"] == 5 and 2 <= len(done) < 8
    # resumed on the local engine with one process, which alone would derive partitions of 10
    report = run_batch([src], out, processes=1, loader=hand_loader)
    assert report.ok and sorted(report.skipped) == sorted(n.removesuffix(".json") for n in done)
    assert len(report.computed) == 8 - len(done)
    run_batch([src], clean, partition_size=5, processes=1, loader=hand_loader)
    assert _rows(out) == _rows(clean)

