"""Hostile documents through every ``extract`` output format.

``json`` must stay one valid JSON array whatever the text holds; ``table``
must never pass terminal control characters or bidi overrides from article
text to the terminal; in every format, documents + rejections == inputs.
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from hostile_corpus import write_stream_corpus
from hostile_invariants import check_document

from quotegraph.cli import main
from quotegraph.model import Document

pytestmark = pytest.mark.integration

INPUTS = 300
# C0/C1 controls (except newline), zero-width and bidi controls, BOM.
_UNSAFE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[list[str], int]:
    paths, inputs = write_stream_corpus(tmp_path_factory.mktemp("formats"), INPUTS, seed=5, files=60)
    return [str(p) for p in paths], inputs


def _run(paths: list[str], fmt: str):
    result = CliRunner().invoke(main, ["extract", *paths, "--format", fmt, "--processes", "1", "--no-progress"])
    assert result.exit_code == 1, result.output[-2000:]  # some inputs are rejected; none crashes the run
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    rejected = [line for line in result.stderr.splitlines() if re.match(r"rejected \[E\d{3}\] \S", line)]
    return result.stdout, rejected


def test_json_is_one_valid_array_and_accounts_for_every_input(corpus):
    paths, inputs = corpus
    stdout, rejected = _run(paths, "json")
    docs = json.loads(stdout)
    for data in docs:
        check_document(Document.from_dict(data), data["text"])
    assert len(docs) + len(rejected) == inputs


def test_table_passes_no_control_or_bidi_characters_to_the_terminal(corpus):
    paths, inputs = corpus
    stdout, rejected = _run(paths, "table")
    headers = [line for line in stdout.splitlines() if line.startswith("# ")]
    assert len(headers) + len(rejected) == inputs
    bad = [line for line in stdout.splitlines() if _UNSAFE.search(line)]
    assert not bad, f"{len(bad)} lines carry control characters, e.g. {bad[0]!r}"


def test_stderr_passes_no_control_or_bidi_characters_from_ids_to_the_terminal(tmp_path):
    # Regression: ids once reached stderr raw (warnings; E112, E201, E202 rejections).
    ids = ["evil\x1b]0;owned\x07", "rtl\u202etxt.exe", "tab\there\u200b"]
    src = tmp_path / "ids.jsonl"
    # Each text has an unclosed quotation, which draws a warning naming the document.
    # The last line repeats the first id: its E112 rejection names the id too.
    lines = [json.dumps({"id": i, "text": "“We will win, she said."}) + "\n" for i in [*ids, ids[0]]]
    src.write_text("".join(lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(src), "--format", "jsonl", "--processes", "1",
                                       "--no-progress"])
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ids  # stdout JSON keeps ids exact
    bad = [line for line in result.stderr.splitlines() if _UNSAFE.search(line)]
    assert not bad, bad
