"""Helpers shared by the CLI commands: options from the settings table,
progress on stderr, per-document failure reporting, the closing summary and
exit codes.

The conventions every command follows:

* stdout carries only the command's data (the JSON contract, a table);
  progress, rejections and the summary go to stderr;
* each ``Rejected`` is printed to stderr as it happens (``report``, or
  ``bar.report`` inside ``progress`` so it lands above the progress line), and the
  run ends with one summary line listing what failed (``Tally.summary``);
* the exit status is ``EXIT_OK`` (0) when every input was processed,
  ``EXIT_FAILED`` (1) when some input was rejected or the run could not
  finish, and 2 for usage errors (click's own);
* progress is shown when stderr is a terminal, or when asked (``--progress``);
  library functions take a progress callback, and the one bar is ``progress``;
* every option that is a setting comes from ``SETTINGS`` (``setting_option``),
  can also be given as a ``QUOTEGRAPH_<NAME>`` environment variable, and is
  resolved once, by ``options``, with E700/E701 for an unknown name or bad value;
* a coded error that ends a command goes through ``fail`` (the command group
  calls it for any command): one line on stderr, exit status ``exit_code``.

Typical use::

    tally = Tally()
    with progress(enabled, "extract") as bar:
        for item in results:
            tally.add(item)
            if isinstance(item, Rejected):
                bar.report(item)
            bar.update(tally)
    tally.print_summary("extract")
    ctx.exit(tally.exit_code)
"""

from __future__ import annotations

import os
import re
import sys
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, NoReturn

import click

from ..errors import QuotegraphError
from ..model import Document, Rejected
from ..settings import ENV_PREFIX, SETTINGS, Settings, from_environment, resolve

