#!/usr/bin/env bash
# The test command from the README. It sets up what the tests need on a fresh machine, then checks
# the house style and runs every test project. Today that needs only the NuGet restore; servers the
# tests need later (SMTP, PostgreSQL, Chromium) are installed and started from here.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet restore CspAlerts.sln
# The house style of .editorconfig: any file that `dotnet format` would change fails the run.
dotnet format CspAlerts.sln --verify-no-changes --no-restore
dotnet test CspAlerts.sln -c Release --no-restore --logger "console;verbosity=normal" "$@"
