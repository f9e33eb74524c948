#!/usr/bin/env bash
# The test command from the README. It sets up what the tests need on a fresh machine (NuGet
# packages; PostgreSQL 15 and, from the mail tests' own fixture, the aiosmtpd SMTP server, both from
# Debian's packages; Chromium for the browser tests), then checks the house style and runs every
# test project.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# PostgreSQL for the state store tests: installed from Debian if missing, started on 127.0.0.1:55432.
CSPALERTS_TEST_POSTGRES="$(tests/scripts/postgres.sh start)"
export CSPALERTS_TEST_POSTGRES
# The mail tests start their own aiosmtpd through tests/scripts/smtp.sh; install it up front.
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || { apt-get update -q && apt-get install -y -q python3-aiosmtpd openssl; }
# The lead emails' trend charts need a font; ScottPlot silently drops every label without one.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || { apt-get update -q && apt-get install -y -q fonts-dejavu-core; }
# The web pages are tested in a real headless Chromium, Debian's; Playwright downloads nothing.
[ -x /usr/lib/chromium/chromium ] || { apt-get update -q && apt-get install -y -q chromium; }
dotnet restore CspAlerts.sln
# The house style of .editorconfig: any file that `dotnet format` would change fails the run.
dotnet format CspAlerts.sln --verify-no-changes --no-restore
dotnet test CspAlerts.sln -c Release --no-restore --logger "console;verbosity=normal" "$@"
