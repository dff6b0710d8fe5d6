"""The corpus pass: speakers and statements across articles, equal to the store's, incremental, kill-safe."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from batch_helpers import hand_document, hand_loader, write_jsonl
from corpus_helpers import assert_same, corpus_view, store_view
from quotegraph.batch.corpus import outlet, read_corpus, run_corpus
from quotegraph.batch.run import run_batch
from quotegraph.model import Article

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

PEOPLE = ["Ken Loach", "Jane Smith", "Ada Lovelace", "Tom Jones", "Helen Marsh", "David Marsh"]
SAYINGS = ["we are many and they are few in this fight", "the budget will not balance itself this year",
           "nobody expected the vote to go this way at all", "solidarity matters more than ever before now"]


def _variant(text: str, rng: random.Random) -> str:
    """The same words as another outlet prints them: case, punctuation, an ellipsis."""
    choice = rng.randrange(4)
    if choice == 1:
        return text.upper()
    if choice == 2:  # a word left out, marked by an ellipsis
        words = text.split()
        return " ".join(words[:3] + ["..."] + words[4:]).capitalize()
    if choice == 3:
        return text.replace(" ", ", ", 1) + "!"
    return text


def corpus_articles(n: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        speaker, other = rng.sample(PEOPLE, 2)
        said = _variant(rng.choice(SAYINGS), rng) if rng.random() < 0.6 else f"item {i} is new"
        text = f'{speaker} said "{said}" and then "{other} agrees" in a statement about {other}.'
        out.append(Article(f"a{i:05d}", text, date=f"2021-0{1 + i % 9}-{1 + i % 28:02d}", title=f"T{i}",
                           source=rng.choice(["Daily One", "The Other", None]), origin=f"mem:{i}"))
    return out


def _batch(tmp_path: Path, n: int, name: str = "out", **kw) -> Path:
    src = tmp_path / f"{name}-in.jsonl"
    write_jsonl(src, corpus_articles(n))
    out = tmp_path / name
    run_batch([src], out, partition_size=kw.pop("partition_size", 25), processes=1, loader=hand_loader, **kw)
    return out


def _store(tmp_path: Path, n: int, aliases: Path | None = None) -> Path:
    from quotegraph.ingestion import ingest

    docs = tmp_path / "docs.jsonl"
    with open(docs, "w", encoding="utf-8") as handle:
        for a in corpus_articles(n):
            handle.write(json.dumps(hand_document(a).to_dict()) + "\n")
    db = tmp_path / "hand.db"
    ingest([str(docs)], db=db, documents=True, aliases=aliases)
    return db


def _files(out: Path) -> dict[str, bytes]:
    root = out / "corpus"
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.parquet"))}


def test_outlet_is_source_else_host():
    assert outlet("The Guardian", "https://www.theguardian.com/x") == "The Guardian"
    assert outlet(None, "https://www.theguardian.com/x") == "theguardian.com"
    assert outlet("  ", None) is None
    assert outlet(None, "not a url") is None


def test_corpus_tables_equal_the_store(tmp_path):
    out = _batch(tmp_path, 120)
    assert_same(corpus_view(out), store_view(_store(tmp_path, 120)))
    statements = read_corpus(out)["statements"].to_pylist()
    merged = [s for s in statements if s["n_sources"] > 1]
    assert merged, "repeated sayings were not merged"
    for s in merged:  # sources in canonical order: the first one is the first seen
        assert s["first_seen"] == min(q["date"] for q in s["sources"])
        assert s["outlets"] == sorted({q["outlet"] for q in s["sources"] if q["outlet"]})
    rules = {q["rule"] for s in merged for q in s["sources"]}
    assert {"first", "identical"} <= rules and rules & {"near-identical", "contained"}


def test_alias_file_is_used_and_recorded(tmp_path):
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("canonical,aliases,external_id\nDavid Marsh,Helen Marsh,Q1\n", encoding="utf-8")
    from quotegraph.store.aliases import load_aliases

    out = _batch(tmp_path, 60, aliases=load_aliases(aliases))
    speakers = {s["speaker_id"]: s for s in read_corpus(out)["speakers"].to_pylist()}
    marsh = speakers["david-marsh"]
    assert marsh["external_id"] == "Q1" and "helen-marsh" not in speakers
    assert {(e["name"], e["rule"]) for e in marsh["evidence"]} == {("David Marsh", "alias"), ("Helen Marsh", "alias")}
    assert_same(corpus_view(out), store_view(_store(tmp_path, 60, aliases)))


def test_rerun_reuses_everything_and_changes_nothing(tmp_path):
    out = _batch(tmp_path, 80)
    before = _files(out)
    report = run_corpus(out)
    assert report.computed == {"names": 0, "shuffle": 0, "buckets": 0}
    assert _files(out) == before


def test_new_partitions_update_without_recomputing_finished_ones(tmp_path):
    clean = _batch(tmp_path, 200, "clean", corpus=False, partition_size=20)
    run_corpus(clean)
    partial = tmp_path / "partial"
    shutil.copytree(clean, partial)
    shutil.rmtree(partial / "corpus")
    # the state of an extraction stopped before its last two partitions committed
    held = tmp_path / "held"
    held.mkdir()
    for marker in sorted((partial / "_partitions").glob("part-*.json"))[-2:]:
        shutil.move(marker, held / marker.name)
    first = run_corpus(partial)
    assert first.computed["names"] == 8
    for marker in held.iterdir():
        shutil.move(marker, partial / "_partitions" / marker.name)
    second = run_corpus(partial)
    assert second.computed["names"] == 2 and second.reused["names"] == 8
    assert second.reused["shuffle"] > 0 and second.computed["shuffle"] < 10
    assert _files(partial) == _files(clean)
    assert corpus_view(partial) == corpus_view(clean)


def test_killed_corpus_pass_reruns_to_the_clean_tables(tmp_path):
    clean = _batch(tmp_path, 1500, "clean", corpus=False, partition_size=50)
    started = time.monotonic()
    run_corpus(clean)
    took = time.monotonic() - started
    victim = tmp_path / "victim"
    shutil.copytree(clean, victim)
    shutil.rmtree(victim / "corpus")
    code = f"import sys; from quotegraph.batch.corpus import run_corpus; run_corpus({str(victim)!r})"
    rng = random.Random(3)
    kills = 0
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, "-c", code], cwd=REPO)
        time.sleep(0.6 + rng.random() * max(took, 1.0))  # interpreter and pyarrow start-up, then part-way
        if proc.poll() is None:
            proc.kill()
            kills += 1
        proc.wait()
    assert kills, "the pass always finished before it could be killed; the test proved nothing"
    run_corpus(victim)
    assert _files(victim) == _files(clean)
    assert corpus_view(victim) == corpus_view(clean)
    assert not list((victim / "corpus" / "_tmp").glob("*"))


@pytest.mark.integration
def test_example_articles_one_loach_one_repeated_statement(tmp_path, repo_root):
    out = tmp_path / "out"
    report = run_batch([repo_root / "examples"], out, processes=1)
    assert report.corpus["speakers"] > 0
    tables = read_corpus(out)
    loach = [s for s in tables["speakers"].to_pylist() if "Loach" in s["names"] or "Ken Loach" in s["names"]]
    assert len(loach) == 1 and loach[0]["name"] == "Ken Loach"
    assert {(e["name"], e["rule"]) for e in loach[0]["evidence"]} >= {("Ken Loach", "exact"), ("Loach", "surname")}
    solidarity = [s for s in tables["statements"].to_pylist() if "Solidarity" in s["text"] and s["speaker_id"] == "ken-loach"]
    assert len(solidarity) == 1 and solidarity[0]["n_sources"] == 2
    assert solidarity[0]["first_seen"] == "2021-08-16"
    marsh = [s for s in tables["speakers"].to_pylist() if s["name"] == "Marsh"]
    assert marsh and "ambiguous-surname" in {e["rule"] for e in marsh[0]["evidence"]}
    from quotegraph.ingestion import ingest

    db = tmp_path / "ex.db"
    ingest([str(repo_root / "examples")], db=db, processes=1)
    assert_same(corpus_view(out), store_view(db))


def test_ingest_from_parquet_takes_the_corpus_tables(tmp_path):
    import sqlite3

    from quotegraph.batch.adopt import adopt_corpus
    from quotegraph.ingestion import ingest

    out = _batch(tmp_path, 90)
    db = tmp_path / "from-batch.db"
    ingest([str(out)], db=db, from_parquet=True)
    assert_same(corpus_view(out), store_view(db))
    assert_same(store_view(db), store_view(_store(tmp_path, 90)))  # what the store's own merge gives
    conn = sqlite3.connect(db)
    try:
        with conn:
            assert adopt_corpus(conn, [str(out)]).mode == "batch"
        with conn:  # a database holding anything else is merged by the store, not taken from the batch
            conn.execute("UPDATE quotes SET text = text || ' (corrected)' WHERE rowid = 1")
            assert adopt_corpus(conn, [str(out)]) is None
            conn.execute("UPDATE quotes SET text = substr(text, 1, length(text) - 12) WHERE rowid = 1")
            assert adopt_corpus(conn, [str(out)]).mode == "batch"
            conn.execute("INSERT INTO aliases VALUES ('Marsh', 'David Marsh', NULL)")
            assert adopt_corpus(conn, [str(out)]) is None
    finally:
        conn.close()
