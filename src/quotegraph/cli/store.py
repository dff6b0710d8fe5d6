"""``quotegraph ingest``, ``search`` and ``serve``: thin wrappers over the store and the service."""

from __future__ import annotations

import itertools
import json
import shutil
import sys
import textwrap
from typing import Any

import click

from ..errors import QuotegraphError
from ._common import EXIT_FAILED, UNSAFE_CHARS, fail, options, progress, progress_option, setting_option, terminal_safe

__all__ = ["ingest", "search", "serve", "status", "repair"]

_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


_fail = fail  # every command ends on a coded error the same way (cli._common.fail)


@click.command(help="Extract articles (files, directories, '-' for stdin) and store them in a SQLite database.")
@click.argument("paths", nargs=-1, required=True)
@setting_option("db")
@setting_option("processes")
@click.option("--aliases", type=click.Path(dir_okay=False), default=None,
              help="Alias file (JSON or CSV: canonical, aliases, external_id) that overrides automatic merging.")
@click.option("--documents", is_flag=True,
              help="PATHS hold already-extracted documents (JSONL from `quotegraph extract --format jsonl`).")
@click.option("--from-parquet", "from_parquet", is_flag=True,
              help="PATHS are `quotegraph batch` output directories: load their Parquet shards (no extraction).")
@setting_option("model")
@progress_option
def ingest(paths: tuple[str, ...], db: str | None, processes: int | None, aliases: str | None, documents: bool,
           from_parquet: bool, model: str | None, show_progress: bool | None) -> None:
    """Store articles; exit status 1 only when some article failed."""
    from ..ingestion import ingest as run_ingest

    settings = options(db=db, processes=processes, model=model)
    with progress(show_progress, "ingest") as bar:
        report = run_ingest(list(paths), db=settings.db, processes=settings.processes, aliases=aliases,
                            documents=documents, settings=settings, progress=bar.tick, from_parquet=from_parquet)
    for failure in report.failures:
        click.echo(terminal_safe(f"failed: [{failure.code}] {failure.reason}"), err=True)
    click.echo(f"ingest: {report.summary()}", err=True)
    if report.failures:
        raise click.exceptions.Exit(EXIT_FAILED)


def _table(result: dict[str, Any]) -> str:
    width = max(60, shutil.get_terminal_size((100, 20)).columns)
    lines = [f"{result['total']} statements (showing {len(result['items'])} from {result['offset'] + 1})"]
    for s in result["items"]:
        # stored text may hold terminal control sequences: shown escaped, never raw
        speaker = terminal_safe(s["speaker"]["name"]) if s["speaker"] else "(unknown)"
        head = f"{s['date'] or '----------':10}  {speaker[:24]:24}  {s['source_count']:>3} src  "
        body = textwrap.shorten(terminal_safe(s["text"]), width=max(20, width - len(head)), placeholder=" …")
        lines.append(head + body)
    return "\n".join(lines)


@click.command(help="Full-text search over stored statements (words are matched as plain text).")
@click.argument("text", nargs=-1)
@click.option("--speaker", help="Exactly one speaker: slug, or one of its names or aliases.")
@click.option("--speaker-name", "speaker_name", help="Speakers whose name contains this text.")
@click.option("--about", help="Someone the statement is about.")
@click.option("--channel", help="twitter, statement, interview, ...")
@click.option("--since", help="Earliest date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", help="Latest date, inclusive.")
@click.option("--type", "type_", help="direct, indirect, mixed (comma-separated).")
@click.option("--kind", help="speech, writing, belief, perception, intention, document, topic, or all"
              " (default: speech, writing and unknown).")
@click.option("--min-confidence", "min_confidence", type=float, default=None, help="Lowest confidence (0 to 1).")
@click.option("--source", help="Outlet, exact.")
@click.option("--signatory", help="A co-signer: part of the name.")
@click.option("--sort", type=click.Choice(["relevance", "said", "first_seen", "sources"]), default="relevance",
              show_default=True)
@click.option("--scope", type=click.Choice(["quotes", "articles"]), default="quotes", show_default=True,
              help="Match the words in statements or in the whole article text.")
@click.option("--raw", is_flag=True, help="TEXT is FTS5 query syntax (AND, OR, NEAR, prefix*).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table", show_default=True,
              help="table and json: one page; jsonl and csv: every match, unless --limit is given.")
