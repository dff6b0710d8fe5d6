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
DB="${QUOTEGRAPH_DB:-$ROOT/quotegraph.db}"
QG_SCRIPT=example.sh ./scripts/setup-venv.sh

QG="$ROOT/.venv/bin/quotegraph"
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
