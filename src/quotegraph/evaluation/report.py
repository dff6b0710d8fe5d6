"""Presenting an evaluation: the readable table, the JSON report and error records."""

from __future__ import annotations

from typing import Any, Sequence

from ..model import Document, Rejected, Span
from .gold import GoldDoc
from .matching import CRITERIA, Item, criterion_score, gold_items, match, pred_items, speaker_correct
from .scores import TYPES, Counts, flat_scores, metrics

__all__ = ["CONTEXT_CHARS", "format_table", "report_json", "error_records"]

CONTEXT_CHARS = 100
_LABELS = {"overlap_0.3": "overlap>0.3", "overlap_0.8": "overlap>0.8", "exact": "exact"}


def _pct(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.1f}"


def format_table(counts: Counts, *, title: str = "", rejected: Sequence[Rejected] = ()) -> str:
    """A readable table: content P/R/F1, speaker and cue accuracy, end-to-end P/R/F1."""
    total = counts.tallies["exact"]["all"]
    head = f"{title}: " if title else ""
    lines = [
        f"{head}{counts.documents} documents, {total.gold} gold quotations, "
        f"{total.pred} predicted, {counts.rejected} rejected or missing",
        "",
        f"{'matching':<12} {'type':<9} {'gold':>5} {'pred':>5} {'match':>5} | "
        f"{'P':>5} {'R':>5} {'F1':>5} | {'spkr':>5} {'cue':>5} | {'e2e P':>5} {'e2e R':>5} {'e2eF1':>5}",
    ]
    lines.append("-" * len(lines[-1]))
    for c in CRITERIA:
        for t in TYPES:
            tally, m = counts.tallies[c][t], metrics(counts.tallies[c][t])
            label = _LABELS[c] if t == "all" else ""
            lines.append(
                f"{label:<12} {t:<9} {tally.gold:>5} {tally.pred:>5} {tally.tp_gold:>5} | "
                f"{_pct(m['content_precision'])} {_pct(m['content_recall'])} {_pct(m['content_f1'])} | "
                f"{_pct(m['speaker_accuracy'])} {_pct(m['cue_accuracy'])} | "
                f"{_pct(m['e2e_precision'])} {_pct(m['e2e_recall'])} {_pct(m['e2e_f1'])}"
            )
    lines += [
        "",
        "P/R/F1: content, one-to-one; by type, recall uses the gold type and precision the predicted type.",
        "spkr/cue: accuracy over matched quotations; e2e: content matched and speaker right.",
    ]
    for r in rejected:
        lines.append(f"rejected: {r.id or r.origin} [{r.code}] {r.reason}")
    return "\n".join(lines)


def report_json(counts: Counts, *, gold: str = "", rejected: Sequence[Rejected] = ()) -> dict[str, Any]:
    """The whole evaluation as JSON: counts (additive), scores, rejected documents."""
    scores = {c: {t: _rounded(metrics(counts.tallies[c][t])) for t in TYPES} for c in CRITERIA}
    return {
        "gold": gold,
        "documents": counts.documents,
        "rejected": [r.to_dict() for r in rejected],
        "counts": counts.to_dict(),
        "scores": scores,
        "flat": _rounded(flat_scores(counts)),
    }


def _rounded(values: dict[str, float | None]) -> dict[str, float | None]:
    return {k: None if v is None else round(v, 2) for k, v in values.items()}


def error_records(gold: GoldDoc, pred: Document | Rejected | None, *, criterion: str = "overlap_0.3") -> list[dict[str, Any]]:
    """Every miss, false positive and speaker error of one document, with context."""
    g_items = gold_items(gold)
    doc = pred if isinstance(pred, Document) else None
    p_items = pred_items(doc) if doc is not None else []
    pairs = match(g_items, p_items, criterion)
    matched_g = {gi: pi for gi, pi in pairs}
    matched_p = set(matched_g.values())
    out = []
    for gi, g in enumerate(g_items):
        if gi not in matched_g:
            rec = _record("miss", gold.id, criterion, gold.text, g, gold_item=g)
            if isinstance(pred, Rejected):
                rec["rejected"] = {"code": pred.code, "reason": pred.reason}
            elif pred is None:
                rec["rejected"] = {"code": "missing", "reason": "no prediction for this document"}
            nearest = _nearest(criterion, g, p_items)
            if nearest is not None:
                rec["nearest_prediction"] = {**_content(gold.text, p_items[nearest[0]]), "score": round(nearest[1], 3)}
            out.append(rec)
        elif not speaker_correct(g, p_items[matched_g[gi]]):
            out.append(_record("speaker_error", gold.id, criterion, gold.text, g, gold_item=g, pred_item=p_items[matched_g[gi]]))
    for pi, p in enumerate(p_items):
        if pi not in matched_p:
            out.append(_record("false_positive", gold.id, criterion, gold.text, p, pred_item=p))
    return out


def _nearest(criterion: str, g: Item, p_items: list[Item]) -> tuple[int, float] | None:
    scored = [(i, criterion_score("overlap_0.3" if criterion == "exact" else criterion, g, p)) for i, p in enumerate(p_items)]
    scored = [s for s in scored if s[1] > 0]
    return max(scored, key=lambda s: s[1]) if scored else None


def _content(text: str, item: Item) -> dict[str, Any]:
    return {
        "type": item.type,
        "spans": [[s.start, s.end] for s in item.spans],
        "text": " […] ".join(s.slice(text) for s in item.spans),
    }


def _speaker(text: str, item: Item) -> dict[str, Any] | None:
    if not item.has_speaker:
        return None
    span = item.speaker
    return {
        "span": [span.start, span.end] if span else None,
        "text": span.slice(text) if span else None,
        "name": item.speaker_name,
    }


def _record(kind: str, doc_id: str, criterion: str, text: str, item: Item, *,
            gold_item: Item | None = None, pred_item: Item | None = None) -> dict[str, Any]:
    start, end = item.spans[0].start if item.spans else 0, item.spans[-1].end if item.spans else 0
    rec: dict[str, Any] = {"kind": kind, "doc": doc_id, "criterion": criterion, **_content(text, item)}
    rec["context_before"] = text[max(0, start - CONTEXT_CHARS):start]
    rec["context_after"] = text[end:end + CONTEXT_CHARS]
    if gold_item is not None:
        rec["gold_speaker"] = _speaker(text, gold_item)
        rec["gold_cue"] = _span_text(text, gold_item.cue)
    if pred_item is not None:
        rec["pred_speaker"] = _speaker(text, pred_item)
        rec["pred_cue"] = _span_text(text, pred_item.cue)
    return rec


def _span_text(text: str, span: Span | None) -> dict[str, Any] | None:
    return None if span is None else {"span": [span.start, span.end], "text": span.slice(text)}
