"""The Dask engine on a real local cluster (loopback only, 2 single-threaded worker processes)."""

from __future__ import annotations

import os
import signal
import threading
import time

import dask
import pyarrow.parquet as pq
import pytest

from batch_helpers import articles, hand_loader, kill_driver_midway, slow_articles, write_jsonl
from quotegraph.batch.parquet import OutputDir
from quotegraph.batch.run import run_batch
from quotegraph.batch.tables import TABLES
from quotegraph.model import Article


def _rows(out):
    return {t: pq.read_table(out / t).to_pylist() for t in TABLES}


def _ready(client, n=2):
    client.wait_for_workers(n, timeout=180)  # restarts are slow when the machine is busy
    return client.run(os.getpid)


def test_cluster_is_loopback_only(dask_cluster):
    c, client = dask_cluster
    assert c.scheduler_address.startswith("tcp://127.0.0.1:")
    assert all(addr.startswith("tcp://127.0.0.1:") for addr in _ready(client))
    assert set(client.nthreads().values()) == {1}
    assert c.dashboard_link in ("", None) or "127.0.0.1" in c.dashboard_link


def test_dask_equals_local_row_for_row(dask_cluster, tmp_path):
    c, client = dask_cluster
    src = write_jsonl(tmp_path / "in.jsonl", articles(23) + [Article("f", "FAIL me")])
    local, remote = tmp_path / "local", tmp_path / "dask"
    run_batch([src], local, partition_size=5, processes=2, loader=hand_loader)
    report = run_batch([src], remote, engine="dask", scheduler=c.scheduler_address, partition_size=5, loader=hand_loader)
    assert report.ok and len(report.computed) == 5
    assert _rows(remote) == _rows(local)
    assert sorted(p.name for p in (remote / "statements").iterdir()) == sorted(p.name for p in (local / "statements").iterdir())
    # every worker loaded the hand pipeline once, however many partitions it ran
    from quotegraph.pipeline.worker import loads

    per_worker = client.run(loads)
    assert all(counts.get("batch_helpers.hand_loader") == 1 for counts in per_worker.values()), per_worker


@pytest.mark.slow
def test_killed_worker_loses_and_duplicates_nothing(dask_cluster, tmp_path):
    c, client = dask_cluster
    pids = _ready(client)
    src = write_jsonl(tmp_path / "in.jsonl", slow_articles(36, 0.1))
    out, clean = tmp_path / "out", tmp_path / "clean"
    result = {}
    runner = threading.Thread(target=lambda: result.update(report=run_batch(
        [src], out, engine="dask", scheduler=c.scheduler_address, partition_size=3, loader=hand_loader)))
    runner.start()
    markers = out / "_partitions"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (markers.is_dir() and list(markers.glob("part-*.json"))):
        time.sleep(0.02)
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)  # mid-run: the other partitions are still running or queued
    runner.join(120)
    assert not runner.is_alive()
    report = result["report"]
    assert report.ok and len(report.computed) == 12, report.to_dict()
    assert victim not in _ready(client).values(), "the worker really died and was replaced"
    log = [e["name"] for e in OutputDir(out).commit_log()]
    assert len(log) == len(set(log)), "no partition committed twice"
    assert len(list((out / "_partitions").glob("part-*.json"))) == 12
    # the log line follows the marker: a worker killed between the two leaves the line out
    assert len(log) >= 11
    run_batch([src], clean, partition_size=3, processes=1, loader=hand_loader)
    assert _rows(out) == _rows(clean)


@pytest.mark.slow
def test_article_that_kills_every_worker_becomes_one_rejected_row(dask_cluster, tmp_path):
    c, client = dask_cluster
    _ready(client)
    items = articles(6)
    items[4] = Article("poison", "KILL-ALWAYS")
    src = write_jsonl(tmp_path / "in.jsonl", items)
    report = run_batch([src], tmp_path / "out", engine="dask", scheduler=c.scheduler_address, partition_size=3,
                       loader=hand_loader)
    assert report.ok and len(report.computed) == 2
    docs = _rows(tmp_path / "out")["documents"]
    assert [d["status"] for d in docs] == ["ok"] * 4 + ["rejected", "ok"]
    assert docs[4]["code"] == "E501" and docs[4]["id"] == "poison"
    _ready(client)


