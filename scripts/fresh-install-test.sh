#!/usr/bin/env bash
# Install quotegraph the way a new user does, from pyproject.toml alone (no
# lock, no editable install) into a fresh virtual environment, and run the
# reading (HTML included), extraction and ingest tests against that install.
# An import the code makes but pyproject.toml does not declare fails here.
# The batch extra is left out on purpose: `quotegraph batch` must then stop
# with E509 naming it. With ../shared present, every HTML page of the real
# news corpus is extracted too, and no traceback may appear.
#
#     ./scripts/fresh-install-test.sh          # PYTHON picks the interpreter (>= 3.11)
set -euo pipefail

cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
VENV="$WORK/venv"

echo "fresh-install: pip install '.[test]' into a new venv (no lock)"
"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check ".[test]" >"$WORK/pip.log" 2>&1 \
    || { tail -n 40 "$WORK/pip.log" >&2; echo "fresh-install: pip install failed" >&2; exit 1; }

# The tests must import the installed package, not the checkout's src/.
"$VENV/bin/python" -c 'import quotegraph, sys; sys.exit("src" in quotegraph.__file__.split("/"))' \
    || { echo "fresh-install: quotegraph imports from src/, not the install" >&2; exit 1; }
"$VENV/bin/python" -m pytest -q -p no:cacheprovider \
    tests/ingest tests/cli/test_extract.py tests/store/test_cli_store.py tests/test_python_api.py

if [ -d ../shared/corpora/realnews/pages ]; then
    echo "fresh-install: extracting ../shared/corpora/realnews/pages/"
    status=0
    "$VENV/bin/quotegraph" extract ../shared/corpora/realnews/pages/ --format jsonl --processes 2 \
        >"$WORK/pages.jsonl" 2>"$WORK/pages.err" || status=$?
    tail -n 1 "$WORK/pages.err"
    if grep -q "Traceback" "$WORK/pages.err" || [ "$status" -gt 1 ]; then
        cat "$WORK/pages.err" >&2
        echo "fresh-install: extracting the HTML pages failed (exit $status)" >&2
        exit 1
    fi
fi

echo "fresh-install: quotegraph batch without the batch extra"
if "$VENV/bin/quotegraph" batch examples/ --out "$WORK/out" >"$WORK/batch.log" 2>&1; then
    echo "fresh-install: batch ran without pyarrow installed?" >&2
    exit 1
fi
grep -q "E509.*quotegraph\[batch\]" "$WORK/batch.log" \
    || { cat "$WORK/batch.log" >&2; echo "fresh-install: batch did not name the missing extra" >&2; exit 1; }
echo "fresh-install: ok"
