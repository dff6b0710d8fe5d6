"""``quotegraph extract PATH...``: read articles, extract statements, print them.

stdout is the clean contract: ``json`` (one JSON array of documents),
``jsonl`` (one document a line) or ``table`` (a terminal view, one row per
statement). Rejected inputs go to stderr as they happen, then a summary; the
exit status is 1 only when some input failed. Output is written as it is
produced, so memory does not grow with the number of articles; with
``--output FILE`` the file appears only once the run is complete.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from itertools import chain
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Mapping

import click

from ..errors import QuotegraphError
from ..ingest import read_paths
from ..model import Article, Document, Rejected
from ._common import EXIT_FAILED, UNSAFE_CHARS, Tally, fail, options, progress, progress_option, setting_option, stderr

__all__ = ["extract", "run_extraction", "PIPELINE_SETTINGS", "FORMATS"]

FORMATS = ("json", "jsonl", "table")
# The settings the pipeline itself takes; the rest are for readers and the CLI.
PIPELINE_SETTINGS = ("max_chars", "time_budget", "batch_size", "model")


def run_extraction(items: Iterable[Article | Rejected], settings: Mapping[str, Any]) -> Iterator[Document | Rejected]:
    """Documents and rejections for ``items``, in input order, on ``settings['processes']`` processes.

    The model is loaded only when the first readable article arrives, so a
    run whose inputs all fail to read reports them at once.
    """
    items = iter(items)
    for item in items:
        if isinstance(item, Rejected):
            yield item
            continue
        yield from _extractor(chain([item], items), settings)
        return


def _extractor(items: Iterator[Article | Rejected], settings: Mapping[str, Any]) -> Iterator[Document | Rejected]:
    pipeline_settings = {name: settings[name] for name in PIPELINE_SETTINGS}
    processes = int(settings["processes"])
    try:
        from ..pipeline.pool import extract_many
    except ImportError:  # the multi-process runner is optional at this layer
        extract_many = None
    if extract_many is not None:
        return extract_many(items, processes=processes, settings=pipeline_settings)
    if processes > 1:
        stderr("extract: multi-process extraction is unavailable; using one process")
    from ..pipeline import load_pipeline

    return load_pipeline(**pipeline_settings).pipe(items)


class _JsonArray:
    """A JSON array written one document at a time."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out, self.count = out, 0

    def write(self, doc: Document) -> None:
        body = json.dumps(doc.to_dict(), ensure_ascii=False, indent=2)
        self.out.write(((",\n" if self.count else "[\n") + body).encode("utf-8"))
        self.count += 1

    def close(self) -> None:
        self.out.write(b"\n]\n" if self.count else b"[]\n")


class _JsonLines:
    def __init__(self, out: IO[bytes]) -> None:
        self.out = out

    def write(self, doc: Document) -> None:
        self.out.write((json.dumps(doc.to_dict(), ensure_ascii=False) + "\n").encode("utf-8"))
        self.out.flush()

    def close(self) -> None:
        pass


_COLUMNS = (("SPEAKER", 22), ("TYPE", 8), ("CHANNEL", 16), ("DATE", 10))


def _cell(value: str | None, width: int) -> str:
    # Terminal control characters and bidi overrides in article text must not
    # reach the terminal raw: they could move the cursor or reorder the row.
    text = UNSAFE_CHARS.sub(" ", value or "-")
    text = " ".join(text.split()) or "-"
    return (text[: width - 1] + "…" if len(text) > width else text).ljust(width)


