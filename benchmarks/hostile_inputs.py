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
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "hostile_suite"))

from pathological import CASES  # noqa: E402

__all__ = ["main", "measure"]


def measure(pipeline, name: str, text: str) -> dict:
    """Run one case; returns ``{case, chars, seconds, outcome, statements}``."""
    from quotegraph import Article, QuotegraphError

    started = time.perf_counter()
    try:
        doc = pipeline(Article(id=name, text=text, date="2021-08-16"))
        outcome, statements = "ok", len(doc.quotes)
    except QuotegraphError as exc:
        outcome, statements = exc.code, 0
    return {"case": name, "chars": len(text), "seconds": round(time.perf_counter() - started, 2),
            "outcome": outcome, "statements": statements}


def main(argv: list[str] | None = None) -> int:
    """Print one JSON line per pathological case."""
    import quotegraph

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=None, help="case names to run")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every case's size")
    parser.add_argument("--time-budget", type=float, default=None, help="pipeline time_budget (default: setting)")
    args = parser.parse_args(argv)
    pipeline = quotegraph.load_pipeline(time_budget=args.time_budget)
    pipeline(quotegraph.Article(id="warm", text="“Warm up,” she said."))  # load the model outside the timings
    for name, build in CASES.items():
        if args.only and name not in args.only:
            continue
        print(json.dumps(measure(pipeline, name, build(args.scale))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
