"""Canonical-speaker evaluation on match-string gold (the realnews format).

A realnews corpus is a directory::

    pages/NN-outlet.html      the saved pages
    text/NN-outlet.txt        the article bodies as dated text
    gold/NN-outlet.json       {"file", "text_file", "quotes": [gold entry, ...]}
    gold/adjudication.json    {doc id: {first 60 normalised chars of a prediction: {"verdict", "reason"}}}

A gold entry names its content by a ``match`` string (a distinctive
substring of the content) rather than by offsets, so the same gold scores
both the HTML path and the text path. Its fields: ``speaker`` (canonical
name or null), ``speaker_alt`` (other acceptable names), ``type`` and
``type_alt``, ``cue``, ``optional`` (not counted against recall),
``channel`` and ``said_on``.

The rules, as pure functions below:

* **found**: the normalised ``match`` lies inside the normalised text of a
  prediction (curly quotes and apostrophes made straight, doubled single
  marks made double, runs of whitespace one space, case folded). When
  several predictions contain it, one with the right speaker is taken.
* **speaker right**: ``names_agree`` between the predicted canonical name and
  the gold speaker or one of its alternatives (see there). A gold entry with
  no speaker is right when the prediction has none either.
* **type right**: the predicted type is the gold type or one of ``type_alt``.
* **end-to-end**: found and speaker right.
* **channel / said_on**: over the found required entries that give one. A
  channel is right when it is the gold channel or of the same family
  (``CHANNEL_FAMILIES``: "tv" for "television", "news release" for
  "statement", "testimony" for "court"); a date is right when one is the
  other at a coarser precision ("2021-08" for "2021-08-14").
* **precision**: a prediction is correct when it contains some gold match
  (required or optional); otherwise the adjudication decides by its key:
  ``plausible`` is not a false positive, ``fp`` is, and a prediction with no
  verdict is a false positive listed as unreviewed. Only predictions whose
  ``kind`` is counted (speech and writing by default; a prediction without a
  kind always counts) enter precision.

Counts are integers in ``RealCounts`` and add up with ``+``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Mapping, Sequence

from ..errors import EvaluationError
from ..model import Document, Quotation, Rejected

__all__ = [
    "SOURCES",
    "COUNTED_KINDS",
    "RealGoldEntry",
    "RealGoldDoc",
    "RealCounts",
    "is_realnews_corpus",
    "read_realnews",
    "normalise",
    "adjudication_key",
    "name_words",
    "names_agree",
    "score_realnews_document",
    "realnews_metrics",
    "realnews_errors",
    "realnews_inputs",
    "format_realnews_table",
    "evaluate_realnews",
    "realnews_fingerprint_files",
    "channel_agrees",
    "date_agrees",
    "CHANNEL_FAMILIES",
]

SOURCES = {"html": ("pages", "file"), "text": ("text", "text_file")}
COUNTED_KINDS = frozenset(("speech", "writing"))
KEY_CHARS = 60

# Words a name may carry or lack and still name the same speaker.
_IGNORED = frozenset(
    "the a an mr mrs ms miss mx dr prof sir dame lord lady sen senator rep gov lt col gen sgt capt "
    "jr sr rev fr st".split()
)
_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                              "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                              "\u00ab": '"', "\u00bb": '"'})
_NAME_BREAKERS = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')


# ---------------------------------------------------------------- gold


@dataclass(frozen=True, slots=True)
class RealGoldEntry:
    """One gold statement, named by a match string."""

    match: str
    speaker: str | None
    type: str
    speaker_alt: tuple[str, ...] = ()
    type_alt: tuple[str, ...] = ()
    cue: str | None = None
    optional: bool = False
    channel: str | None = None
    said_on: str | None = None

    @property
    def speakers(self) -> tuple[str, ...]:
        """The gold speaker and every acceptable alternative."""
        return ((self.speaker,) if self.speaker else ()) + self.speaker_alt


@dataclass(slots=True)
class RealGoldDoc:
    """The gold of one article, the input files it scores and its adjudicated predictions."""

    id: str
    entries: list[RealGoldEntry]
    inputs: dict[str, Path]
    adjudication: dict[str, dict[str, str]] = field(default_factory=dict)
    origin: str = ""


def is_realnews_corpus(path: str | Path) -> bool:
    """Is ``path`` a directory in the realnews layout (a ``gold/`` folder of article JSON files)?"""
    gold = Path(path) / "gold"
    return Path(path).is_dir() and gold.is_dir() and any(p.name != "adjudication.json" for p in gold.glob("*.json"))


def read_realnews(root: str | Path, *, limit: int | None = None) -> list[RealGoldDoc]:
    """Every gold article of the corpus at ``root``, in file-name order (E400 on malformed gold)."""
    root = Path(root)
    if not is_realnews_corpus(root):
        raise EvaluationError("E400", origin=str(root), detail="not a realnews corpus (no gold/*.json)")
    adjudication = _read_json(root / "gold" / "adjudication.json") if (root / "gold" / "adjudication.json").exists() else {}
    if not isinstance(adjudication, dict):
        raise EvaluationError("E400", origin=str(root / "gold" / "adjudication.json"), detail="not a JSON object")
    docs = []
    for path in sorted(root.glob("gold/*.json")):
        if path.name == "adjudication.json":
            continue
        if limit is not None and len(docs) >= limit:
            break
        docs.append(_gold_doc(root, path, adjudication))
    return docs


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvaluationError("E400", origin=str(path), detail=f"cannot read: {exc}") from exc


def _gold_doc(root: Path, path: Path, adjudication: Mapping[str, Any]) -> RealGoldDoc:
    data = _read_json(path)
    origin = str(path)
    if not isinstance(data, dict) or not isinstance(data.get("quotes"), list):
        raise EvaluationError("E400", origin=origin, detail="expected an object with a 'quotes' list")
    doc_id = path.stem
    inputs = {}
    for source, (folder, key) in SOURCES.items():
        name = data.get(key)
        inputs[source] = root / name if isinstance(name, str) else root / folder / f"{doc_id}.{'html' if source == 'html' else 'txt'}"
    entries = [_entry(q, f"{origin}[{i}]") for i, q in enumerate(data["quotes"])]
    verdicts = adjudication.get(doc_id) or {}
    if not isinstance(verdicts, dict):
        raise EvaluationError("E400", origin=f"adjudication[{doc_id}]", detail="not a JSON object")
    return RealGoldDoc(doc_id, entries, inputs, {str(k): dict(v) for k, v in verdicts.items()}, origin)


def _entry(q: Any, origin: str) -> RealGoldEntry:
    if not isinstance(q, dict):
        raise EvaluationError("E400", origin=origin, detail="gold entry is not an object")
    match = q.get("match")
    if not isinstance(match, str) or not normalise(match):
        raise EvaluationError("E400", origin=origin, detail="'match' missing or empty")
    qtype = q.get("type")
    if qtype not in ("direct", "indirect", "mixed"):
        raise EvaluationError("E400", origin=origin, detail=f"unknown type {qtype!r}")
    speaker = q.get("speaker")
    if speaker is not None and not isinstance(speaker, str):
        raise EvaluationError("E400", origin=origin, detail="'speaker' is not a string or null")
    return RealGoldEntry(
        match=match, speaker=speaker or None, type=qtype,
        speaker_alt=tuple(str(s) for s in _as_list(q.get("speaker_alt"))),
        type_alt=tuple(str(s) for s in _as_list(q.get("type_alt"))),
        cue=q.get("cue"), optional=bool(q.get("optional", False)),
        channel=q.get("channel") or None, said_on=q.get("said_on") or None,
    )


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


# ---------------------------------------------------------------- matching rules


def normalise(text: str | None) -> str:
    """Text as the match rules compare it: straight quotes, one space, case folded."""
    s = (text or "").translate(_QUOTE_MARKS).replace("''", '"').replace("``", '"')
    return " ".join(s.split()).casefold()


def adjudication_key(text: str) -> str:
    """The adjudication key of a prediction: its first 60 normalised characters."""
    return normalise(text)[:KEY_CHARS]


def name_words(name: str | None) -> list[str]:
    """A name's comparable words: lower case, no possessive, no articles, honorifics or Jr/Sr."""
    s = re.sub(r"'s\b", "", normalise(name))
    s = re.sub(r"[^\w\s-]", " ", s)
    return [w for w in s.replace("_", " ").split() if w.strip("-") and w not in _IGNORED]


