"""A real ``quotegraph serve`` process on a free loopback port, for tests."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

__all__ = ["quotegraph", "free_port", "serving"]


def quotegraph(*args: str) -> list[str]:
    """The command line that runs the installed CLI with this interpreter."""
    return [sys.executable, "-c", "from quotegraph.cli import main; main()", *args]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db: Path, *, quiet: bool = False) -> Iterator[str]:
    """Start ``quotegraph serve`` on ``db``; yield its base URL once it answers; stop it after."""
    port = free_port()
    out = subprocess.DEVNULL if quiet else subprocess.PIPE
    proc = subprocess.Popen(quotegraph("serve", "--db", str(db), "--port", str(port)),
                            stdout=out, stderr=subprocess.STDOUT if not quiet else subprocess.DEVNULL, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/api", timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"server did not start: {proc.stdout.read() if proc.stdout else ''}")
            time.sleep(0.1)
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