class _Table:
    """One row per statement under a line per document."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.width = max(60, shutil.get_terminal_size((120, 24)).columns)
        self.header = "  ".join(name.ljust(width) for name, width in _COLUMNS) + "  TEXT"

    def write(self, doc: Document) -> None:
        fixed = sum(width + 2 for _, width in _COLUMNS)
        lines = [f"# {_cell(doc.id, 60).rstrip()}  date {doc.date or '-'}  {len(doc.quotes)} statements"]
        if doc.quotes:
            lines.append(self.header)
        for q in doc.quotes:
            cells = [q.speaker.name if q.speaker else None, q.type, q.channel, q.said_on]
            row = "  ".join(_cell(v, w) for v, (_, w) in zip(cells, _COLUMNS))
            lines.append(row + "  " + _cell(q.text, self.width - fixed).rstrip())
        self.out.write(("\n".join(lines) + "\n\n").encode("utf-8"))
        self.out.flush()

    def close(self) -> None:
        pass


class _TextSink:
    """Bytes written to a text-only stdout (e.g. one replaced by a StringIO)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, data: bytes) -> None:
        self.stream.write(data.decode("utf-8"))

    def flush(self) -> None:
        self.stream.flush()


def _binary_stdout() -> IO[bytes]:
    # UTF-8 whatever the locale: the contract is UTF-8 JSON
    buffer = getattr(sys.stdout, "buffer", None)
    return buffer if buffer is not None else _TextSink(sys.stdout)  # type: ignore[return-value]


def _silence_stdout() -> None:
    # Python would report the broken pipe again when it flushes stdout at exit
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


_WRITERS = {"json": _JsonArray, "jsonl": _JsonLines, "table": _Table}


def _write_all(results: Iterable[Document | Rejected], out: IO[bytes], fmt: str, show_progress: bool | None) -> Tally:
    writer = _WRITERS[fmt](out)
    tally = Tally()
    with progress(show_progress, "extract") as bar:
        for item in results:
            tally.add(item)
            if isinstance(item, Rejected):
                bar.report(item)
            else:
                writer.write(item)
                for w in item.warnings:  # e.g. an unclosed quotation or a re-encoded file: say so, by name
                    bar.note(f"warning [{w.code}] {item.id}: {w.message}")
            bar.update(tally)
    writer.close()
    return tally


def _run_to_file(results: Iterable[Document | Rejected], path: Path, fmt: str, show_progress: bool | None) -> Tally:
    # Written beside the target and renamed at the end: a crash or Ctrl-C
    # never leaves a half-written file under the name the user asked for.
    handle = tempfile.NamedTemporaryFile("wb", dir=path.parent or ".", prefix=f".{path.name}.", delete=False)
    try:
        with handle:
            tally = _write_all(results, handle, fmt, show_progress)
        os.replace(handle.name, path)
    except BaseException:
        os.unlink(handle.name)
        raise
    return tally


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True,
              help="json: one JSON array; jsonl: one document a line; table: a terminal view.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True, path_type=Path), default=None,
              help="Write to FILE (atomically, when the run ends) instead of stdout.")
@setting_option("processes")
@setting_option("max_chars")
@setting_option("max_file_bytes")
@setting_option("time_budget")
@setting_option("model")
@progress_option
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], fmt: str, output: Path | None, processes: int | None,
            max_chars: int | None, max_file_bytes: int | None, time_budget: float | None, model: str | None,
            show_progress: bool | None) -> None:
    """Extract statements from articles and print them.

    PATH is a dated-text, plain-text, JSONL (.jsonl, .jsonl.gz), or HTML
    file, a directory of such files, or - for standard input.
    """
    settings = options(processes=processes, max_chars=max_chars, max_file_bytes=max_file_bytes,
                       time_budget=time_budget, model=model)
    results = run_extraction(read_paths(paths, settings=settings), settings)
    try:
        if output is not None:
            tally = _run_to_file(results, output, fmt, show_progress)
        else:
            stdout = _binary_stdout()
            tally = _write_all(results, stdout, fmt, show_progress)
            stdout.flush()
    except QuotegraphError as exc:  # the run itself failed (e.g. the model would not load)
        fail(exc)
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as Unix tools do
        _silence_stdout()
        ctx.exit(EXIT_FAILED)
    tally.print_summary("extract")
    ctx.exit(tally.exit_code)
