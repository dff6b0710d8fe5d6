"""The evaluation gate: pinned floors for one scored corpus, and no silent lowering.

The baseline file (``eval_baseline.json`` at the repository root) holds the
corpus's sha256, the floors (in percent), the scores last measured and a
history of every change with its reason::

    {"corpus": "polnear/dev.jsonl", "sha256": "...", "documents": 84,
     "tolerance": 0.5,
     "floors": {"overlap_0.3.all.content_f1": 71.2, ...},
     "measured": {...},
     "history": [{"date": "...", "reason": "...", "changes": {"metric": [old, new]}}]}

Other corpora are pinned in the same file under ``"corpora"``, one section
each in the same shape (``"realnews/html"``, ``"realnews/text"``); a section's
fingerprint is the sha256 over the names and bytes of every file its scores
depend on (the gold and the inputs of that source)::

    {..., "corpora": {"realnews/html": {"corpus": ..., "sha256": ..., "floors": {"e2e_recall": 77.9, ...},
                                        "measured": {...}, "history": [...]}}}

Floors are ``measured - tolerance`` rounded down to 0.1. Updating only ever
raises a floor, unless ``allow_lower`` is given together with a reason; the
reason is kept in ``history``.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
import re
from pathlib import Path
from typing import Any, Mapping, Sequence

from ..errors import EvaluationError

__all__ = [
    "GATED_METRICS",
    "REALNEWS_GATED_METRICS",
    "sha256_files",
    "DEFAULT_BASELINE",
    "DEFAULT_TOLERANCE",
    "sha256_file",
    "load_baseline",
    "check_fingerprint",
    "gate_failures",
    "check_gate",
    "update_baseline",
]

DEFAULT_BASELINE = "eval_baseline.json"
DEFAULT_TOLERANCE = 0.5
GATED_METRICS = (
    "overlap_0.3.all.content_f1",
    "overlap_0.3.all.e2e_f1",
    "overlap_0.3.all.content_precision",
    "overlap_0.3.all.content_recall",
    "overlap_0.3.all.speaker_accuracy",
    "overlap_0.3.all.cue_accuracy",
    "overlap_0.8.all.content_f1",
    "overlap_0.8.all.e2e_f1",
    "exact.all.content_f1",
    "overlap_0.3.direct.content_f1",
    "overlap_0.3.indirect.content_f1",
    "overlap_0.3.mixed.content_f1",
)
REALNEWS_GATED_METRICS = (
    "recall",
    "precision",
    "speaker_accuracy",
    "e2e_recall",
    "type_accuracy",
    "channel_accuracy",
    "said_on_accuracy",
)


def sha256_file(path: str | Path) -> str:
    """Hex sha256 of a file's bytes (the corpus fingerprint)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_files(files: Sequence[str | Path]) -> str:
    """Hex sha256 over the names and bytes of several files (a multi-file corpus's fingerprint)."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(Path(path).name.encode("utf-8") + b"\0")
        try:
            digest.update(sha256_file(path).encode("ascii") + b"\n")
        except FileNotFoundError:
            digest.update(b"missing\n")
    return digest.hexdigest()


def _fingerprint(corpus_path: str | Path, files: Sequence[str | Path] | None) -> str:
    return sha256_file(corpus_path) if files is None else sha256_files(files)


def load_baseline(path: str | Path, section: str | None = None) -> dict[str, Any]:
    """Read and check a baseline file, or one corpus section of it (E405 when it is not one)."""
    data = _load_file(path)
    if section is None:
        _check_shape(data, str(path))
        return data
    found = (data.get("corpora") or {}).get(section)
    if not isinstance(found, dict):
        raise EvaluationError("E405", path=str(path), detail=f"no section '{section}' under 'corpora'")
    _check_shape(found, f"{path}:{section}")
    return found


def _load_file(path: str | Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise EvaluationError("E405", path=str(path), detail="file not found") from exc
    except (OSError, json.JSONDecodeError) as exc:
        raise EvaluationError("E405", path=str(path), detail=str(exc)) from exc
    if not isinstance(data, dict):
        raise EvaluationError("E405", path=str(path), detail="not a JSON object")
    return data


def _check_shape(data: Mapping[str, Any], where: str) -> None:
    for key, kind in (("sha256", str), ("floors", dict), ("history", list)):
        if not isinstance(data.get(key), kind):
            raise EvaluationError("E405", path=where, detail=f"'{key}' missing or not a {kind.__name__}")


def check_fingerprint(baseline: Mapping[str, Any], corpus_path: str | Path,
                      files: Sequence[str | Path] | None = None) -> str:
    """The corpus's sha256 (over ``files`` when given); E402 if it differs from the one pinned in ``baseline``."""
    found = _fingerprint(corpus_path, files)
    if found != baseline["sha256"]:
        raise EvaluationError("E402", path=str(corpus_path), expected=baseline["sha256"], found=found)
    return found


def gate_failures(baseline: Mapping[str, Any], scores: Mapping[str, float | None]) -> list[str]:
    """One message per floor not met, naming the metric, the floor and the score."""
    failures = []
    for metric, floor in sorted(baseline["floors"].items()):
        score = scores.get(metric)
        if score is None:
            failures.append(f"{metric}: floor {floor:.1f}, but no score was measured")
        elif score < floor:
            failures.append(f"{metric}: score {score:.2f} is below the floor {floor:.1f}")
    return failures


