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
from ..settings import SETTINGS, resolve
from ._common import setting_option

__all__ = ["ingest", "search", "serve"]

_DEFAULTS = {s.name: s.default for s in SETTINGS}
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def _fail(exc: QuotegraphError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(2 if exc.code in ("E600", "E601") else 1)


@click.command(help="Extract articles (files, directories, '-' for stdin) and store them in a SQLite database.")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=_DEFAULTS["db"], show_default=True, help="SQLite database file.")
@click.option("--processes", type=int, default=_DEFAULTS["processes"], show_default=True,
              help="Extraction worker processes; 0 means all cores, 1 extracts in this process.")
@click.option("--aliases", type=click.Path(dir_okay=False), default=None,
              help="Alias file (JSON or CSV: canonical, aliases, external_id) that overrides automatic merging.")
@click.option("--documents", is_flag=True,
              help="PATHS hold already-extracted documents (JSONL from `quotegraph extract --format jsonl`).")
@click.option("--from-parquet", "from_parquet", is_flag=True,
              help="PATHS are `quotegraph batch` output directories: load their Parquet shards (no extraction).")
@setting_option("model")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal).")
def ingest(paths: tuple[str, ...], db: str, processes: int, aliases: str | None, documents: bool,
           from_parquet: bool, model: str | None, progress: bool | None) -> None:
    """Store articles; exit status 1 only when some article failed."""
    from tqdm import tqdm

    from ..store import ingest as run_ingest

    settings = resolve(db=db, processes=processes, model=model)
    bar = tqdm(unit=" articles", file=sys.stderr, disable=(not progress) if progress is not None else None,
               dynamic_ncols=True)
    try:
        report = run_ingest(list(paths), db=settings.db, processes=settings.processes, aliases=aliases,
                            documents=documents, settings=settings, progress=bar.update, from_parquet=from_parquet)
    except QuotegraphError as exc:
        bar.close()
        _fail(exc)
        return
    bar.close()
    for failure in report.failures:
        click.echo(f"failed: [{failure.code}] {failure.reason}", err=True)
    click.echo(report.summary())
    if report.failures:
        sys.exit(1)


def _table(result: dict[str, Any]) -> str:
    width = max(60, shutil.get_terminal_size((100, 20)).columns)
    lines = [f"{result['total']} statements (showing {len(result['items'])} from {result['offset'] + 1})"]
    for s in result["items"]:
        speaker = s["speaker"]["name"] if s["speaker"] else "(unknown)"
        head = f"{s['date'] or '----------':10}  {speaker[:24]:24}  {s['source_count']:>3} src  "
        body = textwrap.shorten(s["text"], width=max(20, width - len(head)), placeholder=" …")
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
@click.option("--kind", help="speech, writing, belief, perception, intention, document, or all"
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
@click.option("--db", default=_DEFAULTS["db"], show_default=True, help="SQLite database file.")
def search(text: tuple[str, ...], speaker, speaker_name, about, channel, since, until, type_, kind, min_confidence,
           source, signatory, sort, scope, raw, fmt, limit, offset, db) -> None:
    """Print matching statements as a table, JSON, JSON Lines or CSV."""
    from ..api.routes import serialise
    from ..service import Service

    settings = resolve(db=db)
    params = dict(raw=raw, scope=scope, speaker=speaker, speaker_name=speaker_name, about=about, channel=channel,
                  since=since, until=until, type=type_, kind=kind, min_confidence=min_confidence, source=source,
                  signatory=signatory, sort=sort)
    try:
        # local use: no page cap (the server keeps its max_page_size)
        service = Service(settings.db, page_size=settings.page_size, max_page_size=10**9)
        if fmt in ("jsonl", "csv") and limit is None:
            rows = service.iter_statements(" ".join(text), **params)
            if offset:
                rows = itertools.islice(rows, offset, None)
        else:
            result = service.search_statements(" ".join(text), limit=limit, offset=offset, **params)
            rows = iter(result["items"])
        if fmt in ("jsonl", "csv"):
            for chunk in serialise(rows, fmt, service.STATEMENT_FIELDS, service.flat_statement):
                click.echo(chunk, nl=False)
            return
    except QuotegraphError as exc:
        _fail(exc)
        return
    click.echo(json.dumps(result, ensure_ascii=False, indent=2) if fmt == "json" else _table(result))


@click.command(help="Serve the JSON API and web pages over a database (read-only).")
@click.option("--db", default=_DEFAULTS["db"], show_default=True, help="SQLite database file.")
@click.option("--host", default=_DEFAULTS["host"], show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", type=int, default=_DEFAULTS["port"], show_default=True, help="Port to listen on.")
def serve(db: str, host: str, port: int) -> None:
    """Run uvicorn with the read-only app until interrupted."""
    import uvicorn

    from ..api import create_app

    settings = resolve(db=db, host=host, port=port)
    try:
        app = create_app(settings.db, settings=settings)
    except QuotegraphError as exc:
        _fail(exc)
        return
    if settings.host not in _LOOPBACK:
        click.echo(f"warning: serving on {settings.host}, reachable from other machines", err=True)
    click.echo(f"quotegraph: serving {settings.db} on http://{settings.host}:{settings.port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning", server_header=False)