def _words_agree(pred: list[str], gold: list[str], refused: frozenset[str]) -> bool:
    if not pred or not gold:
        return False
    if pred == gold:
        return True
    if pred[-1] != gold[-1]:
        return False
    if len(pred) == 1 and pred[0] in refused:
        return False  # a bare surname another speaker of the article also ends in names neither
    return set(pred) <= set(gold) or set(gold) <= set(pred)


def names_agree(pred: str | None, golds: Sequence[str], *, other_speakers: Iterable[str] = ()) -> bool:
    """Does the predicted canonical name name one of ``golds``?

    Same words (``name_words``), or one name's words all among the other's
    with the same last word ("Trump" ~ "Donald Trump", "federal prosecutors"
    ~ "prosecutors"). A one-word name that is also the last word of another
    speaker of the article (``other_speakers``: gold speakers of other
    statements, not names of this one) is refused. A name carrying a
    lowercase descriptor ("14th-ranked Schwartzman") is also tried on its
    capitalised words alone. A name holding a quotation mark is a fragment
    of the text, never a name.
    """
    if pred is None or any(m in pred for m in _NAME_BREAKERS):
        return False
    mine = {tuple(name_words(g)) for g in golds}
    refused = frozenset(w[-1] for w in (tuple(name_words(o)) for o in other_speakers) if w and w not in mine)
    gold_words = [name_words(g) for g in golds]
    words = name_words(pred)
    if any(_words_agree(words, g, refused) for g in gold_words):
        return True
    tokens = (pred or "").split()
    capitalised = [t for t in tokens if t[:1].isupper()]
    if capitalised and len(capitalised) < len(tokens):
        words = name_words(" ".join(capitalised))
        return any(_words_agree(words, g, refused) for g in gold_words)
    return False


