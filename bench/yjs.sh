#!/usr/bin/env bash
# Docs.Yjs against npm yjs on the B4 trace, in one run. Docs.Yjs is published ReadyToRun (precompiled),
# as the services ship; pass --jit to measure a plain build instead. Other arguments go to the bench
# (e.g. "fuzz 1000000").
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/.out/yjs
if [ "${1:-}" = "--jit" ]; then
  shift
  dotnet build bench/Docs.Yjs.Bench -c Release -nologo -v:quiet -o "$out-jit" >/dev/null
  exec dotnet "$out-jit/Docs.Yjs.Bench.dll" "$@"
fi
dotnet publish bench/Docs.Yjs.Bench -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -nologo -v:quiet -o "$out" >/dev/null
exec dotnet "$out/Docs.Yjs.Bench.dll" "$@"
