#!/usr/bin/env bash
# Statistics at scale (issue 7), on this machine, on 127.0.0.1 only:
#   1. builds peduli and peduli-gen in Release into build-bench/ (or uses --build-dir);
#   2. loads COUNT synthetic citizens into a fresh SQLite file (peduli-gen), or uses an
#      already loaded file (--database FILE: it is written to: migrated, rebuilt, demo
#      seeded, submitted to; pass a copy);
#   3. times `peduli stats rebuild` and `peduli stats check` with their peak RSS (GNU time)
#      and counts the rows of every counter table (what a dashboard read is bounded by);
#   4. starts `peduli serve --demo` on it, signs in HQ (password + TOTP) and measures one
#      request at a time (wrk -t1 -c1: latencies, not a queue) of GET /api/v1/stats with no
#      filter, with mission=KBRI-KUALA-LUMPUR, and category=pmi&sex=P&age=25-34 (served in
#      part by the fine table: the fallback), against nginx serving a static file of the
#      size of the unfiltered answer, the yardstick of the same run;
#   5. write -> screen: N times, a long-polling SSE client (the dashboard's
#      /konsol/statistik/stream, HQ, unfiltered) waits while a new citizen PUTs Lapor Diri;
#      the time from the PUT's 2xx (committed) to the event's arrival;
#   6. the submit path with and without counter maintenance (stats_counters = false, a
#      bench-only setting), each a fresh set of accounts, wrk -t2 -cCONNECTIONS, PAIRS
#      times in alternating order; besides req/s, the server's CPU time per 2xx submit
#      (utime + stime from /proc/PID/stat over the wrk run), the steadier figure on a
#      shared host, and its read/write system calls and bytes per 2xx (/proc/PID/io: the
#      pages SQLite reads and writes). wrk wraps around the accounts: with fewer accounts
#      than requests most submits report the same record again (no new counter row), so
#      the off/on ratio moves with the throughput; --accounts >= req/s x duration makes
#      every submit a new citizen. One uncounted warm-up run first; per pair also a run
#      with the fold off (stats_fold_ms = 0: the request's own counter work, SQLite); each
#      run's CPU includes the fold of its last pending rows (2 s wait after wrk). Before
#      the pairs, the views again with 1 s of writes pending (the fold off);
#   7. with --pg URL (an empty PostgreSQL database): loads --pg-count citizens there, times
#      rebuild, and measures the same three dashboard views.
# Every process it starts is stopped on exit.
#
# Usage: bench/stats.sh [--count N | --database FILE] [--duration 10s] [--accounts 2000]
#          [--connections 16] [--sse 50] [--pg URL [--pg-count 1000000]]
#          [--build-dir DIR] [--no-build] [--gen PATH] [--no-rebuild] [--no-check]
#          [--pairs 1] [--account-offset N] [--keep]
# (--no-check: skip `stats check`, about 3 minutes per million citizens. --account-offset:
# where the fresh accounts' persons start, default COUNT + 20,000,000; a second run on the
# same file needs another. --gen: another peduli-gen binary, e.g. one already built while the tree is rebuilding.)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$ROOT/build-bench
GEN=
COUNT=200000
DATABASE=
DURATION=10s
ACCOUNTS=2000
CONNECTIONS=16
SSE_RUNS=50
PG_URL=
PG_COUNT=1000000
BUILD_STEP=1
REBUILD=1
CHECK=1
PAIRS=1
ACCOUNT_OFFSET=
KEEP=0
PORTAL_PORT=18094
NGINX_PORT=18095

while [ $# -gt 0 ]; do
  case "$1" in
    --count) COUNT=$2; shift 2 ;;
    --database) DATABASE=$(realpath "$2"); shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --accounts) ACCOUNTS=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --sse) SSE_RUNS=$2; shift 2 ;;
    --pg) PG_URL=$2; shift 2 ;;
    --pg-count) PG_COUNT=$2; shift 2 ;;
    --build-dir) BUILD=$(cd "$2" && pwd); shift 2 ;;
    --no-build) BUILD_STEP=0; shift ;;
    --no-rebuild) REBUILD=0; shift ;;
    --no-check) CHECK=0; shift ;;
    --pairs) PAIRS=$2; shift 2 ;;
    --account-offset) ACCOUNT_OFFSET=$2; shift 2 ;;
    --gen) GEN=$(realpath "$2"); shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,36p' "$0"; exit 0 ;;
    *) echo "stats.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in cmake ninja wrk nginx curl jq node sqlite3 bc /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "stats.sh: $tool is not installed" >&2; exit 1; }
