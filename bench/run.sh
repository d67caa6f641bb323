#!/usr/bin/env bash
# The portal's load benchmark, on this machine, on 127.0.0.1 only:
#   1. builds peduli and peduli-gen in Release into build-bench/ (incremental);
#   2. loads COUNT synthetic citizens into a fresh SQLite file with peduli-gen (time, rows/s,
#      file size), plus ACCOUNTS signed-in citizen accounts for the HTTP runs;
#   3. starts `peduli serve` on that data and reads its resident memory from /proc;
#   4. runs wrk against PUT /api/v1/me/lapor-diri (bench/submit.lua: every request a write
#      by another account), GET /beranda (bench/home.lua) and, as the yardstick, nginx serving
#      a static HTML file of the same size as that home page;
#   5. prints requests/s and p99 latency of each, and portal/nginx ratios.
# Every process it starts is stopped on exit; every step has a time limit.
#
# Usage: bench/run.sh [--count N] [--accounts K] [--duration 10s] [--connections 64]
#                     [--threads 2] [--portal-threads N] [--no-build] [--keep] [--out FILE]
#                     [--no-verification]
# Unless --no-verification: 6. the cost of queueing registry checks on the submit path
# (submit with verification_enabled=false against the same with checks queued, each with
# fresh accounts), and 7. the drain rate of the queue against the registry simulator.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$ROOT/build-bench
COUNT=1000000
ACCOUNTS=50000
DURATION=10s
CONNECTIONS=64
THREADS=2
PORTAL_THREADS=
BUILD_STEP=1
KEEP=0
OUT=
PORTAL_PORT=18080
NGINX_PORT=18081
SIM_PORT=18082
VERIFICATION=1

while [ $# -gt 0 ]; do
  case "$1" in
    --count) COUNT=$2; shift 2 ;;
    --accounts) ACCOUNTS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --portal-threads) PORTAL_THREADS=$2; shift 2 ;;
    --no-build) BUILD_STEP=0; shift ;;
    --keep) KEEP=1; shift ;;
    --out) OUT=$2; shift 2 ;;
    --no-verification) VERIFICATION=0; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$ACCOUNTS" -ge 1 ] || { echo "run.sh: --accounts must be at least 1" >&2; exit 2; }

for tool in cmake ninja wrk nginx curl jq; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/peduli-bench-XXXXXX)
chmod 755 "$WORK"  # nginx workers run as nobody and read the page below it
DATA=$WORK/data
mkdir -p "$DATA" "$WORK/www" "$WORK/nginx/tmp"
PIDS=()

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_traps

run_wrk() {  # name url [script]: runs wrk, prints its report, stores stats in $WORK/name.json
  local name=$1 url=$2 script=${3:-}
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 5s --latency)
  [ -n "$script" ] && args+=(-s "$script")
  say "== wrk $name: $url"
  TOKENS_FILE=$WORK/tokens.txt BODIES_FILE=$WORK/bodies.jsonl WRK_THREADS=$THREADS \
    run_bg timeout 600 wrk "${args[@]}" "$url" > "$WORK/$name.txt"
  sed 's/^/   /' "$WORK/$name.txt"
  wrk_stats "$WORK/$name.txt" > "$WORK/$name.json"
}
rss_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

for port in $PORTAL_PORT $NGINX_PORT; do
  if port_busy "$port"; then echo "run.sh: 127.0.0.1:$port is in use" >&2; exit 1; fi
done

# 1. Build.
if [ "$BUILD_STEP" = 1 ]; then
  say "== build (Release) in $BUILD"
  if [ ! -f "$BUILD/build.ninja" ]; then
    timeout 600 cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    echo '*' > "$BUILD/.gitignore"
  fi
  timeout 3600 ninja -C "$BUILD" peduli peduli-gen peduli-registry-sim | tail -1
fi
[ -x "$BUILD/peduli" ] && [ -x "$BUILD/peduli-gen" ] || { echo "run.sh: no build in $BUILD" >&2; exit 1; }

# 2. Load.
say "== peduli-gen: $COUNT citizens into a new SQLite file, $ACCOUNTS accounts"
run_bg timeout 7200 "$BUILD/peduli-gen" --database "$DATA/peduli.db" --count "$COUNT" \
  --accounts "$ACCOUNTS" --tokens-out "$WORK/tokens.txt" --bodies-out "$WORK/bodies.jsonl" \
  > "$WORK/gen.json"
DB_BYTES=$(( $(stat -c %s "$DATA/peduli.db") + $(stat -c %s "$DATA/peduli.db-wal" 2>/dev/null || echo 0) ))
jq --argjson bytes "$DB_BYTES" '. + {db_bytes: $bytes}' "$WORK/gen.json" > "$WORK/load.json"
jq -r '"   \(.count) citizens in \(.seconds | .*10 | round / 10) s: \(.rows_per_second | round) citizens/s, \(.table_rows_per_second | round) table rows/s (generation \(.generate_seconds | .*10 | round / 10) s and writing \(.write_seconds | .*10 | round / 10) s overlap); file \(.db_bytes / 1048576 | round) MiB; \(.accounts) accounts in \(.accounts_seconds | .*10 | round / 10) s"' "$WORK/load.json"

