"""SIGKILL half-way through a real ingest (real pipeline, articles on stdin),
then the same ingest again: the database equals a clean run's."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
from pathlib import Path

import pytest
from test_resume import command, stored_articles, wait_for

from quotegraph.store import dump

pytestmark = pytest.mark.integration

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def article_lines(copies: int) -> list[str]:
    """JSONL articles: the bundled examples under several ids (each id an article of its own)."""
    lines = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        date, body = re.match(r"\s*date\s+(\S+)\s+(.*)", path.read_text(encoding="utf-8"), re.S).groups()
        for n in range(copies):
            lines.append(json.dumps({"id": f"{path.stem}-{n}", "date": date, "text": body}) + "\n")
    return lines


@pytest.mark.slow
def test_kill_real_ingest_then_resume(tmp_path):
    lines = article_lines(6)  # 24 articles
    everything = "".join(lines)
    clean = tmp_path / "clean.db"
    done = subprocess.run(command("ingest", "-", "--db", str(clean), "--no-progress", "--processes", "1"), input=everything,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr

    killed = tmp_path / "killed.db"
    proc = subprocess.Popen(command("ingest", "-", "--db", str(killed), "--no-progress", "--processes", "1"), stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.stdin.write("".join(lines[:20]))
    proc.stdin.flush()
    wait_for(killed, 4, proc, timeout=300)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    part = stored_articles(killed)
    assert 4 <= part < len(lines)

    again = subprocess.run(command("ingest", "-", "--db", str(killed), "--no-progress", "--processes", "1"), input=everything,
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert f"{part} unchanged" in again.stderr
    assert dump(killed) == dump(clean)
