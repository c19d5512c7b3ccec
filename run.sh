#!/usr/bin/env bash
# Runs the whole Docs stack (PostgreSQL, Redis, identity, API, collaboration, worker, web) on this machine.
# Then open http://localhost:8080. Ctrl+C stops everything. Arguments go to the AppHost (e.g. --web:Port=8081).
set -euo pipefail
cd "$(dirname "$0")"
scripts/prerequisites.sh run
# Built, then run as this very process rather than under `dotnet run` (which does not pass signals on to
# the program it starts): Ctrl+C, or a signal to run.sh's own process id, stops everything.
dotnet build Docs.AppHost -nologo -v:quiet -clp:NoSummary
exec Docs.AppHost/bin/Debug/net10.0/Docs.AppHost "$@"
