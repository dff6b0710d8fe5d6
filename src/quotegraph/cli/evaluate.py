"""``quotegraph eval`` and ``quotegraph bench``: parse options, call the evaluation library."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from ..errors import QuotegraphError
from ._common import fail, options, setting_option

__all__ = ["evaluate", "bench"]

_FILE = click.Path(dir_okay=False, path_type=Path)


_fail = fail  # every command ends on a coded error the same way (cli._common.fail)


_GOLD = click.Path(path_type=Path)


@click.command("eval")
@click.argument("gold", type=_GOLD)
@click.option("--source", type=click.Choice(["html", "text"]), default="html", show_default=True,
              help="For a realnews corpus directory: score the pipeline on the HTML pages or on the text bodies.")
@click.option("--all-kinds", is_flag=True,
              help="For a realnews corpus: count statements of every kind in precision (default: speech and writing).")
@click.option("--pred", type=_FILE, help="Score this quotegraph output (JSON/JSONL) instead of running the pipeline.")
@click.option("--errors", "errors_path", type=_FILE, help="Write every miss, false positive and speaker error here (JSONL).")
@click.option("--errors-criterion", type=click.Choice(["overlap_0.3", "overlap_0.8", "exact"]), default="overlap_0.3",
              show_default=True, help="Matching under which --errors lists misses and false positives.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@setting_option("processes")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score only the first N gold documents.")
@setting_option("model")
@click.option("--baseline", type=_FILE, default="eval_baseline.json", show_default=True, help="Baseline file with the gate's floors.")
@click.option("--gate", is_flag=True, help="Fail (exit 1) when a score is below its floor in the baseline file.")
@click.option("--update-baseline", is_flag=True, help="Re-pin the floors in the baseline file from this run (floors only rise).")
@click.option("--allow-lower", is_flag=True, help="With --update-baseline: allow floors to go down (needs --reason).")
@click.option("--reason", default=None, help="Why the baseline changes; kept in the file's history.")
def evaluate(gold: Path, source: str, all_kinds: bool, pred: Path | None, errors_path: Path | None,
             errors_criterion: str, fmt: str, processes: int | None,
             limit: int | None, model: str | None, baseline: Path, gate: bool, update_baseline: bool, allow_lower: bool,
             reason: str | None) -> None:
    """Score extraction against GOLD (PolNeAR JSONL, quotegraph output, or a realnews corpus directory).

    For span gold, runs the pipeline on the gold documents' text and date (or
    reads --pred) and prints content P/R/F1 under three matchings (overlap >
    0.3 and > 0.8 of the gold span, exact after trimming), speaker and cue
    accuracy and end-to-end F1, overall and by type.

    For a realnews directory (gold/*.json with match strings and canonical
    speakers), runs the pipeline on each article's page (--source html) or
    text body (--source text) and prints recall, precision, canonical
    speaker accuracy, end-to-end recall, and type, channel and said_on
    accuracy.
    """
    from ..evaluation import evaluate as run, flat_scores, format_table, report_json
    from ..evaluation.realnews import is_realnews_corpus

    if (update_baseline or gate) and limit is not None:
        raise click.UsageError("--gate and --update-baseline need the whole corpus; drop --limit")
    if allow_lower and not update_baseline:
        raise click.UsageError("--allow-lower only applies with --update-baseline")
    settings = options(processes=processes, model=model)
    if gold.is_dir():
        if not is_realnews_corpus(gold):
            raise click.ClickException(f"[E400] {gold}: a directory must be a realnews corpus (gold/*.json)")
        _realnews(gold, source, all_kinds, pred, errors_path, fmt, settings, limit, baseline, gate,
                  update_baseline, allow_lower, reason)
        return
    try:
        with _open_errors(errors_path) as errors:
            result = run(gold, pred_path=pred, processes=settings.processes, limit=limit,
                         settings=settings, errors=errors, criterion=errors_criterion)
    except QuotegraphError as exc:
        raise _fail(exc) from exc
    if fmt == "json":
        click.echo(json.dumps(report_json(result.counts, gold=str(gold), rejected=result.rejected), indent=2))
    else:
        click.echo(format_table(result.counts, title=gold.name, rejected=result.rejected))
    _notes(result, errors_path)
    scores = flat_scores(result.counts)
    if update_baseline:
        _update(baseline, gold, scores, result.counts.documents, allow_lower, reason)
    if gate:
        _gate(baseline, gold, scores)


def _realnews(root: Path, source: str, all_kinds: bool, pred: Path | None, errors_path: Path | None, fmt: str,
              settings, limit: int | None, baseline: Path, gate: bool, update_baseline: bool,
              allow_lower: bool, reason: str | None) -> None:
    from ..evaluation.realnews import (COUNTED_KINDS, evaluate_realnews, format_realnews_table,
                                       realnews_fingerprint_files, realnews_metrics)

    kinds = None if all_kinds else COUNTED_KINDS
    try:
        with _open_errors(errors_path) as errors:
            result = evaluate_realnews(root, source=source, pred_path=pred, processes=settings.processes,
                                       limit=limit, settings=settings, errors=errors, kinds=kinds)
    except QuotegraphError as exc:
        raise _fail(exc) from exc
    scores = realnews_metrics(result.counts)
    if fmt == "json":
        click.echo(json.dumps({"gold": str(root), "source": source, "documents": result.counts.documents,
                               "rejected": [r.to_dict() for r in result.rejected],
                               "counts": result.counts.to_dict(),
                               "scores": {k: None if v is None else round(v, 2) for k, v in scores.items()}},
                              indent=2))
    else:
        click.echo(format_realnews_table(result.counts, title=f"{root.name} ({source})",
                                         rejected=result.rejected, kinds=kinds))
    _notes(result, errors_path)
    if not (update_baseline or gate):
        return
    if all_kinds or pred is not None:
        raise click.UsageError("--gate and --update-baseline score the pipeline itself, without --pred or --all-kinds")
    section = f"{root.resolve().name}/{source}"
    files = realnews_fingerprint_files(root, source)
    if update_baseline:
        _update(baseline, root, scores, result.counts.documents, allow_lower, reason, section=section, files=files)
    if gate:
        _gate(baseline, root, scores, section=section, files=files)


class _open_errors:
    """Open the --errors file (or nothing) as a context manager."""

    def __init__(self, path: Path | None) -> None:
        self.path, self.fh = path, None

    def __enter__(self):
        if self.path is not None:
            try:
                self.fh = open(self.path, "w", encoding="utf-8")
            except OSError as exc:
                raise click.BadParameter(f"cannot write {self.path}: {exc}", param_hint="--errors") from exc
        return self.fh

    def __exit__(self, *exc: object) -> None:
        if self.fh is not None:
            self.fh.close()


def _notes(result, errors_path: Path | None) -> None:
    if result.rejected:
        click.echo(f"{len(result.rejected)} document(s) rejected or missing, scored as all misses", err=True)
    if getattr(result, "extra_predictions", None):
        click.echo(f"{len(result.extra_predictions)} prediction(s) have no gold document and were ignored", err=True)
    if errors_path is not None:
        click.echo(f"{result.errors_written} error record(s) written to {errors_path}", err=True)


def _update(baseline: Path, gold: Path, scores, documents: int, allow_lower: bool, reason: str | None,
            section: str | None = None, files=None) -> None:
    from ..evaluation.gate import update_baseline

    try:
        changes = update_baseline(baseline, gold, scores, documents=documents, allow_lower=allow_lower, reason=reason,
                                  section=section, files=files)
    except QuotegraphError as exc:
        raise _fail(exc) from exc
    for metric, (old, new) in sorted(changes.items()):
        click.echo(f"floor {metric}: {old} -> {new}", err=True)
    click.echo(f"baseline written to {baseline} ({len(changes)} floor(s) changed)", err=True)


def _gate(baseline: Path, gold: Path, scores, section: str | None = None, files=None) -> None:
    from ..evaluation.gate import check_gate

    try:
        check_gate(baseline, gold, scores, section=section, files=files)
    except QuotegraphError as exc:
        raise _fail(exc) from exc
    click.echo(f"gate passed: every floor in {baseline} is met", err=True)


@click.command("bench")
@click.argument("corpus", type=_FILE)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Use only the first N documents.")
@setting_option("processes")
@click.option("--scaling/--no-scaling", default=False, show_default=True,
              help="Also run the length-scaling run: µs/char per stage on articles of about 5k, 50k, 500k and 2M "
                   "characters built from CORPUS, beside spaCy's tokenizer and full pipeline.")
@click.option("--scaling-only", is_flag=True, default=False, help="Run the length-scaling run alone.")
@click.option("--engines/--no-engines", default=False, show_default=True,
              help="Also run `batch` over the same documents with the local and the Dask engine (same partitions, "
                   "--partition-size each; needs the batch extra) and print the Dask/local CPU ratio.")
@setting_option("partition_size")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def bench(corpus: Path, limit: int | None, processes: int | None, scaling: bool, scaling_only: bool, engines: bool,
          partition_size: int | None, fmt: str) -> None:
    """Measure words/s, documents/s and peak memory of quotegraph against spaCy baselines.

    In one run, each in a fresh child process: spaCy's tokenizer alone (the
    floor), spaCy's full en_core_web_sm pipeline, and quotegraph's full
    extraction through the path every command runs; then the ratios. CPU and
    memory count every process a measurement starts, workers included. Model
    loading and a warm-up pass are not timed (their wall-clock time is shown as
    start-up). With --processes N, quotegraph is also measured with one
    process, and the speed-up of N processes over one is printed.
    """
    from ..evaluation.bench import format_bench, run_bench
    from ..evaluation.engines import format_engines
    from ..evaluation.scaling import format_scaling, run_scaling

    settings = options(processes=processes, partition_size=partition_size)
    load = os.getloadavg()
    say = lambda msg: click.echo(msg, err=True)  # noqa: E731
    try:
        results = [] if scaling_only else run_bench(corpus, limit=limit, processes=settings.processes,
                                                    batch_size=settings.batch_size, progress=say)
        rows = run_scaling(corpus, batch_size=settings.batch_size, progress=say) if scaling or scaling_only else []
        runs = _engine_runs(corpus, limit, settings, say) if engines and not scaling_only else []
    except QuotegraphError as exc:
        raise _fail(exc) from exc
    after = os.getloadavg()
    if fmt == "json":
        click.echo(json.dumps({"load_before": load, "load_after": after, "measurements": [r.to_dict() for r in results],
                               "scaling": [r.to_dict() for r in rows], "engines": [r.to_dict() for r in runs]}
                              if rows or runs else [r.to_dict() for r in results], indent=2))
    else:
        if results:
            click.echo(format_bench(results, corpus=str(corpus), processes=settings.processes, load=load))
        if rows:
            click.echo(("\n" if results else "") + format_scaling(rows))
        if runs:
            click.echo("\n" + format_engines(runs))
        click.echo(f"load average after the run: {after[0]:.2f} {after[1]:.2f} {after[2]:.2f}")
    sys.stdout.flush()


def _engine_runs(corpus: Path, limit: int | None, settings, say) -> list:
    """The local and Dask batch engines over the same partitions (E509 without the batch extra)."""
    from ..errors import import_optional
    from ..evaluation.engines import run_engines

    import_optional("distributed", extra="batch", feature="bench --engines")
    from ..batch.run import run_batch

    return run_engines(run_batch, corpus, limit=limit, processes=settings.processes, partition_size=settings.partition_size,
                       progress=say)
