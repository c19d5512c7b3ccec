#!/usr/bin/env bash
# Docs.Collab (durable) and Hocuspocus 4.7 (in memory) through the same scenarios, in one run.
# Arguments: seconds of editing per scenario (30), --pairs N (3), then scenario names to run (S0 ... S4; all by default).
set -euo pipefail
cd "$(dirname "$0")/.."
(cd bench/collab && { [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null; })
dotnet build bench/Docs.Collab.Bench -c Release -nologo -v:quiet >/dev/null
exec dotnet bench/Docs.Collab.Bench/bin/Release/net10.0/Docs.Collab.Bench.dll "$@"
