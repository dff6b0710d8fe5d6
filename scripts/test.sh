#!/usr/bin/env bash
# Set up .venv from requirements.lock (hash-checked) and run the whole test
# suite: unit, integration (real spaCy model), corpus (skipped without
# ../shared) and browser tests (skipped without /usr/bin/chromium).
#
#     ./scripts/test.sh                 # everything
#     ./scripts/test.sh -m "not integration" -x   # extra arguments go to pytest
#
# The install is skipped when requirements.lock and pyproject.toml are
# unchanged since the last one (a stamp in .venv records their hashes), so a
# second run starts testing at once. PYTHON picks the interpreter used to
# create .venv (default: python3.11, else python3; 3.11 or newer).
set -euo pipefail

cd "$(dirname "$0")/.."
QG_SCRIPT=test.sh ./scripts/setup-venv.sh
exec .venv/bin/python -m pytest "$@"