done
[ -d "$ROOT/web/node_modules/otpauth" ] || (cd "$ROOT/web" && npm ci --no-audit --no-fund)

WORK=$(mktemp -d /tmp/peduli-stats-bench-XXXXXX)
chmod 755 "$WORK"  # nginx workers run as nobody and read the page below it
DATA=$WORK/data
mkdir -p "$DATA" "$WORK/www" "$WORK/nginx/tmp"
DB=${DATABASE:-$DATA/peduli.db}
PIDS=()
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_traps

timed() {  # name command...: seconds into $WORK/name.s, peak RSS (KiB) into $WORK/name.rss
  local name=$1 start
  shift
  start=$(date +%s.%N)
  run_bg /usr/bin/time -v -o "$WORK/$name.time" "$@" > "$WORK/$name.out" 2>&1 || {
    cat "$WORK/$name.out" >&2; exit 1; }
  echo "$(date +%s.%N) - $start" | bc > "$WORK/$name.s"
  awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/$name.time" > "$WORK/$name.rss"
  say "   $name: $(cat "$WORK/$name.s") s, peak RSS $(( $(cat "$WORK/$name.rss") / 1024 )) MiB: $(tail -1 "$WORK/$name.out")"
}

if [ "$BUILD_STEP" = 1 ]; then
  say "== build (Release) in $BUILD"
  if [ ! -f "$BUILD/build.ninja" ]; then
    timeout 600 cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    echo '*' > "$BUILD/.gitignore"
  fi
  timeout 3600 ninja -C "$BUILD" peduli peduli-gen | tail -1
fi

GEN=${GEN:-$BUILD/peduli-gen}
if [ -z "$DATABASE" ]; then
  say "== peduli-gen: $COUNT citizens"
  # Persons from 10,000 on: the demo seeding takes persons 0..5,000 (its own citizens).
  timed load timeout 7200 "$GEN" --database "$DB" --count "$COUNT" \
    --offset 10000 --assets "$ROOT" --no-search-index
else
  COUNT=$(sqlite3 "$DB" "SELECT COUNT(*) FROM citizens")
  say "== using $DB ($COUNT citizens)"
  echo 0 > "$WORK/load.s"
fi

if [ "$REBUILD" = 1 ]; then
  say "== peduli stats rebuild / check"
  timed rebuild timeout 7200 "$BUILD/peduli" stats rebuild --database "$DB"
  if [ "$CHECK" = 1 ]; then
    timed check timeout 7200 "$BUILD/peduli" stats check --database "$DB"
  else
    echo 0 > "$WORK/check.s"; echo 0 > "$WORK/check.rss"
  fi
else  # --no-rebuild: the counters as they are (a file already migrated and rebuilt)
  for x in rebuild check; do echo 0 > "$WORK/$x.s"; echo 0 > "$WORK/$x.rss"; done
fi
TABLES="stats_counts stats_hq_age stats_hq_passport stats_mission_sex stats_hq_origin
  stats_mission_state stats_mission_place stats_mission_passport stats_mission_age stats_mission_origin"
echo '{}' > "$WORK/rows.json"
for t in $TABLES; do
  n=$(sqlite3 "$DB" "SELECT COUNT(*) FROM $t")
  kl=$(sqlite3 "$DB" "SELECT COUNT(*) FROM pragma_table_info('$t') WHERE name = 'mission_code'")
  [ "$kl" = 1 ] && kl=$(sqlite3 "$DB" "SELECT COUNT(*) FROM $t WHERE mission_code = 'KBRI-KUALA-LUMPUR'") || kl=null
  jq --arg t "$t" --argjson n "$n" --argjson kl "$kl" '.[$t] = {rows: $n, kl_rows: $kl}' \
    "$WORK/rows.json" > "$WORK/rows.tmp" && mv "$WORK/rows.tmp" "$WORK/rows.json"
done
active=$(sqlite3 "$DB" "SELECT COALESCE(SUM(n), 0) FROM stats_mission_sex")
say "   $active active stays; rows per table (all; KBRI-KUALA-LUMPUR): $(jq -c . "$WORK/rows.json")"

