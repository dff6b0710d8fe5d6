"""A bounded load test on loopback: 50 connections for 30 s, normal and worst-case searches mixed.

Normal searches must stay fast (p99 under 1 s) while the worst a client can
type runs beside them, and nothing may fail except with the coded limits
(E606 time limit, 422; E608 busy, 429). Bounded in connections, time and
address: 50 keep-alive connections to 127.0.0.1, 30 seconds.
"""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
from collections import Counter
from urllib.parse import urlencode

import pytest
from store_docs import VOCABULARY, archive
from test_server_bounds import server

CONNECTIONS = 50
WORST = 10  # of the 50 connections send only worst-case searches
SECONDS = 30.0
SPEAKERS = ["ann-lee", "bo-roe", "cy-tan", "Di Lee", "Ed"]


def normal_query(rng: random.Random) -> str:
    kind = rng.randrange(5)
    if kind == 0:
        return "/api/statements?" + urlencode({"q": rng.choice(VOCABULARY[:150])})
    if kind == 1:
        return "/api/statements?" + urlencode({"q": " ".join(rng.sample(VOCABULARY[:150], 2)), "limit": 20})
    if kind == 2:
        return "/api/statements?" + urlencode({"speaker": rng.choice(SPEAKERS), "since": "2021-03"})
    if kind == 3:
        return f"/api/articles/a{rng.randrange(300)}"
    return "/api/speakers?" + urlencode({"q": rng.choice(["Lee", "an", "o"])})


def worst_query(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:  # the repro of the finding: 250 repeated words over article text
        return "/api/statements?" + urlencode({"q": " ".join(["a"] * 250), "scope": "articles"})
    if kind == 1:  # as many different common words as allowed, over article text
        return "/api/statements?" + urlencode({"q": " ".join(rng.sample(VOCABULARY, 24)), "scope": "articles"})
    if kind == 2:  # FTS syntax: many short prefixes, each matching many words of every article
        prefixes = ["w", *(f"w{d}" for d in range(10)), *rng.sample([f"w{i}" for i in range(10, 100)], 30)]
        return "/api/statements?" + urlencode({"q": " ".join(f"{p}*" for p in prefixes), "raw": 1,
                                               "scope": "articles"})
    return "/api/statements?" + urlencode({"q": " ".join(rng.sample(VOCABULARY, 24)), "offset": 100000})


def client(port: int, worst: bool, seed: int, stop: float, out: list, errors: list) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < stop:
        path = worst_query(rng) if worst else normal_query(rng)
        started = time.monotonic()
        try:
            conn.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
            response = conn.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException) as exc:
            errors.append(f"{type(exc).__name__}: {exc} on {path[:80]}")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        took = time.monotonic() - started
        code = json.loads(body)["error"]["code"] if response.status != 200 else None
        out.append((worst, response.status, code, took))
        if response.getheader("connection", "").lower() == "close":
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.close()


@pytest.mark.slow
def test_fifty_connections_for_thirty_seconds(tmp_path):
    db = tmp_path / "load.db"
    archive(db, articles=300)
    with server(db) as port:
        results: list = []
        errors: list = []
        stop = time.monotonic() + SECONDS
        threads = [threading.Thread(target=client, args=(port, i < WORST, i, stop, results, errors))
                   for i in range(CONNECTIONS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(SECONDS + 60)
    normal = sorted(took for worst, status, _, took in results if not worst)
    p50, p99 = normal[len(normal) // 2], normal[int(len(normal) * 0.99)]
    outcomes = Counter((("worst" if worst else "normal"), status, code) for worst, status, code, _ in results)
    print(f"\n{len(results)} requests in {SECONDS:g} s over {CONNECTIONS} connections; "
          f"normal: {len(normal)}, p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, max {normal[-1] * 1000:.0f} ms")
    for key, n in sorted(outcomes.items(), key=str):
        print(f"  {key}: {n}")
    assert not errors, errors[:5]
    assert all(t.is_alive() is False for t in threads)
    bad = {k: n for k, n in outcomes.items() if not (k[1] == 200 or (k[1], k[2]) in ((422, "E606"), (429, "E608"))
                                                    or (k[1], k[2]) == (400, "E601") and k[0] == "worst")}
    assert not bad, bad
    assert all(status == 200 for worst, status, _, _ in results if not worst)
    assert p99 < 1.0