def _article_speakers(entries: Sequence[RealGoldEntry]) -> frozenset[str]:
    """Every gold speaker name (and alternative) of an article."""
    return frozenset(name for e in entries for name in e.speakers)


def _speaker_name(q: Quotation) -> str | None:
    return (q.speaker.name or None) if q.speaker else None


def speaker_right(entry: RealGoldEntry, q: Quotation, article_speakers: Iterable[str] = ()) -> bool:
    """Is the speaker of ``q`` the gold speaker of ``entry`` (``article_speakers``: all gold speakers)?"""
    name = _speaker_name(q)
    if not entry.speakers:
        return name is None
    others = [s for s in article_speakers if s not in entry.speakers]
    return names_agree(name, entry.speakers, other_speakers=others)


def type_right(entry: RealGoldEntry, q: Quotation) -> bool:
    return q.type == entry.type or q.type in entry.type_alt


# Channels that name the same way of speaking at a different grain.
CHANNEL_FAMILIES: tuple[frozenset[str], ...] = tuple(frozenset(f) for f in (
    ("court", "testimony", "testified", "hearing", "trial"),
    ("interview", "television", "tv", "radio", "debate", "broadcast"),
    ("statement", "press release", "news release", "release"),
    ("press conference", "news conference", "conference", "briefing", "speech"),
    ("paper", "journal", "study", "report", "case report"),
    ("email", "e-mail", "letter"),
    ("twitter", "tweet", "x"),
))


def channel_agrees(gold: str | None, pred: str | None) -> bool:
    """Is the predicted channel the gold one, or of its family?"""
    if not gold or not pred:
        return False
    g, p = gold.strip().casefold(), pred.strip().casefold()
    return g == p or any(g in f and p in f for f in CHANNEL_FAMILIES)


def date_agrees(gold: str | None, pred: str | None) -> bool:
    """Is the predicted date the gold one, possibly at a coarser or finer precision?"""
    if not gold or not pred:
        return False
    return gold.startswith(pred) or pred.startswith(gold)


# ---------------------------------------------------------------- counts