def test_unreachable_scheduler_is_a_coded_error(tmp_path):
    from quotegraph.errors import BatchError

    src = write_jsonl(tmp_path / "in.jsonl", articles(2))
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}), pytest.raises(BatchError) as info:
        run_batch([src], tmp_path / "out", engine="dask", scheduler="tcp://127.0.0.1:9", loader=hand_loader)
    assert info.value.code == "E505" and "127.0.0.1:9" in info.value.message


_DRIVER = """
import sys
sys.path.insert(0, {helpers!r})
from batch_helpers import hand_loader
from quotegraph.batch.run import run_batch
run_batch([{src!r}], {out!r}, engine="dask", scheduler={scheduler!r}, partition_size=3, loader=hand_loader)
"""


@pytest.mark.slow
def test_killed_dask_driver_resumes_with_only_the_missing_partitions(dask_cluster, tmp_path):
    import json
    from pathlib import Path

    c, client = dask_cluster
    _ready(client)
    src = write_jsonl(tmp_path / "in.jsonl", slow_articles(30, 0.1))
    out, clean = tmp_path / "out", tmp_path / "clean"
    code = _DRIVER.format(helpers=str(Path(__file__).resolve().parent), src=str(src), out=str(out),
                          scheduler=c.scheduler_address)
    # Tasks already running on the cluster when their driver died still finish and commit
    # (Dask cannot interrupt a running task); their partitions are then simply done. A
    # real rerun comes later; here, wait until no more commits arrive.
    kill_driver_midway(code, out)
    done = {m.name: m.stat().st_mtime_ns for m in (out / "_partitions").glob("part-*.json")}
    assert 2 <= len(done) < 10
    report = run_batch([src], out, engine="dask", scheduler=c.scheduler_address, partition_size=3, loader=hand_loader)
    assert report.ok and sorted(report.skipped) == sorted(n.removesuffix(".json") for n in done)
    assert len(report.computed) == 10 - len(done)
    assert {n: (out / "_partitions" / n).stat().st_mtime_ns for n in done} == done
    last_run = json.loads((out / "manifest.json").read_text())["last_run"]
    log = OutputDir(out).commit_log()
    assert sorted(e["name"] for e in log if e["run"] == last_run) == sorted(report.computed)
    assert len(log) == len({e["name"] for e in log}) == 10, "every partition committed exactly once"
    run_batch([src], clean, partition_size=3, processes=1, loader=hand_loader)
    assert _rows(out) == _rows(clean)



def test_own_local_cluster_listens_on_loopback_only(tmp_path):
    """Without --scheduler the engine starts its own cluster: every socket it listens on is 127.0.0.1."""
    import psutil

    src = write_jsonl(tmp_path / "in.jsonl", slow_articles(12, 0.2))
    result = {}
    runner = threading.Thread(target=lambda: result.update(report=run_batch(
        [src], tmp_path / "out", engine="dask", processes=2, partition_size=3, loader=hand_loader)))
    me = psutil.Process()

    def listening_now() -> set:
        tree = {me.pid} | {p.pid for p in me.children(recursive=True)}
        return {(c.pid, c.laddr) for c in psutil.net_connections("inet") if c.status == psutil.CONN_LISTEN and c.pid in tree}

    before = listening_now()  # e.g. the shared test cluster, if it is running
    runner.start()
    listening = set()
    while runner.is_alive():
        listening |= listening_now() - before
        time.sleep(0.1)
    runner.join()
    assert result["report"].ok and len(result["report"].computed) == 4
    assert len({pid for pid, _ in listening}) >= 3, "scheduler and two workers were seen listening"
    assert {addr.ip for _, addr in listening} == {"127.0.0.1"}, listening


def test_workers_run_without_the_profiler(dask_cluster, tmp_path):
    """Regression (issue 15): Dask's 10 ms profiler made the Dask engine cost more CPU than the local pool."""
    c, client = dask_cluster
    _ready(client)
    src = write_jsonl(tmp_path / "in.jsonl", articles(4))
    assert run_batch([src], tmp_path / "out", engine="dask", scheduler=c.scheduler_address, partition_size=2,
                     loader=hand_loader).ok
    running = client.run(lambda dask_worker: sorted(set(dask_worker.periodic_callbacks) & {"profile", "profile-cycle"}))
    assert running and all(names == [] for names in running.values()), running
