"""Contract tests: the promises the package makes about its own shape.

* the public API (``quotegraph.__all__``) is pinned, and every module's
  ``__all__`` names exist;
* ``import quotegraph`` stays light (no spaCy, web server, Dask, Arrow, ...);
* data flows one way (ingest -> pipeline -> store -> service -> api/web/cli),
  checked by parsing every import in ``src/``;
* every setting, CLI command and error code is documented in the README, and
  the README's generated blocks are current;
* the example in the package docstring is true.

Packaging promises (lock file, wheel contents, CI) are in test_packaging.py.
"""

from __future__ import annotations

import ast
import difflib
import importlib
import importlib.util
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from source_tree import PKG, README, REPO
from source_tree import module_files as _module_files
from source_tree import parse as _parse

PUBLIC_API = [
    "Article",
    "Document",
    "Entity",
    "Mention",
    "Quotation",
    "QuotegraphError",
    "Rejected",
    "Span",
    "Speaker",
    "extract",
    "extract_many",
    "load_pipeline",
    "read",
    "to_frame",
]

# What ``import quotegraph`` (and ``quotegraph --help``) must not pull in.
HEAVY_MODULES = ["spacy", "thinc", "starlette", "uvicorn", "dask", "distributed", "pyarrow", "trafilatura", "duckdb",
                 "pandas", "datasette", "dateutil"]


# --------------------------------------------------------------------------
# helpers: walk src/ without importing it


def _packages() -> list[str]:
    return [name for name, path in _module_files() if path.name == "__init__.py"]


