#!/usr/bin/env bash
# One command to a working portal: installs what is missing, builds, starts the registry
# simulator (Dukcapil, Imigrasi, BP2MI) on 127.0.0.1:8090 and serves http://127.0.0.1:8080
# on SQLite (data-dev/) with the synthetic demo population, its registry checks going to the
# simulator. Extra arguments go to `peduli serve` (e.g. --port 8081, --database postgresql://...).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh peduli peduli-registry-sim
SIM_PORT=${SIM_PORT:-8090}
build/peduli-registry-sim --port "$SIM_PORT" &
sim=$!
trap 'kill $sim 2>/dev/null; wait $sim 2>/dev/null' EXIT INT TERM
build/peduli serve --port "${PORT:-8080}" --data "${DATA_DIR:-data-dev}" --demo \
  --registries "http://127.0.0.1:$SIM_PORT" "$@" &
portal=$!
trap 'kill $portal $sim 2>/dev/null; wait $portal $sim 2>/dev/null' EXIT INT TERM
wait $portal
