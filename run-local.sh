#!/usr/bin/env bash
# Runs the app locally under the Azure Functions host (`func start`), with Azurite for storage
# and, unless MusicApi__BaseUrl in local.settings.json points elsewhere, the stand-in upstream
# on http://127.0.0.1:5080 so no API key is needed. Stops everything it started on exit.
set -euo pipefail
cd "$(dirname "$0")"

command -v func >/dev/null || { echo "Azure Functions Core Tools v4 ('func') is required: see README.md." >&2; exit 1; }

settings=src/MusicFunctions/local.settings.json
if [ ! -f "$settings" ]; then
  cp local.settings.sample.json "$settings"
  echo "Created $settings from local.settings.sample.json"
fi

if [ ! -x tests/node_modules/.bin/azurite ]; then
  npm ci --prefix tests --no-audit --no-fund --loglevel=error
fi

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

mkdir -p .azurite
tests/node_modules/.bin/azurite --silent --location .azurite --skipApiVersionCheck \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 > .azurite/azurite.log 2>&1 &
pids+=($!)
echo "Azurite started (PID ${pids[-1]}), data in .azurite/"

if grep -q '"MusicApi__BaseUrl": *"http://127.0.0.1:5080' "$settings"; then
  dotnet run --project tests/MusicFunctions.StandIn -- --urls http://127.0.0.1:5080 > .azurite/stand-in.log 2>&1 &
  pids+=($!)
  echo "Stand-in upstream started (PID ${pids[-1]}) on http://127.0.0.1:5080/v1, log in .azurite/stand-in.log"
fi

cd src/MusicFunctions
func start
