"""Shared fixtures and markers for the whole suite.

Markers (declared in pyproject.toml as well, so ``--strict-markers`` works):

* ``integration``: uses the real spaCy model (slower);
* ``corpus``: needs the shared corpora beside the repository (``../shared``);
  skipped when they are absent;
* ``browser``: drives Debian's chromium (``/usr/bin/chromium``) through
  Playwright; skipped when it is not installed, except under CI, where
  ``.ci/run`` installs it and a missing browser is a failure.
* ``slow``: the long tiers (the 10,000-document stream, pathological and
  near-limit inputs, kill-and-resume runs, Dask worker kills, the benchmark);
  they run by default and in CI, and ``-m "not slow"`` leaves them out for a
  fast loop.

Tests that need ``../shared`` ask for the ``shared_dir`` or ``corpus_dir``
fixture and never build that path themselves, so the skip is the same
everywhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = (REPO_ROOT / ".." / "shared").resolve()
CHROMIUM = Path("/usr/bin/chromium")

MARKERS = {
    "integration": "uses the real spaCy model (slower)",
    "corpus": "needs ../shared/corpora (skipped when absent)",
    "browser": "drives Debian chromium through Playwright",
    "slow": "long-running (minutes) but still part of the default and CI runs",
}


def pytest_configure(config: pytest.Config) -> None:
    for name, help_text in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {help_text}")


# Two cores shared with model loads, browsers and clusters make per-example
# timing deadlines flaky; under CI the examples are also derandomised so that
# a red run can be reproduced. Tests may still override with @settings(...).
hypothesis_settings.register_profile("quotegraph", deadline=None, print_blob=True)
hypothesis_settings.register_profile("quotegraph-ci", deadline=None, print_blob=True, derandomize=True)
hypothesis_settings.load_profile("quotegraph-ci" if os.environ.get("CI", "").lower() in {"1", "true", "yes"} else "quotegraph")


def pytest_unconfigure(config: pytest.Config) -> None:
    """End any process a test left behind, so that pytest exits (issue 14).

    pytest-timeout fails a hung test from the main thread, but the
    interpreter then joins every process pool's manager thread at exit; a
    worker still alive would keep pytest from ever exiting.
    """
    import psutil

    leftovers = psutil.Process().children(recursive=True)
    for proc in leftovers:
        try:
            proc.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(leftovers, timeout=5)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        default=False,
        help=("rewrite snapshots (output recorded from the engine, such as the README's extract example) "
              "instead of comparing; the human annotations under tests/golden/ are never rewritten"),
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip marked tests whose resources are missing, with the reason shown by ``-ra``."""
    no_shared = pytest.mark.skip(reason=f"shared data not found at {SHARED_DIR}")
    # Under CI a missing browser means .ci/run is broken: let the test fail loudly.
    no_browser = None if _in_ci() else pytest.mark.skip(reason=f"{CHROMIUM} not installed")
    for item in items:
        if "corpus" in item.keywords and not SHARED_DIR.is_dir():
            item.add_marker(no_shared)
        if "browser" in item.keywords and no_browser is not None and not CHROMIUM.exists():
            item.add_marker(no_browser)


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root (the directory holding pyproject.toml)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the repository root (read-only); skips the test when absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DIR}")
    return SHARED_DIR


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path) -> Path:
    """``../shared/corpora``; skips the test when absent."""
    path = shared_dir / "corpora"
    if not path.is_dir():
        pytest.skip(f"corpora not found at {path}")
    return path


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's chromium, for Playwright's ``executable_path``; skips when absent (fails under CI)."""
    if not CHROMIUM.exists():
        if _in_ci():
            pytest.fail(f"{CHROMIUM} missing under CI: .ci/run should have installed it")
        pytest.skip(f"{CHROMIUM} not installed")
    return CHROMIUM


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """``test-artifacts/`` at the repository root (git-ignored): screenshots and reports kept after a run."""
    path = REPO_ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture(scope="session")
def update_snapshots(request: pytest.FixtureRequest) -> bool:
    """True when the run was started with ``--update-snapshots`` (snapshots only, never annotations)."""
    return bool(request.config.getoption("--update-snapshots"))


@pytest.fixture(scope="session")
def pipeline():
    """One real extraction pipeline for the whole session (the spaCy model loads once)."""
    import quotegraph

    return quotegraph.load_pipeline()
