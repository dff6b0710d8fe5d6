"""The generated hostile corpus through the readers: nothing escapes, nothing is lost."""

from __future__ import annotations

import time

import pytest

from hostile import KINDS, hostile_articles, hostile_files, hostile_texts, write_corpus
from quotegraph.errors import ERRORS
from quotegraph.ingest import read_paths
from quotegraph.model import Article, Rejected


def test_generator_is_deterministic_and_seeded():
    first = [(f.name, f.data) for f in hostile_files(40, seed=3, max_size=10_000)]
    assert first == [(f.name, f.data) for f in hostile_files(40, seed=3, max_size=10_000)]
    assert first != [(f.name, f.data) for f in hostile_files(40, seed=4, max_size=10_000)]
    assert list(hostile_texts(12, seed=1, max_size=5000)) == list(hostile_texts(12, seed=1, max_size=5000))


def test_generator_covers_every_kind_first():
    assert {f.kind for f in hostile_files(len(KINDS), seed=0, max_size=5000)} == set(KINDS)


def test_hostile_articles_are_articles():
    articles = list(hostile_articles(20, seed=2, max_size=5000))
    assert len(articles) == 20 and len({a.id for a in articles}) == 20
    assert all(isinstance(a, Article) and a.text for a in articles)


def test_hostile_corpus_every_input_accounted_for(tmp_path):
    paths, inputs = write_corpus(tmp_path, 300, seed=11, max_size=50_000)
    items = list(read_paths([tmp_path]))
    assert len(items) == inputs
    for item in items:
        if isinstance(item, Rejected):
            assert item.code in ERRORS and item.origin.startswith(str(tmp_path)), item
        else:
            assert item.text.strip() and item.origin.startswith(str(tmp_path))
    articles = [i for i in items if isinstance(i, Article)]
    assert len({a.id for a in articles}) == len(articles)
    assert len(articles) > len(items) // 3  # most hostile text is still text


@pytest.mark.parametrize("kind,limit_s", [("quote_flood", 5.0), ("long_paragraph", 5.0), ("html_huge_table", 5.0)])
def test_full_size_pathological_inputs_read_in_bounded_time(tmp_path, kind, limit_s):
    item = next(f for f in hostile_files(200, seed=5) if f.kind == kind)
    path = tmp_path / item.name
    path.write_bytes(item.data)
    started = time.perf_counter()
    [result] = read_paths([path])
    assert time.perf_counter() - started < limit_s
    if isinstance(result, Article):
        assert len(result.text) >= 400_000  # the full text, not a cut
    else:
        assert result.code == "E104"  # the huge table: too many tags, refused before parsing
