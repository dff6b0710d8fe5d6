"""Keep the candidates that are statements, with a calibrated confidence.

The rules of ``attribution`` propose more candidates than are statements
(a cue word used in another sense, a clause that is not what was said). A
logistic model over features of each candidate (the rule and cue that made
it, the syntax around the cue, quotation marks, lengths, the speaker phrase
and the distances between cue, speaker and content) gives the probability
that it is a statement; that probability is the statement's ``confidence``,
and candidates below the threshold chosen on held-out data are dropped.

Inference is a sum of weights over a shipped parameter file
(``lexicons/filter.json``, written by ``quotegraph train``), so nothing
beyond the standard library runs here. ``candidate_features`` is the one
definition of the features, shared with training.
"""

from __future__ import annotations

import bisect

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..base import stage
from ..lexicons import cues, noun_cues
from ..work import Candidate, Clause, Token, Work

__all__ = ["CandidateFilter", "FilterModel", "candidate_features", "load_model", "PARAMS_FILE"]

PARAMS_FILE = "filter.json"
_PRONOUNS = frozenset("i we you he she it they who which that this these those one".split())


@dataclass(frozen=True, slots=True)
class FilterModel:
    """Logistic-regression weights by feature name, a bias and the keep threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: list[str]) -> float:
        """P(statement) for a candidate with these (binary) features."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "FilterModel":
        return cls({k: float(v) for k, v in data["weights"].items()}, float(data["bias"]), float(data["threshold"]))


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> FilterModel:
    """The filter's parameters: the shipped file, or the one at ``path``."""
    if path is None:
        text = resources.files("quotegraph.pipeline.lexicons").joinpath(PARAMS_FILE).read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return FilterModel.from_dict(json.loads(text))


@stage("filter",
       requires=("text", "clauses", "regions", "candidates.type", "candidates.spans", "candidates.cue",
                 "candidates.clause", "candidates.rule", "candidates.kind", "candidates.regions",
                 "candidates.speaker_mention", "candidates.speaker_head", "candidates.speaker_kind",
                 "candidates.speaker_rule", "candidates.speaker_name", "candidates.carried"),
       assigns=("candidates.confidence",), proposes=("candidates",))
class CandidateFilter:
    """Score every candidate; keep those at or above the threshold.

    ``params`` is a parameter file (default: the shipped one); ``model`` a
    ``FilterModel`` already in memory; ``keep_all`` keeps every candidate
    with its rule's confidence (how training collects what the rules find),
    and ``collected`` then receives ``(article id, candidate, features)``.
    """

    def __init__(self, params: str | None = None, model: FilterModel | None = None, keep_all: bool = False) -> None:
        self.keep_all = keep_all
        self.model = None if keep_all else (model or load_model(params))
        self.collected: list[tuple[str, Candidate, list[str]]] = []

    def __call__(self, work: Work) -> None:
        extents = Extents(work.candidates)
        if self.keep_all:
            for cand in work.candidates:
                self.collected.append((work.article.id, cand, candidate_features(work, cand, extents)))
            return
        kept = []
        for cand in work.candidates:
            p = self.model.probability(candidate_features(work, cand, extents))
            cand.confidence = round(p, 3)
            if p >= self.model.threshold:
                kept.append(cand)
        if len(kept) < len(work.candidates):
            work.propose("candidates", None, kept, by=self.name)


