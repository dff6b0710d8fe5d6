"""The size limit and the time budget: clear rejections naming the document, and the run goes on.

Through the real ``quotegraph extract`` command (in-process, CliRunner) and
the library: an over-long article is rejected with E104 (reader) or E202
(pipeline) naming it, an article that takes too long with E201 naming it,
and the articles around it are still extracted.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_invariants import check_document
from pathological import table_text

import quotegraph
from quotegraph import Article, Rejected
from quotegraph.cli import main
from quotegraph.ingest import read_paths
from quotegraph.settings import resolve

pytestmark = pytest.mark.integration

SMALL = "“We will rebuild the bridge by spring,” Mayor Ana Ruiz said on Friday."


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _extract(*args: str) -> tuple[int, list[dict], list[str]]:
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", "--no-progress", *args])
    docs = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, docs, result.stderr.splitlines()


def test_max_chars_rejects_the_long_article_by_id_and_keeps_the_rest(tmp_path):
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "before", "text": SMALL}, {"id": "huge", "text": "word " * 2000},
                                         {"id": "after", "text": SMALL}])
    status, docs, errors = _extract(str(src), "--max-chars", "5000", "--processes", "1")
    assert status == 1
    assert [d["id"] for d in docs] == ["before", "after"]
    assert all(d["quotes"] for d in docs)
    rejected = [line for line in errors if line.startswith("rejected")]
    assert len(rejected) == 1 and rejected[0].startswith("rejected [E104]")
    assert f"{src}:2" in rejected[0] and "10,000 characters" in rejected[0] and "5,000" in rejected[0]
    [record] = [r for r in read_paths([src], settings=resolve(max_chars=5000)) if isinstance(r, Rejected)]
    assert (record.id, record.code) == ("huge", "E104"), "the rejection carries the record's id"


def test_pipeline_max_chars_is_e202_naming_the_article():
    pipeline = quotegraph.load_pipeline(max_chars=100)
    results = list(pipeline.pipe([Article("ok", SMALL), Article("long-one", "x " * 80, origin="mem:2"),
                                  Article("ok2", SMALL)]))
    assert [type(r).__name__ for r in results] == ["Document", "Rejected", "Document"]
    assert results[1].code == "E202" and "[long-one]" in results[1].reason and "limit 100" in results[1].reason
    assert results[1].origin == "mem:2"


@pytest.mark.timeout(300)
def test_time_budget_rejects_the_slow_article_by_id_and_keeps_the_rest(tmp_path):
    slow = table_text(0.5)  # 500,000 characters of table rows, each one parsed: far beyond a 3 s budget
    # Warm the process the way a long-running worker would be.
    quotegraph.load_pipeline()(Article("warm", SMALL))
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "first", "text": SMALL}, {"id": "slow-one", "text": slow},
                                         {"id": "last", "text": SMALL}])
    status, docs, errors = _extract(str(src), "--time-budget", "3", "--processes", "1")
    assert status == 1
    assert [d["id"] for d in docs] == ["first", "last"]
    for doc in docs:
        check_document(quotegraph.Document.from_dict(doc), doc["text"])
    rejected = [line for line in errors if line.startswith("rejected")]
    assert rejected == ["rejected [E201] [slow-one] extraction exceeded its time budget of 3.0 s"]
    assert re.search(r"2 documents, \d+ statements?, 1 failed", "\n".join(errors))


def test_model_loading_does_not_count_against_the_first_articles_budget():
    # Regression: the model once loaded inside the first article's parse stage, so a
    # tight budget rejected every process's first article. A fresh process, so that
    # no other test has loaded the model already.
    code = ("import quotegraph; p = quotegraph.load_pipeline(time_budget=1.5); "
            f"print(len(p(quotegraph.Article('first', {SMALL!r})).quotes))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "1"


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_a_document_within_max_chars_is_never_refused_by_spacys_own_length_limit():
    # Regression: one 1.2 M-character "sentence" once failed in 'parse' with spaCy's E088
    # (nlp.max_length). A fresh process (the parse peaks at about 2 GB) and no time budget:
    # this checks the length limit, not the speed.
    code = ("import sys; sys.path.insert(0, %r); import quotegraph; from hostile_invariants import check_document; "
            "text = ' '.join(['“word word'] * 110_000); "  # 1.1 M characters, no sentence break
            "pipeline = quotegraph.load_pipeline(time_budget=1000); "
            "check_document(pipeline(quotegraph.Article('one-long-sentence', text)), text); "
            "print('ok')") % str(Path(__file__).resolve().parent)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=280)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


def test_limits_are_in_the_readme(repo_root):
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section: limits -->")[1].split("<!-- /section: limits -->")[0]
    for word in ("max_chars", "max_file_bytes", "time_budget", "E104", "E201", "E202", "E501"):
        assert word in section.split("<!-- generated: errors -->")[0], f"limits section does not explain {word}"



def test_pipeline_warning_codes_do_not_reuse_the_readers_codes():
    # Regression: the pipeline once reported W100-W102, which mean other things from the readers.
    from quotegraph.ingest import WARNINGS

    text = "“One unpaired mark ” and ” more, she said. " + "word " * 1000 + "\n\n“Never closed, he said."
    doc = quotegraph.load_pipeline()(Article("warned", text))
    codes = {w.code for w in doc.warnings}
    assert codes, "the text must draw warnings from the pipeline"
    assert not codes & set(WARNINGS), f"pipeline codes {sorted(codes)} collide with reader codes"
