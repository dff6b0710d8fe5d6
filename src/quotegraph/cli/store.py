"""``quotegraph ingest``, ``search`` and ``serve``: thin wrappers over the store and the service."""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from typing import Any

import click

from ..errors import QuotegraphError
from ..settings import SETTINGS, resolve
from ._common import UNSAFE_CHARS, setting_option, terminal_safe

__all__ = ["ingest", "search", "serve", "status", "repair"]

_DEFAULTS = {s.name: s.default for s in SETTINGS}
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def _fail(exc: QuotegraphError) -> None:
    click.echo(terminal_safe(f"error: {exc}"), err=True)
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
        click.echo(terminal_safe(f"failed: [{failure.code}] {failure.reason}"), err=True)
    click.echo(report.summary())
    if report.failures:
        sys.exit(1)


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
@click.option("--speaker", help="Speaker slug, name or alias.")
@click.option("--about", help="Someone the statement is about.")
@click.option("--channel", help="twitter, statement, interview, ...")
@click.option("--since", help="Earliest date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", help="Latest date, inclusive.")
@click.option("--scope", type=click.Choice(["quotes", "articles"]), default="quotes", show_default=True,
              help="Match the words in statements or in the whole article text.")
@click.option("--raw", is_flag=True, help="TEXT is FTS5 query syntax (AND, OR, NEAR, prefix*).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--limit", type=int, default=None, help="Results to show (default: the page_size setting).")
@click.option("--offset", type=int, default=0, help="Results to skip.")
@click.option("--db", default=_DEFAULTS["db"], show_default=True, help="SQLite database file.")
def search(text: tuple[str, ...], speaker, about, channel, since, until, scope, raw, fmt, limit, offset, db) -> None:
    """Print matching statements as a table or JSON."""
    from ..service import Service

    settings = resolve(db=db)
    try:
        service = Service(settings.db, page_size=settings.page_size, max_page_size=settings.max_page_size)
        result = service.search_statements(" ".join(text), raw=raw, scope=scope, speaker=speaker, about=about,
                                           channel=channel, since=since, until=until, limit=limit, offset=offset)
    except QuotegraphError as exc:
        _fail(exc)
        return
    click.echo(_json_safe(result) if fmt == "json" else _table(result))


def _json_safe(result: dict[str, Any]) -> str:
    """JSON whose strings carry terminal control and bidi characters as ``\\uXXXX`` escapes (same data)."""
    text = json.dumps(result, ensure_ascii=False, indent=2)
    return UNSAFE_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@click.command(help="Serve the JSON API and web pages over a database (read-only).")
@click.option("--db", default=_DEFAULTS["db"], show_default=True, help="SQLite database file.")
@click.option("--host", default=_DEFAULTS["host"], show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", type=int, default=_DEFAULTS["port"], show_default=True, help="Port to listen on.")
@click.option("--allowed-hosts", "allowed_hosts", default=None,
              help="Extra Host names to answer besides loopback names and --host (comma-separated; * for any).")
@click.option("--trusted-proxies", "trusted_proxies", default=None,
              help="Proxy addresses whose X-Forwarded-* headers are honoured (comma-separated); none by default.")
@click.option("--query-time-limit", "query_time_limit", type=float, default=None,
              help="Seconds of database work one request may take (E606 after that).")
def serve(db: str, host: str, port: int, allowed_hosts: str | None, trusted_proxies: str | None,
          query_time_limit: float | None) -> None:
    """Run uvicorn with the read-only app until interrupted."""

    from ..api import create_app
    from ..api.server import serve_forever, server_config

    settings = resolve(db=db, host=host, port=port, allowed_hosts=allowed_hosts, trusted_proxies=trusted_proxies,
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
@click.option("--db", default=_DEFAULTS["db"], show_default=True, help="SQLite database file.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def status(db: str, fmt: str) -> None:
    """Print counts and the merge state (read-only)."""
    from ..service import Service

    settings = resolve(db=db)
    try:
        result = Service(settings.db).overview()
    except QuotegraphError as exc:
        _fail(exc)
        return
    if fmt == "json":
        click.echo(json.dumps({"counts": result["counts"], "merge": result["merge"]}, indent=2))
        return
    c, m = result["counts"], result["merge"]
    click.echo(f"{settings.db}: {c['articles']} articles, {c['quotes']} quotes, {c['statements']} statements "
               f"by {c['persons']} speakers")
    if not m["pending"]:
        click.echo("merge: up to date")
    else:
        what = "a full rebuild" if m["full"] or not m["articles"] else f"{m['articles']} changed articles"
        click.echo(f"merge: pending ({what}); statements shown are from before the change; "
                   "run `quotegraph ingest` again or `quotegraph repair`")


@click.command(help="Check every stored article, remove those that break the contract, rebuild indexes and merges.")
@click.option("--db", default=_DEFAULTS["db"], show_default=True, help="SQLite database file.")
def repair(db: str) -> None:
    """Repair a database left dirty or broken, and say what was done."""
    from pathlib import Path

    from ..errors import StoreError
    from ..store import Store

    settings = resolve(db=db)
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