def candidate_features(work: Work, cand: Candidate, extents: Extents | None = None) -> list[str]:
    """Binary features of one candidate (names are ``group=value``); ``extents`` indexes the
    document's candidates, built once per document by the caller that scores them all."""
    clause = work.clauses[cand.clause] if cand.clause is not None and cand.clause < len(work.clauses) else None
    cue = _token_at(clause, cand.cue.start) if clause is not None and cand.cue is not None else None
    lemma = cue.lemma if cue is not None else (cand.cue.text.lower() if cand.cue is not None else "-")
    rule = cand.rule or "-"
    feats = [f"rule={rule}", f"type={cand.type}", f"kind={cand.kind or '-'}", f"rule*type={rule}*{cand.type}",
             f"cue={lemma}", f"cue*type={lemma}*{cand.type}", f"cue*rule={lemma}*{rule}",
             f"class={_cue_class(cue, lemma)}", f"carried={cand.carried}"]
    if cand.cue is not None and len(cand.cue.text.split()) > 1:
        feats.append("cue_words>1")
    feats += _syntax(clause, cue, rule)
    feats += _shape(work, cand, clause)
    feats += _speaker(work, cand, clause, rule)
    feats += _neighbours(cand, extents or Extents(work.candidates))
    return feats


def _extent(cand: Candidate) -> tuple[int, int]:
    """The characters a candidate covers: its content and its cue."""
    points = [(s.start, s.end) for s in cand.spans]
    if cand.cue is not None:
        points.append((cand.cue.start, cand.cue.end))
    return (min(p[0] for p in points), max(p[1] for p in points)) if points else (0, 0)


class Extents:
    """The candidates of one document by where they start, so that each finds the few it can touch
    without a scan of all the others (a long article has thousands)."""

    def __init__(self, cands: list[Candidate]) -> None:
        self.cands = cands
        rows = sorted((_extent(c), i) for i, c in enumerate(cands) if c.spans)
        self.starts = [r[0][0] for r in rows]
        self.rows = rows
        self.longest = max((e - s for (s, e), _ in rows), default=0)

    def near(self, lo: int, hi: int) -> list[Candidate]:
        first = bisect.bisect_left(self.starts, lo - self.longest)
        last = bisect.bisect_right(self.starts, hi)
        return [self.cands[i] for (s, e), i in self.rows[first:last] if s <= hi and e >= lo]


def _neighbours(cand: Candidate, extents: Extents) -> list[str]:
    """How the candidate sits among the others: sharing content (only one can be the statement),
    holding another's cue, or lying inside another's content."""
    out = []
    lo, hi = (cand.spans[0].start, cand.spans[-1].end) if cand.spans else (0, 0)
    near_lo, near_hi = _extent(cand)
    for other in extents.near(near_lo, near_hi):
        if other is cand or not other.spans:
            continue
        if any(s.overlap(t) for s in cand.spans for t in other.spans):
            out.append("shares_content" + ("_same_cue" if other.cue == cand.cue else ""))
        if other.cue is not None and lo <= other.cue.start < hi:
            out.append("holds_other_cue")
        if cand.cue is not None and any(t.start <= cand.cue.start < t.end for t in other.spans):
            out.append("cue_in_other_content")
    return sorted(set(out))


def _token_at(clause: Clause, offset: int) -> Token | None:
    return next((t for t in clause.tokens if t.start <= offset < t.end), None)


def _cue_class(cue: Token | None, lemma: str) -> str:
    if cue is not None and cue.pos == "NOUN" and lemma in noun_cues():
        return "noun"
    entry = cues().get(lemma)
    return entry[0] if entry else "none"


