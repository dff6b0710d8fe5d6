"""Additive counts and the scores derived from them.

Every score is computed from integer counts held in ``Counts``, which
supports ``+``: shards of a corpus can be scored apart and summed, and the
sum gives exactly the scores of the whole.

Per matching criterion and per type (``all``, ``direct``, ``indirect``,
``mixed``) a ``Tally`` holds:

* ``gold`` / ``pred``: quotations in gold / predicted (gold by gold type,
  predictions by predicted type);
* ``tp_gold`` / ``tp_pred``: matched pairs counted by gold type / by
  predicted type (equal in ``all``);
* ``speaker_ok`` / ``cue_ok``: matched pairs with the right speaker / cue
  (by gold type);
* ``e2e_gold`` / ``e2e_pred``: matched pairs with the right speaker, by gold /
  predicted type.

Content precision = tp_pred / pred, recall = tp_gold / gold; speaker and cue
accuracy are over matched pairs (tp_gold); end-to-end precision and recall use
e2e_pred / pred and e2e_gold / gold.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from ..model import QUOTE_TYPES, Document
from .gold import GoldDoc
from .matching import CRITERIA, cue_correct, gold_items, match, pred_items, speaker_correct

__all__ = ["TYPES", "Tally", "Counts", "score_document", "metrics", "flat_scores"]

TYPES = ("all", *QUOTE_TYPES)


@dataclass(frozen=True, slots=True)
class Tally:
    """Integer counts for one (criterion, type) cell; ``+`` adds them."""

    gold: int = 0
    pred: int = 0
    tp_gold: int = 0
    tp_pred: int = 0
    speaker_ok: int = 0
    cue_ok: int = 0
    e2e_gold: int = 0
    e2e_pred: int = 0

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def to_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _empty_tallies() -> dict[str, dict[str, Tally]]:
    return {c: {t: Tally() for t in TYPES} for c in CRITERIA}


@dataclass(slots=True)
class Counts:
    """All counts of an evaluation: documents, rejected documents and tallies."""

    documents: int = 0
    rejected: int = 0
    tallies: dict[str, dict[str, Tally]] = field(default_factory=_empty_tallies)

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(
            self.documents + other.documents,
            self.rejected + other.rejected,
            {c: {t: self.tallies[c][t] + other.tallies[c][t] for t in TYPES} for c in CRITERIA},
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Counts) and self.to_dict() == other.to_dict()

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "rejected": self.rejected,
            "tallies": {c: {t: self.tallies[c][t].to_dict() for t in TYPES} for c in CRITERIA},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Counts":
        out = cls(int(data["documents"]), int(data["rejected"]))
        for c, by_type in data["tallies"].items():
            for t, tally in by_type.items():
                out.tallies[c][t] = Tally(**{k: int(v) for k, v in tally.items()})
        return out


def score_document(gold: GoldDoc, pred: Document | None) -> Counts:
    """Counts for one document; ``pred=None`` (rejected or missing) scores every gold as a miss."""
    g_items = gold_items(gold)
    p_items = pred_items(pred) if pred is not None else []
    counts = Counts(documents=1, rejected=0 if pred is not None else 1)
    for criterion in CRITERIA:
        cells = {t: Tally().to_dict() for t in TYPES}
        for g in g_items:
            _bump(cells, g.type, gold=1)
        for p in p_items:
            _bump(cells, p.type, pred=1)
        for gi, pi in match(g_items, p_items, criterion):
            g, p = g_items[gi], p_items[pi]
            speaker = speaker_correct(g, p)
            _bump(cells, g.type, tp_gold=1, speaker_ok=int(speaker), cue_ok=int(cue_correct(g, p)), e2e_gold=int(speaker))
            _bump(cells, p.type, tp_pred=1, e2e_pred=int(speaker))
        counts.tallies[criterion] = {t: Tally(**cells[t]) for t in TYPES}
    return counts


def _bump(cells: dict[str, dict[str, int]], qtype: str, **amounts: int) -> None:
    """Add to the ``all`` cell and to the cell of ``qtype`` (unknown types only count in ``all``)."""
    for key in ("all", qtype) if qtype in QUOTE_TYPES else ("all",):
        for name, value in amounts.items():
            cells[key][name] += value


def _ratio(num: int, den: int) -> float | None:
    return 100.0 * num / den if den else None


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


def metrics(tally: Tally) -> dict[str, float | None]:
    """Scores in percent for one cell; ``None`` where the denominator is zero."""
    p, r = _ratio(tally.tp_pred, tally.pred), _ratio(tally.tp_gold, tally.gold)
    ep, er = _ratio(tally.e2e_pred, tally.pred), _ratio(tally.e2e_gold, tally.gold)
    return {
        "content_precision": p,
        "content_recall": r,
        "content_f1": _f1(p, r),
        "speaker_accuracy": _ratio(tally.speaker_ok, tally.tp_gold),
        "cue_accuracy": _ratio(tally.cue_ok, tally.tp_gold),
        "e2e_precision": ep,
        "e2e_recall": er,
        "e2e_f1": _f1(ep, er),
    }


def flat_scores(counts: Counts) -> dict[str, float | None]:
    """Every score under a flat key ``criterion.type.metric`` (what the gate's floors name)."""
    out: dict[str, float | None] = {}
    for c in CRITERIA:
        for t in TYPES:
            for name, value in metrics(counts.tallies[c][t]).items():
                out[f"{c}.{t}.{name}"] = value
    return out
