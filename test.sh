#!/usr/bin/env bash
# The test command from the README. It sets up what the tests need on a fresh machine, then runs
# every test project. Today that is only the NuGet restore (dotnet test does it); servers the
# tests need later (SMTP, PostgreSQL, Chromium) are installed and started from here.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet test CspAlerts.sln -c Release --logger "console;verbosity=normal" "$@"
