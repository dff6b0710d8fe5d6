"""Train the candidate filter on an annotated corpus (PolNeAR format).

The pipeline runs up to its ``filter`` stage with the filter keeping every
candidate, so the rules' candidates are seen as they are at inference time.
A candidate is a positive example when the one-to-one matching of the
evaluation (content overlap > 0.3) pairs it with a gold quotation. A
logistic regression (L2, AdaGrad, a fixed seed: the same corpus gives the
same weights) is fitted in plain Python; the keep threshold is the one that
gives the best content F1 on a second corpus (the dev split), where the
calibration table (predicted confidence against observed precision) is also
measured. ``write_params`` stores weights, threshold, scores and provenance
in the JSON file the ``filter`` stage reads.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from ..model import Span
from .gold import GoldDoc, gold_to_article, read_gold
from .matching import Item, gold_items, match, merge_spans, trim_spans

__all__ = ["Example", "collect", "fit", "choose_threshold", "calibration", "train_filter", "write_params"]


@dataclass(slots=True)
class Example:
    """One candidate: its document, features, whether it matches a gold quotation, and its content."""

    doc: str
    features: list[str]
    label: int
    spans: tuple[Span, ...] = ()
    trimmed: tuple[Span, ...] = ()


@dataclass(slots=True)
class DocSet:
    """The examples of a corpus grouped by document, with each document's gold items (for re-matching)."""

    examples: list[Example] = field(default_factory=list)
    gold: dict[str, list[Item]] = field(default_factory=dict)


def collect(docs: list[GoldDoc], *, settings: dict[str, Any] | None = None,
            progress: Callable[[int], None] | None = None) -> DocSet:
    """Run the pipeline up to the filter (keeping everything) and label every candidate."""
    from ..pipeline import DEFAULT_STAGES, load_pipeline

    stages = DEFAULT_STAGES[: DEFAULT_STAGES.index("filter") + 1]
    pipeline = load_pipeline(stages, objects={"filter": {"keep_all": True}}, **(settings or {}))
    keeper = pipeline.stages[-1]
    out = DocSet()
    by_id = {g.id: g for g in docs}
    for n, _ in enumerate(pipeline.pipe(gold_to_article(g) for g in docs), start=1):
        if progress is not None:
            progress(n)
    grouped: dict[str, list] = {}
    for doc_id, cand, feats in keeper.collected:
        grouped.setdefault(doc_id, []).append((cand, feats))
    for g in docs:
        out.gold[g.id] = gold_items(g)
        out.examples += _labelled(by_id[g.id], out.gold[g.id], grouped.get(g.id, []))
    return out


def _labelled(gold: GoldDoc, items: list[Item], cands: list) -> list[Example]:
    examples = []
    for cand, feats in cands:
        spans = merge_spans(cand.spans)
        if spans:
            examples.append(Example(gold.id, feats, 0, spans, trim_spans(gold.text, spans)))
    examples.sort(key=lambda e: (e.spans[0].start, e.spans[-1].end))
    for gi, pi in match(items, [_item(e) for e in examples], "overlap_0.3"):
        examples[pi].label = 1
    return examples


def _item(e: Example) -> Item:
    return Item(e.spans, e.trimmed, "indirect")


def fit(examples: list[Example], *, epochs: int = 12, rate: float = 0.1, l2: float = 1e-4, min_count: int = 3,
        seed: int = 13) -> tuple[dict[str, float], float]:
    """Logistic regression by AdaGrad over binary features seen at least ``min_count`` times."""
    counts: dict[str, int] = {}
    for e in examples:
        for f in set(e.features):
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(names)}
    rows = [(sorted({index[f] for f in e.features if f in index}), e.label) for e in examples]
    w, g2 = [0.0] * (len(names) + 1), [1e-8] * (len(names) + 1)  # the last slot is the bias
    bias = len(names)
    rng = random.Random(seed)
    order = list(range(len(rows)))
    for _ in range(epochs):
        rng.shuffle(order)
        for k in order:
            x, y = rows[k]
            z = w[bias] + sum(w[i] for i in x)
            grad = _sigmoid(z) - y
            for i in (*x, bias):
                step = grad + (l2 * w[i] if i != bias else 0.0)
                g2[i] += step * step
                w[i] -= rate * step / math.sqrt(g2[i])
    weights = {f: round(w[i], 4) for f, i in index.items() if abs(w[i]) >= 1e-4}
    return weights, round(w[bias], 4)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def probabilities(examples: Iterable[Example], weights: dict[str, float], bias: float) -> list[float]:
    """The model's P(statement) for each example."""
    return [_sigmoid(bias + sum(weights.get(f, 0.0) for f in e.features)) for e in examples]


