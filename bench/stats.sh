#!/usr/bin/env bash
# Statistics at scale (issue 7), on this machine, on 127.0.0.1 only:
#   1. builds peduli and peduli-gen in Release into build-bench/ (or uses --build-dir);
#   2. loads COUNT synthetic citizens into a fresh SQLite file (peduli-gen);
#   3. times `peduli stats rebuild` (recounts both counter tables from the base tables) and
#      `peduli stats check` (recounts and compares), and reports stats_counts' rows per
#      citizen (the size a dashboard read is bounded by);
#   4. starts `peduli serve --demo` on that file, signs in the HQ account (password + TOTP)
#      and measures one request at a time (wrk -t1 -c1: latencies, not a queue) of
#      GET /api/v1/stats with no filter, with the largest mission, and with category+sex+age
#      filters, and nginx serving a static file of the same size as the unfiltered answer,
#      the yardstick of the same run.
# Every process it starts is stopped on exit.
#
# Usage: bench/stats.sh [--count N] [--duration 10s] [--build-dir DIR] [--no-build] [--keep]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$ROOT/build-bench
COUNT=200000
DURATION=10s
BUILD_STEP=1
KEEP=0
PORTAL_PORT=18094
NGINX_PORT=18095

while [ $# -gt 0 ]; do
  case "$1" in
    --count) COUNT=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --build-dir) BUILD=$(cd "$2" && pwd); shift 2 ;;
    --no-build) BUILD_STEP=0; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "stats.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in cmake ninja wrk nginx curl jq node sqlite3 bc; do
  command -v "$tool" >/dev/null || { echo "stats.sh: $tool is not installed" >&2; exit 1; }
done
[ -d "$ROOT/web/node_modules/otpauth" ] || (cd "$ROOT/web" && npm ci --no-audit --no-fund)

WORK=$(mktemp -d /tmp/peduli-stats-bench-XXXXXX)
chmod 755 "$WORK"  # nginx workers run as nobody and read the page below it
DATA=$WORK/data
mkdir -p "$DATA" "$WORK/www" "$WORK/nginx/tmp"
PIDS=()
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_traps

timed() {  # name command...: seconds into $WORK/name.s, output into $WORK/name.out
  local name=$1 start
  shift
  start=$(date +%s.%N)
  run_bg "$@" > "$WORK/$name.out" 2>&1 || { cat "$WORK/$name.out" >&2; exit 1; }
  echo "$(date +%s.%N) - $start" | bc > "$WORK/$name.s"
  say "   $name: $(cat "$WORK/$name.s") s: $(tail -1 "$WORK/$name.out")"
}

if [ "$BUILD_STEP" = 1 ]; then
  say "== build (Release) in $BUILD"
  if [ ! -f "$BUILD/build.ninja" ]; then
    timeout 600 cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    echo '*' > "$BUILD/.gitignore"
  fi
  timeout 3600 ninja -C "$BUILD" peduli peduli-gen | tail -1
fi

say "== peduli-gen: $COUNT citizens"
# Persons from 10,000 on: the demo seeding takes persons 0..5,000 (its own citizens).
timed load timeout 7200 "$BUILD/peduli-gen" --database "$DATA/peduli.db" --count "$COUNT" \
  --offset 10000 --assets "$ROOT"

say "== peduli stats rebuild / check"
timed rebuild timeout 3600 "$BUILD/peduli" stats rebuild --database "$DATA/peduli.db"
timed check timeout 3600 "$BUILD/peduli" stats check --database "$DATA/peduli.db"
counter_rows=$(sqlite3 "$DATA/peduli.db" "SELECT COUNT(*) FROM stats_counts")
daily_rows=$(sqlite3 "$DATA/peduli.db" "SELECT COUNT(*) FROM stats_daily")
active=$(sqlite3 "$DATA/peduli.db" "SELECT COALESCE(SUM(n), 0) FROM stats_counts")
say "   stats_counts: $counter_rows rows for $active active stays; stats_daily: $daily_rows rows"

