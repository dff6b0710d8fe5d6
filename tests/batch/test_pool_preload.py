"""The fork server loads the pool's pipeline once and workers start with it (issue 15, part A)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from batch_helpers import hand_loader
from quotegraph.pipeline import worker
from quotegraph.pipeline.preload import describe, preload

HELPERS = Path(__file__).resolve().parent

# Each run needs a fresh process: the fork server is one per process, and its pipeline is the first pool's.
_SCRIPT = """
import json, os, sys
sys.path.insert(0, {helpers!r})
from batch_helpers import hand_loader
from quotegraph.model import Article
from quotegraph.pipeline.pool import extract_many

def where(settings):
    items = [Article(f"w{{i}}", "WHERE") for i in range(6)]
    return [r.title.split() for r in extract_many(items, processes=2, loader=hand_loader, chunksize=1,
                                                  settings=settings)]

if __name__ == "__main__":
    print(json.dumps({{"parent": os.getpid(), "first": where({{"batch_size": 4}}), "other": where({{"batch_size": 5}})}}))
"""

_BLAS_SCRIPT = """
import json
from concurrent.futures import ProcessPoolExecutor
from quotegraph.pipeline import pool, worker

def probe():
    from threadpoolctl import threadpool_info
    from quotegraph.nlp.ops import one_blas_thread
    with one_blas_thread():
        inside = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
    return worker.loads(), worker.usage()["cpu_seconds"], inside

if __name__ == "__main__":
    p = pool._OrderedPool(2, {{}}, None, "forkserver")
    p._start()
    try:
        print(json.dumps(p.executor.submit(probe).result(timeout=120)))
    finally:
        pool._shutdown(p.executor)
"""


_DASK_SCRIPT = """
import json, os, sys
sys.path.insert(0, {helpers!r})
from batch_helpers import hand_loader
from quotegraph.batch.cluster import local_cluster
from distributed import Client

def where():
    from quotegraph.pipeline.worker import get_pipeline
    return get_pipeline({{"batch_size": 4}}, hand_loader).pid, os.getpid()

if __name__ == "__main__":
    cluster = local_cluster(2, settings={{"batch_size": 4}}, loader=hand_loader)
    try:
        with Client(cluster) as client:
            print(json.dumps({{"parent": os.getpid(), "workers": list(client.run(where).values())}}))
    finally:
        cluster.close()
"""


def _run(tmp_path: Path, script: str) -> dict:
    path = tmp_path / "run.py"
    path.write_text(textwrap.dedent(script.format(helpers=str(HELPERS))), encoding="utf-8")
    # the fork server imports the loader by name, from the path it starts with (not the parent's sys.path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HELPERS), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, cwd=tmp_path, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.timeout(300)
def test_workers_start_with_the_pipeline_the_fork_server_loaded_and_load_their_own_for_other_settings(tmp_path):
    out = _run(tmp_path, _SCRIPT)
    loaded_in = {int(load) for load, _ in out["first"]}
    ran_in = {int(run) for _, run in out["first"]}
    assert len(loaded_in) == 1 and not loaded_in & ran_in and out["parent"] not in loaded_in, \
        "one load, in the fork server, none in the workers or the parent"
    # a later pool with other settings reuses the server but cannot use its pipeline
    assert all(load == run for load, run in out["other"])


def test_describe_names_an_importable_loader_and_refuses_the_rest():
    assert json.loads(describe({"batch_size": 3}, hand_loader)) == {"settings": {"batch_size": 3},
                                                                   "loader": "batch_helpers:hand_loader"}
    assert json.loads(describe(None, None)) == {"settings": None, "loader": None}
    assert describe({}, lambda **s: None) is None
    assert describe({"odd": object()}, None) is None


def test_preload_fills_the_worker_cache_and_a_failure_leaves_it_alone(monkeypatch):
    monkeypatch.setattr(worker, "_CACHE", {})
    assert preload(describe({"batch_size": 7}, hand_loader))
    pipeline = worker.get_pipeline({"batch_size": 7}, hand_loader)
    assert pipeline.settings == {"batch_size": 7} and pipeline.pid == os.getpid()
    assert not preload(json.dumps({"settings": {}, "loader": "batch_helpers:broken_loader"}))
    assert not preload(json.dumps({"settings": {}, "loader": "no_such_module:loader"}))
    assert not preload("not json") and not preload(None)
    assert len(worker._CACHE) == 1


@pytest.mark.integration
@pytest.mark.timeout(300)
def test_a_worker_forked_from_the_preloaded_server_keeps_blas_on_one_thread(tmp_path):
    loads, cpu_seconds, inside = _run(tmp_path, _BLAS_SCRIPT)
    assert loads == {"default": 1}
    assert cpu_seconds < 0.3, "the worker did not load the model itself"
    assert all(n == 1 for n in inside)


@pytest.mark.integration
@pytest.mark.timeout(300)
def test_the_local_dask_cluster_workers_start_with_the_pipeline_its_fork_server_loaded(tmp_path):
    pytest.importorskip("distributed")
    out = _run(tmp_path, _DASK_SCRIPT)
    loaded_in = {load for load, _ in out["workers"]}
    ran_in = {run for _, run in out["workers"]}
    assert len(ran_in) == 2 and len(loaded_in) == 1 and not loaded_in & ran_in and out["parent"] not in loaded_in, \
        "one load, in the fork server, none in the Dask workers or the parent"
