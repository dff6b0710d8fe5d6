#!/usr/bin/env python3
"""Regenerate the README's generated blocks from the code that defines them.

* the whole ``settings`` section, from ``quotegraph.settings.SETTINGS``;
* the error-code table at the end of the ``limits`` section (between
  ``<!-- generated: errors -->`` markers), from ``quotegraph.errors.ERRORS``;
* the stage table (between ``<!-- generated: stages -->`` markers), from the
  ``@stage`` declarations of ``quotegraph.pipeline.DEFAULT_STAGES``;
* the command table (between ``<!-- generated: commands -->`` markers), from
  ``quotegraph.cli.COMMANDS`` and each command's own options;
* the output contract table (between ``<!-- generated: contract -->`` markers),
  from the record definition in ``quotegraph.model`` (each field's type and the
  docstring under it);
* the batch output's Parquet tables (between ``<!-- generated: parquet -->``
  markers), from the Arrow schemas of ``quotegraph.batch.tables``.

    .venv/bin/python scripts/gen_settings_doc.py          # rewrite README.md
    .venv/bin/python scripts/gen_settings_doc.py --check  # exit 1 if README.md is stale

A contract test runs the check, so a new setting or error code without a
regenerated README fails the suite.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
sys.path.insert(0, str(ROOT / "src"))

from quotegraph.errors import ERRORS, WARNINGS, http_status  # noqa: E402
from quotegraph.pipeline import DEFAULT_STAGES, registry  # noqa: E402
from quotegraph.settings import SETTINGS  # noqa: E402

__all__ = ["settings_block", "errors_block", "stages_block", "commands_block", "contract_block", "render", "main"]

CONTRACT_OPEN = "<!-- generated: contract -->"
CONTRACT_CLOSE = "<!-- /generated: contract -->"

COMMANDS_OPEN = "<!-- generated: commands -->"
COMMANDS_CLOSE = "<!-- /generated: commands -->"
STAGES_OPEN = "<!-- generated: stages -->"
STAGES_CLOSE = "<!-- /generated: stages -->"

PARQUET_OPEN = "<!-- generated: parquet -->"
PARQUET_CLOSE = "<!-- /generated: parquet -->"
ERRORS_OPEN = "<!-- generated: errors -->"
ERRORS_CLOSE = "<!-- /generated: errors -->"

# First digit of a code -> what it is about (the ranges errors.py documents).
ERROR_AREAS = {
    "1": "input",
    "2": "pipeline",
    "3": "store",
    "4": "evaluation",
    "5": "batch",
    "6": "service / API",
    "7": "settings",
}


def _cell(text: str) -> str:
    """Make ``text`` safe inside one Markdown table cell."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _default(value: object) -> str:
    if value == "":
        return "*(empty)*"
    if isinstance(value, int) and not isinstance(value, bool) and value >= 10_000:
        return f"`{value}` ({_human(value)})"
    return f"`{value}`"


def _human(n: int) -> str:
    for size, unit in ((1024**3, "GiB"), (1024**2, "MiB")):
        if n % size == 0:
            return f"{n // size} {unit}"
    return f"{n:,}"


def settings_block() -> str:
    """The body of the README's ``settings`` section, one table row per setting."""
    lines = [
        "",
        "Every setting is declared once, in `src/quotegraph/settings.py`; this table is",
        "generated from it by `scripts/gen_settings_doc.py` (do not edit it by hand).",
        "Commands that use a setting take it as an option of the same name with dashes",
        "(`max_chars` → `--max-chars`); library callers pass it as a keyword argument",
        "(`quotegraph.load_pipeline(max_chars=500_000)`).",
        "",
        "| Setting | Default | Meaning |",
        "|---|---|---|",
    ]
    for s in SETTINGS:
        lines.append(f"| `{s.name}` | {_cell(_default(s.default))} | {_cell(s.help)} |")
    lines.append("")
    return "\n".join(lines)


