"""A stream corpus of many short hostile documents, generated on disk.

``write_stream_corpus(directory, inputs, seed)`` writes exactly ``inputs``
input documents: a directory of hostile files from ``tests/hostile.py``
(text, HTML and JSONL of every hostile kind, kept short) and one large JSONL
file of short hostile records (hostile texts, news-like text with hostile
characters, odd ids, broken and mistyped lines). Every line of that file and
every non-JSONL file is one input, so ``outputs + rejections == inputs`` is
checkable.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from hostile import hostile_files, hostile_texts
from hostile_text import random_article

__all__ = ["write_stream_corpus", "small_articles_jsonl"]

_BROKEN = ('{"id": "cut", "text": ', "[1, 2, 3]", '{"text": "no id here"}', '{"id": "n", "text": null}',
           '{"id": "t", "text": 42}', "\x00\x01\x02", '{"id": "d", "text": "dated", "date": "2021-13-45"}',
           '{"id": "s", "text": "\\udc80 lone surrogate"}', '"just a string"', '{"id": "e", "text": ""}')


def _record_line(rng: random.Random, i: int, hostile: tuple[str, str]) -> str:
    roll = rng.random()
    if roll < 0.05:
        return rng.choice(_BROKEN).replace('"id": "', f'"id": "bad{i}-')
    text = hostile[1] if roll < 0.45 else random_article(rng, rng.randrange(1, 10))
    ident = rng.choice([f"r{i}", f"r{i} \u202e", f"r{i}/../x", f"r{i}\t\u200b", f"r{i}😀"])
    return json.dumps({"id": ident, "text": text, "date": rng.choice([None, "2021-08-16", "2020-02-29"])},
                      ensure_ascii=rng.random() < 0.5)


def write_stream_corpus(directory: Path, inputs: int, seed: int = 0, *, files: int = 600,
                        max_size: int = 300) -> tuple[list[Path], int]:
    """Write hostile inputs under ``directory``; returns the paths to pass and the exact input count."""
    rng = random.Random(seed)
    tree = directory / "files"
    tree.mkdir(parents=True, exist_ok=True)
    count = 0
    for item in hostile_files(files, seed, max_size=max_size):
        (tree / item.name).write_bytes(item.data)
        count += item.inputs
    if count > inputs:
        raise ValueError(f"{files} files already hold {count} inputs (> {inputs})")
    stream = directory / "stream.jsonl"
    texts = hostile_texts(inputs - count, seed, max_size=max_size)
    with open(stream, "w", encoding="utf-8", newline="\n") as handle:
        for i, hostile in enumerate(texts):
            handle.write(_record_line(rng, i, hostile) + "\n")
    return [tree, stream], inputs


def small_articles_jsonl(path: Path, n: int, seed: int = 0) -> Path:
    """``n`` short news-like JSONL articles (for memory and crash tests)."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(n):
            handle.write(json.dumps({"id": f"s{seed}-{i:06d}", "date": "2021-08-16",
                                     "text": random_article(rng, rng.randrange(4, 12))}) + "\n")
    return path
