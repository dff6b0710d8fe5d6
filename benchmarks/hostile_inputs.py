"""Time the real pipeline on pathological inputs; print one JSON line per case.

Usage::

    .venv/bin/python benchmarks/hostile_inputs.py [--only NAME ...] [--scale 0.1]

Each case is generated here (never downloaded), run once through
``quotegraph.load_pipeline()`` with the default limits, and reported with its
size, wall-clock seconds and outcome (``ok`` with the number of statements,
or the error code). ``--scale`` shrinks every case for a quick look. The
cases themselves live in ``tests/hostile_suite/pathological.py`` so that the
test suite and this script time exactly the same inputs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "hostile_suite"))

from pathological import CASES  # noqa: E402

__all__ = ["main", "measure", "stage_seconds"]


def measure(pipeline, name: str, text: str) -> dict:
    """Run one case; returns ``{case, chars, seconds, cpu_seconds, outcome, statements, peak_rss_mb}``."""
    from quotegraph import Article, QuotegraphError

    started, cpu = time.perf_counter(), time.process_time()
    try:
        doc = pipeline(Article(id=name, text=text, date="2021-08-16"))
        outcome, statements = "ok", len(doc.quotes)
    except QuotegraphError as exc:
        outcome, statements = exc.code, 0
    return {"case": name, "chars": len(text), "seconds": round(time.perf_counter() - started, 2),
            "cpu_seconds": round(time.process_time() - cpu, 2), "outcome": outcome, "statements": statements,
            "peak_rss_mb": _peak_rss_mb()}


def _peak_rss_mb() -> int:
    # The process's peak so far (run one case per process, --only NAME, for a per-case
    # figure). VmHWM, not ru_maxrss: the latter can start from a parent's peak.
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            return int(re.search(r"VmHWM:\s+(\d+)", handle.read()).group(1)) // 1024
    except (OSError, AttributeError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def stage_seconds(pipeline, name: str, text: str) -> dict:
    """Seconds spent in each stage for one case (stages run directly, no time budget)."""
    from quotegraph import Article
    from quotegraph.pipeline.work import Work

    work = Work.from_article(Article(id=name, text=text, date="2021-08-16"))
    spent = {}
    for stage in pipeline.stages:
        started = time.perf_counter()
        try:
            stage(work)
        except Exception as exc:  # report the failing stage and stop, as the pipeline would
            spent[stage.name] = f"{type(exc).__name__}: {str(exc)[:80]}"
            break
        spent[stage.name] = round(time.perf_counter() - started, 2)
    return {"case": name, "chars": len(text), "stages": spent}


def main(argv: list[str] | None = None) -> int:
    """Print one JSON line per pathological case."""
    import quotegraph

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=None, help="case names to run")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every case's size")
    parser.add_argument("--stages", action="store_true", help="report seconds per stage instead")
    parser.add_argument("--time-budget", type=float, default=None, help="pipeline time_budget (default: setting)")
    args = parser.parse_args(argv)
    pipeline = quotegraph.load_pipeline(time_budget=args.time_budget)
    pipeline(quotegraph.Article(id="warm", text="“Warm up,” she said."))  # load the model outside the timings
    for name, build in CASES.items():
        if args.only and name not in args.only:
            continue
        run = stage_seconds if args.stages else measure
        print(json.dumps(run(pipeline, name, build(args.scale))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
