"""Nothing lost: a hostile corpus through ``ingest`` and ``batch``, every input accounted for.

2,000 generated hostile inputs (files of every hostile kind and a JSONL
stream of hostile records) go through the real ``quotegraph ingest`` and
``quotegraph batch`` commands with two worker processes. Each input is
either stored (a database article, a Parquet document row) or rejected with
a coded reason; stored + rejected == inputs; both commands keep exactly the
same articles; and every stored document satisfies the data contract.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from collections import Counter

import pytest
from hostile_corpus import write_stream_corpus
from hostile_invariants import check_document

from quotegraph.batch.parquet import read_documents
from quotegraph.errors import ERRORS
from quotegraph.model import Document, Rejected

pytestmark = [pytest.mark.integration, pytest.mark.slow]

INPUTS = 2_000
_INGEST = re.compile(r"(\d+) articles read: (\d+) added, (\d+) replaced, (\d+) unchanged, (\d+) failed")


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from quotegraph.cli import main; main()", *args]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[list[str], int]:
    paths, inputs = write_stream_corpus(tmp_path_factory.mktemp("accounting"), INPUTS, seed=77, files=150)
    return [str(p) for p in paths], inputs


@pytest.fixture(scope="module")
def ingested(corpus, tmp_path_factory) -> tuple[set[str], Counter]:
    """Run ingest; check its accounting; return the stored article ids and the rejection codes."""
    paths, inputs = corpus
    db = tmp_path_factory.mktemp("ingest") / "hostile.db"
    done = subprocess.run(_cli("ingest", *paths, "--db", str(db), "--processes", "2", "--no-progress"),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stderr[-3000:]  # some inputs are rejected, none crashes the run
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    read, added, replaced, unchanged, failed = map(int, _INGEST.search(done.stderr).groups())
    failures = [line for line in done.stderr.splitlines() if line.startswith("failed: [E")]
    assert all(re.match(r"failed: \[(E\d{3})\] \S", line)[1] in ERRORS for line in failures)
    assert (read, replaced, unchanged) == (inputs, 0, 0)
    assert added + failed == inputs and failed == len(failures)
    conn = sqlite3.connect(db)
    try:
        ids = {row[0] for row in conn.execute("SELECT id FROM articles")}
    finally:
        conn.close()
    assert len(ids) == added
    return ids, Counter(re.match(r"failed: \[(E\d{3})\]", line)[1] for line in failures)


@pytest.mark.timeout(900)
def test_batch_accounts_for_every_input_and_keeps_what_ingest_keeps(corpus, ingested, tmp_path):
    paths, inputs = corpus
    out, report = tmp_path / "out", tmp_path / "report.json"
    done = subprocess.run(_cli("batch", *paths, "--out", str(out), "--processes", "2", "--partition-size", "250",
                               "--report", str(report), "--no-progress"), capture_output=True, text=True, timeout=600)
    assert done.returncode == 1 and "0 failed" in done.stderr, done.stderr[-3000:]
    counts = json.loads(report.read_text(encoding="utf-8"))["counts"]
    assert counts["ok"] + counts["rejected"] == inputs, counts
    rows = list(read_documents(out))
    assert len(rows) == inputs
    documents = [r for r in rows if isinstance(r, Document)]
    rejected = Counter(r.code for r in rows if isinstance(r, Rejected))
    for doc in documents:
        check_document(doc, doc.text)
    assert len(documents) == counts["ok"] and sum(rejected.values()) == counts["rejected"]
    ids, codes = ingested
    assert {d.id for d in documents} == ids, "batch and ingest keep different articles"
    assert rejected == codes, "batch and ingest reject different inputs"
    assert len(ids) > inputs // 2
