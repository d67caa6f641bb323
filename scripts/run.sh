#!/usr/bin/env bash
# One command to a working portal: installs what is missing, builds, and serves
# http://127.0.0.1:8080 on SQLite (data-dev/) with the synthetic demo population.
# Extra arguments go to `peduli serve` (e.g. --port 8081, --database postgresql://...).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh peduli
exec build/peduli serve --port "${PORT:-8080}" --data "${DATA_DIR:-data-dev}" --demo "$@"
