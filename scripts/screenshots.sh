#!/usr/bin/env bash
# Regenerates the README's pictures (docs/screenshots/*.png): starts the whole stack, fills it with a few
# documents and photographs the main pages in the machine's Chromium (the browser tests' screenshot test).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh test
export DOCS_SCREENSHOTS="$PWD/docs/screenshots"
mkdir -p "$DOCS_SCREENSHOTS"
dotnet test tests/Docs.BrowserTests -nologo --filter "FullyQualifiedName~ScreenshotTests|FullyQualifiedName~OfflineTests"
ls -1 "$DOCS_SCREENSHOTS"
