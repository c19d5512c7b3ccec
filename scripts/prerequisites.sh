#!/usr/bin/env bash
# Checks what the machine must provide and installs missing Debian/Ubuntu packages (apt-get, with sudo
# when not root). Where it cannot install, it stops with the exact command to run.
# Usage: scripts/prerequisites.sh run|test

set -euo pipefail

purpose="${1:-run}"

say() { printf '%s\n' "$*" >&2; }

# The .NET SDK cannot come from here; everything else can.
if ! command -v dotnet >/dev/null 2>&1; then
  say "Docs needs the .NET 10 SDK (the 'dotnet' command), which is not on PATH. Install it first:"
  say "    https://learn.microsoft.com/dotnet/core/install/linux"
  exit 1
fi
sdk_major="$(dotnet --version 2>/dev/null | cut -d. -f1 || true)"
if [ -z "$sdk_major" ] || [ "$sdk_major" -lt 10 ]; then
  say "Docs needs the .NET 10 SDK; 'dotnet --version' says '$(dotnet --version 2>&1 | head -n 1)'. Install the .NET 10 SDK."
  exit 1
fi

has_postgres_server() {
  local bindir=""
  if command -v pg_config >/dev/null 2>&1; then bindir="$(pg_config --bindir 2>/dev/null || true)"; fi
  [ -n "$bindir" ] && [ -x "$bindir/initdb" ] && [ -x "$bindir/postgres" ] && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

missing=()
has_postgres_server || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v setsid >/dev/null 2>&1 || missing+=(util-linux)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# The browser tests drive the machine's Chromium (never a browser downloaded by a tool).
if [ "$purpose" = test ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
# The content tests read exported PDFs back (pdftotext, pdfinfo, pdfimages) and open exported DOCX in LibreOffice.
if [ "$purpose" = test ] && ! command -v pdftotext >/dev/null 2>&1; then missing+=(poppler-utils); fi
if [ "$purpose" = test ] && ! command -v libreoffice >/dev/null 2>&1; then missing+=(libreoffice-writer-nogui); fi

[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  say "Missing: ${missing[*]}. Install them with your system's package manager, then run this again."
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo)
else
  say "Missing: ${missing[*]}. Install them with:"
  say "    sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  exit 1
fi

say "Installing ${missing[*]} for '$purpose' (apt-get)..."
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
say "Installed ${missing[*]}."
