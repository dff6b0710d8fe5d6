"""Pathological inputs end in bounded time with a clear outcome.

Each case from ``pathological.py`` (a megabyte of quote marks, one
500,000-character paragraph, 100,000 unpaired quote marks, 20,000 one-word
paragraphs, a megabyte of table-like text, brackets and quotes nested 20,000
deep, a 500,000-character word, a megabyte of news) runs at full size in a
fresh process through the real pipeline with a 10-second time budget. The
outcome must be a valid document or an E201 rejection naming the article,
and the run must end within the budget plus a generous allowance: the guard
only catches a true hang (work the budget cannot interrupt). Per-case
timings without a budget come from ``benchmarks/hostile_inputs.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pathological import CASES

pytestmark = [pytest.mark.integration, pytest.mark.slow]

HERE = Path(__file__).resolve().parent
BUDGET = 10.0
# Generous: a budget checked between units of work overshoots by one unit, and
# a loaded CI machine is slow; only a hang takes this long.
ALLOWANCE = 110.0

_SCRIPT = """
import json, re, sys, time
sys.path.insert(0, {here!r})
import quotegraph
from hostile_invariants import check_document
from pathological import CASES

pipeline = quotegraph.load_pipeline(time_budget={budget})
pipeline(quotegraph.Article(id="warm", text="“Warm up,” she said."))  # the model loads outside the budget
text = CASES[{name!r}](1.0)
started = time.monotonic()
try:
    doc = pipeline(quotegraph.Article(id={name!r}, text=text, date="2021-08-16"))
    check_document(doc, text)
    out = {{"outcome": "ok", "statements": len(doc.quotes), "warnings": sorted({{w.code for w in doc.warnings}})}}
except quotegraph.QuotegraphError as exc:
    out = {{"outcome": exc.code, "message": exc.message}}
out["seconds"] = round(time.monotonic() - started, 2)
# VmHWM, not ru_maxrss: the latter starts from the parent's peak (pytest's) after fork and exec
out["peak_rss_mb"] = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) // 1024
print(json.dumps(out))
"""


@pytest.mark.timeout(int(BUDGET + ALLOWANCE + 60))
@pytest.mark.parametrize("name", sorted(CASES))
def test_pathological_input_ends_within_its_time_budget(name):
    code = _SCRIPT.format(here=str(HERE), name=name, budget=BUDGET)
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=BUDGET + ALLOWANCE + 30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: no outcome after {BUDGET + ALLOWANCE + 30:.0f} s with a {BUDGET} s time budget (a hang)")
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"\n{name}: {result}")
    assert result["outcome"] in ("ok", "E201"), result
    if result["outcome"] == "E201":
        assert f"[{name}]" in result["message"] and f"{BUDGET} s" in result["message"]
    assert result["seconds"] <= BUDGET + ALLOWANCE, result
