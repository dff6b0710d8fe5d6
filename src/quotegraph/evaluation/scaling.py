"""How cost grows with article length: µs of CPU per character, stage by stage.

Articles of about ``SIZES`` characters are built by joining whole articles of
a corpus in order (paragraph breaks between them), so each is news text of
the kind the pipeline meets, only longer: more paragraphs, more names, more
quotes. Each size runs through every stage of the default pipeline in one
child process (time budget lifted, the size limit raised to fit); CPU time
is taken around each stage. In another child, in the same run, spaCy's
tokenizer alone and its full small pipeline process the same texts
paragraph by paragraph, so every figure can be read against the floor and
the peer baseline. A linear pipeline shows flat µs/char across sizes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..errors import EvaluationError
from .bench import in_child
from .gold import read_gold

__all__ = ["SIZES", "ScalingRow", "build_texts", "measure_stages", "measure_baselines", "run_scaling", "format_scaling"]

SIZES = (5_000, 50_000, 500_000, 2_000_000)


@dataclass(slots=True)
class ScalingRow:
    """One article size: its characters and the CPU seconds of each stage (and of the baselines)."""

    chars: int
    stages: dict[str, float] = field(default_factory=dict)
    baselines: dict[str, float] = field(default_factory=dict)
    rejected: str | None = None

    @property
    def total(self) -> float:
        return sum(self.stages.values())

    def us_per_char(self, seconds: float) -> float:
        return 1e6 * seconds / self.chars if self.chars else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"chars": self.chars, "stages": self.stages, "baselines": self.baselines, "rejected": self.rejected,
                "us_per_char": {name: round(self.us_per_char(s), 2) for name, s in {**self.stages, "total": self.total,
                                                                                     **self.baselines}.items()}}


def build_texts(corpus: str | Path, sizes: tuple[int, ...] = SIZES) -> list[str]:
    """One text per size: whole corpus articles joined in order, cut at the last paragraph within the size."""
    texts = [g.text for g in read_gold(corpus)]
    if not texts:
        raise EvaluationError("E406", name="scaling", detail=f"{corpus} holds no documents")
    out = []
    for size in sizes:
        parts, length, k = [], 0, 0
        while length < size:
            parts.append(texts[k % len(texts)])  # a corpus shorter than the size is cycled through again
            length += len(parts[-1]) + 2
            k += 1
        text = "\n\n".join(parts)
        cut = text.rfind("\n\n", 0, size + 1)
        out.append(text[: cut if cut > size // 2 else size])
    return out


def measure_stages(texts: list[str], batch_size: int | None = None) -> list[ScalingRow]:
    """Each text through every stage of the default pipeline, CPU seconds per stage."""
    from ..model import Article
    from ..pipeline.build import load_pipeline
    from ..errors import QuotegraphError

    longest = max(len(t) for t in texts)
    settings: dict[str, Any] = {"time_budget": 24 * 3600.0, "max_chars": max(longest, 2_000_000)}
    if batch_size is not None:
        settings["batch_size"] = batch_size
    pipeline = load_pipeline(**settings)
    pipeline(Article("warm-up", texts[0][:5000]))  # first-call costs (lexicons, caches) are not the length's
    rows = []
    for n, text in enumerate(texts):
        row = ScalingRow(len(text))
        work = pipeline._start(Article(f"scaling-{n}", text))
        try:
            for stage in pipeline.stages:
                start = time.process_time()
                pipeline._run(stage, work)
                row.stages[stage.name] = time.process_time() - start
            work.to_document()
        except QuotegraphError as exc:
            row.rejected = exc.code
        rows.append(row)
    return rows


def measure_baselines(texts: list[str]) -> list[dict[str, float]]:
    """spaCy's tokenizer and full small pipeline over the same texts, paragraph by paragraph (CPU seconds)."""
    from .bench import SPACY_BATCH_SIZE, load_spacy

    out: list[dict[str, float]] = [{} for _ in texts]
    for name, exclude_all in (("spacy tokenizer", True), ("spacy full", False)):
        nlp = load_spacy(exclude_all)
        for _doc in nlp.pipe([texts[0][:5000]]):  # warm-up, as for quotegraph
            pass
        for n, text in enumerate(texts):
            paragraphs = [p for p in text.split("\n\n") if p.strip()]
            start = time.process_time()
            for _doc in nlp.pipe(paragraphs, batch_size=SPACY_BATCH_SIZE):
                pass
            out[n][name] = time.process_time() - start
        del nlp
    return out


def run_scaling(corpus: str | Path, *, sizes: tuple[int, ...] = SIZES, batch_size: int | None = None,
                progress: Callable[[str], None] | None = None) -> list[ScalingRow]:
    """The scaling run: quotegraph's stages in one fresh child process, the spaCy baselines in another."""
    texts = build_texts(corpus, sizes)
    if progress:
        progress(f"scaling: quotegraph stages on {', '.join(f'{len(t):,}' for t in texts)} characters ...")
    rows = in_child("scaling", measure_stages, texts, batch_size)
    if progress:
        progress("scaling: spaCy tokenizer and full pipeline on the same texts ...")
    for row, baselines in zip(rows, in_child("scaling-baselines", measure_baselines, texts)):
        row.baselines = baselines
    return rows


def format_scaling(rows: list[ScalingRow]) -> str:
    """µs of CPU per character for each stage and size, the total, the baselines, and the growth ratio."""
    if not rows:
        return ""
    stages = list(rows[0].stages) or [name for row in rows for name in row.stages]
    head = f"{'µs/char':<22}" + "".join(f"{row.chars:>12,}" for row in rows)
    lines = ["length scaling (CPU µs per character; characters across)", "", head]
    for name in stages:
        lines.append(f"{name:<22}" + "".join(f"{row.us_per_char(row.stages.get(name, 0.0)):>12.2f}" for row in rows))
    lines.append(f"{'quotegraph total':<22}" + "".join(f"{row.us_per_char(row.total):>12.2f}" for row in rows))
    for name in rows[0].baselines:
        lines.append(f"{name:<22}" + "".join(f"{row.us_per_char(row.baselines.get(name, 0.0)):>12.2f}" for row in rows))
    lines.append("")
    for row in rows:
        if row.rejected:
            lines.append(f"{row.chars:,} characters: rejected ({row.rejected}); stages after it not timed")
    by_size = {row.chars: row for row in rows}
    mid = min(by_size, key=lambda c: abs(c - 50_000))
    big = max(by_size)
    if mid != big:
        small_rate, big_rate = by_size[mid].us_per_char(by_size[mid].total), by_size[big].us_per_char(by_size[big].total)
        lines.append(f"quotegraph µs/char at {big:,} / at {mid:,}: {big_rate / small_rate:.2f}x")
    full = [row for row in rows if row.baselines.get("spacy full")]
    if full:
        lines.append("quotegraph / spaCy full pipeline (CPU per character): "
                     + ", ".join(f"{row.total / row.baselines['spacy full']:.2f}x at {row.chars:,}" for row in full))
    return "\n".join(lines)