@dataclass(frozen=True, slots=True)
class RealCounts:
    """Additive integer counts of a realnews evaluation (``+`` sums documents)."""

    documents: int = 0
    rejected: int = 0
    gold: int = 0               # required gold entries
    found: int = 0
    speaker_ok: int = 0         # found with the right speaker (= end-to-end hits)
    type_ok: int = 0            # found with the right type
    e2e_type_ok: int = 0        # found, right speaker and right type
    optional_gold: int = 0
    optional_found: int = 0
    channel_gold: int = 0       # found required entries that name a channel
    channel_ok: int = 0
    said_on_gold: int = 0       # found required entries that date the statement
    said_on_ok: int = 0
    predicted: int = 0          # every prediction
    counted: int = 0            # predictions whose kind precision counts
    correct: int = 0            # counted predictions containing a gold match
    plausible: int = 0          # counted, adjudicated plausible
    false_positive: int = 0     # counted, adjudicated fp or unreviewed
    unreviewed: int = 0         # of which: no verdict

    def __add__(self, other: "RealCounts") -> "RealCounts":
        return RealCounts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def to_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "RealCounts":
        return cls(**{f.name: int(data.get(f.name, 0)) for f in fields(cls)})


def _pct(num: int, den: int) -> float | None:
    return 100.0 * num / den if den else None


def realnews_metrics(c: RealCounts) -> dict[str, float | None]:
    """Scores in percent (``None`` where nothing was there to score)."""
    return {
        "recall": _pct(c.found, c.gold),
        "precision": _pct(c.counted - c.false_positive, c.counted),
        "speaker_accuracy": _pct(c.speaker_ok, c.found),
        "e2e_recall": _pct(c.speaker_ok, c.gold),
        "type_accuracy": _pct(c.type_ok, c.found),
        "e2e_type_recall": _pct(c.e2e_type_ok, c.gold),
        "channel_accuracy": _pct(c.channel_ok, c.channel_gold),
        "said_on_accuracy": _pct(c.said_on_ok, c.said_on_gold),
        "optional_recall": _pct(c.optional_found, c.optional_gold),
    }


def _counted(q: Quotation, kinds: frozenset[str] | None) -> bool:
    kind = getattr(q, "kind", None)
    return kinds is None or kind is None or kind in kinds


@dataclass(slots=True)
class _Judgement:
    """How one document's gold and predictions were paired (shared by counts and error records)."""

    pairs: list[tuple[RealGoldEntry, Quotation | None, bool]]  # entry, chosen prediction, speaker right
    verdicts: list[tuple[Quotation, str, str]]                 # prediction, outcome, reason


def _judge(gold: RealGoldDoc, doc: Document | None, kinds: frozenset[str] | None) -> _Judgement:
    quotes = list(doc.quotes) if doc is not None else []
    texts = [normalise(q.text) for q in quotes]
    speakers = _article_speakers(gold.entries)
    pairs = []
    for entry in gold.entries:
        needle = normalise(entry.match)
        holders = [q for q, t in zip(quotes, texts) if needle in t]
        right = [q for q in holders if speaker_right(entry, q, speakers)]
        chosen = (right or holders or [None])[0]
        pairs.append((entry, chosen, bool(right)))
    needles = [normalise(e.match) for e in gold.entries]
    verdicts = []
    for q, t in zip(quotes, texts):
        if not _counted(q, kinds):
            verdicts.append((q, "not_counted", f"kind {getattr(q, 'kind', None)}"))
        elif any(n in t for n in needles):
            verdicts.append((q, "correct", ""))
        else:
            verdict = gold.adjudication.get(adjudication_key(q.text))
            if verdict is None:
                verdicts.append((q, "unreviewed", "no adjudication verdict"))
            elif verdict.get("verdict") == "plausible":
                verdicts.append((q, "plausible", str(verdict.get("reason", ""))))
            else:
                verdicts.append((q, "fp", str(verdict.get("reason", ""))))
    return _Judgement(pairs, verdicts)


def score_realnews_document(gold: RealGoldDoc, doc: Document | None, *,
                            kinds: frozenset[str] | None = COUNTED_KINDS) -> RealCounts:
    """Counts for one article; ``doc=None`` (rejected or missing) finds nothing."""
    j = _judge(gold, doc, kinds)
    n: dict[str, int] = {f.name: 0 for f in fields(RealCounts)}
    n["documents"], n["rejected"] = 1, int(doc is None)
    for entry, q, right in j.pairs:
        if entry.optional:
            n["optional_gold"] += 1
            n["optional_found"] += int(q is not None)
            continue
        n["gold"] += 1
        if q is None:
            continue
        n["channel_gold"] += int(entry.channel is not None)
        n["said_on_gold"] += int(entry.said_on is not None)
        typed = type_right(entry, q)
        n["found"] += 1
        n["speaker_ok"] += int(right)
        n["type_ok"] += int(typed)
        n["e2e_type_ok"] += int(right and typed)
        n["channel_ok"] += int(channel_agrees(entry.channel, q.channel))
        n["said_on_ok"] += int(date_agrees(entry.said_on, q.said_on))
    n["predicted"] = len(j.verdicts)
    for _q, outcome, _reason in j.verdicts:
        if outcome == "not_counted":
            continue
        n["counted"] += 1
        n["correct"] += int(outcome == "correct")
        n["plausible"] += int(outcome == "plausible")
        n["false_positive"] += int(outcome in ("fp", "unreviewed"))
        n["unreviewed"] += int(outcome == "unreviewed")
    return RealCounts(**n)