def _imports(module: str, path: Path) -> set[str]:
    """Every module ``module`` imports (anywhere in the file, lazy imports included), absolute."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(_parse(path)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            # ``from . import store`` imports a submodule, not a name.
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _readme_section(name: str) -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"<!-- section: {name} -->\n(.*?)<!-- /section: {name} -->", text, re.S)
    assert match, f"README.md has no '{name}' section"
    return match.group(1)


def _gen_docs():
    """The README generator script, imported as a module."""
    spec = importlib.util.spec_from_file_location("gen_settings_doc", REPO / "scripts" / "gen_settings_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------
# public API and __all__


def test_public_api_is_pinned():
    import quotegraph

    assert sorted(quotegraph.__all__) == sorted(PUBLIC_API), "changing the public API is a deliberate act: update PUBLIC_API"
    for name in quotegraph.__all__:
        assert hasattr(quotegraph, name), f"quotegraph.__all__ names missing attribute {name}"


def _top_level_names(tree: ast.Module) -> set[str]:
    """Names bound at module level, looking inside if/try blocks too."""
    names: set[str] = set()
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(node, (ast.If, ast.Try, ast.With, ast.For)):
            for field in ("body", "orelse", "finalbody", "handlers"):
                stack.extend(getattr(node, field, []))
        elif isinstance(node, ast.ExceptHandler):
            stack.extend(node.body)
    return names


def _literal_all(tree: ast.Module) -> list[str] | None:
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets) and node.value is not None:
            return list(ast.literal_eval(node.value))
    return None


def _public_module_files() -> list[tuple[str, Path]]:
    """Modules other than private ``_name.py`` ones and ``__main__.py``."""
    return [(m, p) for m, p in _module_files() if p.name == "__init__.py" or not p.stem.startswith("_")]


@pytest.mark.parametrize("module,path", _public_module_files(), ids=[m for m, _ in _public_module_files()])
def test_module_declares_all_and_its_names_exist(module, path):
    """Every public module has a literal ``__all__`` with no duplicates, naming things it defines."""
    tree = _parse(path)
    exported = _literal_all(tree)
    assert exported is not None, f"{path.relative_to(REPO)} has no literal __all__"
    assert len(exported) == len(set(exported)), f"{module}.__all__ has duplicates"
    missing = set(exported) - _top_level_names(tree)
    assert not missing, f"{module}.__all__ names undefined {sorted(missing)}"


@pytest.mark.parametrize("package", _packages())
def test_package_all_names_import(package):
    """Importing each subpackage works and gives every name its ``__all__`` promises."""
    mod = importlib.import_module(package)
    for name in getattr(mod, "__all__", []):
        assert hasattr(mod, name), f"{package}.__all__ names {name}, which the package does not provide"


def test_py_typed_marker_present():
    assert (PKG / "py.typed").is_file()


# --------------------------------------------------------------------------
# import cost


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    return {line.split(".")[0] for line in out.split()}


def test_import_quotegraph_is_light():
    loaded = _modules_after("import quotegraph")
    heavy = sorted(set(HEAVY_MODULES) & loaded)
    assert not heavy, f"import quotegraph pulled in {heavy}; import them lazily where they are used"


def test_cli_help_is_light():
    code = (
        "from click.testing import CliRunner\n"
        "from quotegraph.cli import main\n"
        "r = CliRunner().invoke(main, ['--help'])\n"
        "assert r.exit_code == 0, r.output\n"
    )
    heavy = sorted(set(HEAVY_MODULES) & _modules_after(code))
    assert not heavy, f"quotegraph --help pulled in {heavy}"


# --------------------------------------------------------------------------
# layering

AREAS = ["model", "linking", "version", "ingest", "nlp", "pipeline", "store", "ingestion", "service", "exports", "calls", "api", "web", "server",
         "evaluation", "batch", "cli", "spacy_component"]

# Everything above the service: no use case, store or extraction code imports these.
_SERVING = ("calls", "api", "web", "server", "cli")


def _q(*areas: str) -> list[str]:
    return [f"quotegraph.{a}" for a in areas]


# area -> quotegraph modules it must not import (data flows one way)
FORBIDDEN = {
    # the cross-article linking rules are pure: they import nothing else from quotegraph but model
    "linking": _q("version", "ingest", "nlp", "pipeline", "store", "ingestion", "service", "exports", "evaluation",
                  "batch", *_SERVING),
    "ingest": _q("nlp", "pipeline", "store", "ingestion", "service", "evaluation", "batch", *_SERVING),
    "nlp": _q("pipeline", "store", "ingestion", "service", "evaluation", "batch", *_SERVING),
    # The process pool lives in the pipeline, so evaluation and ingest need not go through batch.
    "pipeline": _q("store", "ingestion", "service", "evaluation", "batch", *_SERVING),
    # The store depends on the model alone: the ingest use case that fills it is quotegraph.ingestion.
    "store": _q("ingest", "nlp", "pipeline", "ingestion", "service", "evaluation", "batch", *_SERVING),
    "service": _q("ingest", "nlp", "pipeline", "ingestion", "evaluation", "batch", *_SERVING),
    # downloads format plain data: nothing of the project below or above them
    "exports": _q("ingest", "nlp", "pipeline", "store", "ingestion", "service", "evaluation", "batch", *_SERVING),
    "ingestion": _q("service", "evaluation", *_SERVING),
    "calls": _q("ingest", "nlp", "pipeline", "store", "ingestion", "evaluation", "batch", "api", "web", "server", "cli"),
    # api and web never import each other; the server package composes them.
    "api": _q("ingest", "nlp", "pipeline", "store", "ingestion", "evaluation", "batch", "web", "server", "cli"),
    "web": _q("ingest", "nlp", "pipeline", "store", "ingestion", "evaluation", "batch", "api", "server", "cli"),
    "server": _q("ingest", "nlp", "pipeline", "store", "ingestion", "evaluation", "batch", "cli"),
    "evaluation": _q("store", "ingestion", "service", "batch", *_SERVING),
    "batch": _q("service", "ingestion", "evaluation", *_SERVING),
    # the spaCy component is an adapter over the pipeline, like batch and cli
    "spacy_component": _q("store", "ingestion", "service", "evaluation", "batch", *_SERVING),
}

# spaCy is touched in one place; the benchmark also times spaCy itself as a baseline, and
# the spaCy component (``nlp.add_pipe("quotegraph")``) is the pipeline seen from spaCy.
SPACY_ALLOWED = ("quotegraph.nlp", "quotegraph.evaluation.bench", "quotegraph.spacy_component")


def _area(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


@pytest.mark.parametrize("module,path", _module_files(), ids=[m for m, _ in _module_files()])
def test_no_module_imports_the_package_root(module, path):
    """The root is the public facade; inside the package, import what it re-exports from where it lives."""
    if module == "quotegraph":
        return
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = []
    for node in ast.walk(_parse(path)):
        if isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = package.split(".")
                target = ".".join(base[: len(base) - (node.level - 1)] + ([node.module] if node.module else []))
            if target == "quotegraph":
                names += [a.name for a in node.names if not (PKG / a.name).is_dir() and not (PKG / f"{a.name}.py").is_file()]
        elif isinstance(node, ast.Import):
            names += [a.name for a in node.names if a.name == "quotegraph"]
    assert not names, f"{module} imports {names} from the package root"


@pytest.mark.parametrize("module,path", [(m, p) for m, p in _module_files() if _area(m) in ("service", *_SERVING)],
                         ids=[m for m, _ in _module_files() if _area(m) in ("service", *_SERVING)])
def test_read_sql_lives_in_the_store(module, path):
    """The service and everything above it run named queries from ``store.queries``; they write no SQL."""
    sql = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP)\b.*\b(FROM|INTO|SET|TABLE|WHERE)\b", re.I | re.S)
    literals = [n.value for n in ast.walk(_parse(path)) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    found = [s[:60] for s in literals if sql.search(s) and not s.lstrip().startswith(("\n", "<"))
             and "\n\n" not in s]
    assert not found, f"{module} holds SQL: {found}"


def test_layering_rules_name_real_areas():
    for area, banned in FORBIDDEN.items():
        assert area in AREAS and all(b.split(".")[1] in AREAS for b in banned)


@pytest.mark.parametrize("module,path", _module_files(), ids=[m for m, _ in _module_files()])
def test_import_layering(module, path):
    area = _area(module)
    imported = {name for name in _imports(module, path) if _within(name, "quotegraph")}
    if area == "model":
        bad = {name for name in imported if not _within(name, "quotegraph.model")}
        assert not bad, f"{module} (model) imports {sorted(bad)}; model imports nothing else from quotegraph"
        return
    bad = {name for name in imported for banned in FORBIDDEN.get(area, []) if _within(name, banned)}
    assert not bad, f"{module} ({area}) imports {sorted(bad)}, against the one-way data flow"


@pytest.mark.parametrize("module,path", _module_files(), ids=[m for m, _ in _module_files()])
def test_spacy_imported_only_in_nlp(module, path):
    if any(_within(module, allowed) for allowed in SPACY_ALLOWED):
        return
    spacy = sorted(n for n in _imports(module, path) if _within(n, "spacy") or _within(n, "thinc"))
    assert not spacy, f"{module} imports {spacy}; only quotegraph.nlp talks to spaCy"


def test_import_parser_resolves_relative_imports(tmp_path):
    """The layering checks are only as good as this resolver."""
    pkg = tmp_path / "quotegraph" / "api"
    pkg.mkdir(parents=True)
    path = pkg / "routes.py"
    path.write_text("from .. import store\nfrom ..service import find\nimport json\ndef f():\n    from .views import x\n")
    found = _imports("quotegraph.api.routes", path)
    assert {"quotegraph.store", "quotegraph.service", "json", "quotegraph.api.views"} <= found


# --------------------------------------------------------------------------
# settings, README generated blocks


def test_settings_are_well_formed():
    from quotegraph.settings import SETTINGS

    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names)), "duplicate setting names"
    for s in SETTINGS:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", s.name), s.name
        assert s.help.strip(), f"setting {s.name} has no help"
        assert s.type(s.default) == s.default, f"setting {s.name}: default does not survive its own type"


def test_every_setting_is_in_readme_settings_section():
    from quotegraph.settings import SETTINGS

    section = _readme_section("settings")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in section]
    assert not missing, f"settings missing from README: {missing}; run scripts/gen_settings_doc.py"


def test_readme_generated_blocks_are_current():
    gen = _gen_docs()
    text = README.read_text(encoding="utf-8")
    wanted = gen.render(text)
    diff = list(difflib.unified_diff(text.splitlines(), wanted.splitlines(), "README.md", "generated", lineterm="", n=0))
    assert not diff, "README.md is stale: run .venv/bin/python scripts/gen_settings_doc.py\n" + "\n".join(diff[:30])


def test_doc_generator_replaces_only_its_blocks():
    gen = _gen_docs()
    text = (
        "intro\n<!-- section: limits -->\nhand-written limits\n<!-- /section: limits -->\n"
        "<!-- section: settings -->\nold table\n<!-- /section: settings -->\n"
        "<!-- generated: stages -->\nold stages\n<!-- /generated: stages -->\n"
        "<!-- generated: contract -->\nold contract\n<!-- /generated: contract -->\n"
        "<!-- generated: parquet -->\nold parquet\n<!-- /generated: parquet -->\n"
        "<!-- generated: commands -->\nold commands\n<!-- /generated: commands -->\noutro\n"
    )
    once = gen.render(text)
    assert gen.render(once) == once, "generator is not idempotent"
    assert "old table" not in once and "hand-written limits" in once
    assert "old stages" not in once and "| `speakers` |" in once
    assert "old commands" not in once and "| `quotegraph ingest [OPTIONS] PATHS...` |" in once
    assert "old contract" not in once and "| `said_on_precision` | quote |" in once
    assert "old parquet" not in once and "`said_on_precision` (`day`, `month`, `year`)" in once
    assert "`speaker_mention_start/_end/_text`" in once and "`spans` (list of `{start, end}`)" in once
    assert once.startswith("intro\n") and once.endswith("outro\n")
    assert once.index("hand-written limits") < once.index(gen.ERRORS_OPEN) < once.index("<!-- /section: limits -->")


# --------------------------------------------------------------------------
# CLI


def _commands() -> list[str]:
    from quotegraph.cli import COMMANDS

    return sorted(COMMANDS)


@pytest.mark.parametrize("name", _commands())
def test_command_help_exits_zero(name):
    from click.testing import CliRunner

    from quotegraph.cli import main

    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, f"quotegraph {name} --help failed:\n{result.output}\n{result.exception!r}"
    assert "Usage:" in result.output


@pytest.mark.parametrize("name", _commands())
def test_command_is_documented_in_readme(name):
    documented = f"quotegraph {name}" in README.read_text(encoding="utf-8")
    assert documented, f"README never shows `quotegraph {name}`"


def test_top_level_help_lists_every_command():
    from click.testing import CliRunner

    from quotegraph.cli import main

    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0, result.output
    for name in _commands():
        assert re.search(rf"^\s+{re.escape(name)}\s", result.output, re.M), f"{name} missing from --help"


# --------------------------------------------------------------------------
# error codes


def _error_codes_in_source_order() -> list[str]:
    tree = _parse(PKG / "errors.py")
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else (node.targets[0] if isinstance(node, ast.Assign) else None)
        if isinstance(target, ast.Name) and target.id == "ERRORS":
            return [key.value for key in node.value.keys]
    raise AssertionError("errors.py has no ERRORS literal")


def test_error_codes_are_unique_and_well_formed():
    # A repeated key in a dict literal silently overwrites the first: read the source.
    codes = _error_codes_in_source_order()
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    assert not dupes, f"error codes defined twice: {dupes}"
    from quotegraph.errors import ERRORS

    for code in codes:
        assert re.fullmatch(r"E[1-9]\d\d", code), f"bad error code {code!r}"
        list(string.Formatter().parse(ERRORS[code]))  # raises on a malformed template


def test_every_error_code_is_documented():
    from quotegraph.errors import ERRORS

    text = README.read_text(encoding="utf-8")
    missing = [code for code in ERRORS if f"`{code}`" not in text]
    assert not missing, f"error codes missing from README: {missing}; run scripts/gen_settings_doc.py"


def _codes_raised(path: Path) -> set[str]:
    codes = set()
    for node in ast.walk(_parse(path)):
        if isinstance(node, ast.Call):
            args = list(node.args[:1]) + [k.value for k in node.keywords if k.arg == "code"]
            for arg in args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and re.fullmatch(r"E\d{3}", arg.value):
                    codes.add(arg.value)
    return codes


def test_every_code_raised_in_source_is_defined():
    from quotegraph.errors import ERRORS

    unknown = {f"{path.relative_to(REPO)}: {code}" for _, path in _module_files() for code in _codes_raised(path) - set(ERRORS)}
    assert not unknown, f"codes used but not in errors.ERRORS: {sorted(unknown)}"


@pytest.mark.integration
def test_package_docstring_example_runs():
    """The example in ``quotegraph.__doc__`` (what ``help(quotegraph)`` shows) is true."""
    import doctest

    import quotegraph

    finder = doctest.DocTestFinder(recurse=False)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tests = finder.find(quotegraph, "quotegraph")
    assert tests and tests[0].examples, "quotegraph's docstring should carry a runnable example"
    for test in tests:
        runner.run(test)
    assert runner.failures == 0, f"{runner.failures} docstring example(s) in quotegraph/__init__.py failed"


@pytest.mark.parametrize("name", _commands())
def test_command_options_named_after_settings_follow_the_table(name):
    """An option for a setting is spelled ``--name-with-dashes`` and takes its default from SETTINGS."""
    import click

    from quotegraph.cli import main
    from quotegraph.settings import SETTINGS

    table = {s.name: s for s in SETTINGS}
    command = main.get_command(click.Context(main), name)
    wrong = []
    for param in command.params:
        setting = table.get(param.name) if isinstance(param, click.Option) else None
        if setting is None:
            continue
        flag = "--" + setting.name.replace("_", "-")
        if flag not in param.opts:
            wrong.append(f"{param.name}: expected flag {flag}, found {param.opts}")
        if param.default is not None and param.default != setting.default:
            wrong.append(f"{param.name}: default {param.default!r} differs from the settings table's {setting.default!r}")
    assert not wrong, f"quotegraph {name}: " + "; ".join(wrong)


# --------------------------------------------------------------------------
# one CLI toolkit


def _command_options():
    import importlib

    import click

    from quotegraph.cli import COMMANDS

    for name, (module, attr, _) in sorted(COMMANDS.items()):
        command = getattr(importlib.import_module(module), attr)
        for param in command.params:
            if isinstance(param, click.Option):
                yield name, param


def test_every_option_named_like_a_setting_comes_from_the_settings_table():
    from quotegraph.settings import SETTINGS

    names = {s.name for s in SETTINGS}
    hand_made = [f"{cmd} {p.opts[0]}" for cmd, p in _command_options()
                 if p.name in names and f"env: QUOTEGRAPH_{p.name.upper()}" not in (p.help or "")]
    assert not hand_made, f"declare these with setting_option: {hand_made}"


def test_settings_come_from_the_environment_and_an_unknown_one_is_a_coded_usage_error(tmp_path):
    from click.testing import CliRunner

    from quotegraph.cli import main

    missing = tmp_path / "nowhere.db"
    given = CliRunner().invoke(main, ["status"], env={"QUOTEGRAPH_DB": str(missing)})
    assert given.exit_code == 1 and "[E302]" in given.output and str(missing) in given.output
    unknown = CliRunner().invoke(main, ["status"], env={"QUOTEGRAPH_DATABASE": "x.db"})
    assert unknown.exit_code == 2 and "status: error: [E700] unknown setting 'database'" in unknown.output
    bad = CliRunner().invoke(main, ["serve"], env={"QUOTEGRAPH_PORT": "eighty"})
    assert bad.exit_code == 2 and "[E701]" in bad.output and "QUOTEGRAPH_PORT" in bad.output


def test_one_function_maps_coded_errors_to_exit_codes():
    from quotegraph.cli._common import EXIT_FAILED, EXIT_USAGE, exit_code
    from quotegraph.errors import QuotegraphError

    assert exit_code(QuotegraphError("E601", name="limit", detail="x")) == EXIT_USAGE
    assert exit_code(QuotegraphError("E700", name="x", origin="y", known="z")) == EXIT_USAGE
    assert exit_code(QuotegraphError("E302", path="p")) == EXIT_FAILED


def test_library_code_draws_no_progress_bar():
    offenders = [m for m, p in _module_files() if not m.startswith("quotegraph.cli")
                 and any(_within(n, "tqdm") for n in _imports(m, p))]
    assert not offenders, f"{offenders} draw progress; take a progress callback instead"


def test_readme_contract_table_lists_every_field_of_the_record_definition():
    """The table is generated: every field of the JSON output (computed ones included) has a row with a meaning."""
    from quotegraph.model import Document, Entity, Quotation, Speaker, Warning
    from quotegraph.model.record import json_schema

    block = README.read_text(encoding="utf-8").split("<!-- generated: contract -->")[1].split("<!-- /generated")[0]
    for cls, per in ((Document, "document"), (Quotation, "quote"), (Speaker, "speaker"), (Entity, "entity"),
                     (Warning, "warning")):
        for name, prop in json_schema(cls)["properties"].items():
            assert prop.get("description"), f"{cls.__name__}.{name} has no docstring under it"
            assert f"| `{name}` | {per} |" in block, f"{cls.__name__}.{name} missing from the README contract table"


def test_every_quote_and_speaker_field_reaches_every_output(tmp_path):
    """Adding a field to ``Quotation`` or ``Speaker`` is one change: Parquet, SQLite, the API's models,
    OpenAPI and the README follow from the definition (SQLite through a migration, which this demands)."""
    import dataclasses
    import sqlite3

    from quotegraph.api.openapi import openapi_document
    from quotegraph.model import Quotation, Speaker
    from quotegraph.store import Store

    Store(tmp_path / "q.db").close()
    conn = sqlite3.connect(tmp_path / "q.db")
    stored = {r[1] for r in conn.execute("PRAGMA table_info(quotes)")}
    conn.close()
    schemas = openapi_document()["components"]["schemas"]
    readme = README.read_text(encoding="utf-8")
    for cls, prefix, per in ((Quotation, "", "quote"), (Speaker, "speaker_", "speaker")):
        for f in dataclasses.fields(cls):
            if f.name == "speaker":
                continue
            column = prefix + f.name
            assert column in stored, f"{column}: add a migration in store/schema.py"
            api = schemas["ArticleQuote" if cls is Quotation else "QuoteSpeaker"]["properties"]
            assert f.name in api, f"{cls.__name__}.{f.name} missing from the API's models"
            assert f"| `{f.name}` | {per} |" in readme
    pa = pytest.importorskip("pyarrow")
    from quotegraph.batch.tables import SCHEMAS

    names = set(SCHEMAS["statements"].names)
    for f in dataclasses.fields(Speaker):
        assert any(n.startswith(f"speaker_{f.name}") for n in names), f"speaker_{f.name} missing from Parquet"
