"""``quotegraph train``: fit the candidate filter on an annotated corpus and write its parameter file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ._common import options, setting_option, stderr

__all__ = ["train"]

_GOLD = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command("train")
@click.argument("corpus", type=_GOLD)
@click.option("--dev", "dev", type=_GOLD, required=True,
              help="Held-out corpus (same format) on which the threshold is chosen and calibration measured.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Parameter file to write (the shipped one is src/quotegraph/pipeline/lexicons/filter.json).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Train on the first N documents only.")
@click.option("--dev-limit", type=click.IntRange(min=1), default=None, help="Use the first N dev documents only.")
@setting_option("model")
def train(corpus: Path, dev: Path, out: Path, limit: int | None, dev_limit: int | None, model: str | None) -> None:
    """Train the candidate filter on CORPUS (PolNeAR-format JSONL gold) and write its parameters to --out.

    Runs the pipeline with the filter keeping every candidate, labels each
    candidate by the evaluation's matching (content overlap > 0.3 with a gold
    quotation), fits a logistic regression, chooses the keep threshold with
    the best content F1 on --dev, and writes weights, threshold, scores,
    the dev calibration table and provenance (corpus, commit, date, command).
    The filter stage reads the written file (``CandidateFilter(params=...)``).
    """
    from ..evaluation.training import train_filter, write_params

    settings = options(model=model)
    command = "quotegraph train " + " ".join(sys.argv[2:]) if len(sys.argv) > 2 else "quotegraph train"
    params = train_filter(corpus, dev, limit=limit, dev_limit=dev_limit, command=command,
                          settings={"model": settings.model} if settings.model else None,
                          progress=lambda part, n: n % 50 == 0 and stderr(f"train: {part}: {n} documents"))
    write_params(params, out)
    s = params["scores"]
    stderr(f"train: {len(params['weights'])} weights, threshold {params['threshold']}; written to {out}")
    for part in ("train", "dev", "dev_rules_only"):
        r = s[part]
        click.echo(f"{part:15s} P {r['precision']:5.1f}  R {r['recall']:5.1f}  F1 {r['f1']:5.1f}  "
                   f"({r['matched']}/{r['predicted']} predicted, {r['gold']} gold)")
    click.echo("calibration on dev (confidence bin: candidates, mean confidence, observed precision)")
    for row in params["calibration_dev"]:
        click.echo(f"  {row['bin']}  n={row['n']:5d}  confidence {row['confidence']:.3f}  precision {row['precision']:.3f}")
