"""Killed again and again, then rerun: exactly the state of a clean run.

``quotegraph ingest`` and ``quotegraph batch`` run as real subprocesses (the
real pipeline) over about fifty small articles, hostile ones included. Each
run is killed with SIGKILL (the whole process group: driver, fork server and
workers) several times at seeded random points, some at a random moment
(model loading, reading, extracting, writing), some after a random amount of
committed progress; then it is run once more to the end. The SQLite
database's canonical dump, or the set of Parquet rows, must equal a clean
run's.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pyarrow.parquet as pq
import pytest
from hostile import hostile_files, hostile_texts
from hostile_corpus import small_articles_jsonl

from quotegraph.batch.tables import TABLES
from quotegraph.store import dump

pytestmark = [pytest.mark.integration, pytest.mark.slow]

KILLS = 4


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from quotegraph.cli import main; main()", *args]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[str]:
    """30 small news articles and 10 hostile records in JSONL, plus 8 hostile files."""
    root = tmp_path_factory.mktemp("crash-corpus")
    news = small_articles_jsonl(root / "news.jsonl", 30, seed=11)
    with open(news, "a", encoding="utf-8") as handle:
        for name, text in hostile_texts(10, seed=12, max_size=400):
            handle.write(json.dumps({"id": name, "text": text, "date": "2021-08-16"}) + "\n")
        handle.write('{"id": "cut-off", "text": \n')
    files = root / "files"
    files.mkdir()
    for item in hostile_files(8, seed=13, max_size=400):
        (files / item.name).write_bytes(item.data)
    return [str(news), str(files)]


def _wait(proc: subprocess.Popen, until: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None and not until():
        time.sleep(0.01)


def _kill_repeatedly(command: Callable[[random.Random], list[str]], progress: Callable[[], int], total: int,
                     rng: random.Random, clean_seconds: float) -> list[tuple[str, int]]:
    """Start and SIGKILL ``command`` ``KILLS`` times; returns (how, progress after the kill) per run."""
    log = []
    for k in range(KILLS):
        proc = subprocess.Popen(command(rng), start_new_session=True, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        if k % 2 == 0:  # a random moment of the run
            delay = rng.uniform(0.1, 0.9 * clean_seconds)
            _wait(proc, lambda: False, delay)
            how = f"after {delay:.2f} s"
        else:  # just after a random amount of committed progress
            # Aim inside what is still missing, so that a resumed run is caught half-way too.
            done = progress()
            target = min(total - 1, done + 1 + rng.randrange(0, max(1, (total - done) // 4)))
            _wait(proc, lambda: progress() >= target, 300)
            time.sleep(rng.uniform(0, 0.01))
            how = f"at progress {target} + a few ms"
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            log.append((how, progress()))
        else:
            log.append((f"ended before the kill ({how})", progress()))
    return log


def _assert_kills_landed(log: list[tuple[str, int]], total: int) -> None:
    killed = [p for how, p in log if not how.startswith("ended")]
    assert len(killed) >= KILLS - 1, f"most runs must be killed while running: {log}"
    assert any(0 < p < total for p in killed), f"no kill left a partial state: {log}"


# ---- ingest ------------------------------------------------------------------------------

def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:  # not created yet, or locked for a moment
        return 0


@pytest.mark.timeout(600)
@pytest.mark.parametrize("seed", [1, 2])
def test_ingest_killed_repeatedly_then_rerun_equals_a_clean_run(corpus, tmp_path, seed):
    clean, db = tmp_path / "clean.db", tmp_path / "killed.db"
    started = time.monotonic()
    done = subprocess.run(_cli("ingest", *corpus, "--db", str(clean), "--processes", "1", "--no-progress"),
                          capture_output=True, text=True, timeout=300)
    clean_seconds = time.monotonic() - started
    assert done.returncode == 1 and "failed: [E" in done.stderr, done.stderr[-2000:]  # hostile inputs are rejected
    total = _stored(clean)
    assert total >= 30

    def command(rng: random.Random) -> list[str]:
        return _cli("ingest", *corpus, "--db", str(db), "--processes", str(rng.choice([1, 2])), "--no-progress")

    log = _kill_repeatedly(command, lambda: _stored(db), total, random.Random(seed), clean_seconds)
    _assert_kills_landed(log, total)
    again = subprocess.run(command(random.Random(seed)), capture_output=True, text=True, timeout=300)
    assert again.returncode == 1, again.stderr[-2000:]
    assert dump(db) == dump(clean), f"kills: {log}"


# ---- batch -------------------------------------------------------------------------------

def _committed(out: Path) -> int:
    return len(list((out / "_partitions").glob("part-*.json"))) if (out / "_partitions").is_dir() else 0


def _rows(out: Path) -> dict[str, list[dict]]:
    return {t: pq.read_table(out / t).to_pylist() for t in TABLES}


@pytest.mark.timeout(600)
@pytest.mark.parametrize("seed", [1, 2])
def test_batch_killed_repeatedly_then_rerun_equals_a_clean_run(corpus, tmp_path, seed):
    clean, out = tmp_path / "clean", tmp_path / "killed"
    args = ("--partition-size", "4", "--no-progress")
    started = time.monotonic()
    done = subprocess.run(_cli("batch", *corpus, "--out", str(clean), "--processes", "2", *args),
                          capture_output=True, text=True, timeout=300)
    clean_seconds = time.monotonic() - started
    assert done.returncode == 1 and "0 failed" in done.stderr, done.stderr[-2000:]  # rejected rows, no failed partition
    total = _committed(clean)
    assert total >= 10

    def command(rng: random.Random) -> list[str]:
        return _cli("batch", *corpus, "--out", str(out), "--processes", str(rng.choice([1, 2])), *args)

    log = _kill_repeatedly(command, lambda: _committed(out), total, random.Random(seed), clean_seconds)
    _assert_kills_landed(log, total)
    again = subprocess.run(command(random.Random(seed)), capture_output=True, text=True, timeout=300)
    assert again.returncode == 1 and "0 failed" in again.stderr, again.stderr[-2000:]
    assert _rows(out) == _rows(clean), f"kills: {log}"
    assert _rows(clean)["statements"], "the comparison is not vacuous"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "complete"
    assert not list((out / "_tmp").iterdir()), "temporary files left behind"
