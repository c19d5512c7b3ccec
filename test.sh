#!/usr/bin/env bash
# Runs every test: unit, interop and integration tests against a real PostgreSQL, Redis and the real
# services (each test fixture starts its own stack on random ports). Arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"
scripts/prerequisites.sh test

# The interop tests drive the real npm packages (yjs, y-protocols, BlockNote): install them from the
# lock file whenever it changed.
interop=tests/interop
if [ ! -f "$interop/node_modules/.package-lock.json" ] || [ "$interop/package-lock.json" -nt "$interop/node_modules/.package-lock.json" ]; then
  (cd "$interop" && npm ci --no-audit --no-fund --loglevel=error)
fi

dotnet build Docs.sln -nologo -clp:NoSummary -v:quiet

results="$(mktemp -d)"
status=0
# One test assembly at a time: several whole stacks at once are too much for a two-core machine.
dotnet test Docs.sln --no-build -nologo -m:1 --logger "trx" --results-directory "$results" "$@" || status=$?

# One closing line for every assembly together, read from the TRX reports.
passed=0; failed=0; skipped=0
for report in "$results"/*.trx; do
  [ -f "$report" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$report" | head -n 1)"
  value() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(value passed)))
  failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
  skipped=$((skipped + $(value notExecuted)))
done
rm -rf "$results"
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
