"""run_batch with the local engine: deterministic shards, manifest, resume, refusal of foreign output."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from batch_helpers import articles, hand_document, hand_loader, slow_articles, write_jsonl
from quotegraph.batch.parquet import OutputDir, read_documents
from quotegraph.batch.run import run_batch
from quotegraph.batch.tables import TABLES
from quotegraph.errors import BatchError
from quotegraph.model import Document, Rejected

HERE = Path(__file__).resolve().parent


def _table_rows(out: Path) -> dict[str, list[dict]]:
    return {t: pq.read_table(out / t).to_pylist() for t in TABLES}


def _inputs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    write_jsonl(src / "a.jsonl", articles(7, "a"))
    with gzip.open(src / "b.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "g1", "text": 'Jane Smith said "gzip works".'}) + "\n")
        handle.write("{not json\n")
        handle.write(json.dumps({"id": "g2", "text": 'Tom Jones said "so does this".', "date": "2020-02-02"}) + "\n")
    (src / "c.txt").write_text(' date 2021-08-16 \nAda Lovelace said "dated text too".\n', encoding="utf-8")
    return src


def test_partitions_shards_and_manifest(tmp_path):
    src = _inputs(tmp_path)
    out = tmp_path / "out"
    report = run_batch([src], out, partition_size=4, processes=1, loader=hand_loader)
    assert report.ok and len(report.computed) == 3 and not report.skipped
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["partition_size"] == 4
    fp = manifest["inputs_fingerprint"][:12]
    names = [f"part-{k:06d}-{fp}" for k in range(3)]
    assert [p["name"] for p in manifest["partitions"]] == names
    for table in TABLES:
        assert sorted(p.name for p in (out / table).iterdir()) == [f"{n}.parquet" for n in names]
    docs = [d for d in read_documents(out) if isinstance(d, Document)]
    quotes, entities = sum(len(d.quotes) for d in docs), sum(len(d.entities) for d in docs)
    mentions = sum(len(e.mentions) for d in docs for e in d.entities)
    assert quotes >= 10 and mentions >= entities >= 10
    assert manifest["counts"] == {"documents": 11, "ok": 10, "rejected": 1, "statements": quotes,
                                  "entities": entities, "mentions": mentions}
    docs = _table_rows(out)["documents"]
    # partition k holds records [4k, 4k+4) of the input order: a.jsonl, b.jsonl.gz, c.txt
    assert [d["id"] for d in docs][:8] == [f"a{i:04d}" for i in range(7)] + ["g1"]
    bad = docs[8]
    assert bad["status"] == "rejected" and bad["code"] == "E105" and bad["origin"].endswith("b.jsonl.gz:2")
    assert [d["id"] for d in docs][9:] == ["g2", "c"]
    assert not list((out / "_tmp").iterdir())


def test_read_documents_round_trips_and_keeps_input_order(tmp_path):
    src = _inputs(tmp_path)
    out = tmp_path / "out"
    run_batch([src], out, partition_size=3, processes=2, loader=hand_loader)
    back = list(read_documents(out))
    assert len(back) == 11
    firsts = [d for d in back if isinstance(d, Document)][:7]
    assert [d.to_dict() for d in firsts] == [hand_document(a).to_dict() for a in articles(7, "a")]
    assert isinstance(back[8], Rejected) and back[8].code == "E105"


def test_engine_process_count_and_partition_size_do_not_change_rows(tmp_path):
    src = _inputs(tmp_path)
    one = tmp_path / "one"
    two = tmp_path / "two"
    run_batch([src], one, partition_size=5, processes=1, loader=hand_loader)
    run_batch([src], two, partition_size=2, processes=2, loader=hand_loader)
    strip = lambda rows: [{k: v for k, v in r.items() if k != "doc_index"} for r in rows]  # noqa: E731
    a, b = _table_rows(one), _table_rows(two)
    for table in TABLES:
        assert strip(a[table]) == strip(b[table]), table


def test_rerun_computes_nothing_and_rewrites_nothing(tmp_path):
    src = _inputs(tmp_path)
    out = tmp_path / "out"
    run_batch([src], out, partition_size=4, processes=1, loader=hand_loader)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    again = run_batch([src], out, partition_size=4, processes=1, loader=hand_loader)
    assert again.computed == [] and len(again.skipped) == 3
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")} == before
    assert len(OutputDir(out).commit_log()) == 3


def test_changed_input_or_settings_are_refused(tmp_path):
    src = _inputs(tmp_path)
    out = tmp_path / "out"
    run_batch([src], out, partition_size=4, processes=1, loader=hand_loader)
    with pytest.raises(BatchError) as info:
        run_batch([src], out, partition_size=5, processes=1, loader=hand_loader)
    assert info.value.code == "E503"
    time.sleep(0.01)
    (src / "c.txt").write_text(' date 2021-08-16 \nAda Lovelace said "changed".\n', encoding="utf-8")
    with pytest.raises(BatchError) as info:
        run_batch([src], out, partition_size=4, processes=1, loader=hand_loader)
    assert info.value.code == "E503" and str(out) in info.value.message


def test_foreign_directory_and_unrereadable_inputs_are_refused(tmp_path):
    src = _inputs(tmp_path)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    with pytest.raises(BatchError) as info:
        run_batch([src], busy, loader=hand_loader)
    assert info.value.code == "E504" and (busy / "notes.txt").read_text() == "mine"
    with pytest.raises(BatchError) as info:
        run_batch(["-"], tmp_path / "o2", loader=hand_loader)
    assert info.value.code == "E506"
    missing = run_batch([tmp_path / "missing.jsonl"], tmp_path / "o3", loader=hand_loader)
    assert missing.ok and missing.counts["rejected"] == 1  # one rejected input, like `extract`
    rejected = [r for r in read_documents(tmp_path / "o3") if isinstance(r, Rejected)]
    assert [r.code for r in rejected] == ["E100"]
    with pytest.raises(BatchError) as info:
        run_batch([src], tmp_path / "o4", engine="spark", loader=hand_loader)
    assert info.value.code == "E500"
    with pytest.raises(BatchError) as info:
        list(read_documents(tmp_path / "nothing"))
    assert info.value.code == "E504"


_DRIVER = """
import sys
sys.path.insert(0, {helpers!r})
from batch_helpers import hand_loader
from quotegraph.batch.run import run_batch
run_batch([{src!r}], {out!r}, partition_size=3, processes={processes}, loader=hand_loader)
"""


def _run_and_kill(src: Path, out: Path, processes: int, after_markers: int) -> None:
    code = _DRIVER.format(helpers=str(HERE), src=str(src), out=str(out), processes=processes)
    proc = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    markers = out / "_partitions"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if markers.is_dir() and len(list(markers.glob("part-*.json"))) >= after_markers:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its pool, as a crash or kill -9 would
    proc.wait()


@pytest.mark.parametrize("processes", [1, pytest.param(2, marks=pytest.mark.slow)])
def test_killed_run_resumes_with_only_the_missing_partitions(tmp_path, processes):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, slow_articles(30, 0.05))
    out, clean = tmp_path / "out", tmp_path / "clean"
    _run_and_kill(src, out, processes, after_markers=3)
    first = {m.name: m.stat().st_mtime_ns for m in (out / "_partitions").glob("part-*.json")}
    assert 3 <= len(first) < 10
    report = run_batch([src], out, partition_size=3, processes=processes, loader=hand_loader)
    assert sorted(report.skipped) == sorted(n.removesuffix(".json") for n in first)
    assert len(report.computed) == 10 - len(first)
    # the interrupted run's partitions were neither recomputed nor rewritten
    assert {m.name: m.stat().st_mtime_ns for m in (out / "_partitions").glob("part-*.json") if m.name in first} == first
    manifest = json.loads((out / "manifest.json").read_text())
    rerun = [e["name"] for e in OutputDir(out).commit_log() if e["run"] == manifest["last_run"]]
    assert sorted(rerun) == sorted(report.computed), "the rerun computed only what was missing"
    assert not set(rerun) & {n.removesuffix(".json") for n in first}
    run_batch([src], clean, partition_size=3, processes=1, loader=hand_loader)
    assert _table_rows(out) == _table_rows(clean)
    assert not list((out / "_tmp").iterdir())


@pytest.mark.slow
def test_killed_at_random_points_several_times_then_rerun_equals_a_clean_run(tmp_path):
    import random

    rng = random.Random(20211116)
    src = tmp_path / "in.jsonl"
    write_jsonl(src, slow_articles(45, 0.03))
    out, clean = tmp_path / "out", tmp_path / "clean"
    code = _DRIVER.format(helpers=str(HERE), src=str(src), out=str(out), processes=2)
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
        time.sleep(rng.uniform(0.3, 2.5))  # anywhere: start-up, extraction, mid-commit
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    report = run_batch([src], out, partition_size=3, processes=2, loader=hand_loader)
    assert report.ok and len(report.computed) + len(report.skipped) == 15
    run_batch([src], clean, partition_size=3, processes=1, loader=hand_loader)
    assert _table_rows(out) == _table_rows(clean)
    for table in TABLES:
        assert len(list((out / table).iterdir())) == 15
    assert not list((out / "_tmp").iterdir())
    assert json.loads((out / "manifest.json").read_text())["status"] == "complete"


def test_dangling_symlinks_and_loops_are_each_one_rejected_input(tmp_path):
    src = _inputs(tmp_path)
    (src / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (src / "gone.png").symlink_to(tmp_path / "nowhere.png")  # an ignored type: not an input at all
    (src / "loop-a.txt").symlink_to(src / "loop-b.txt")
    (src / "loop-b.txt").symlink_to(src / "loop-a.txt")
    (src / "cycle").symlink_to(src, target_is_directory=True)  # a directory loop is not followed
    out = tmp_path / "out"
    report = run_batch([src, tmp_path / "absent.txt"], out, partition_size=4, processes=1, loader=hand_loader)
    assert report.ok
    rejected = sorted((Path(r.origin).name, r.code) for r in read_documents(out) if isinstance(r, Rejected))
    assert [(n, c) for n, c in rejected if c != "E105"] == [
        ("absent.txt", "E100"), ("gone.txt", "E100"), ("loop-a.txt", "E114"), ("loop-b.txt", "E114")]
    assert report.counts["ok"] == 10
    again = run_batch([src, tmp_path / "absent.txt"], out, partition_size=4, processes=1, loader=hand_loader)
    assert again.ok and not again.computed  # the same plan: a rerun resumes, nothing to do