hq_token() {  # HQ's Bearer token: password, then the code from the demo secret
  local pending code window
  # A code is accepted once: a second sign-in in the same 30 s step waits for the next.
  window=$(($(date +%s) / 30))
  if [ "$window" = "$(cat "$WORK/totp.window" 2>/dev/null)" ]; then
    sleep $(((window + 1) * 30 + 1 - $(date +%s)))
    window=$((window + 1))
  fi
  echo "$window" > "$WORK/totp.window"
  pending=$(curl -s -H 'Content-Type: application/json' \
    -d '{"email":"hq@demo.peduli.test","password":"peduli-demo-2026"}' \
    "http://127.0.0.1:$PORTAL_PORT/api/v1/sessions" | jq -r .pending_token)
  code=$(node --input-type=module -e "import { totp, DEMO_TOTP_SECRET } from '$ROOT/test/browser/support/totp.mjs'; console.log(totp(DEMO_TOTP_SECRET));")
  curl -s -H 'Content-Type: application/json' \
    -d "{\"pending_token\":\"$pending\",\"code\":\"$code\"}" \
    "http://127.0.0.1:$PORTAL_PORT/api/v1/sessions/second-factor" | jq -r .token
}

start_portal() {  # name database [env...]: peduli serve --demo; sets PORTAL
  local name=$1 db=$2
  shift 2
  env "$@" "$BUILD/peduli" serve --port "$PORTAL_PORT" --data "$DATA" --database "$db" --demo \
    --assets "$ROOT" > "$WORK/server-$name.log" 2>&1 &
  PORTAL=$!
  PIDS+=("$PORTAL")
  wait_http "http://127.0.0.1:$PORTAL_PORT/healthz" 1800 "$PORTAL" || {
    echo "stats.sh: the server did not start" >&2; tail -20 "$WORK/server-$name.log" >&2; exit 1; }
}

views() {  # prefix: the three dashboard views as HQ, one connection each
  local token api
  token=$(hq_token)
  [ -n "$token" ] && [ "$token" != null ] || { echo "stats.sh: HQ sign-in failed" >&2; exit 1; }
  AUTH="Authorization: Bearer $token"
  api="http://127.0.0.1:$PORTAL_PORT/api/v1/stats"
  curl -s -H "$AUTH" "$api" > "$WORK/$1_all.body"
  curl -s -H "$AUTH" "$api?mission=KBRI-KUALA-LUMPUR" > "$WORK/$1_mission.body"
  curl -s -H "$AUTH" "$api?category=pmi&sex=P&age=25-34" > "$WORK/$1_filtered.body"
  say "   HQ: total $(jq .total "$WORK/$1_all.body") ($(jq -r .counters "$WORK/$1_all.body")); KL: $(jq .total "$WORK/$1_mission.body") ($(jq -r .counters "$WORK/$1_mission.body")); filtered: $(jq .total "$WORK/$1_filtered.body") ($(jq -r .counters "$WORK/$1_filtered.body"))"
  run_wrk "$1_all" "$api" "$AUTH"
  run_wrk "$1_mission" "$api?mission=KBRI-KUALA-LUMPUR" "$AUTH"
  run_wrk "$1_filtered" "$api?category=pmi&sex=P&age=25-34" "$AUTH"
}

fresh_accounts() {  # name offset: accounts nobody has used, with bodies of new people
  run_bg timeout 1800 "$GEN" --database "$DB" --count 0 --offset "$2" \
    --accounts "$ACCOUNTS" --tokens-out "$WORK/tokens-$1.txt" --bodies-out "$WORK/bodies-$1.jsonl" \
    --assets "$ROOT" > /dev/null
}

say "== peduli serve --demo on the loaded file"
start_portal views "$DB"
views sqlite
cp "$WORK/sqlite_all.body" "$WORK/www/stats.json"
body_bytes=$(wc -c < "$WORK/www/stats.json")
stop "$PORTAL"
start_nginx "$NGINX_PORT" stats.json
run_wrk nginx "http://127.0.0.1:$NGINX_PORT/stats.json"
stop "$NGINX_PID"

# After the first start: the demo seeding (staff accounts) runs only on a file without
# accounts.
say "== accounts for the write runs (SSE, submit without and with counters)"
OFFSET=${ACCOUNT_OFFSET:-$((COUNT + 20000000))}
fresh_accounts sse "$OFFSET"
fresh_accounts pending $((OFFSET + (2 * PAIRS + 1) * ACCOUNTS))
fresh_accounts warm $((OFFSET + (2 * PAIRS + 2) * ACCOUNTS))
for i in $(seq "$PAIRS"); do
  fresh_accounts "off$i" $((OFFSET + (2 * i - 1) * ACCOUNTS))
  fresh_accounts "on$i" $((OFFSET + 2 * i * ACCOUNTS))
  fresh_accounts "req$i" $((OFFSET + (2 * PAIRS + 2 + i) * ACCOUNTS))
