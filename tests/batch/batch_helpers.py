"""Hand-built pipelines for testing the batch machinery without the spaCy model.

They are importable by name in spawned worker processes (the test directory
is on ``sys.path``). Each returns real ``Document`` records built by hand, so
the pool, the tables and the shards are exercised exactly as with the model.
"""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

from quotegraph.errors import PipelineError
from quotegraph.model import Article, Document, Entity, Mention, Quotation, Span, Speaker, Warning

_QUOTE = re.compile(r'"([^"]+)"')
_NAME = re.compile(r"\b([A-Z][a-z]+ [A-Z][a-z]+)\b")


def hand_document(article: Article) -> Document:
    """Quote marks become direct quotes; the first 'Firstname Lastname' speaks them."""
    text = article.text
    names = [Mention.of(text, m.start(1), m.end(1)) for m in _NAME.finditer(text)]
    speaker = Speaker(names[0].text, "person", names[0]) if names else None
    quotes = []
    for i, m in enumerate(_QUOTE.finditer(text)):
        cue_at = text.find("said", m.end())
        quotes.append(
            Quotation(
                type="direct",
                spans=[Span(m.start(1), m.end(1))],
                text=m.group(1),
                speaker=speaker,
                cue=Mention.of(text, cue_at, cue_at + 4) if cue_at >= 0 else None,
                channel="statement" if "statement" in text else None,
                said_on=article.date,
                signatories=[n.text for n in names[1:2]],
                about=[n.text for n in names[1:]],
                confidence=0.375 + 0.25 * (i % 3),
            )
        )
    entities = [Entity(n.text, "person", [n]) for n in names[:3]]
    warnings = [Warning("W001", "hand-built", 0, 1)] if "warn" in text else []
    return Document(article.id, text, article.date, article.title, article.url, article.source, quotes, entities, warnings)


class HandPipeline:
    """Behaves like ``quotegraph.Pipeline.__call__`` for the batch machinery."""

    def __init__(self, **settings: object) -> None:
        self.settings = settings
        self.pid = os.getpid()

    def __call__(self, article: Article) -> Document:
        text = article.text
        if text.startswith("KILL-ONCE:"):
            marker = Path(text.split(":", 1)[1].split()[0])
            if not marker.exists():
                marker.write_text("killed")
                os.kill(os.getpid(), signal.SIGKILL)
        if text.startswith("SLEEP:"):
            time.sleep(float(text.split(":", 1)[1].split()[0]))
        if text.startswith("SPIN:"):  # burn CPU (not sleep), for the accounting of workers' CPU
            until = time.process_time() + float(text.split(":", 1)[1].split()[0])
            while time.process_time() < until:
                pass
        if text.startswith("KILL-ALWAYS"):
            os.kill(os.getpid(), signal.SIGKILL)
        if text.startswith("WHERE"):  # which process loaded the pipeline, which one ran it
            return Document(article.id, text, title=f"{self.pid} {os.getpid()}")
        if text.startswith("FAIL"):
            raise PipelineError("E202", id=article.id, stage="hand", detail="asked to fail")
        if text.startswith("BUG"):
            raise ValueError("a bug in a stage")
        return hand_document(article)


def hand_loader(**settings: object) -> HandPipeline:
    """Loader with the signature of ``quotegraph.load_pipeline``."""
    return HandPipeline(**settings)


def broken_loader(**settings: object) -> HandPipeline:
    raise OSError("model package missing")


def articles(n: int, prefix: str = "a") -> list[Article]:
    """``n`` small distinct articles."""
    people = ["Ken Loach", "Jane Smith", "Ada Lovelace", "Tom Jones"]
    out = []
    for i in range(n):
        a, b = people[i % 4], people[(i + 1) % 4]
        text = f'{a} said "item {i} is here" and then "{b} agrees" in a statement about {b}.'
        out.append(Article(f"{prefix}{i:04d}", text, date=f"2021-08-{1 + i % 28:02d}", title=f"T{i}", source="hand", origin=f"mem:{i}"))
    return out


def slow_articles(n: int, seconds: float, prefix: str = "s") -> list[Article]:
    """Like ``articles`` but each takes ``seconds`` to extract (to interrupt a run part-way)."""
    return [Article(a.id, f"SLEEP:{seconds} {a.text}", a.date, a.title, a.url, a.source, a.origin) for a in articles(n, prefix)]


def write_jsonl(path: Path, items: list[Article]) -> Path:
    """``items`` as a JSONL input file (id, text, date, title, source)."""
    import json

    with open(path, "w", encoding="utf-8") as handle:
        for a in items:
            handle.write(json.dumps({"id": a.id, "text": a.text, "date": a.date, "title": a.title, "source": a.source}) + "\n")
    return path


def kill_driver_midway(code: str, out: Path, partitions: int = 2) -> None:
    """Run the batch driver ``code`` in a process group of its own and kill it with SIGKILL once
    ``partitions`` partitions under ``out`` are committed; then wait until the tasks it left on the
    cluster stop committing (Dask cannot interrupt a running task)."""
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list((out / "_partitions").glob("part-*.json"))) >= partitions:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the driver finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    quiet(out / "_partitions" / "commits.log", seconds=2.0)


def quiet(path: Path, seconds: float, limit: float = 60.0) -> None:
    """Wait until ``path`` has not changed for ``seconds`` (or ``limit`` passes)."""
    end = time.monotonic() + limit
    last, since = None, time.monotonic()
    while time.monotonic() < end:
        size = path.stat().st_size if path.exists() else -1
        if size != last:
            last, since = size, time.monotonic()
        elif time.monotonic() - since >= seconds:
            return
        time.sleep(0.05)