say "== peduli serve --demo on the loaded file"
"$BUILD/peduli" serve --port "$PORTAL_PORT" --data "$DATA" --demo --assets "$ROOT" \
  > "$WORK/server.log" 2>&1 &
SERVER=$!
PIDS+=("$SERVER")
wait_http "http://127.0.0.1:$PORTAL_PORT/healthz" 900 "$SERVER" || {
  echo "stats.sh: the server did not start" >&2; tail -20 "$WORK/server.log" >&2; exit 1; }

# HQ's Bearer token: password, then the code from the demo secret.
pending=$(curl -s -H 'Content-Type: application/json' \
  -d '{"email":"hq@demo.peduli.test","password":"peduli-demo-2026"}' \
  "http://127.0.0.1:$PORTAL_PORT/api/v1/sessions" | jq -r .pending_token)
code=$(node --input-type=module -e "import { totp, DEMO_TOTP_SECRET } from '$ROOT/test/browser/support/totp.mjs'; console.log(totp(DEMO_TOTP_SECRET));")
token=$(curl -s -H 'Content-Type: application/json' \
  -d "{\"pending_token\":\"$pending\",\"code\":\"$code\"}" \
  "http://127.0.0.1:$PORTAL_PORT/api/v1/sessions/second-factor" | jq -r .token)
[ -n "$token" ] && [ "$token" != null ] || { echo "stats.sh: HQ sign-in failed" >&2; exit 1; }
AUTH="Authorization: Bearer $token"

API="http://127.0.0.1:$PORTAL_PORT/api/v1/stats"
curl -s -H "$AUTH" "$API" > "$WORK/www/stats.json"
body_bytes=$(wc -c < "$WORK/www/stats.json")
largest=$(jq -r '.by_mission | to_entries | max_by(.value) | .key' "$WORK/www/stats.json")
say "   unfiltered answer: $body_bytes bytes, total $(jq .total "$WORK/www/stats.json"); largest mission $largest"

run_wrk hq_all "$API" "$AUTH"
run_wrk hq_mission "$API?mission=$largest" "$AUTH"
run_wrk hq_filtered "$API?category=pmi&sex=P&age=25-34" "$AUTH"

start_nginx "$NGINX_PORT" stats.json
run_wrk nginx "http://127.0.0.1:$NGINX_PORT/stats.json"

say
say "== summary ($COUNT citizens, SQLite)"
jq -n --argjson all "$(cat "$WORK/hq_all.json")" --argjson mission "$(cat "$WORK/hq_mission.json")" \
  --argjson filtered "$(cat "$WORK/hq_filtered.json")" --argjson nginx "$(cat "$WORK/nginx.json")" \
  --arg load "$(cat "$WORK/load.s")" --arg rebuild "$(cat "$WORK/rebuild.s")" \
  --arg check "$(cat "$WORK/check.s")" --arg rows "$counter_rows" --arg daily "$daily_rows" \
  --arg active "$active" --arg count "$COUNT" --arg bytes "$body_bytes" '
  def r1: . * 10 | round / 10;
  {load_seconds: ($load | tonumber), rebuild_seconds: ($rebuild | tonumber),
   check_seconds: ($check | tonumber), stats_counts_rows: ($rows | tonumber),
   stats_daily_rows: ($daily | tonumber), active_stays: ($active | tonumber),
   counter_rows_per_citizen: (($rows | tonumber) / ($count | tonumber) * 1000 | round / 1000),
   answer_bytes: ($bytes | tonumber),
   hq_all: $all, hq_largest_mission: $mission, hq_filtered: $filtered, nginx_same_size_static: $nginx,
   p50_over_nginx: {all: ($all.p50_ms / $nginx.p50_ms | r1), mission: ($mission.p50_ms / $nginx.p50_ms | r1),
                    filtered: ($filtered.p50_ms / $nginx.p50_ms | r1)},
   p99_over_nginx: {all: ($all.p99_ms / $nginx.p99_ms | r1), mission: ($mission.p99_ms / $nginx.p99_ms | r1),
                    filtered: ($filtered.p99_ms / $nginx.p99_ms | r1)}}'
