"""10,000 generated hostile documents through the real ``quotegraph extract`` command.

The command runs as a subprocess with two worker processes and JSONL output.
Zero crashes: it exits normally (status 0 or 1, no traceback), every input is
either a document on stdout or a coded rejection on stderr, and
``documents + rejections == inputs``; the planted broken inputs make the
status 1 and the summary the last line. Every document satisfies the data
contract (offsets slice its text back).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time

import pytest
from hostile_corpus import write_stream_corpus
from hostile_invariants import check_document

from quotegraph.errors import ERRORS
from quotegraph.model import Document

pytestmark = [pytest.mark.integration, pytest.mark.slow]

INPUTS = 10_000
_REJECTED = re.compile(r"^rejected \[(E\d{3})\] (.+)$")
_SUMMARY = re.compile(r"^extract: (\d+) documents?, (\d+) statements?, (\d+) failed")


@pytest.mark.timeout(900)
def test_ten_thousand_hostile_documents_all_accounted_for(tmp_path):
    paths, inputs = write_stream_corpus(tmp_path / "corpus", INPUTS, seed=2026)
    out, err = tmp_path / "out.jsonl", tmp_path / "err.txt"
    command = [sys.executable, "-c", "from quotegraph.cli import main; main()", "extract", *map(str, paths),
               "--format", "jsonl", "--processes", "2", "--no-progress"]
    started = time.monotonic()
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        done = subprocess.run(command, stdout=stdout, stderr=stderr, timeout=840)
    seconds = time.monotonic() - started
    errors = err.read_text(encoding="utf-8").splitlines()
    assert done.returncode in (0, 1), f"status {done.returncode}:\n" + "\n".join(errors[-30:])
    assert not any("Traceback" in line for line in errors), "\n".join(errors[-30:])

    documents, broken = 0, []
    with open(out, encoding="utf-8") as handle:
        for line in handle:
            doc = Document.from_dict(json.loads(line))
            documents += 1
            try:
                check_document(doc, doc.text)
            except AssertionError as exc:
                broken.append(str(exc))
    rejections = [m for m in map(_REJECTED.match, errors) if m]
    print(f"\n{inputs} inputs: {documents} documents, {len(rejections)} rejected, {seconds:.0f} s")
    # Accounting first: nothing lost, nothing doubled, every rejection coded.
    assert all(code in ERRORS and reason.strip() for code, reason in (m.groups() for m in rejections))
    assert documents + len(rejections) == inputs, (documents, len(rejections), inputs)
    summary = next(m for m in map(_SUMMARY.match, errors) if m)
    assert (int(summary[1]), int(summary[3])) == (documents, len(rejections))
    assert f"{len(rejections)} failed" in errors[-1], "the summary is the last line on stderr"
    # The corpus plants broken inputs on purpose, so the run must say it had failures.
    assert rejections and done.returncode == 1
    assert documents > inputs // 2, "most generated documents are readable and must be processed"
    # Then the data contract on every document, all offenders named at once.
    assert not broken, f"{len(broken)} documents break the contract:\n" + "\n".join(broken[:5])
