#!/usr/bin/env bash
# Runs the whole Docs stack (PostgreSQL, Redis, identity, API, collaboration, worker, web) on this machine.
# Then open http://localhost:8080. Ctrl+C stops everything. Arguments go to the AppHost (e.g. --web:Port=8081).
set -euo pipefail
cd "$(dirname "$0")"
scripts/prerequisites.sh run
exec dotnet run --project Docs.AppHost -- "$@"
