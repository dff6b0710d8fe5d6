"""The process pool never leaves workers behind and never waits without a bound (issue 14, part 5)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from batch_helpers import articles, hand_loader
from quotegraph.model import Article, Document, Rejected
from quotegraph.pipeline.pool import SHUTDOWN_TIMEOUT, WorkerUsage, extract_many

HELPERS = Path(__file__).resolve().parent

_SCRIPT = """
import sys
sys.path.insert(0, {helpers!r})
from batch_helpers import hand_loader
from quotegraph.model import Article
from quotegraph.pipeline.pool import extract_many

if __name__ == "__main__":
    items = [Article("quick", "quick")] + [Article(f"slow{{i}}", "SLEEP:120 x") for i in range(4)]
    for result in extract_many(items, processes=2, loader=hand_loader, chunksize=1):
        print(result.id, flush=True)
"""


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _wait_until(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


@pytest.mark.timeout(120)
def test_workers_die_when_the_parent_is_killed(tmp_path):
    """Regression (issue 14): kill -9 of a command left the fork server, resource tracker and workers alive."""
    script = tmp_path / "run.py"
    script.write_text(textwrap.dedent(_SCRIPT.format(helpers=str(HELPERS))), encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=tmp_path)
    try:
        assert parent.stdout.readline().strip() == "quick"
        tree = psutil.Process(parent.pid)
        assert _wait_until(lambda: len(tree.children(recursive=True)) >= 4, 30), "fork server, tracker, 2 workers"
        left = [p.pid for p in tree.children(recursive=True)]
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        assert _wait_until(lambda: all(_gone(pid) for pid in left), 15), \
            f"left alive: {[pid for pid in left if not _gone(pid)]}"
    finally:
        if parent.poll() is None:
            parent.kill()


@pytest.mark.timeout(120)
def test_stopping_early_while_a_worker_is_busy_is_bounded():
    items = [Article("quick", "quick")] + [Article(f"slow{i}", "SLEEP:120 x") for i in range(3)]
    gen = extract_many(items, processes=2, loader=hand_loader, chunksize=1)
    assert next(gen).id == "quick"
    time.sleep(1.0)  # the slow articles are now running
    started = time.monotonic()
    gen.close()
    assert time.monotonic() - started < SHUTDOWN_TIMEOUT + 5


@pytest.mark.timeout(180)
@pytest.mark.parametrize("size", [10, 200_000])
def test_poison_article_among_large_ones_never_hangs_the_pool(size):
    """Regression (issue 14): a pool broken by a dead worker could wait forever in its shutdown.

    Large articles make a queued chunk bigger than a pipe's buffer, which is
    what left the queue's feeder blocked on a dead reader.
    """
    items = [Article(a.id, a.text + " filler" * (size // 7), origin=a.origin) for a in articles(20)]
    items[5] = Article("poison", "KILL-ALWAYS", origin="feed.jsonl:6")
    out = list(extract_many(items, processes=2, loader=hand_loader, chunksize=4))
    assert [r.id for r in out] == [a.id for a in items]
    assert isinstance(out[5], Rejected) and out[5].code == "E501"
    assert all(isinstance(r, Document) for i, r in enumerate(out) if i != 5)


def test_pool_reports_its_workers_usage():
    usage = WorkerUsage()
    out = list(extract_many(articles(12), processes=2, loader=hand_loader, chunksize=2, usage=usage))
    assert len(out) == 12
    assert 1 <= len(usage.workers) <= 2 and os.getpid() not in usage.workers
    assert usage.cpu_seconds > 0 and usage.peak_rss_mb > 10


def test_a_chunk_goes_through_the_batched_path():
    from quotegraph.pipeline.worker import extract_chunk

    class Batched:
        def __init__(self):
            self.calls = []

        def __call__(self, article):
            self.calls.append("one")
            return hand_loader()(article)

        def pipe(self, items, *, chunk):
            self.calls.append(("pipe", chunk))
            return [hand_loader()(a) if isinstance(a, Article) else a for a in items]

    pipeline = Batched()
    items = articles(3) + [Rejected("r", "mem:r", "E105", "bad")]
    out = extract_chunk(items, pipeline)
    assert pipeline.calls == [("pipe", 4)] and [r.id for r in out] == ["a0000", "a0001", "a0002", "r"]


def test_a_batched_path_that_fails_falls_back_to_one_article_at_a_time():
    from quotegraph.pipeline.worker import extract_chunk

    class Broken:
        def __call__(self, article):
            return hand_loader()(article)

        def pipe(self, items, *, chunk):
            raise RuntimeError("batch bug")

    out = extract_chunk(articles(3), Broken())
    assert [type(r) for r in out] == [Document] * 3


_HUNG_TEST = """
import sys
sys.path.insert(0, {helpers!r})
from batch_helpers import hand_loader
from quotegraph.model import Article
from quotegraph.pipeline.pool import extract_many


def test_hung():
    list(extract_many([Article("s", "SLEEP:600 x"), Article("t", "SLEEP:600 x")], processes=2, loader=hand_loader))
"""


@pytest.mark.timeout(180)
def test_the_per_test_timeout_ends_a_hung_pool_test_and_pytest_exits(tmp_path):
    """Regression (issue 14): a test hung in a pool's shutdown kept pytest from ever exiting."""
    (tmp_path / "test_hung.py").write_text(_HUNG_TEST.format(helpers=str(HELPERS)), encoding="utf-8")
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--timeout", "5",
                          "test_hung.py"], cwd=tmp_path, capture_output=True, text=True, timeout=150)
    assert run.returncode == 1 and "Timeout" in run.stdout, run.stdout[-2000:]
    assert time.monotonic() - started < 120