# ---------------------------------------------------------------- error records


def _speaker_dict(q: Quotation | None) -> dict[str, Any] | None:
    if q is None or q.speaker is None:
        return None
    mention = q.speaker.mention
    return {"name": q.speaker.name, "kind": q.speaker.kind, "mention": mention.text if mention else None}


def _pred_dict(q: Quotation) -> dict[str, Any]:
    return {"text": q.text, "type": q.type, "kind": getattr(q, "kind", None), "rule": getattr(q, "rule", None),
            "speaker": _speaker_dict(q), "cue": q.cue.text if q.cue else None,
            "channel": q.channel, "said_on": q.said_on}


def realnews_errors(gold: RealGoldDoc, pred: Document | Rejected | None, *,
                    kinds: frozenset[str] | None = COUNTED_KINDS) -> list[dict[str, Any]]:
    """One record per required miss, wrong speaker, wrong channel or date, and per unadjudicated/fp prediction."""
    doc = pred if isinstance(pred, Document) else None
    j = _judge(gold, doc, kinds)
    out: list[dict[str, Any]] = []
    for entry, q, right in j.pairs:
        base = {"doc": gold.id, "match": entry.match, "gold_speaker": entry.speaker,
                "gold_speaker_alt": list(entry.speaker_alt), "gold_type": entry.type, "gold_cue": entry.cue,
                "optional": entry.optional}
        if q is None:
            if not entry.optional:
                rec = {"kind": "miss", **base}
                if isinstance(pred, Rejected):
                    rec["rejected"] = {"code": pred.code, "reason": pred.reason}
                out.append(rec)
            continue
        if entry.optional:
            continue
        if not right:
            out.append({"kind": "speaker_error", **base, "pred": _pred_dict(q)})
        if not type_right(entry, q):
            out.append({"kind": "type_error", **base, "gold_type_alt": list(entry.type_alt), "pred": _pred_dict(q)})
        if entry.channel is not None and not channel_agrees(entry.channel, q.channel):
            out.append({"kind": "channel_error", **base, "gold_channel": entry.channel, "pred": _pred_dict(q)})
        if entry.said_on is not None and not date_agrees(entry.said_on, q.said_on):
            out.append({"kind": "said_on_error", **base, "gold_said_on": entry.said_on, "pred": _pred_dict(q)})
    for q, outcome, reason in j.verdicts:
        if outcome in ("fp", "unreviewed"):
            out.append({"kind": "false_positive", "doc": gold.id, "verdict": outcome, "reason": reason,
                        "key": adjudication_key(q.text), "pred": _pred_dict(q)})
    return out


# ---------------------------------------------------------------- running


def realnews_inputs(gold: Sequence[RealGoldDoc], source: str) -> list[Path]:
    """The input file of each article for ``source`` (``html`` or ``text``)."""
    if source not in SOURCES:
        raise EvaluationError("E400", origin=source, detail=f"unknown realnews source (known: {', '.join(SOURCES)})")
    return [g.inputs[source] for g in gold]


def realnews_fingerprint_files(root: str | Path, source: str) -> list[Path]:
    """The files whose bytes a realnews floor depends on: the gold and the inputs of ``source``."""
    root = Path(root)
    gold = read_realnews(root)
    return sorted(root.glob("gold/*.json")) + realnews_inputs(gold, source)


@dataclass(slots=True)
class RealResult:
    counts: RealCounts
    rejected: list[Rejected] = field(default_factory=list)
    errors_written: int = 0


