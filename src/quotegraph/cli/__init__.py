"""The ``quotegraph`` command: thin wrappers that parse, normalise options and
call the library. Each subcommand lives in its own module and is imported only
when it runs, so ``quotegraph --help`` stays fast."""

from __future__ import annotations

import importlib

import click

__all__ = ["main", "COMMANDS"]

# command name -> (module, attribute, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "extract": ("quotegraph.cli.extract", "extract", "Extract statements from articles and print them."),
    "eval": ("quotegraph.cli.evaluate", "evaluate", "Score extraction against an annotated corpus."),
    "bench": ("quotegraph.cli.evaluate", "bench", "Measure extraction speed against spaCy baselines."),
    "train": ("quotegraph.cli.train", "train", "Train the candidate filter on an annotated corpus."),
    "ingest": ("quotegraph.cli.store", "ingest", "Extract articles and store them in a SQLite database."),
    "search": ("quotegraph.cli.store", "search", "Full-text search over stored statements."),
    "serve": ("quotegraph.cli.store", "serve", "Serve the JSON API and web pages (read-only)."),
    "status": ("quotegraph.cli.store", "status", "Counts, and whether a merge of changed articles is pending."),
    "repair": ("quotegraph.cli.store", "repair", "Check stored articles, drop broken ones, rebuild indexes and merges."),
    "batch": ("quotegraph.cli.batch", "batch", "Extract many articles into Parquet shards (local or Dask)."),
    "datasette-metadata": ("quotegraph.cli.store", "datasette_metadata",
                           "Write the Datasette metadata file for a database (facets, labels, descriptions)."),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use; a coded error from any of them ends the
    run through the one ``fail`` (stderr, exit status by code)."""

    def invoke(self, ctx: click.Context):
        from ..errors import QuotegraphError

        try:
            return super().invoke(ctx)
        except QuotegraphError as exc:
            from ._common import fail

            fail(exc, ctx.invoked_subcommand)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[name]
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="quotegraph")
def main() -> None:
    """quotegraph: who said what, when, and about whom, in English news articles."""
