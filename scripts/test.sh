#!/usr/bin/env bash
# Builds and runs every test: unit, storage contract and HTTP integration tests on SQLite
# and on a throwaway PostgreSQL 15 cluster, the OpenAPI lint, and the browser test.
# CI (.ci/run) runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh

pgdir=$(mktemp -d /tmp/peduli-pg-XXXXXX)
chmod 755 "$pgdir"  # the server runs as the postgres user and must reach its data below it
pgport=${PEDULI_PG_PORT:-55433}
cleanup() { scripts/pg-cluster.sh stop "$pgdir/data" >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap cleanup EXIT
pgurl=$(scripts/pg-cluster.sh start "$pgdir/data" "$pgport") || {
  echo "test.sh: could not start PostgreSQL" >&2
  exit 1
}
export PEDULI_TEST_PG=$pgurl
export PEDULI_REQUIRE_PG=1

status=0
echo "== unit, storage and integration tests (SQLite and PostgreSQL)"
ctest --test-dir build --output-on-failure -j2 --timeout 300 || status=1

echo "== OpenAPI document lint"
test/openapi/lint.sh || status=1

echo "== browser test (Chromium, Playwright)"
test/browser/run.sh || status=1

exit $status
