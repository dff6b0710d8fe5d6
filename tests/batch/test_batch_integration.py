"""The batch command with the real pipeline, on short hand-written articles."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from quotegraph.pipeline.pool import extract_many
from quotegraph.batch.parquet import OutputDir, read_documents
from quotegraph.batch.tables import TABLES
from quotegraph.cli import main
from quotegraph.ingest import read_paths

pytestmark = pytest.mark.integration

# Short articles written for these tests (no third-party text).
ARTICLES = [
    ("mayor", "2021-03-01", '"We will rebuild the bridge by spring," Mayor Ana Ruiz said on Friday.'),
    ("union", "2021-03-02", 'The Transport Union said in a statement that the strike would go ahead. '
                            '"Our members have waited long enough," it said.'),
    ("coach", "2021-03-03", 'Coach Peter Hall insisted that the team was ready.\n\n"We trained hard all winter,'
                            ' and the players know what to do," he told reporters.'),
    ("minister", "2021-03-04", 'Health Minister Sara Obi warned that cases were rising. According to Obi, '
                               'hospitals "are close to capacity".'),
    ("council", "2021-03-05", '"The plan is unaffordable," said councillor Tom Reed. "It must be scrapped."'),
    ("quiet", "2021-03-06", "The river rose by a metre overnight and the road was closed until noon."),
    ("twitter", "2021-03-07", 'Senator Mark Diaz wrote on Twitter: "This vote is a disgrace."'),
    ("letter", "2021-03-08", 'In a letter signed by Jane Cole and Omar Khan, the residents said the noise '
                             'was "unbearable" and urged the council to act.'),
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, repo_root) -> list[str]:
    root = tmp_path_factory.mktemp("batch-in")
    with open(root / "news.jsonl", "w", encoding="utf-8") as handle:
        for i, (name, date, text) in enumerate(ARTICLES):
            handle.write(json.dumps({"id": name, "date": date, "text": text, "source": "hand"}) + "\n")
        handle.write('{"id": "broken", "text": \n')
    return [str(root / "news.jsonl"), str(repo_root / "examples")]


def _rows(out: Path) -> dict[str, list[dict]]:
    return {t: pq.read_table(out / t).to_pylist() for t in TABLES}


def test_batch_output_is_exactly_what_extract_gives(inputs, tmp_path):
    out = tmp_path / "out"
    report = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["batch", *inputs, "--out", str(out), "--partition-size", "3",
                                       "--processes", "2", "--no-progress", "--report", str(report)])
    assert result.exit_code == 1, result.output  # the broken JSONL line is a rejected row
    assert "rejected" in result.output
    summary = json.loads(report.read_text())
    assert summary["failed"] == {} and summary["skipped"] == [] and len(summary["computed"]) >= 4
    expected = [d.to_dict() for d in extract_many(read_paths(inputs), processes=1)]
    got = [d.to_dict() for d in read_documents(out)]
    assert got == expected
    assert sum(len(d.get("quotes", [])) for d in got) >= 10
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["rejected"] == 1 and manifest["status"] == "complete"


def test_dask_engine_equals_local_engine_row_for_row(inputs, tmp_path, dask_cluster):
    cluster, client = dask_cluster
    client.wait_for_workers(2, timeout=60)
    local, remote = tmp_path / "local", tmp_path / "dask"
    runner = CliRunner()
    args = ["--partition-size", "4", "--no-progress"]
    runner.invoke(main, ["batch", *inputs, "--out", str(local), "--processes", "2", *args])
    result = runner.invoke(main, ["batch", *inputs, "--out", str(remote), "--engine", "dask",
                                  "--scheduler", cluster.scheduler_address, *args])
    assert "0 failed" in result.output, result.output
    assert _rows(remote) == _rows(local)
    assert _rows(local)["statements"], "the comparison is not vacuous"


def test_killed_batch_command_resumes_to_the_clean_result(inputs, tmp_path):
    out, clean = tmp_path / "out", tmp_path / "clean"
    cmd = [sys.executable, "-c", "from quotegraph.cli import main; main()", "batch", *inputs, "--partition-size", "1", "--processes", "1",
           "--no-progress"]
    proc = subprocess.Popen([*cmd, "--out", str(out)], start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list((out / "_partitions").glob("part-*.json"))) >= 2:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done = {p.name: p.stat().st_mtime_ns for p in (out / "_partitions").glob("part-*.json")}
    total = len(ARTICLES) + 1 + len(list(Path(inputs[1]).glob("*.txt")))
    assert 2 <= len(done) < total
    subprocess.run([*cmd, "--out", str(out)], check=False, timeout=300)
    subprocess.run([*cmd, "--out", str(clean)], check=False, timeout=300)
    assert _rows(out) == _rows(clean)
    assert {n: (out / "_partitions" / n).stat().st_mtime_ns for n in done} == done
    last_run = json.loads((out / "manifest.json").read_text())["last_run"]
    rerun = [e["name"] for e in OutputDir(out).commit_log() if e["run"] == last_run]
    assert len(rerun) == len(set(rerun)) == total - len(done), "the rerun computed exactly the missing partitions"
    assert not set(rerun) & {n.removesuffix(".json") for n in done}


@pytest.mark.slow
def test_hostile_corpus_every_input_one_row_and_same_as_extract(tmp_path):
    from hostile import write_corpus

    _, inputs = write_corpus(tmp_path / "hostile", 40, seed=11, max_size=20_000)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "hostile"), "--out", str(out),
                                       "--partition-size", "7", "--processes", "2", "--no-progress"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    got = list(read_documents(out))
    assert len(got) == inputs == pq.read_table(out / "documents").num_rows
    expected = list(extract_many(read_paths([tmp_path / "hostile"]), processes=1))
    assert [d.to_dict() for d in got] == [d.to_dict() for d in expected]
    for doc in got:
        for q in getattr(doc, "quotes", []):
            for m in (q.cue, q.speaker.mention if q.speaker else None, q.said_on_evidence, q.channel_evidence):
                assert m is None or doc.text[m.start:m.end] == m.text
