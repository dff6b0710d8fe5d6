"""Run an evaluation: gold in, predictions from the pipeline or a file, counts out.

The evaluation never touches the store: it reads gold, obtains one
prediction per gold document (running the pipeline on the gold text and date,
or reading quotegraph output), and sums per-document ``Counts``. A document
the pipeline rejects, or that has no usable prediction, is scored as all
misses and listed, never dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Mapping

from ..errors import EvaluationError
from ..model import Article, Document, Rejected
from .gold import GoldDoc, gold_to_article, read_documents, read_gold
from .report import error_records
from .scores import Counts, score_document

__all__ = ["EvalResult", "evaluate", "predict", "score_predictions", "PIPELINE_SETTINGS"]

# Settings that change what the pipeline extracts or rejects; passed to every worker.
PIPELINE_SETTINGS = ("max_chars", "time_budget", "batch_size", "model")


@dataclass(slots=True)
class EvalResult:
    """Summed counts, documents scored as all-misses (with reasons) and the error count."""

    counts: Counts
    rejected: list[Rejected] = field(default_factory=list)
    errors_written: int = 0
    extra_predictions: list[str] = field(default_factory=list)


def evaluate(
    gold_path: str | Path,
    *,
    pred_path: str | Path | None = None,
    processes: int = 1,
    limit: int | None = None,
    settings: Mapping[str, Any] | None = None,
    errors: IO[str] | None = None,
    criterion: str = "overlap_0.3",
) -> EvalResult:
    """Score predictions (the pipeline's, or those in ``pred_path``) against the gold in ``gold_path``.

    ``errors``, when given, receives one JSON line per miss, false positive
    and speaker error under ``criterion``.
    """
    gold = read_gold(gold_path, limit=limit)
    if pred_path is None:
        outputs = predict((gold_to_article(g) for g in gold), processes=processes, settings=settings)
        result = score_predictions(gold, outputs, errors=errors, criterion=criterion)
    else:
        preds, extra = _read_predictions(pred_path, gold)
        result = score_predictions(gold, (preds.get(g.id) for g in gold), errors=errors, criterion=criterion)
        result.extra_predictions = extra
    return result


def predict(articles: Iterable[Article], *, processes: int = 1, settings: Mapping[str, Any] | None = None) -> Iterator[Document | Rejected]:
    """Run the pipeline over ``articles``; results come back in input order."""
    options = {k: settings[k] for k in PIPELINE_SETTINGS if settings and k in settings}
    if processes > 1:
        from ..pipeline.pool import extract_many  # imported lazily: pulls in the process pool

        return extract_many(articles, processes=processes, settings=options)
    from ..pipeline import load_pipeline

    return load_pipeline(**options).pipe(articles)


def score_predictions(
    gold: list[GoldDoc],
    preds: Iterable[Document | Rejected | None],
    *,
    errors: IO[str] | None = None,
    criterion: str = "overlap_0.3",
) -> EvalResult:
    """Sum the counts of each gold document with its prediction (same order; ``None`` = missing)."""
    result = EvalResult(Counts())
    for g, pred in zip(gold, preds, strict=True):
        doc = pred if isinstance(pred, Document) else None
        if doc is None:
            result.rejected.append(pred if isinstance(pred, Rejected) else
                                   Rejected(g.id, g.origin, "missing", "no prediction for this document"))
        result.counts = result.counts + score_document(g, doc)
        if errors is not None:
            for record in error_records(g, pred, criterion=criterion):
                errors.write(json.dumps(record, ensure_ascii=False) + "\n")
                result.errors_written += 1
    return result


def _read_predictions(path: str | Path, gold: list[GoldDoc]) -> tuple[dict[str, Document | Rejected], list[str]]:
    """Predictions by id; one whose text differs from the gold becomes a ``Rejected`` (E403)."""
    by_id = {g.id: g for g in gold}
    preds: dict[str, Document | Rejected] = {}
    extra: list[str] = []
    for origin, item in read_documents(path):
        if item.id not in by_id:
            if item.id is not None:
                extra.append(item.id)
            continue
        if isinstance(item, Document) and item.text != by_id[item.id].text:
            err = EvaluationError("E403", origin=origin, id=item.id)
            item = Rejected(item.id, origin, err.code, err.message)
        preds[item.id] = item
    return preds, extra
