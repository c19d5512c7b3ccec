#!/usr/bin/env bash
# Docs.Collab under a flood: well-behaved editors on 20 documents without, then during, a flood of another document
# (bench/collab/flood.mjs: updates and awareness, as fast as the server reads them), and the server's RSS for a minute
# after it. Arguments: seconds of editing per phase (30), --no-budgets (the flood against a server without its byte
# budgets and awareness rate, for comparison), then options of flood.mjs (e.g. --awareness-sockets 4).
set -euo pipefail
cd "$(dirname "$0")/.."
(cd bench/collab && { [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null; })
dotnet build bench/Docs.Collab.Bench -c Release -nologo -v:quiet >/dev/null
exec dotnet bench/Docs.Collab.Bench/bin/Release/net10.0/Docs.Collab.Bench.dll flood "$@"
