#!/usr/bin/env bash
# The officers' side at scale (issue 4), on this machine, on 127.0.0.1 only:
#   1. builds peduli, peduli-gen and peduli-search-bench in Release into build-bench/;
#   2. loads COUNT synthetic citizens into a fresh SQLite file (peduli-gen, with the search
#      index);
#   3. search latency through the search service, in process: peduli-search-bench (name,
#      rare and common, with and without the mission scope; NIK), p50/p99/max;
#   4. starts `peduli serve --demo` on that file (the demo staff are added, with the demo
#      TOTP secret; the review rows of the loaded citizens are filled in at start, timed),
#      signs in KBRI Kuala Lumpur's officer with password + TOTP, and measures one request at
#      a time (wrk -t1 -c1, so the figures are latencies, not a queue under load):
#      GET /konsol (the work-queue page, audited), GET /api/v1/work-queue, and nginx serving
#      a static file of the same size as the work-queue page, the yardstick of the same run.
# Every process it starts is stopped on exit.
#
# Usage: bench/console.sh [--count N] [--duration 10s] [--runs 400] [--no-build] [--keep]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$ROOT/build-bench
COUNT=1000000
DURATION=10s
RUNS=400
BUILD_STEP=1
KEEP=0
PORTAL_PORT=18090
NGINX_PORT=18091

while [ $# -gt 0 ]; do
  case "$1" in
    --count) COUNT=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --no-build) BUILD_STEP=0; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "console.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in cmake ninja wrk nginx curl jq node; do
  command -v "$tool" >/dev/null || { echo "console.sh: $tool is not installed" >&2; exit 1; }
done
[ -d "$ROOT/web/node_modules/otpauth" ] || (cd "$ROOT/web" && npm ci --no-audit --no-fund)

WORK=$(mktemp -d /tmp/peduli-console-bench-XXXXXX)
chmod 755 "$WORK"  # nginx workers run as nobody and read the page below it
DATA=$WORK/data
mkdir -p "$DATA" "$WORK/www" "$WORK/nginx/tmp"
PIDS=()
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_traps

if [ "$BUILD_STEP" = 1 ]; then
  say "== build (Release) in $BUILD"
  if [ ! -f "$BUILD/build.ninja" ]; then
    timeout 600 cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    echo '*' > "$BUILD/.gitignore"
  fi
  timeout 3600 ninja -C "$BUILD" peduli peduli-gen peduli-search-bench | tail -1
fi

say "== peduli-gen: $COUNT citizens (with the search index)"
start=$(date +%s.%N)
# Persons from 10,000 on: the demo seeding takes persons 0..5,000 (its own citizens).
run_bg timeout 7200 "$BUILD/peduli-gen" --database "$DATA/peduli.db" --count "$COUNT" --offset 10000 \
  --assets "$ROOT"
load_s=$(echo "$(date +%s.%N) - $start" | bc)

say "== peduli-search-bench ($RUNS queries per case)"
run_bg timeout 1800 "$BUILD/peduli-search-bench" --database "$DATA/peduli.db" --runs "$RUNS" \
  > "$WORK/search.json"
jq -c '.' "$WORK/search.json"

say "== peduli serve --demo on the loaded file"
start=$(date +%s.%N)
"$BUILD/peduli" serve --port "$PORTAL_PORT" --data "$DATA" --demo --assets "$ROOT" \
  > "$WORK/server.log" 2>&1 &
SERVER=$!
PIDS+=("$SERVER")
wait_http "http://127.0.0.1:$PORTAL_PORT/healthz" 900 "$SERVER" || {
  echo "console.sh: the server did not start" >&2; tail -20 "$WORK/server.log" >&2; exit 1; }
start_s=$(echo "$(date +%s.%N) - $start" | bc)

# The officer's Bearer token: password, then the code from the demo secret.
pending=$(curl -s -H 'Content-Type: application/json' \
  -d '{"email":"petugas.kl@demo.peduli.test","password":"peduli-demo-2026"}' \
  "http://127.0.0.1:$PORTAL_PORT/api/v1/sessions" | jq -r .pending_token)
code=$(node --input-type=module -e "import { totp, DEMO_TOTP_SECRET } from '$ROOT/test/browser/support/totp.mjs'; console.log(totp(DEMO_TOTP_SECRET));")
token=$(curl -s -H 'Content-Type: application/json' \
  -d "{\"pending_token\":\"$pending\",\"code\":\"$code\"}" \
  "http://127.0.0.1:$PORTAL_PORT/api/v1/sessions/second-factor" | jq -r .token)
[ -n "$token" ] && [ "$token" != null ] || { echo "console.sh: officer sign-in failed" >&2; exit 1; }
AUTH="Authorization: Bearer $token"

curl -s -H "$AUTH" "http://127.0.0.1:$PORTAL_PORT/konsol" > "$WORK/www/konsol.html"
page_bytes=$(wc -c < "$WORK/www/konsol.html")
queue_total=$(curl -s -H "$AUTH" "http://127.0.0.1:$PORTAL_PORT/api/v1/work-queue" | jq -c '.counts // {}')
say "   work-queue page: $page_bytes bytes; counts $queue_total"

run_wrk queue_page "http://127.0.0.1:$PORTAL_PORT/konsol" "$AUTH"
run_wrk queue_api "http://127.0.0.1:$PORTAL_PORT/api/v1/work-queue" "$AUTH"

start_nginx "$NGINX_PORT" konsol.html
run_wrk nginx "http://127.0.0.1:$NGINX_PORT/konsol.html"

say
say "== summary ($COUNT citizens, SQLite)"
jq -n --argjson search "$(cat "$WORK/search.json")" \
  --argjson page "$(cat "$WORK/queue_page.json")" --argjson api "$(cat "$WORK/queue_api.json")" \
  --argjson nginx "$(cat "$WORK/nginx.json")" --arg load "$load_s" --arg start "$start_s" \
  --arg bytes "$page_bytes" '{
    load_seconds: ($load | tonumber), server_start_seconds: ($start | tonumber),
    search: $search, queue_page: $page, queue_api: $api, nginx_same_size_static: $nginx,
    queue_page_p50_over_nginx_p50: (($page.p50_ms / $nginx.p50_ms) * 10 | round / 10),
    queue_page_bytes: ($bytes | tonumber)}'