def scores_at(data: DocSet, probs: list[float], threshold: float) -> dict[str, float]:
    """Content P/R/F1 (overlap > 0.3, one-to-one) keeping the candidates with P >= ``threshold``."""
    kept: dict[str, list[Example]] = {}
    for e, p in zip(data.examples, probs):
        if p >= threshold:
            kept.setdefault(e.doc, []).append(e)
    tp = sum(len(match(items, [_item(e) for e in kept.get(doc, [])], "overlap_0.3")) for doc, items in data.gold.items())
    pred = sum(len(v) for v in kept.values())
    gold = sum(len(v) for v in data.gold.values())
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return {"threshold": round(threshold, 3), "gold": gold, "predicted": pred, "matched": tp,
            "precision": round(100 * p, 1), "recall": round(100 * r, 1),
            "f1": round(200 * p * r / (p + r), 1) if p + r else 0.0}


def choose_threshold(data: DocSet, probs: list[float], *, min_precision: float = 85.0) -> dict[str, float]:
    """The threshold (0.05 to 0.95 in steps of 0.025) with the best content F1 on ``data`` among those
    with a precision of at least ``min_precision`` (the best F1 overall when none reaches it)."""
    rows = [scores_at(data, probs, 0.05 + 0.025 * k) for k in range(37)]
    precise = [r for r in rows if r["precision"] >= min_precision]
    return max(precise or rows, key=lambda r: (r["f1"], -r["threshold"]))


def calibration(examples: list[Example], probs: list[float], bins: int = 10) -> list[dict[str, float]]:
    """Reliability table: per confidence bin, candidates, mean confidence and observed precision."""
    rows = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(p, e.label) for p, e in zip(probs, examples) if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        if inside:
            rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": len(inside),
                         "confidence": round(sum(p for p, _ in inside) / len(inside), 3),
                         "precision": round(sum(y for _, y in inside) / len(inside), 3)})
    return rows


def log_loss(examples: list[Example], probs: list[float]) -> float:
    eps = 1e-9
    return round(-sum(math.log(p + eps) if e.label else math.log(1 - p + eps) for e, p in zip(examples, probs))
                 / max(1, len(examples)), 4)


def train_filter(corpus: str | Path, dev: str | Path, *, limit: int | None = None, dev_limit: int | None = None,
                 settings: dict[str, Any] | None = None, command: str = "",
                 progress: Callable[[str, int], None] | None = None) -> dict[str, Any]:
    """Collect, fit, choose the threshold on ``dev``, measure; returns the parameter file's content."""
    started = time.monotonic()
    train_docs, dev_docs = read_gold(corpus, limit=limit), read_gold(dev, limit=dev_limit)
    train = collect(train_docs, settings=settings, progress=progress and (lambda n: progress("train", n)))
    held = collect(dev_docs, settings=settings, progress=progress and (lambda n: progress("dev", n)))
    weights, bias = fit(train.examples)
    train_probs = probabilities(train.examples, weights, bias)
    dev_probs = probabilities(held.examples, weights, bias)
    chosen = choose_threshold(held, dev_probs)
    rules_only = scores_at(held, [1.0] * len(held.examples), 0.0)
    return {
        "model": "logistic regression over binary features (quotegraph.pipeline.stages.candidate_filter)",
        "bias": bias, "threshold": chosen["threshold"],
        "provenance": _provenance(corpus, dev, train_docs, dev_docs, command),
        "scores": {"train": {**scores_at(train, train_probs, chosen["threshold"]),
                             "candidates": len(train.examples), "log_loss": log_loss(train.examples, train_probs)},
                   "dev": {**chosen, "candidates": len(held.examples), "log_loss": log_loss(held.examples, dev_probs)},
                   "dev_rules_only": rules_only,
                   "seconds": round(time.monotonic() - started, 1)},
        "calibration_dev": calibration(held.examples, dev_probs),
        "weights": dict(sorted(weights.items())),
    }


def _provenance(corpus, dev, train_docs, dev_docs, command: str) -> dict[str, Any]:
    return {"corpus": Path(corpus).name, "corpus_sha256": _sha256(corpus), "documents": len(train_docs),
            "dev": Path(dev).name, "dev_sha256": _sha256(dev), "dev_documents": len(dev_docs),
            "commit": _commit(), "date": time.strftime("%Y-%m-%d", time.gmtime()), "command": command}


def _sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _commit() -> str | None:
    """The source commit the filter was trained from (None outside a git checkout)."""
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10,
                             cwd=Path(__file__).resolve().parent)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def write_params(params: dict[str, Any], path: str | Path) -> None:
    """Write the parameter file (sorted keys, one weight a line, so a retrain diffs readably)."""
    Path(path).write_text(json.dumps(params, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
