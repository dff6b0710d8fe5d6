"""Memory does not grow with the number of articles in a stream (a leak check, not a benchmark).

A fresh process extracts a generated stream of short articles (news-like text
with hostile characters, so that new strings keep reaching the model's
vocabulary) through ``pipeline.pipe``, pulling lazily and dropping each
result, and samples its resident memory after every article. The growth over
4N articles must stay well below four times the growth over the first N:
steady memory passes, a per-article leak fails.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]

HERE = Path(__file__).resolve().parent
N = 250
WARM_UP = 60
MARGIN_MB = 40

_SCRIPT = """
import json, random, sys
sys.path.insert(0, {here!r})
import psutil
import quotegraph
from hostile_text import random_article

def stream(n, seed):
    rng = random.Random(seed)
    for i in range(n):
        text = random_article(rng, rng.randrange(4, 14))
        yield quotegraph.Article(id=f"m{{seed}}-{{i}}", text=text, date="2021-08-16")

proc = psutil.Process()
pipeline = quotegraph.load_pipeline()
for _ in pipeline.pipe(stream({warm}, 0)):
    pass
base = peak_n = peak = proc.memory_info().rss
quotes = 0
for i, result in enumerate(pipeline.pipe(stream(4 * {n}, 1)), 1):
    quotes += len(getattr(result, "quotes", []))
    rss = proc.memory_info().rss
    peak = max(peak, rss)
    if i == {n}:
        peak_n = peak
mb = 1024 * 1024
print(json.dumps({{"base_mb": base / mb, "growth_n_mb": (peak_n - base) / mb, "growth_4n_mb": (peak - base) / mb,
                  "articles": 4 * {n}, "quotes": quotes}}))
"""


@pytest.mark.timeout(600)
def test_memory_does_not_grow_with_the_number_of_articles():
    code = _SCRIPT.format(here=str(HERE), n=N, warm=WARM_UP)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=580)
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"\nmemory: {figures}")
    assert figures["quotes"] > N, "the stream must exercise the extractor"
    assert figures["growth_4n_mb"] <= 2 * max(figures["growth_n_mb"], 0) + MARGIN_MB, figures