def check_gate(baseline_path: str | Path, corpus_path: str | Path, scores: Mapping[str, float | None], *,
               section: str | None = None, files: Sequence[str | Path] | None = None) -> None:
    """Raise E402 on a corpus fingerprint mismatch and E401 when any floor is not met."""
    baseline = load_baseline(baseline_path, section)
    check_fingerprint(baseline, corpus_path, files)
    failures = gate_failures(baseline, scores)
    if failures:
        raise EvaluationError("E401", detail="; ".join(failures))


def _floor(score: float, tolerance: float) -> float:
    return max(0.0, math.floor((score - tolerance) * 10 + 1e-9) / 10)


def update_baseline(
    baseline_path: str | Path,
    corpus_path: str | Path,
    scores: Mapping[str, float | None],
    *,
    documents: int,
    allow_lower: bool = False,
    reason: str | None = None,
    tolerance: float | None = None,
    today: str | None = None,
    section: str | None = None,
    files: Sequence[str | Path] | None = None,
    metrics: Sequence[str] | None = None,
) -> dict[str, list[float | None]]:
    """Re-pin the floors from ``scores`` and write the file; returns ``{metric: [old, new]}`` changed.

    A floor whose score now falls below it is lowered only with
    ``allow_lower`` and a ``reason`` (E404 otherwise); so is a re-pin on a
    corpus with a different fingerprint (E402 otherwise). ``section`` names
    a corpus under ``"corpora"`` (its fingerprint over ``files``, its floors
    for ``metrics``); the rest of the file is kept as it was.
    """
    if allow_lower and not (reason and reason.strip()):
        raise EvaluationError("E404", detail="--allow-lower was given without --reason")
    path = Path(baseline_path)
    whole = _load_file(path) if path.exists() else {}
    if section is None:
        old = load_baseline(path) if path.exists() else None
    else:
        old = load_baseline(path, section) if section in (whole.get("corpora") or {}) else None
    sha = _fingerprint(corpus_path, files)
    if old is not None and old["sha256"] != sha and not allow_lower:
        raise EvaluationError("E402", path=str(corpus_path), expected=old["sha256"], found=sha)
    tol = float(tolerance if tolerance is not None else (old or {}).get("tolerance", DEFAULT_TOLERANCE))
    old_floors = dict(old["floors"]) if old is not None and old["sha256"] == sha else {}
    gated = tuple(metrics) if metrics is not None else (GATED_METRICS if section is None else REALNEWS_GATED_METRICS)
    floors, changes, lowered = _new_floors(old_floors, scores, tol, gated)
    if lowered and not allow_lower:
        raise EvaluationError("E404", detail="; ".join(lowered))
    history = list(old["history"]) if old is not None else []
    if changes or old is None or old["sha256"] != sha:
        entry: dict[str, Any] = {"date": today or _dt.date.today().isoformat(), "changes": changes,
                                 "reason": reason or ("initial pin" if old is None else "floors raised")}
        if lowered:
            entry["lowered"] = sorted(m.split(":")[0] for m in lowered)
        history.append(entry)
    data = {
        "corpus": "/".join(Path(corpus_path).resolve().parts[-2:]),
        "sha256": sha,
        "documents": documents,
        "tolerance": tol,
        "floors": floors,
        "measured": {m: None if scores.get(m) is None else round(float(scores[m]), 2) for m in sorted(floors)},
        "history": history,
    }
    if section is None:
        if "corpora" in whole:
            data["corpora"] = whole["corpora"]
    else:
        data["corpus"] = section
        corpora = dict(whole.get("corpora") or {})
        corpora[section] = data
        data = {**whole, "corpora": corpora}
    path.write_text(_dumps(data), encoding="utf-8")
    return changes


def _dumps(data: Mapping[str, Any]) -> str:
    """Indented JSON with lists of scalars on one line, so a re-pin reads well in a diff."""
    flat: list[str] = []

    def inline(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: inline(v) for k, v in value.items()}
        if isinstance(value, list) and not any(isinstance(v, (dict, list)) for v in value):
            flat.append(json.dumps(value, ensure_ascii=False))
            return f"\u0000{len(flat) - 1}\u0000"
        return [inline(v) for v in value] if isinstance(value, list) else value

    text = json.dumps(inline(data), indent=2, ensure_ascii=False)
    return re.sub(r'"\\u0000(\d+)\\u0000"', lambda m: flat[int(m.group(1))], text) + "\n"


def _new_floors(old: Mapping[str, float], scores: Mapping[str, float | None], tol: float,
                gated: Sequence[str] = GATED_METRICS) -> tuple[dict[str, float], dict[str, list[float | None]], list[str]]:
    """Floors after an update, the changes, and descriptions of any lowering."""
    floors: dict[str, float] = {}
    changes: dict[str, list[float | None]] = {}
    lowered: list[str] = []
    for metric in sorted(set(gated) | set(old)):
        score, prev = scores.get(metric), old.get(metric)
        if score is None:
            if prev is not None:
                floors[metric] = prev  # nothing measured: keep the floor, the gate will report it
            continue
        new = _floor(float(score), tol)
        if prev is not None and score >= prev:
            new = max(prev, new)  # a passing score never lowers a floor
        if prev is not None and new < prev:
            lowered.append(f"{metric}: {prev:.1f} -> {new:.1f} (measured {score:.2f})")
        floors[metric] = new
        if new != prev:
            changes[metric] = [prev, new]
    return floors, changes, lowered
