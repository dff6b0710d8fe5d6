"""Scaling of `quotegraph batch` with its corpus pass: the same partitions with 1 and 2 workers.

A benchmark, not a test. For each worker count it runs `quotegraph batch`
(engine `dask` by default, a local cluster of N single-threaded worker
processes) into a fresh output directory over the first --limit articles of
a JSONL corpus, samples the resident memory of every process of the run
(the command, the Dask scheduler and nanny, the workers) every 0.2 s, and
takes the CPU time of all of them from the kernel (getrusage of the waited
children). It prints wall time, speed-up over 1 worker, articles per
CPU-second, the peak memory of the largest worker process, and the corpus
pass's own figures from `--report`: its seconds and the shuffle volume
(bytes and rows of the speaker-bucket pieces written by stage 2), then the
cost of 10 M and 200 M articles projected from articles per CPU-second.

    .venv/bin/python benchmarks/corpus_scaling.py ../shared/corpora/polnear/train.jsonl --limit 200
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
QUOTEGRAPH = Path(sys.executable).with_name("quotegraph")


def sample(proc: psutil.Process, peaks: dict[int, tuple[str, int]], stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            tree = [proc, *proc.children(recursive=True)]
        except psutil.Error:
            return
        for p in tree:
            try:
                rss = p.memory_info().rss
                cmd = " ".join(p.cmdline())[:200]
            except psutil.Error:
                continue
            if rss > peaks.get(p.pid, ("", 0))[1]:
                peaks[p.pid] = (cmd, rss)
        stop.wait(0.2)


def run(inputs: Path, workers: int, engine: str, partition_size: int, work: Path) -> dict:
    out, report = work / f"out-{engine}-{workers}", work / f"report-{engine}-{workers}.json"
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    proc = subprocess.Popen([str(QUOTEGRAPH), "batch", str(inputs), "--out", str(out), "--engine", engine,
                             "--processes", str(workers), "--partition-size", str(partition_size),
                             "--report", str(report), "--no-progress"], stderr=subprocess.PIPE, text=True)
    peaks: dict[int, tuple[str, int]] = {}
    stop = threading.Event()
    watcher = threading.Thread(target=sample, args=(psutil.Process(proc.pid), peaks, stop), daemon=True)
    watcher.start()
    _, err = proc.communicate()
    stop.set()
    watcher.join()
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"batch failed ({proc.returncode}): {err}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    data = json.loads(report.read_text(encoding="utf-8"))
    worker_rss = [rss for cmd, rss in peaks.values() if "distributed" in cmd and "worker" in cmd.lower()
                  and "nanny" not in cmd.lower()] if engine == "dask" else []
    if not worker_rss:  # local engine, or command lines Dask does not name: the largest process but the command
        worker_rss = [rss for pid, (cmd, rss) in peaks.items() if pid != proc.pid] or [peaks[proc.pid][1]]
    return {"workers": workers, "wall": wall, "cpu": cpu, "articles": data["counts"].get("documents", 0),
            "statements": data["counts"].get("statements", 0), "peak_worker_mb": max(worker_rss) / 2**20,
            "corpus": data["corpus"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--engine", choices=["dask", "local"], default="dask")
    parser.add_argument("--partition-size", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qg-scaling-") as tmp:
        work = Path(tmp)
        inputs = work / "articles.jsonl"
        words = 0
        with open(args.corpus, encoding="utf-8") as src, open(inputs, "w", encoding="utf-8") as dst:
            for line in itertools.islice(src, args.limit):
                record = json.loads(line)
                words += len(record["text"].split())
                dst.write(json.dumps({k: record.get(k) for k in ("id", "text", "date", "source", "title", "url")}) + "\n")
        rows = [run(inputs, n, args.engine, args.partition_size, work) for n in (1, 2)]
    print(f"{args.limit} articles ({words:,} words, {words / args.limit:.0f} an article), engine {args.engine}, "
          f"partitions of {args.partition_size}, load average {os.getloadavg()[0]:.1f}")
    print(f"{'workers':>7} {'wall s':>8} {'speed-up':>8} {'CPU s':>8} {'art/CPU-s':>9} {'peak MB/worker':>14} "
          f"{'corpus s':>8} {'shuffle KB':>10} {'shuffle rows':>12} {'speakers':>8} {'statements':>10}")
    for r in rows:
        c = r["corpus"]
        print(f"{r['workers']:>7} {r['wall']:>8.1f} {rows[0]['wall'] / r['wall']:>7.2f}x {r['cpu']:>8.1f} "
              f"{r['articles'] / r['cpu']:>9.2f} {r['peak_worker_mb']:>14.0f} {c['seconds']:>8.2f} "
              f"{c['shuffle_bytes'] / 1024:>10.1f} {c['shuffle_rows']:>12} {c['speakers']:>8} {c['statements']:>10}")
    best = max(r["articles"] / r["cpu"] for r in rows)
    per_article = rows[-1]["corpus"]["shuffle_bytes"] / max(1, rows[-1]["articles"])
    for n in (10_000_000, 200_000_000):
        hours = n / best / 3600
        print(f"{n:>11,} articles: {hours:,.0f} core-hours at {best:.2f} articles/CPU-s "
              f"({hours / 16 / 24:,.1f} days on 16 cores, {hours / 256:,.1f} hours on 256); "
              f"shuffle about {n * per_article / 2**30:,.1f} GiB")


if __name__ == "__main__":
    main()