done
start_portal sse "$DB"

say "== write -> SSE event, $SSE_RUNS times (HQ's unfiltered live dashboard)"
TOKEN=$(hq_token)
cat > "$WORK/sse.mjs" <<'EOF'
import { readFileSync } from 'node:fs';
const [base, hq, tokensFile, bodiesFile, runs] = process.argv.slice(2);
const lines = (f) => readFileSync(f, 'utf8').split('\n').filter(Boolean);
const tokens = lines(tokensFile), bodies = lines(bodiesFile);
const stream = `${base}/konsol/statistik/stream`;
const auth = { Authorization: `Bearer ${hq}` };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fromCommit = [], fromSend = [];
for (let i = 0; i < Number(runs); i++) {
  const first = await (await fetch(stream, { headers: auth })).text();
  const id = /^id: (\d+)$/m.exec(first)[1];
  const waiting = fetch(stream, { headers: { ...auth, 'Last-Event-ID': id } })
    .then((r) => r.text()).then((body) => ({ at: performance.now(), body }));
  await sleep(100);  // the long poll is waiting on the server
  const sent = performance.now();
  const put = await fetch(`${base}/api/v1/me/lapor-diri`, {
    method: 'PUT', body: bodies[i],
    headers: { Authorization: `Bearer ${tokens[i]}`, 'Content-Type': 'application/json' } });
  await put.text();
  const committed = performance.now();
  if (!put.ok) throw new Error(`PUT ${put.status}`);
  const ev = await waiting;
  if (!ev.body.includes('event: stats')) throw new Error('no event: ' + ev.body.slice(0, 200));
  fromCommit.push(ev.at - committed);
  fromSend.push(ev.at - sent);
}
const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const r = (x) => Math.round(x * 10) / 10;
console.log(JSON.stringify({ runs: fromCommit.length,
  commit_to_event_ms: { p50: r(pct(fromCommit, 0.5)), p99: r(pct(fromCommit, 0.99)), max: r(Math.max(...fromCommit)) },
  send_to_event_ms: { p50: r(pct(fromSend, 0.5)), p99: r(pct(fromSend, 0.99)), max: r(Math.max(...fromSend)) } }));
EOF
# (A file, not stdin: run_bg's background job reads /dev/null.)
run_bg timeout 900 node "$WORK/sse.mjs" "http://127.0.0.1:$PORTAL_PORT" "$TOKEN" \
  "$WORK/tokens-sse.txt" "$WORK/bodies-sse.jsonl" "$SSE_RUNS" > "$WORK/sse.json"
say "   $(cat "$WORK/sse.json")"
stop "$PORTAL"

# The same views while writes are pending (SQLite, 0035): with the fold off
# (stats_fold_ms = 0), 1 s of new citizens' submits leave their rows in stats_pending,
# about twice what the fold (every 500 ms) leaves at the most; each view then adds them.
wrk_submit() {  # accounts duration [wrk option...]: the accounts' Lapor Diri PUTs, -t2
  local accounts=$1 duration=$2
  shift 2
  TOKENS_FILE=$WORK/tokens-$accounts.txt BODIES_FILE=$WORK/bodies-$accounts.jsonl WRK_THREADS=2 \
    run_bg timeout 600 wrk -t2 -c"$CONNECTIONS" -d"$duration" --timeout 5s "$@" \
    -s "$ROOT/bench/submit.lua" "http://127.0.0.1:$PORTAL_PORT/api/v1/me/lapor-diri"
}
start_portal pending "$DB" PEDULI_STATS_FOLD_MS=0 PEDULI_VERIFICATION_ENABLED=false
wrk_submit pending 1s > /dev/null
say "== views with $(sqlite3 "$DB" "SELECT COUNT(*) FROM stats_pending") counter rows pending"
views pending
stop "$PORTAL"

cpu_ticks() {  # pid: utime + stime so far, in clock ticks
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}
io_counts() {  # pid: {"rchar":..,"wchar":..,"syscr":..,"syscw":..} so far (bytes and calls
  # through read/write system calls, page cache included: what SQLite's pager reads and writes)
  awk -F': ' '/^(rchar|wchar|syscr|syscw):/ { printf "%s\"%s\": %s", (n++ ? ", " : "{"), $1, $2 }
    END { print "}" }' "/proc/$1/io"
}

