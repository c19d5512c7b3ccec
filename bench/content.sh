#!/usr/bin/env bash
# Docs.Content against @blocknote/server-util on a 10,000-block document, in one run. Docs.Content is
# published ReadyToRun, as the services ship. BlockNote runs from the interop tests' packages
# (tests/interop, installed with npm ci when missing). Arguments go to the bench ("compare 5", "pdf 3");
# without any, the comparison runs, then the PDF export of a 100-page document (the machine's Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
interop=tests/interop
if [ ! -f "$interop/node_modules/@blocknote/server-util/package.json" ]; then
  (cd "$interop" && npm ci --no-audit --no-fund --loglevel=error)
fi
ln -sfn ../../tests/interop/node_modules bench/content/node_modules
out=bench/.out/content
dotnet publish bench/Docs.Content.Bench -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -nologo -v:quiet -o "$out" >/dev/null
if [ $# -gt 0 ]; then exec dotnet "$out/Docs.Content.Bench.dll" "$@"; fi
dotnet "$out/Docs.Content.Bench.dll" compare
exec dotnet "$out/Docs.Content.Bench.dll" pdf
