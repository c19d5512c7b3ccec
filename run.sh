#!/usr/bin/env bash
# Runs the whole Docs stack (PostgreSQL, Redis, identity, API, collaboration, worker, web) on this machine
# through its .NET Aspire AppHost, with Aspire's dashboard. Then open http://localhost:8080; the summary
# printed at start gives the dashboard's URL with its login token. Ctrl+C stops everything.
# Arguments go to the AppHost (e.g. --web:Port=8081 --Infrastructure:Mode=local); a first argument
# --no-build runs what is already built.
set -euo pipefail
cd "$(dirname "$0")"
scripts/prerequisites.sh run
# The AppHost's `http` launch profile, for a run outside an IDE: the dashboard over plain HTTP on
# localhost (these machines have no developer certificate). Settings already in the environment win.
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:15888}"
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="${ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL:-http://localhost:16031}"
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="${ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL:-http://localhost:17031}"
export ASPIRE_ALLOW_UNSECURED_TRANSPORT="${ASPIRE_ALLOW_UNSECURED_TRANSPORT:-true}"
# Built, then run as this very process rather than under `dotnet run` (which does not pass signals on to
# the program it starts): Ctrl+C, or a signal to run.sh's own process id, stops everything.
if [ "${1:-}" = "--no-build" ]; then
  shift
else
  dotnet build Docs.AppHost -nologo -v:quiet -clp:NoSummary
fi
exec Docs.AppHost/bin/Debug/net10.0/Docs.AppHost "$@"
