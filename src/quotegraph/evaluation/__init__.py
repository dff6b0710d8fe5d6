"""Evaluation: gold formats, one-to-one matching, additive scores, reports and the gate.

``evaluation`` = pipeline + gold data; it never touches the store. The
benchmark (``quotegraph.evaluation.bench``) and the gate
(``quotegraph.evaluation.gate``) are imported on demand.
"""

from __future__ import annotations

from .gold import GoldDoc, GoldQuote, gold_from_document, gold_to_article, read_documents, read_gold
from .matching import CRITERIA, Item, cue_correct, match, names_match, speaker_correct
from .report import error_records, format_table, report_json
from .runner import EvalResult, evaluate, predict, score_predictions
from .scores import TYPES, Counts, Tally, flat_scores, metrics, score_document

__all__ = [
    "CRITERIA",
    "TYPES",
    "Counts",
    "EvalResult",
    "GoldDoc",
    "GoldQuote",
    "Item",
    "Tally",
    "cue_correct",
    "error_records",
    "evaluate",
    "flat_scores",
    "format_table",
    "gold_from_document",
    "gold_to_article",
    "match",
    "metrics",
    "names_match",
    "predict",
    "read_documents",
    "read_gold",
    "report_json",
    "score_document",
    "score_predictions",
    "speaker_correct",
]
