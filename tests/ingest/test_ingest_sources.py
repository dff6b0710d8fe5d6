"""read_paths: files, directories, stdin, formats, ids, streaming."""

from __future__ import annotations

import gzip
import io
import json
import os
import tracemalloc
from pathlib import Path

import pytest

from quotegraph.ingest import read_paths, read_stream, sniff_format
from quotegraph.model import Article, Rejected
from quotegraph.settings import resolve

STORY = "“We will win,” she said on Saturday.\n\nThe crowd cheered."
HTML = ("<!DOCTYPE html><html><head><title>T</title></head><body><article>"
        "<p>The minister said on Monday that the plan would go ahead despite the protests.</p>"
        "<p>“We will not be moved by threats,” she told reporters in the capital city.</p></article></body></html>")


def summary(items):
    return [(type(i).__name__, i.id, getattr(i, "code", None)) for i in items]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "b.txt").write_text(f" date 2021-08-16 {STORY}", encoding="utf-8")
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "c.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": "j1", "text": STORY}) + "\n" + json.dumps({"id": "j2", "text": "x y"}) + "\n")
    (tmp_path / "e.jsonl.gz").write_bytes(gzip.compress((json.dumps({"id": "g1", "text": STORY}) + "\n").encode()))
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "a.txt").write_text("Another a, in a subdirectory.")
    (sub / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / ".hidden.txt").write_text("skipped")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("skipped")
    (tmp_path / "notes.md").write_text("unsupported, skipped")
    return tmp_path


def test_directory_every_supported_file_sorted(tree):
    items = list(read_paths([tree]))
    assert summary(items) == [
        ("Article", "a", None), ("Article", "b", None), ("Article", "c", None), ("Article", "j1", None),
        ("Article", "j2", None), ("Article", "g1", None), ("Article", "sub/a", None), ("Rejected", "broken", "E102")]
    b = items[1]
    assert (b.date, b.text, b.origin) == ("2021-08-16", STORY, str(tree / "b.txt"))
    assert [w.code for w in items[6].warnings] == ["W106"]  # "a" was taken by ../a.txt
    assert items[7].origin == str(tree / "sub" / "broken.txt")


def test_same_input_gives_same_output(tree):
    assert [i.to_dict() for i in read_paths([tree])] == [i.to_dict() for i in read_paths([tree])]


def test_ids_stay_unique_when_the_same_directory_is_given_twice(tree):
    items = list(read_paths([tree / "a.txt", tree / "a.txt"]))
    assert [i.id for i in items] == ["a", "a.txt"]
    dup = list(read_paths([tree / "d.jsonl", tree / "d.jsonl"]))
    assert [getattr(i, "code", None) for i in dup] == [None, None, "E112", "E112"]


@pytest.mark.parametrize("name,code", [("missing.txt", "E100"), ("missing", "E100"), ("missing.jsonl", "E100")])
def test_missing_path(tmp_path, name, code):
    [item] = read_paths([tmp_path / name])
    assert isinstance(item, Rejected) and item.code == code and name in item.reason


def test_empty_directory_is_reported(tmp_path):
    [item] = read_paths([tmp_path])
    assert (item.code, item.origin) == ("E110", str(tmp_path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_subdirectory_is_reported(tree):
    locked = tree / "sub"
    locked.chmod(0)
    try:
        items = list(read_paths([tree]))
    finally:
        locked.chmod(0o755)
    assert any(isinstance(i, Rejected) and i.code == "E114" for i in items)


@pytest.mark.parametrize("content,fmt", [
    (json.dumps({"id": "x", "text": STORY}).encode() + b"\n", "jsonl"),
    (gzip.compress(json.dumps({"id": "x", "text": STORY}).encode()), "jsonl"),
    (HTML.encode(), "html"),
    (f" date 2021-08-16 {STORY}".encode(), "text"),
    (STORY.encode(), "text"),
])
def test_unknown_extension_is_sniffed(tmp_path, content, fmt):
    assert sniff_format(content[:4096]) == fmt
    path = tmp_path / "article.dat"
    path.write_bytes(content)
    [item] = read_paths([path])
    assert isinstance(item, Article), item
    assert item.id == ("x" if fmt == "jsonl" else "article")


@pytest.mark.parametrize("content,expected", [
    (b" date 2021-08-16 " + STORY.encode(), [("stdin", "2021-08-16", STORY)]),
    (STORY.encode(), [("stdin", None, STORY)]),
    ((json.dumps({"id": "s1", "text": "a"}) + "\n" + json.dumps({"id": "s2", "text": "b", "date": "2020-01-02"})).encode(),
     [("s1", None, "a"), ("s2", "2020-01-02", "b")]),
    (gzip.compress(json.dumps({"id": "z", "text": "zz"}).encode()), [("z", None, "zz")]),
])
def test_stdin_formats(content, expected):
    items = list(read_stream(io.BytesIO(content), max_chars=10_000, max_bytes=100_000))
    assert [(i.id, i.date, i.text) for i in items] == expected
    assert all(i.origin.startswith("<stdin>") for i in items)


def test_stdin_html():
    [item] = read_stream(io.BytesIO(HTML.encode()), max_chars=10_000, max_bytes=100_000)
    assert item.title == "T" and "minister" in item.text


@pytest.mark.parametrize("content,code", [(b"", "E101"), (b"\x00" * 10, "E102"), (b"x" * 2000, "E104")])
def test_stdin_rejections(content, code):
    [item] = read_stream(io.BytesIO(content), max_chars=10_000, max_bytes=1000)
    assert (item.code, item.origin) == (code, "<stdin>")


def test_settings_limits_apply(tmp_path):
    (tmp_path / "a.txt").write_text("x" * 500)
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "r", "text": "y" * 500}) + "\n")
    items = list(read_paths([tmp_path], settings=resolve(max_chars=100)))
    assert [i.code for i in items] == ["E104", "E104"]
    items = list(read_paths([tmp_path / "a.txt"], settings=resolve(max_file_bytes=100)))
    assert items[0].code == "E104" and "500 bytes" in items[0].reason


def test_reading_is_lazy_and_memory_does_not_grow(tmp_path):
    path = tmp_path / "many.jsonl"
    record = {"id": "", "text": "“Quote,” he said. " * 50}
    with open(path, "w") as handle:
        for i in range(20_000):
            record["id"] = f"r{i}"
            handle.write(json.dumps(record) + "\n")
    assert path.stat().st_size > 15_000_000
    tracemalloc.start()
    try:
        stream = read_paths([path])
        first = next(stream)
        count = 1 + sum(1 for _ in stream)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert first.id == "r0" and count == 20_000
    # ids are kept (for uniqueness), texts are not: far below the file's 15 MB
    assert peak < 5_000_000, peak


def test_every_reader_warning_is_documented_in_the_readme(repo_root):
    from quotegraph.ingest import WARNINGS

    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    limits = readme.split("<!-- section: limits -->")[1].split("<!-- /section: limits -->")[0]
    for code, meaning in WARNINGS.items():
        assert f"| `{code}` | input | {meaning} |" in limits, f"{code} missing or different in the README limits section"


def test_id_registry_falls_back_deterministically():
    from quotegraph.ingest.ids import IdRegistry

    ids = IdRegistry()
    got = [ids.claim_file(["a", "sub/a", "a.txt"], f"o{i}") for i in range(5)]
    assert [g[0] for g in got] == ["a", "sub/a", "a.txt", "a~2", "a~3"]
    assert got[0][1] == [] and all(w[0].code == "W106" and "o0" in w[0].message for _, w in got[1:])