# 3. The portal.
say "== peduli serve on 127.0.0.1:$PORTAL_PORT"
serve_args=(serve --port "$PORTAL_PORT" --address 127.0.0.1 --data "$DATA" --assets "$ROOT")
[ -n "$PORTAL_THREADS" ] && serve_args+=(--threads "$PORTAL_THREADS")
"$BUILD/peduli" "${serve_args[@]}" > "$WORK/portal.log" 2>&1 &
PORTAL_PID=$!
PIDS+=("$PORTAL_PID")
if ! wait_http "http://127.0.0.1:$PORTAL_PORT/healthz" 120 "$PORTAL_PID"; then
  echo "run.sh: the portal did not come up; its log:" >&2
  tail -20 "$WORK/portal.log" >&2
  exit 1
fi
RSS_START_KB=$(rss_kb "$PORTAL_PID" VmRSS)
say "   RSS after start: $((RSS_START_KB / 1024)) MiB"

run_wrk submit "http://127.0.0.1:$PORTAL_PORT/api/v1/me/lapor-diri" "$ROOT/bench/submit.lua"
WRITTEN=$(sqlite3 "file:$DATA/peduli.db?mode=ro" \
  "SELECT COUNT(*) FROM citizens WHERE account_id IS NOT NULL" 2>/dev/null || echo "?")
say "   citizens with an account after the run: $WRITTEN"

# The page nginx serves: the home page of a citizen who has just reported, byte for byte.
TOKEN=$(head -1 "$WORK/tokens.txt")
CODE=$(curl -s -o "$WORK/www/beranda.html" -w '%{http_code}' -b "pw_session=$TOKEN" \
  "http://127.0.0.1:$PORTAL_PORT/beranda")
[ "$CODE" = 200 ] || { echo "run.sh: GET /beranda answered $CODE" >&2; exit 1; }
PAGE_BYTES=$(stat -c %s "$WORK/www/beranda.html")
say "   /beranda is $PAGE_BYTES bytes"

run_wrk home "http://127.0.0.1:$PORTAL_PORT/beranda" "$ROOT/bench/home.lua"
RSS_END_KB=$(rss_kb "$PORTAL_PID" VmRSS)
HWM_KB=$(rss_kb "$PORTAL_PID" VmHWM)
say "   RSS after the runs: $((RSS_END_KB / 1024)) MiB (peak $((HWM_KB / 1024)) MiB)"
stop "$PORTAL_PID"

# 4. nginx, as the yardstick.
start_nginx "$NGINX_PORT" beranda.html
run_wrk nginx "http://127.0.0.1:$NGINX_PORT/beranda.html"
stop "$NGINX_PID"