def _articles(paths: Sequence[Path], settings: Mapping[str, Any] | None) -> Iterator[Any]:
    from ..ingest import read_paths

    for path in paths:
        if not path.is_file():
            yield Rejected(path.stem, str(path), "E400", "input file not found")
            continue
        yield from read_paths([path], settings=settings)


def evaluate_realnews(
    root: str | Path,
    *,
    source: str = "html",
    pred_path: str | Path | None = None,
    processes: int = 1,
    limit: int | None = None,
    settings: Mapping[str, Any] | None = None,
    errors: IO[str] | None = None,
    kinds: frozenset[str] | None = COUNTED_KINDS,
) -> RealResult:
    """Run the pipeline on each article's ``source`` input (or read ``pred_path``) and score it."""
    from .runner import predict

    gold = read_realnews(root, limit=limit)
    if pred_path is None:
        items = list(_articles(realnews_inputs(gold, source), settings))
        articles = [a for a in items if not isinstance(a, Rejected)]
        outputs = iter(predict(articles, processes=processes, settings=settings))
        preds: list[Document | Rejected | None] = [a if isinstance(a, Rejected) else next(outputs) for a in items]
    else:
        from .gold import read_documents

        by_id = {item.id: item for _origin, item in read_documents(pred_path)}
        preds = [by_id.get(g.id) for g in gold]
    result = RealResult(RealCounts())
    for g, pred in zip(gold, preds, strict=True):
        doc = pred if isinstance(pred, Document) else None
        if doc is None:
            result.rejected.append(pred if isinstance(pred, Rejected) else
                                   Rejected(g.id, g.origin, "missing", "no prediction for this document"))
        result.counts = result.counts + score_realnews_document(g, doc, kinds=kinds)
        if errors is not None:
            for rec in realnews_errors(g, pred, kinds=kinds):
                errors.write(json.dumps(rec, ensure_ascii=False) + "\n")
                result.errors_written += 1
    return result


_ROWS = (
    ("recall", "found / gold", ("found", "gold")),
    ("precision", "(counted - fp) / counted", (None, "counted")),
    ("speaker_accuracy", "speaker right / found", ("speaker_ok", "found")),
    ("e2e_recall", "found and speaker right / gold", ("speaker_ok", "gold")),
    ("type_accuracy", "type right / found", ("type_ok", "found")),
    ("e2e_type_recall", "found, speaker and type right / gold", ("e2e_type_ok", "gold")),
    ("channel_accuracy", "channel right / found with a gold channel", ("channel_ok", "channel_gold")),
    ("said_on_accuracy", "said_on right / found with a gold date", ("said_on_ok", "said_on_gold")),
    ("optional_recall", "optional found / optional gold", ("optional_found", "optional_gold")),
)


def format_realnews_table(c: RealCounts, *, title: str = "", rejected: Sequence[Rejected] = (),
                          kinds: frozenset[str] | None = COUNTED_KINDS) -> str:
    """The readable report of a realnews evaluation."""
    m = realnews_metrics(c)
    counted = "all kinds" if kinds is None else "+".join(sorted(kinds))
    lines = [
        f"{title + ': ' if title else ''}{c.documents} documents, {c.gold} required gold statements "
        f"(+{c.optional_gold} optional), {c.predicted} predicted ({c.counted} counted: {counted}), "
        f"{c.rejected} rejected or missing",
        "",
        f"{'metric':<18} {'score':>6}   {'counts':<14} what",
        "-" * 72,
    ]
    d = c.to_dict()
    for key, what, (num, den) in _ROWS:
        value = m[key]
        top = c.counted - c.false_positive if num is None else d[num]
        score = "   -  " if value is None else f"{value:6.1f}"
        lines.append(f"{key:<18} {score}   {f'{top}/{d[den]}':<14} {what}")
    lines += [
        "",
        f"predictions: {c.correct} contain a gold match, {c.plausible} adjudicated plausible, "
        f"{c.false_positive - c.unreviewed} adjudicated fp, {c.unreviewed} unreviewed (counted as fp)",
    ]
    for r in rejected:
        lines.append(f"rejected: {r.id or r.origin} [{r.code}] {r.reason}")
    return "\n".join(lines)


def realnews_flat(c: RealCounts) -> dict[str, float | None]:
    """Scores under the keys the gate's realnews floors name."""
    return realnews_metrics(c)
