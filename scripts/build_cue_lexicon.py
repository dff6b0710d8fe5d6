#!/usr/bin/env python3
"""Rebuild the derived cue lexicons from the PolNeAR train split (never from dev).

    .venv/bin/python scripts/build_cue_lexicon.py ../shared/corpora/polnear/train.jsonl

writes src/quotegraph/pipeline/lexicons/cues_derived.tsv (verbs that head a
gold cue in most of their occurrences) and light_cues.tsv (light-verb +
noun or particle phrases), each row with its counts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quotegraph.evaluation.cue_lexicon import derive_cues, derive_phrases
from quotegraph.evaluation.gold import read_gold
from quotegraph.pipeline.lexicons import cues

OUT = Path(__file__).resolve().parents[1] / "src" / "quotegraph" / "pipeline" / "lexicons"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="the train split (PolNeAR-format JSONL)")
    ap.add_argument("--min-count", type=int, default=5, help="least number of gold cues for a verb (phrases: 3)")
    ap.add_argument("--min-ratio", type=float, default=0.5, help="least share of occurrences that are cues")
    args = ap.parse_args()
    if "dev" in args.corpus.name or "test" in args.corpus.name:
        print(f"refusing {args.corpus}: lexicons are derived from the train split only", file=sys.stderr)
        return 2
    docs = read_gold(args.corpus)
    hand = frozenset(c for c in cues() if c not in _derived_keys()) | {"accord"}  # "according to" has its own rule
    source = f"# derived from {args.corpus.name} ({len(docs)} documents) by scripts/build_cue_lexicon.py"
    verbs = derive_cues(docs, min_count=args.min_count, min_ratio=args.min_ratio, known=hand)
    _write(OUT / "cues_derived.tsv", source, "lemma\tcues\toccurrences\tratio",
           [f"{r.key}\t{r.cues}\t{r.occurrences}\t{r.ratio:.2f}" for r in verbs])
    phrases = derive_phrases(docs, min_count=3, min_ratio=args.min_ratio, known=hand | {r.key for r in verbs})
    _write(OUT / "light_cues.tsv", source, "verb\tnoun or particle\tcues\toccurrences\tratio",
           [f"{r.key.replace(' ', chr(9))}\t{r.cues}\t{r.occurrences}\t{r.ratio:.2f}" for r in phrases])
    print(f"{len(verbs)} verbs, {len(phrases)} phrases written to {OUT}", file=sys.stderr)
    return 0


def _derived_keys() -> frozenset[str]:
    path = OUT / "cues_derived.tsv"
    if not path.exists():
        return frozenset()
    return frozenset(line.split("\t")[0] for line in path.read_text().splitlines() if line and not line.startswith("#"))


def _write(path: Path, source: str, header: str, rows: list[str]) -> None:
    path.write_text("\n".join([source, f"# {header}", *rows]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