def errors_block() -> str:
    """The generated error-code table (with its markers)."""
    lines = [
        ERRORS_OPEN,
        "",
        "### Error codes",
        "",
        "Every error quotegraph reports carries one of these codes (`[E104] ...`);",
        "the server answers each with the HTTP status shown.",
        "Generated from `src/quotegraph/errors.py` by `scripts/gen_settings_doc.py`.",
        "",
        "| Code | Area | HTTP | Message |",
        "|---|---|---|---|",
    ]
    for code in sorted(ERRORS):
        area = ERROR_AREAS.get(code[1:2], "other")
        lines.append(f"| `{code}` | {area} | {http_status(code)} | {_cell(ERRORS[code])} |")
    lines += ["", "Warnings (`W1xx` from the readers, `W2xx` from the extractor) never stop a document:", "",
              "| Code | Area | Message |", "|---|---|---|"]
    for code in sorted(WARNINGS):
        area = "input" if code.startswith("W1") else "pipeline"
        lines.append(f"| `{code}` | {area} | {_cell(WARNINGS[code])} |")
    lines += ["", ERRORS_CLOSE]
    return "\n".join(lines)


def _fields(names: tuple[str, ...]) -> str:
    return ", ".join(f"`{n}`" for n in names) or "–"


def stages_block() -> str:
    """The generated table of the default pipeline's stages and what each declares (with its markers)."""
    lines = [
        STAGES_OPEN,
        "",
        "| # | Stage | Requires | Assigns | Proposes (applied by the owner) |",
        "|---|---|---|---|---|",
    ]
    known = registry()
    for k, name in enumerate(DEFAULT_STAGES, 1):
        cls = known[name]
        lines.append(f"| {k} | `{name}` | {_fields(cls.requires)} | {_fields(cls.assigns)} | {_fields(cls.proposes)} |")
    lines += ["", STAGES_CLOSE]
    return "\n".join(lines)


def commands_block() -> str:
    """The generated table of every command: usage, what it does, and its options (with their markers)."""
    import importlib

    import click

    from quotegraph.cli import COMMANDS, main
    from quotegraph.settings import ENV_PREFIX

    names = {s.name for s in SETTINGS}
    lines = [
        COMMANDS_OPEN,
        "",
        "| command | what it does | options (settings also as `QUOTEGRAPH_<NAME>` variables) |",
        "|---|---|---|",
    ]
    for name in sorted(COMMANDS):
        module, attr, help_text = COMMANDS[name]
        command = getattr(importlib.import_module(module), attr)
        ctx = click.Context(command, info_name=name, parent=click.Context(main, info_name="quotegraph"))
        usage = " ".join(["quotegraph", name, *command.collect_usage_pieces(ctx)])
        opts = []
        for param in command.params:
            if isinstance(param, click.Option) and param.name not in ("help",):
                flag = "/".join(param.opts + param.secondary_opts)
                opts.append(f"`{flag}`" + (" (setting)" if param.name in names else ""))
        lines.append(f"| `{_cell(usage)}` | {_cell(help_text)} | {_cell(', '.join(opts))} |")
    lines += ["", COMMANDS_CLOSE]
    return "\n".join(lines)


def _type_text(prop: dict) -> str:
    """A JSON Schema property as a short type name: ``string or null``, ``list of Span``."""
    if "anyOf" in prop:
        return " or ".join(_type_text(p) for p in prop["anyOf"])
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if prop.get("type") == "array":
        return "list of " + _type_text(prop.get("items", {}))
    if "const" in prop:
        return f"`{prop['const']}`"
    return str(prop.get("type", "any"))


def contract_block() -> str:
    """The generated table of every field of the JSON output (with its markers)."""
    from quotegraph.model import Document, Entity, Quotation, Speaker, Warning
    from quotegraph.model.record import json_schema

    lines = [
        CONTRACT_OPEN,
        "",
        "Generated from the record definition (`src/quotegraph/model/document.py`) by",
        "`scripts/gen_settings_doc.py`; the same classes give the Parquet columns, the",
        "SQLite columns, the API's responses and the OpenAPI document.",
        "",
        "| field | per | type | meaning |",
        "|---|---|---|---|",
    ]
    for cls, per in ((Document, "document"), (Quotation, "quote"), (Speaker, "speaker"), (Entity, "entity"),
                     (Warning, "warning")):
        for name, prop in json_schema(cls)["properties"].items():
            lines.append(f"| `{name}` | {per} | {_cell(_type_text(prop))} | {_cell(prop.get('description', ''))} |")
    lines += ["", CONTRACT_CLOSE]
    return "\n".join(lines)


# What one row of each batch table is, and the Parquet columns whose meaning their name and type do not say.
PARQUET_ROWS = {"documents": "input article", "statements": "quotation", "entities": "entity of a document",
                "mentions": "mention of an entity"}