__all__ = ["EXIT_OK", "EXIT_FAILED", "EXIT_USAGE", "UNSAFE_CHARS", "Tally", "exit_code", "fail", "options", "report",
           "progress", "progress_option", "setting_option", "stderr", "terminal_safe"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2  # what the user typed must change (click's own usage errors use 2 as well)
# Codes that say the request itself was wrong: a setting, an option value, a search query.
_USAGE_CODES = frozenset({"E700", "E701", "E600", "E601"})
_LISTED = 20  # failures named in the summary; all of them were already printed one by one


# Control characters and bidi overrides from article ids, file names or
# messages must not reach the terminal raw (they can move the cursor or
# reorder the line); they are shown escaped instead.
UNSAFE_CHARS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def terminal_safe(text: str) -> str:
    """``text`` with terminal control and bidi characters escaped (``\\x1b``, ``\\u202e``)."""
    return UNSAFE_CHARS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def stderr(message: str) -> None:
    """One line on stderr (never stdout, which carries the command's data)."""
    click.echo(terminal_safe(message), err=True)


def exit_code(exc: QuotegraphError) -> int:
    """``EXIT_USAGE`` for a wrong setting, option or query; ``EXIT_FAILED`` for anything else."""
    return EXIT_USAGE if exc.code in _USAGE_CODES else EXIT_FAILED


def fail(exc: QuotegraphError, command: str | None = None) -> NoReturn:
    """End the running command on a coded error: ``<command>: error: [Exxx] message`` on stderr."""
    ctx = click.get_current_context(silent=True)
    name = command or (ctx.info_name if ctx is not None and ctx.info_name else "quotegraph")
    stderr(f"{name}: error: {exc}")
    raise click.exceptions.Exit(exit_code(exc))


def options(**given: Any) -> Settings:
    """The command's settings, resolved once: its options (``None`` = not given), then
    ``QUOTEGRAPH_<NAME>`` environment variables, then the defaults."""
    merged = from_environment(os.environ)
    merged.update({k: v for k, v in given.items() if v is not None})
    return resolve(_origin="the command line", **merged)


def setting_option(name: str, *flags: str, type: Any = None) -> Callable[[Any], Any]:
    """A click option for setting ``name`` with the help and type from ``SETTINGS``; ``None`` when not given.

    ``type`` narrows the setting's type for the command line (a ``click.Choice``)."""
    setting = next(s for s in SETTINGS if s.name == name)
    flags = flags or ("--" + name.replace("_", "-"),)
    env = ENV_PREFIX + name.upper()
    return click.option(*flags, name, type=type or setting.type, default=None,
                        help=f"{setting.help} [default: {setting.default}; env: {env}]")


def progress_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--progress/--no-progress``: default is on when stderr is a terminal."""
    return click.option("--progress/--no-progress", "show_progress", default=None,
                        help="Show progress on stderr (default: only when stderr is a terminal).")(func)


@dataclass
class Tally:
    """Counts of a run: documents, statements, failures by code, and the first few failures."""

    documents: int = 0
    statements: int = 0
    failed: int = 0
    by_code: Counter = field(default_factory=Counter)
    first_failures: list[str] = field(default_factory=list)

    def add(self, item: Document | Rejected) -> None:
        """Count one result."""
        if isinstance(item, Rejected):
            self.failed += 1
            self.by_code[item.code] += 1
            if len(self.first_failures) < _LISTED:
                self.first_failures.append(item.origin)
        else:
            self.documents += 1
            self.statements += len(item.quotes)

    @property
    def exit_code(self) -> int:
        """``EXIT_FAILED`` when anything was rejected, else ``EXIT_OK``."""
        return EXIT_FAILED if self.failed else EXIT_OK

    def summary(self) -> str:
        """``N documents, N statements, N failed (codes): which``."""
        line = f"{_count(self.documents, 'document')}, {_count(self.statements, 'statement')}, {self.failed} failed"
        if self.failed:
            codes = ", ".join(f"{code} x{n}" for code, n in sorted(self.by_code.items()))
            more = self.failed - len(self.first_failures)
            which = ", ".join(self.first_failures) + (f" and {more} more" if more else "")
            line += f" ({codes}): {which}"
        return line

    def print_summary(self, command: str) -> None:
        """The summary on stderr, prefixed by the command name."""
        stderr(f"{command}: {self.summary()}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def report(rejected: Rejected) -> None:
    """One rejected input on stderr: ``rejected [E102] path: reason``."""
    stderr(_rejected_line(rejected))


def _rejected_line(rejected: Rejected) -> str:
    return f"rejected [{rejected.code}] {rejected.reason}"


class _Bar:
    """What ``progress`` yields: ``update`` after each result, ``report`` for a rejection."""

    def __init__(self, bar: Any) -> None:
        self._bar = bar

    def report(self, rejected: Rejected) -> None:
        """Like ``report``, but printed above the progress line instead of through it."""
        if self._bar is None:
            report(rejected)
        else:
            self._bar.write(terminal_safe(_rejected_line(rejected)), file=sys.stderr)

    def note(self, line: str) -> None:
        """Any other line for the user (a document's warning), printed above the progress line."""
        if self._bar is None:
            stderr(line)
        else:
            self._bar.write(terminal_safe(line), file=sys.stderr)

    def advance(self, n: int, note: str = "") -> None:
        """Advance by ``n`` documents with a short note (``batch``'s partitions)."""
        if self._bar is not None:
            self._bar.update(n)
            if note:
                self._bar.set_postfix_str(terminal_safe(note), refresh=False)

    def tick(self, n: int = 1) -> None:
        """Advance by ``n`` inputs: the progress callback library functions take."""
        if self._bar is not None:
            self._bar.update(n)

    def update(self, tally: Tally) -> None:
        if self._bar is not None:
            self._bar.set_postfix(statements=tally.statements, failed=tally.failed, refresh=False)
            self._bar.update(1)


@contextmanager
def progress(enabled: bool | None, label: str) -> Iterator[_Bar]:
    """A progress counter on stderr (documents/s); ``enabled=None`` means "if stderr is a terminal"."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield _Bar(None)
        return
    from tqdm import tqdm

    bar = tqdm(desc=label, unit="doc", file=sys.stderr, mininterval=0.5, dynamic_ncols=True)
    try:
        yield _Bar(bar)
    finally:
        bar.close()
