"""``quotegraph batch``: many articles into Parquet shards, locally or on Dask."""

from __future__ import annotations

import json

import click

from ..errors import QuotegraphError
from ._common import EXIT_FAILED, EXIT_OK, fail, options, progress, progress_option, setting_option, stderr

__all__ = ["batch"]


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, writable=True),
              help="Output directory: Parquet shards per table, commit markers and manifest.json.")
@setting_option("engine", type=click.Choice(["local", "dask"]))
@setting_option("scheduler")
@setting_option("partition_size")
@setting_option("processes")
@setting_option("max_chars")
@setting_option("max_file_bytes")
@setting_option("time_budget")
@setting_option("model")
@progress_option
@click.option("--report", "report_path", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write the run report (partitions computed, skipped, failed; counts) as JSON to FILE.")
@click.option("--aliases", "aliases_path", type=click.Path(dir_okay=False), default=None,
              help="Alias file (JSON or CSV, as for ingest) for linking speakers across articles.")
@click.option("--corpus/--no-corpus", "corpus", default=True,
              help="Link speakers and statements across articles after extraction (OUT/corpus/). [default: on]")
@click.pass_context
def batch(ctx: click.Context, inputs: tuple[str, ...], out: str, engine: str | None, scheduler: str | None,
          partition_size: int | None, processes: int | None, max_chars: int | None, max_file_bytes: int | None,
          time_budget: float | None, model: str | None, show_progress: bool | None, report_path: str | None,
          aliases_path: str | None, corpus: bool) -> None:
    """Extract many articles into Parquet shards (local or Dask); rerun to resume.

    INPUT is a JSONL file (plain or .gz), a dated-text, plain-text or HTML
    file, or a directory of such files. Partition k holds articles
    [k*N, (k+1)*N) in input order; each is committed atomically, and a rerun
    with the same inputs computes only the partitions that are missing.
    Without --partition-size, N is derived from the input (the articles
    counted, about 4 partitions per worker, at most 1000 articles and 16 MiB
    each) and recorded in the manifest; a rerun reuses it.
    With --engine dask and no --scheduler, a local cluster of --processes
    workers is started on 127.0.0.1.
    """
    settings = options(engine=engine, scheduler=scheduler, partition_size=partition_size, processes=processes,
                       max_chars=max_chars, max_file_bytes=max_file_bytes, time_budget=time_budget,
                       model=model)
    try:
        from ..batch.run import run_batch  # imported here: pulls in pyarrow (the batch extra) and the pool
        from ..store.aliases import load_aliases

        aliases = load_aliases(aliases_path) if aliases_path else []
        with progress(show_progress, "batch") as bar:
            report = run_batch(inputs, out, engine=settings.engine, scheduler=settings.scheduler or None,
                               partition_size=settings.partition_size, processes=settings.processes,
                               settings=settings, progress=bar.advance, corpus=corpus, aliases=aliases)
    except QuotegraphError as exc:
        fail(exc)
    if report_path:
        with open(report_path, "w", encoding="utf-8") as handle:
            json.dump(report.to_dict(), handle, indent=1)
    for name, reason in report.failed.items():
        stderr(f"batch: partition {name} failed: {reason}")
    counts = report.counts
    stderr(
        f"batch: {len(report.computed)} partitions computed, {len(report.skipped)} already done, "
        f"{len(report.failed)} failed; output holds {counts.get('ok', 0)} documents, "
        f"{counts.get('statements', 0)} statements, {counts.get('rejected', 0)} rejected "
        f"(see the documents table, status = 'rejected') in {out} [{report.seconds:.1f} s]"
    )
    if report.corpus:
        c = report.corpus
        stderr(f"batch: corpus: {c['speakers']} speakers, {c['statements']} statements from {c['quotes']} quotes"
               f" in {out}/corpus (stages computed {c['computed']}, reused {c['reused']})")
    ctx.exit(EXIT_FAILED if report.failed or counts.get("rejected") else EXIT_OK)