def _syntax(clause: Clause | None, cue: Token | None, rule: str) -> list[str]:
    """The cue's tag, dependency, head and negation: "did not say", "saying" in a participle phrase."""
    if clause is None or cue is None:
        return ["cue_tok=none"]
    head = clause.tokens[cue.head]
    out = [f"tag={cue.tag}", f"dep={cue.dep}", f"dep*head={cue.dep}*{head.pos}", f"tag*rule={cue.tag}*{rule}"]
    kids = [clause.tokens[c] for c in cue.children]
    if any(k.dep == "neg" for k in kids):
        out.append("negated")
    if any(k.dep in ("aux", "auxpass") and k.lemma in ("will", "would", "could", "may", "might", "should", "can")
           for k in kids):
        out.append("modal")
    if any(k.dep == "auxpass" for k in kids):
        out.append("passive")
    if cue.i == 0 or all(t.pos == "PUNCT" for t in clause.tokens[: cue.i]):
        out.append("cue_first")
    return out


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _shape(work: Work, cand: Candidate, clause: Clause | None) -> list[str]:
    """Lengths, quotation marks and where the content sits."""
    words = sum(len(work.text[s.start : s.end].split()) for s in cand.spans)
    out = [f"words={_bucket(words, (1, 2, 4, 8, 15, 30, 60))}", f"spans={min(len(cand.spans), 3)}",
           f"regions={min(len(cand.regions), 2)}"]
    if clause is not None:
        out.append(f"sent_tokens={_bucket(len(clause.tokens), (5, 10, 20, 35, 60))}")
        out += _content_head(clause, cand)
        out.append(f"para={_bucket(clause.paragraph, (0, 1, 3))}")
        if clause.tokens and not any(t.pos in ("VERB", "AUX") for t in clause.tokens if t.region is None):
            out.append("verbless")
    if cand.spans:
        first = cand.spans[0].start
        out.append("starts_with_mark" if work.text[max(0, first - 1) : first + 1].strip() in ("“", '"', "‘") else "")
        if cand.cue is not None:
            side = "before" if cand.cue.end <= first else "after" if cand.cue.start >= cand.spans[-1].end else "inside"
            gap = first - cand.cue.end if side == "before" else cand.cue.start - cand.spans[-1].end if side == "after" else 0
            out += [f"cue_side={side}", f"cue_gap={_bucket(gap, (1, 3, 10, 30, 80))}", f"side*type={side}*{cand.type}"]
        lead = work.text[first : first + 12].split()[:1]
        if lead:
            word = lead[0].lower().strip(_MARKS)
            out.append(f"lead={word if word in _LEADS else 'other'}")
    return [f for f in out if f]


def _content_head(clause: Clause, cand: Candidate) -> list[str]:
    """The part of speech and dependency of the content's head in the frame sentence, and whether it has a verb."""
    inside = [t for t in clause.tokens if any(s.start <= t.start and t.end <= s.end for s in cand.spans)]
    if not inside:
        return ["content_head=outside"]
    ids = {t.i for t in inside}
    heads = [t for t in inside if t.head not in ids or t.head == t.i]
    head = heads[0]
    verb = any(t.pos in ("VERB", "AUX") for t in inside)
    return [f"content_head={head.pos}:{head.dep}", f"content_verb={verb}", f"content_heads={min(len(heads), 3)}"]


_MARKS = ",.:;“”‘’\"'"
_LEADS = frozenset("that to the a he she they it i we if whether how what why there this".split())


def _speaker(work: Work, cand: Candidate, clause: Clause | None, rule: str) -> list[str]:
    """What names the speaker: a name, a pronoun, a description or nothing, and how it was resolved."""
    m = cand.speaker_mention
    if m is None:
        return ["speaker=none", f"speaker=none*rule={rule}", f"speaker_rule={cand.speaker_rule or '-'}"]
    head = _token_at(clause, cand.speaker_head) if clause is not None and cand.speaker_head is not None else None
    text = m.text.lower()
    form = ("pronoun" if text in _PRONOUNS else "name" if head is not None and head.pos == "PROPN"
            else "noun" if head is not None and head.pos == "NOUN" else "other")
    out = [f"speaker={form}", f"speaker*rule={form}*{rule}", f"speaker_kind={cand.speaker_kind}",
           f"speaker_rule={cand.speaker_rule or '-'}", f"named={bool(cand.speaker_name)}"]
    if cand.cue is not None:
        gap = cand.cue.start - m.end if m.end <= cand.cue.start else m.start - cand.cue.end
        out.append(f"speaker_gap={_bucket(max(gap, 0), (1, 3, 10, 30))}")
        out.append("speaker_after_cue" if m.start >= cand.cue.end else "speaker_before_cue")
    if text in ("i", "we", "you"):
        out.append("first_or_second_person")
    return out