# 6 and 7. Registry checks: what queueing costs a submission, and how fast workers drain.
echo '{}' > "$WORK/verification.json"
if [ "$VERIFICATION" = 1 ]; then
  fresh_accounts() {  # name offset: accounts nobody has used, with bodies of new people
    run_bg timeout 1800 "$BUILD/peduli-gen" --database "$DATA/peduli.db" --count 0 --offset "$2" \
      --accounts "$ACCOUNTS" --tokens-out "$WORK/tokens-$1.txt" --bodies-out "$WORK/bodies-$1.jsonl" \
      --assets "$ROOT" > /dev/null
  }
  submit_run() {  # name [env...]: a portal with that environment, one submit run
    local name=$1; shift
    env "$@" "$BUILD/peduli" "${serve_args[@]}" > "$WORK/portal-$name.log" 2>&1 &
    local pid=$!
    PIDS+=("$pid")
    wait_http "http://127.0.0.1:$PORTAL_PORT/healthz" 120 "$pid" || { tail "$WORK/portal-$name.log" >&2; exit 1; }
    cp "$WORK/tokens-$name.txt" "$WORK/tokens.txt"
    cp "$WORK/bodies-$name.jsonl" "$WORK/bodies.jsonl"
    run_wrk "submit_$name" "http://127.0.0.1:$PORTAL_PORT/api/v1/me/lapor-diri" "$ROOT/bench/submit.lua"
    stop "$pid"
  }
  say "== verification: fresh accounts for two more submit runs"
  fresh_accounts off $((COUNT + ACCOUNTS))
  fresh_accounts on $((COUNT + 2 * ACCOUNTS))
  QUEUED_BEFORE=$(sqlite3 "file:$DATA/peduli.db?mode=ro" "SELECT COUNT(*) FROM verification_jobs WHERE state = 'queued'")
  submit_run off PEDULI_VERIFICATION_ENABLED=false
  submit_run on PEDULI_VERIFICATION_ENABLED=true
  QUEUED=$(sqlite3 "file:$DATA/peduli.db?mode=ro" "SELECT COUNT(*) FROM verification_jobs WHERE state = 'queued'")
  say "   jobs queued: $QUEUED ($QUEUED_BEFORE before the two runs)"

  say "== verification: drain $QUEUED jobs against the simulator on 127.0.0.1:$SIM_PORT"
  "$BUILD/peduli-registry-sim" --port "$SIM_PORT" --assets "$ROOT" > "$WORK/sim.log" 2>&1 &
  SIM_PID=$!
  PIDS+=("$SIM_PID")
  wait_http "http://127.0.0.1:$SIM_PORT/_sim/stats" 60 "$SIM_PID" || { tail "$WORK/sim.log" >&2; exit 1; }
  "$BUILD/peduli" "${serve_args[@]}" --registries "http://127.0.0.1:$SIM_PORT" > "$WORK/portal-drain.log" 2>&1 &
  DRAIN_PID=$!
  PIDS+=("$DRAIN_PID")
  START=$(date +%s.%N)
  LEFT=$QUEUED
  for _ in $(seq 1200); do
    LEFT=$(sqlite3 "file:$DATA/peduli.db?mode=ro" "SELECT COUNT(*) FROM verification_jobs WHERE state IN ('queued','running')" 2>/dev/null || echo "$LEFT")
    [ "$LEFT" = 0 ] && break
    sleep 0.5
  done
  END=$(date +%s.%N)
  stop "$DRAIN_PID"
  stop "$SIM_PID"
  DONE=$((QUEUED - LEFT))
  jq -n --argjson queued "$QUEUED" --argjson done "$DONE" --argjson left "$LEFT" \
    --argjson seconds "$(echo "$END - $START" | bc)" \
    --slurpfile off "$WORK/submit_off.json" --slurpfile on "$WORK/submit_on.json" '
    {submit_off: $off[0], submit_on: $on[0],
     enqueue_cost: (1 - $on[0].rps / $off[0].rps),
     drain: {jobs: $done, left: $left, seconds: $seconds, jobs_per_second: ($done / $seconds)}}' \
    > "$WORK/verification.json"
  jq -r '"   submit without checks \(.submit_off.rps | round) req/s, with checks queued \(.submit_on.rps | round) req/s: \(.enqueue_cost * 1000 | round / 10)% less",
         "   drain: \(.drain.jobs) jobs in \(.drain.seconds * 10 | round / 10) s = \(.drain.jobs_per_second | round) jobs/s (\(.drain.left) left)"' "$WORK/verification.json"
fi

# 5. Summary.
SUMMARY=$(jq -n \
  --slurpfile load "$WORK/load.json" --slurpfile submit "$WORK/submit.json" \
  --slurpfile home "$WORK/home.json" --slurpfile nginx "$WORK/nginx.json" \
  --slurpfile verification "$WORK/verification.json" \
  --argjson rss_start "$RSS_START_KB" --argjson rss_end "$RSS_END_KB" --argjson hwm "$HWM_KB" \
  --argjson page "$PAGE_BYTES" --arg duration "$DURATION" \
  --argjson connections "$CONNECTIONS" --argjson threads "$THREADS" '
  {load: $load[0],
   portal_rss_mib: {after_start: ($rss_start / 1024), after_runs: ($rss_end / 1024), peak: ($hwm / 1024)},
   page_bytes: $page, wrk: {threads: $threads, connections: $connections, duration: $duration},
   submit: $submit[0], home: $home[0], nginx: $nginx[0], verification: $verification[0],
   ratios: {home_rps: ($home[0].rps / $nginx[0].rps), home_p99: ($home[0].p99_ms / $nginx[0].p99_ms),
            submit_rps: ($submit[0].rps / $nginx[0].rps), submit_p99: ($submit[0].p99_ms / $nginx[0].p99_ms)}}')
say "== summary"
jq -r '
  def r: . * 100 | round / 100;
  def r4: . * 10000 | round / 10000;
  "   load        \(.load.count) citizens, \(.load.seconds | r) s, \(.load.rows_per_second | round) citizens/s, \(.load.db_bytes / 1048576 | round) MiB",
  "   portal RSS  \(.portal_rss_mib.after_start | round) MiB after start, \(.portal_rss_mib.peak | round) MiB peak",
  "   nginx       \(.nginx.rps | round) req/s, p99 \(.nginx.p99_ms | r) ms (static \(.page_bytes) bytes)",
  "   GET home    \(.home.rps | round) req/s, p99 \(.home.p99_ms | r) ms, non-2xx \(.home.non_2xx), socket errors/timeouts \(.home.socket_errors)",
  "   PUT submit  \(.submit.rps | round) req/s, p99 \(.submit.p99_ms | r) ms, non-2xx \(.submit.non_2xx), socket errors/timeouts \(.submit.socket_errors)",
  "   portal/nginx: home \(.ratios.home_rps | r4)x req/s, \(.ratios.home_p99 | r)x p99; submit \(.ratios.submit_rps | r4)x req/s, \(.ratios.submit_p99 | r)x p99",
  "   (wrk leaves requests that time out (5 s) out of its latencies)"' <<< "$SUMMARY"
if [ -n "$OUT" ]; then printf '%s\n' "$SUMMARY" > "$OUT"; say "   written to $OUT"; fi
