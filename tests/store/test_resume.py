"""An ingest killed with SIGKILL half-way, then run again, gives exactly the
database a clean run gives: nothing lost, nothing doubled.

The ingest runs as a real subprocess (the ``quotegraph ingest`` command) on
already-extracted documents, so the test needs no NLP model and measures the
store alone; the kill is a real ``kill -9``.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_docs import Say, build, write_jsonl

from quotegraph.store import dump

SPEAKERS = [("Ann Lee", "person"), ("Lee", "person"), ("Bo Chen", "person"), ("Cara Chen", "person"),
            ("Chen", "person"), ("City Council", "organisation"), ("Dev Patel", "person")]


def many_docs(n: int) -> list:
    docs = []
    for i in range(n):
        name, kind = SPEAKERS[i % len(SPEAKERS)]
        other, other_kind = SPEAKERS[(i * 3 + 1) % len(SPEAKERS)]
        docs.append(build(
            f"doc-{i:05d}", f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}",
            f"Report {i}. {name} said: “", Say(name, f"statement {i % 40} about topic {i % 7} with several more words",
                                               kind=kind, about=(other,)),
            "” Later ", Say(other, f"a reply numbered {i} on topic {i % 5}", kind=other_kind, type="indirect"),
            " was said.", title=f"Article {i}"))
    return docs


def command(*args: str) -> list[str]:
    return [sys.executable, "-c", "from quotegraph.cli import main; main()", *args]


def stored_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def wait_for(db: Path, at_least: int, proc: subprocess.Popen, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        count = stored_articles(db)
        if count >= at_least:
            return count
        if proc.poll() is not None:
            pytest.fail(f"ingest ended early with status {proc.returncode}")
        time.sleep(0.005)
    pytest.fail(f"fewer than {at_least} articles stored after {timeout} s")


def run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command(*args), capture_output=True, text=True, timeout=300, **kwargs)


def test_kill_while_waiting_for_input_then_resume(tmp_path):
    """Killed between articles (blocked on stdin): the rerun stores only the rest."""
    lines = write_jsonl(tmp_path / "docs.jsonl", many_docs(120)).read_text(encoding="utf-8").splitlines(True)
    everything = "".join(lines)
    clean = tmp_path / "clean.db"
    done = run(["ingest", "-", "--documents", "--db", str(clean)], input=everything)
    assert done.returncode == 0, done.stderr

    killed = tmp_path / "killed.db"
    proc = subprocess.Popen(command("ingest", "-", "--documents", "--db", str(killed)),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.stdin.write("".join(lines[:60]))
    proc.stdin.flush()
    wait_for(killed, 60, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert stored_articles(killed) == 60

    again = run(["ingest", "-", "--documents", "--db", str(killed)], input=everything)
    assert again.returncode == 0, again.stderr
    assert "60 added" in again.stderr and "60 unchanged" in again.stderr
    assert dump(killed) == dump(clean)


def test_kill_during_writes_then_resume(tmp_path):
    """Killed at an arbitrary moment while committing: each article is all there or not at all."""
    source = write_jsonl(tmp_path / "docs.jsonl", many_docs(1500))
    clean = tmp_path / "clean.db"
    assert run(["ingest", str(source), "--documents", "--db", str(clean)]).returncode == 0

    killed = tmp_path / "killed.db"
    proc = subprocess.Popen(command("ingest", str(source), "--documents", "--db", str(killed)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(killed, 150, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    part = stored_articles(killed)
    assert 150 <= part < 1500, "the kill should land half-way"

    again = run(["ingest", str(source), "--documents", "--db", str(killed)])
    assert again.returncode == 0, again.stderr
    assert f"{part} unchanged" in again.stderr
    assert dump(killed) == dump(clean)
    # and a third run changes nothing at all
    assert run(["ingest", str(source), "--documents", "--db", str(killed)]).returncode == 0
    assert dump(killed) == dump(clean)
