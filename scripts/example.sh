#!/usr/bin/env bash
# The main job on the bundled example: set up .venv (once), extract every
# article in examples/ into the SQLite database quotegraph.db, show a search,
# and say how to browse it.
#
#     ./scripts/example.sh              # uses ./quotegraph.db
#     QUOTEGRAPH_DB=/tmp/q.db ./scripts/example.sh
#
# Running it again is cheap: the install is skipped when requirements.lock and
# pyproject.toml are unchanged (the same stamp as scripts/test.sh), and ingest
# skips articles already stored unchanged. PYTHON picks the interpreter used to
# create .venv (default: python3.11, else python3; 3.11 or newer).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.quotegraph-install"
DB="${QUOTEGRAPH_DB:-$ROOT/quotegraph.db}"

find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3.11 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 \
            && "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "example.sh: need Python >= 3.11 with the venv module (Debian: apt-get install python3 python3-venv)" >&2
    return 1
}

if [ ! -x "$VENV/bin/python" ]; then
    PY="$(find_python)"
    echo "example.sh: creating .venv with $("$PY" --version)"
    "$PY" -m venv "$VENV"
fi

LOG="$VENV/install.log"
pip_install() {
    "$VENV/bin/python" -m pip install --disable-pip-version-check "$@" >>"$LOG" 2>&1 \
        || { tail -n 40 "$LOG" >&2; echo "example.sh: pip install $* failed; full log in $LOG" >&2; exit 1; }
}

if [ -f requirements.lock ]; then
    want="$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1) $ROOT"
    have="$(cat "$STAMP" 2>/dev/null || true)"
    if [ "$want" != "$have" ]; then
        echo "example.sh: installing requirements.lock into .venv (log: .venv/install.log)"
        : > "$LOG"
        pip_install --require-hashes -r requirements.lock
        pip_install --no-deps --no-build-isolation -e .
        echo "$want" > "$STAMP"
    fi
elif ! "$VENV/bin/python" -c 'import quotegraph' 2>/dev/null; then
    echo "example.sh: no requirements.lock; installing the project with pip (log: .venv/install.log)"
    : > "$LOG"
    pip_install .
fi

QG="$VENV/bin/quotegraph"
echo
echo "== quotegraph ingest examples/ --db $DB"
status=0
"$QG" ingest examples/ --db "$DB" || status=$?
echo
echo "== quotegraph search solidarity --db $DB"
"$QG" search solidarity --db "$DB"
echo
echo "== quotegraph search --speaker 'Ken Loach' --db $DB --limit 5"
"$QG" search --speaker "Ken Loach" --db "$DB" --limit 5
echo
echo "Browse it (read-only, on this machine only):"
echo "    $QG serve --db $DB    # then open http://127.0.0.1:8000/"
exit "$status"