@click.option("--limit", type=int, default=None, help="Results to show (table/json default: the page_size setting; no cap).")
@click.option("--offset", type=int, default=0, help="Results to skip.")
@setting_option("db")
def search(text: tuple[str, ...], speaker, speaker_name, about, channel, since, until, type_, kind, min_confidence,
           source, signatory, sort, scope, raw, fmt, limit, offset, db) -> None:
    """Print matching statements as a table, JSON, JSON Lines or CSV."""
    from ..exports import STATEMENT_FIELDS, flat_statement, serialise
    from ..service import Service

    settings = options(db=db)
    params = dict(raw=raw, scope=scope, speaker=speaker, speaker_name=speaker_name, about=about, channel=channel,
                  since=since, until=until, type=type_, kind=kind, min_confidence=min_confidence, source=source,
                  signatory=signatory, sort=sort)
    try:
        # local use: no page cap (the server keeps its max_page_size)
        service = Service(settings.db, page_size=settings.page_size, max_page_size=10**9)
        if fmt in ("jsonl", "csv") and limit is None:
            rows = (r.to_dict() for r in service.iter_statements(" ".join(text), **params))
            if offset:
                rows = itertools.islice(rows, offset, None)
        else:
            result = service.search_statements(" ".join(text), limit=limit, offset=offset, **params).to_dict()
            rows = iter(result["items"])
        if fmt in ("jsonl", "csv"):
            # JSON escapes control characters itself; CSV on a terminal is shown escaped, files get the data as is
            tty = fmt == "csv" and sys.stdout.isatty()
            for chunk in serialise(rows, fmt, STATEMENT_FIELDS, flat_statement):
                click.echo(terminal_safe(chunk) if tty else chunk, nl=False)
            return
    except QuotegraphError as exc:
        _fail(exc)
        return
    click.echo(_json_safe(result) if fmt == "json" else _table(result))


def _json_safe(result: dict[str, Any]) -> str:
    """JSON whose strings carry terminal control and bidi characters as ``\\uXXXX`` escapes (same data)."""
    text = json.dumps(result, ensure_ascii=False, indent=2)
    return UNSAFE_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@click.command(help="Serve the JSON API and web pages over a database (read-only).")
@setting_option("db")
@setting_option("host")
@setting_option("port")
@setting_option("allowed_hosts")
@setting_option("trusted_proxies")
@setting_option("query_time_limit")
def serve(db: str, host: str, port: int, allowed_hosts: str | None, trusted_proxies: str | None,
          query_time_limit: float | None) -> None:
    """Run uvicorn with the read-only app until interrupted."""

    from ..server import create_app
    from ..server.run import serve_forever, server_config

    settings = options(db=db, host=host, port=port, allowed_hosts=allowed_hosts, trusted_proxies=trusted_proxies,
                       query_time_limit=query_time_limit)
    try:
        app = create_app(settings.db, settings=settings)
    except QuotegraphError as exc:
        _fail(exc)
        return
    if settings.host not in _LOOPBACK:
        click.echo(f"warning: serving on {settings.host}, reachable from other machines", err=True)
    click.echo(f"quotegraph: serving {settings.db} on http://{settings.host}:{settings.port}/ (Ctrl-C to stop)", err=True)
    serve_forever(server_config(app, host=settings.host, port=settings.port, trusted_proxies=settings.trusted_proxies))


@click.command(help="Say whether a database is up to date: counts, and whether a merge of changed articles is pending.")
@setting_option("db")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def status(db: str, fmt: str) -> None:
    """Print counts and the merge state (read-only)."""
    from ..service import Service

    settings = options(db=db)
    try:
        result = Service(settings.db).overview()
    except QuotegraphError as exc:
        _fail(exc)
        return
    if fmt == "json":
        click.echo(json.dumps({"counts": result.counts, "merge": result.merge.to_dict()}, indent=2))
        return
    c, m = result.counts, result.merge
    click.echo(f"{settings.db}: {c['articles']} articles, {c['quotes']} quotes, {c['statements']} statements "
               f"by {c['persons']} speakers")
    if not m.pending:
        click.echo("merge: up to date")
    else:
        what = "a full rebuild" if m.full or not m.articles else f"{m.articles} changed articles"
        click.echo(f"merge: pending ({what}); statements shown are from before the change; "
                   "run `quotegraph ingest` again or `quotegraph repair`")


@click.command(help="Check every stored article, remove those that break the contract, rebuild indexes and merges.")
@setting_option("db")
def repair(db: str) -> None:
    """Repair a database left dirty or broken, and say what was done."""
    from pathlib import Path

    from ..errors import StoreError
    from ..store import Store

    settings = options(db=db)
    try:
        if not Path(settings.db).is_file():
            raise StoreError("E302", path=str(settings.db))
        with Store(settings.db) as store:
            done = store.repair()
    except QuotegraphError as exc:
        _fail(exc)
        return
    for item in done["removed"]:
        click.echo(terminal_safe(f"removed: {item['id']}: {item['reason']}"), err=True)
    click.echo(f"repair: {done['checked']} articles checked, {len(done['removed'])} removed; "
               f"full-text indexes rebuilt; merge {'was pending, ' if done['was_pending'] else ''}rebuilt: "
               f"{done['statements']} statements by {done['persons']} speakers")


@click.command("datasette-metadata",
               help="Write Datasette metadata for a database: facets on speaker, kind, channel and type, row labels, "
                    "descriptions. Then: datasette DB -m FILE.")
@setting_option("db")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to FILE instead of stdout.")
def datasette_metadata(db: str | None, output: str | None) -> None:
    """Check the database, then print or write its metadata."""
    from ..store import connect_reader
    from ..store.datasette import datasette_metadata as build, write_datasette_metadata

    settings = options(db=db)
    try:
        connect_reader(settings.db).close()  # a coded error for a missing or foreign file
    except QuotegraphError as exc:
        _fail(exc)
        return
    if output is None:
        click.echo(json.dumps(build(settings.db), indent=2))
        return
    write_datasette_metadata(settings.db, output)
    click.echo(f"datasette-metadata: wrote {output}; browse with: datasette {settings.db} -m {output}", err=True)
