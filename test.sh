#!/usr/bin/env bash
# Runs every test. Installs Azurite (the Azure Storage emulator) from npm the first time;
# the tests start and stop their own Azurite and stand-in upstream on free loopback ports.
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter FullyQualifiedName~Archive
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x tests/node_modules/.bin/azurite ]; then
  npm ci --prefix tests --no-audit --no-fund --loglevel=error
fi

dotnet test MusicFunctions.sln "$@"
