#!/usr/bin/env bash
# Docs.Api under load on the real stack, against a bare endpoint in the same process and run.
# Builds everything in Release (the services run from the AppHost's build). Argument: seconds per scenario (10).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Docs.Api.Bench -c Release -nologo -v:quiet >/dev/null
exec dotnet bench/Docs.Api.Bench/bin/Release/net10.0/Docs.Api.Bench.dll "$@"