PARQUET_NOTES = {
    ("documents", "status"): "`ok`/`rejected`",
    ("statements", "said_on"): "a date: the first day of the month or year when the text gives no more",
    ("statements", "said_on_precision"): "`day`, `month`, `year`",
}


def _parquet_columns(table: str, schema) -> list[str]:
    """One table's columns as README cells; a mention's ``x_start``, ``x_end``, ``x_text`` are one cell."""
    import pyarrow as pa

    names, cells, i = [f.name for f in schema], [], 0
    while i < len(names):
        name, kind = names[i], schema.field(i).type
        stem = name[: -len("_start")] if name.endswith("_start") else None
        if stem and names[i + 1:i + 3] == [f"{stem}_end", f"{stem}_text"]:
            cells.append(f"`{name}/_end/_text`")
            i += 3
            continue
        note = PARQUET_NOTES.get((table, name))
        if note is None and pa.types.is_list(kind):
            item = kind.value_type
            note = "list of `{" + ", ".join(f.name for f in item) + "}`" if pa.types.is_struct(item) else "list"
        cells.append(f"`{name}`" + (f" ({note})" if note else ""))
        i += 1
    return cells


def parquet_block() -> str:
    """The generated table of the batch output's Parquet tables and columns (with its markers)."""
    from quotegraph.batch.tables import SCHEMAS

    lines = [
        PARQUET_OPEN,
        "",
        "Generated from the Arrow schemas of `src/quotegraph/batch/tables.py`, which are built",
        "from the record definition, by `scripts/gen_settings_doc.py`.",
        "",
        "| table | one row per | columns |",
        "|---|---|---|",
    ]
    for table, schema in SCHEMAS.items():
        lines.append(f"| `{table}` | {PARQUET_ROWS[table]} | {', '.join(_parquet_columns(table, schema))} |")
    lines += ["", PARQUET_CLOSE]
    return "\n".join(lines)


def _replace_block(text: str, opening: str, closing: str, block: str) -> str:
    if opening not in text:
        raise SystemExit(f"README.md has no '{opening}' marker")
    start = text.index(opening)
    end = text.index(closing, start) + len(closing)
    return text[:start] + block + text[end:]


def _replace_section(text: str, name: str, body: str) -> str:
    pattern = re.compile(
        rf"(<!-- section: {re.escape(name)} -->\n)(.*?)(<!-- /section: {re.escape(name)} -->)", re.S
    )
    if not pattern.search(text):
        raise SystemExit(f"README.md has no '{name}' section markers")
    return pattern.sub(lambda m: m.group(1) + body.lstrip("\n") + "\n" + m.group(3), text, count=1)


def _replace_errors(text: str) -> str:
    block = errors_block()
    if ERRORS_OPEN in text:
        start = text.index(ERRORS_OPEN)
        end = text.index(ERRORS_CLOSE, start) + len(ERRORS_CLOSE)
        return text[:start] + block + text[end:]
    close = "<!-- /section: limits -->"
    if close not in text:
        raise SystemExit("README.md has no 'limits' section markers")
    before, after = text.split(close, 1)
    sep = "" if before.endswith("\n\n") or before.endswith("-->\n") else "\n"
    return before + sep + block + "\n" + close + after


def render(text: str) -> str:
    """README text with every generated block brought up to date."""
    text = _replace_errors(_replace_section(text, "settings", settings_block()))
    text = _replace_block(text, STAGES_OPEN, STAGES_CLOSE, stages_block())
    text = _replace_block(text, CONTRACT_OPEN, CONTRACT_CLOSE, contract_block())
    text = _replace_block(text, PARQUET_OPEN, PARQUET_CLOSE, parquet_block())
    return _replace_block(text, COMMANDS_OPEN, COMMANDS_CLOSE, commands_block())


def main(argv: list[str] | None = None) -> int:
    """Rewrite README.md, or with ``--check`` report whether it is current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if README.md is out of date; change nothing")
    args = parser.parse_args(argv)
    current = README.read_text(encoding="utf-8")
    wanted = render(current)
    if args.check:
        if current != wanted:
            print("README.md generated blocks are stale: run scripts/gen_settings_doc.py", file=sys.stderr)
            return 1
        return 0
    if current != wanted:
        README.write_text(wanted, encoding="utf-8")
        print("README.md updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
