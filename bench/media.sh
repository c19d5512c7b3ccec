#!/usr/bin/env bash
# Attachments through Docs.Web against Kestrel alone, in the same run (see bench/README.md). Builds in Release.
# Argument: rounds of the 50 MiB file (4).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Docs.Media.Bench -c Release -nologo -v:quiet >/dev/null
exec dotnet bench/Docs.Media.Bench/bin/Release/net10.0/Docs.Media.Bench.dll "$@"