submit_run() {  # name [env...]: a portal with that environment, one submit run
  local name=$1 t0 t1
  shift
  start_portal "submit-$name" "$DB" "$@"
  # The rows a "req" run (fold off) left pending are folded by this server's first fold,
  # then checkpointed, before the count starts (once they fell into the next run's count:
  # 0.770 ms per submit against 0.662 and 0.702 in the other pairs). A "req" server does
  # not fold: it starts with what the last one left.
  if [[ " $* " != *" PEDULI_STATS_FOLD_MS=0 "* ]]; then
    until [ "$(sqlite3 "$DB" "SELECT COUNT(*) FROM stats_pending")" = 0 ]; do sleep 0.5; done
  fi
  sleep 3
  say "== wrk submit_$name (-t2 -c$CONNECTIONS)"
  t0=$(cpu_ticks "$PORTAL")
  io0=$(io_counts "$PORTAL")
  wrk_submit "$name" "$DURATION" --latency > "$WORK/submit_$name.txt"
  # Counted too: the fold of the run's last pending counter rows (SQLite, 0035; every
  # stats_fold_ms), in both runs alike.
  sleep 2
  t1=$(cpu_ticks "$PORTAL")
  io1=$(io_counts "$PORTAL")
  sed 's/^/   /' "$WORK/submit_$name.txt"
  wrk_stats "$WORK/submit_$name.txt" | jq --argjson ticks "$((t1 - t0))" \
    --argjson hz "$(getconf CLK_TCK)" --argjson io0 "$io0" --argjson io1 "$io1" \
    '. + {server_cpu_ms_per_2xx: (if (.requests - .non_2xx) > 0
          then ($ticks * 1000 / $hz / (.requests - .non_2xx) * 1000 | round / 1000) else null end)}
     | . + (if (.requests - .non_2xx) > 0 then (.requests - .non_2xx) as $ok |
          {server_io_per_2xx: {read_kb: (($io1.rchar - $io0.rchar) / 1024 / $ok * 10 | round / 10),
             write_kb: (($io1.wchar - $io0.wchar) / 1024 / $ok * 10 | round / 10),
             reads: (($io1.syscr - $io0.syscr) / $ok * 10 | round / 10),
             writes: (($io1.syscw - $io0.syscw) / $ok * 10 | round / 10)}} else {} end)' \
    > "$WORK/submit_$name.json"
  say "   $(jq -c . "$WORK/submit_$name.json"); load $(cut -d' ' -f1-3 /proc/loadavg)"
  stop "$PORTAL"
}
# Not counted: the first submit run after the steps above was slower in every run (0.66-0.79
# ms CPU per 2xx, against 0.62-0.67 for the later runs without counters), which made the
# first pair's "off" look dear and the counters cheap.
submit_run warm PEDULI_STATS_COUNTERS=true PEDULI_VERIFICATION_ENABLED=false
# Per pair, a third run: counters on with the fold off (stats_fold_ms = 0), i.e. only what
# the citizen's request itself does (SQLite: the pending rows); "on" minus that is the fold.
for i in $(seq "$PAIRS"); do  # alternating order: off first in odd pairs, on first in even
  if [ $((i % 2)) = 1 ]; then order="off on req"; else order="req on off"; fi
  for mode in $order; do
    case $mode in
      off) submit_run "off$i" PEDULI_STATS_COUNTERS=false PEDULI_VERIFICATION_ENABLED=false ;;
      on) submit_run "on$i" PEDULI_STATS_COUNTERS=true PEDULI_VERIFICATION_ENABLED=false ;;
      req) submit_run "req$i" PEDULI_STATS_COUNTERS=true PEDULI_STATS_FOLD_MS=0 \
             PEDULI_VERIFICATION_ENABLED=false ;;
    esac
  done
done
for mode in off on req; do  # each mode's mean over the pairs
  jq -s '{rps: (map(.rps) | add / length), server_cpu_ms_per_2xx: (map(.server_cpu_ms_per_2xx) | add / length),
          runs: .}' "$WORK"/submit_"$mode"[0-9]*.json > "$WORK/submit_$mode.json"
done
if [ "$REBUILD" = 1 ]; then
  say "== the counters skipped in the 'off' run: rebuild after it"
  timed rebuild_after "$BUILD/peduli" stats rebuild --database "$DB"
fi  # (--no-rebuild: the file is left with those counters behind; rebuild before reuse)

