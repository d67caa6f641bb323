#!/usr/bin/env bash
# Fetches /api/v1/openapi.json from a freshly started server and lints it with Redocly.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d /tmp/peduli-openapi-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
build/peduli serve --port "$port" --data "$work/data" >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$port/api/v1/openapi.json" -o build/openapi.json
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  web/node_modules/.bin/redocly lint --format=stylish build/openapi.json