echo '{}' > "$WORK/pg.json"
if [ -n "$PG_URL" ]; then
  say "== PostgreSQL: peduli-gen $PG_COUNT citizens into $PG_URL"
  timed pg_load timeout 7200 "$GEN" --database "$PG_URL" --count "$PG_COUNT" \
    --offset 10000 --assets "$ROOT" --no-search-index
  timed pg_rebuild timeout 7200 "$BUILD/peduli" stats rebuild --database "$PG_URL"
  timed pg_check timeout 7200 "$BUILD/peduli" stats check --database "$PG_URL"
  start_portal pg "$PG_URL"
  views pg
  stop "$PORTAL"
  jq -n --slurpfile a "$WORK/pg_all.json" --slurpfile m "$WORK/pg_mission.json" \
    --slurpfile f "$WORK/pg_filtered.json" --arg count "$PG_COUNT" \
    --arg rebuild "$(cat "$WORK/pg_rebuild.s")" --arg rss "$(cat "$WORK/pg_rebuild.rss")" \
    '{citizens: ($count | tonumber), rebuild_seconds: ($rebuild | tonumber),
      rebuild_peak_rss_mib: (($rss | tonumber) / 1024 | round),
      hq_all: $a[0], hq_mission: $m[0], hq_filtered: $f[0]}' > "$WORK/pg.json"
fi


say
say "== summary ($COUNT citizens, SQLite)"
jq -n --slurpfile all "$WORK/sqlite_all.json" --slurpfile mission "$WORK/sqlite_mission.json" \
  --slurpfile filtered "$WORK/sqlite_filtered.json" --slurpfile nginx "$WORK/nginx.json" \
  --slurpfile off "$WORK/submit_off.json" --slurpfile on "$WORK/submit_on.json" \
  --slurpfile req "$WORK/submit_req.json" \
  --slurpfile sse "$WORK/sse.json" --slurpfile rows "$WORK/rows.json" --slurpfile pg "$WORK/pg.json" \
  --slurpfile pall "$WORK/pending_all.json" --slurpfile pmission "$WORK/pending_mission.json" \
  --arg load "$(cat "$WORK/load.s")" --arg rebuild "$(cat "$WORK/rebuild.s")" \
  --arg rebuild_rss "$(cat "$WORK/rebuild.rss")" --arg check "$(cat "$WORK/check.s")" \
  --arg check_rss "$(cat "$WORK/check.rss")" --arg active "$active" --arg count "$COUNT" \
  --arg bytes "$body_bytes" '
  def r1: . * 10 | round / 10;
  ($all[0]) as $all | ($mission[0]) as $mission | ($filtered[0]) as $filtered | ($nginx[0]) as $nginx |
  {citizens: ($count | tonumber), active_stays: ($active | tonumber), load_seconds: ($load | tonumber),
   rebuild_seconds: ($rebuild | tonumber), rebuild_peak_rss_mib: (($rebuild_rss | tonumber) / 1024 | round),
   check_seconds: ($check | tonumber), check_peak_rss_mib: (($check_rss | tonumber) / 1024 | round),
   rows: $rows[0], answer_bytes: ($bytes | tonumber),
   hq_all: $all, hq_kl: $mission, hq_filtered_fallback: $filtered, nginx_same_size_static: $nginx,
   p50_over_nginx: {all: ($all.p50_ms / $nginx.p50_ms | r1), kl: ($mission.p50_ms / $nginx.p50_ms | r1),
                    filtered: ($filtered.p50_ms / $nginx.p50_ms | r1)},
   p99_over_nginx: {all: ($all.p99_ms / $nginx.p99_ms | r1), kl: ($mission.p99_ms / $nginx.p99_ms | r1),
                    filtered: ($filtered.p99_ms / $nginx.p99_ms | r1)},
   with_rows_pending: {hq_all: $pall[0], hq_kl: $pmission[0]},
   write_to_sse: $sse[0],
   submit_without_counters: $off[0], submit_with_counters: $on[0],
   counters_cost_rps_percent: ((1 - $on[0].rps / $off[0].rps) * 1000 | round / 10),
   counters_cost_cpu_percent: (($on[0].server_cpu_ms_per_2xx / $off[0].server_cpu_ms_per_2xx - 1) * 1000 | round / 10),
   submit_with_counters_fold_off: $req[0],
   counters_request_path_cpu_percent: (($req[0].server_cpu_ms_per_2xx / $off[0].server_cpu_ms_per_2xx - 1) * 1000 | round / 10),
   postgresql: $pg[0]}'
