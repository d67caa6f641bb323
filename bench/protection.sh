#!/usr/bin/env bash
# Protection cases at scale (issue 6), on this machine, on 127.0.0.1 only:
#   1. builds peduli and peduli-gen in Release into build-bench/ (or uses --build-dir);
#   2. loads COUNT synthetic citizens (peduli-gen: demo::Population, synthetic people only)
#      into a fresh SQLite file, then CASES protection cases about them in one INSERT ...
#      SELECT (bulk; every case's subject is one of those synthetic citizens; categories,
#      priorities, states and deadlines spread by id; overdue ones already escalated to HQ,
#      so the measured reads do not spend their time escalating);
#   3. starts `peduli serve --demo` on it, signs in petugas.kl (officer, KBRI Kuala Lumpur)
#      and hq (password + TOTP), and measures one request at a time (wrk -t1 -c1) of:
#      the mission case list JSON (GET /api/v1/cases) and page (GET /konsol/kasus) as the
#      officer, and the HQ case dashboard JSON (GET /api/v1/protection/dashboard) and page
#      (GET /konsol/kasus/dasbor) as HQ; against nginx serving a static file of the size of
#      the case list JSON, the yardstick of the same run.
# Every process it starts is stopped on exit.
#
# Usage: bench/protection.sh [--count 100000] [--cases 100000] [--duration 10s]
#          [--build-dir DIR] [--no-build] [--keep]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$ROOT/build-bench
COUNT=100000
CASES=100000
DURATION=10s
BUILD_STEP=1
KEEP=0
PORTAL_PORT=18096
NGINX_PORT=18097

while [ $# -gt 0 ]; do
  case "$1" in
    --count) COUNT=$2; shift 2 ;;
    --cases) CASES=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --build-dir) BUILD=$(cd "$2" && pwd); shift 2 ;;
    --no-build) BUILD_STEP=0; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "protection.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in cmake ninja wrk nginx curl jq node sqlite3 bc; do
  command -v "$tool" >/dev/null || { echo "protection.sh: $tool is not installed" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/peduli-protection-bench-XXXXXX)
chmod 755 "$WORK"  # nginx workers run as nobody and read the page below it
DATA=$WORK/data
mkdir -p "$DATA" "$WORK/www" "$WORK/nginx/tmp"
DB=$DATA/peduli.db
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
  timeout 3600 ninja -C "$BUILD" peduli peduli-gen | tail -1
fi

say "== peduli-gen: $COUNT citizens"
start=$(date +%s.%N)
# Persons from 10,000 on: the demo seeding takes persons 0..5,000 (its own citizens).
run_bg timeout 7200 "$BUILD/peduli-gen" --database "$DB" --count "$COUNT" --offset 10000 \
  --assets "$ROOT" --no-search-index > "$WORK/gen.out" 2>&1 || { cat "$WORK/gen.out" >&2; exit 1; }
say "   $(echo "$(date +%s.%N) - $start" | bc) s"

say "== $CASES cases about those citizens (one INSERT ... SELECT)"
NOW=$(date +%s)
start=$(date +%s.%N)
# Cycles over the citizens when CASES > COUNT. States: 40% new, 20% triaged, 20% in progress,
# 10% resolved, 10% closed; every 7th open case overdue (already escalated to HQ).
sqlite3 "$DB" <<SQL
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $CASES),
people AS (SELECT c.id, c.full_name, c.nik, c.birth_date, s.mission_code, s.country,
                  ROW_NUMBER() OVER (ORDER BY c.id) - 1 AS k
           FROM citizens c JOIN stays s ON s.citizen_id = c.id AND s.ended_at IS NULL),
np AS (SELECT COUNT(*) AS total FROM people),
picked AS (SELECT n.i, p.* FROM n, np JOIN people p ON p.k = n.i % np.total),
shaped AS (SELECT *,
  CASE i % 13 WHEN 0 THEN 'wage' WHEN 1 THEN 'contract' WHEN 2 THEN 'detention'
    WHEN 3 THEN 'death_penalty' WHEN 4 THEN 'trafficking' WHEN 5 THEN 'online_scam'
    WHEN 6 THEN 'death' WHEN 7 THEN 'illness' WHEN 8 THEN 'missing' WHEN 9 THEN 'violence'
    WHEN 10 THEN 'disaster' WHEN 11 THEN 'stranded' ELSE 'other' END AS category,
  CASE i % 10 WHEN 0 THEN 'new' WHEN 1 THEN 'new' WHEN 2 THEN 'new' WHEN 3 THEN 'new'
    WHEN 4 THEN 'triaged' WHEN 5 THEN 'triaged' WHEN 6 THEN 'in_progress'
    WHEN 7 THEN 'in_progress' WHEN 8 THEN 'resolved' ELSE 'closed' END AS state,
  CASE i % 4 WHEN 0 THEN 'urgent' WHEN 1 THEN 'high' ELSE 'normal' END AS priority
  FROM picked)
INSERT INTO cases (tracking_number, mission_code, source, channel, category, priority,
  risk_flags, restricted, state, outcome, citizen_id, subject_name, subject_nik,
  subject_birth_date, country, summary, due_at, escalation_level, created_at, updated_at)
SELECT printf('PW-B%03d-%04d', i / 10000, i % 10000), mission_code, 'officer', 'hotline',
  category, priority, '', CASE WHEN category IN ('trafficking', 'violence', 'death_penalty')
  THEN 1 ELSE 0 END, state, CASE WHEN state IN ('resolved', 'closed') THEN 'other' END,
  id, full_name, nik, birth_date, country, 'Kasus sintetis untuk uji beban.',
  CASE WHEN state IN ('resolved', 'closed') THEN NULL
       WHEN i % 7 = 0 THEN $NOW - 3600 * (1 + i % 200)
       ELSE $NOW + 3600 * (1 + i % 500) END,
  CASE WHEN state NOT IN ('resolved', 'closed') AND i % 7 = 0 THEN 2 ELSE 0 END,
  $NOW - 86400 * (i % 365), $NOW - 86400 * (i % 365)
FROM shaped;
INSERT INTO case_actions (case_id, kind, internal, body, to_state, actor_role, created_at)
SELECT id, 'report', 0, '', 'new', 'officer', created_at FROM cases WHERE tracking_number LIKE 'PW-B%';
ANALYZE;
SQL
say "   $(echo "$(date +%s.%N) - $start" | bc) s; $(sqlite3 "$DB" "SELECT COUNT(*) FROM cases") cases, KL open: $(sqlite3 "$DB" "SELECT COUNT(*) FROM cases WHERE mission_code = 'KBRI-KUALA-LUMPUR' AND state NOT IN ('resolved', 'closed')")"
# The bulk INSERT bypassed the dashboard's counter rows (migration 0027): recount them, as
# after any load that does not go through ProtectionStore.
"$BUILD/peduli" protection counts rebuild --database "$DB"

token() {  # email: a staff Bearer token (password, then the code from the demo secret)
  local pending code
  pending=$(curl -s -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"peduli-demo-2026\"}" \
    "http://127.0.0.1:$PORTAL_PORT/api/v1/sessions" | jq -r .pending_token)
  code=$(node --input-type=module -e "import { totp, DEMO_TOTP_SECRET } from '$ROOT/test/browser/support/totp.mjs'; console.log(totp(DEMO_TOTP_SECRET));")
  curl -s -H 'Content-Type: application/json' \
    -d "{\"pending_token\":\"$pending\",\"code\":\"$code\"}" \
    "http://127.0.0.1:$PORTAL_PORT/api/v1/sessions/second-factor" | jq -r .token
}

say "== peduli serve --demo on the loaded file"
"$BUILD/peduli" serve --port "$PORTAL_PORT" --data "$DATA" --database "$DB" --demo \
  --assets "$ROOT" > "$WORK/server.log" 2>&1 &
PORTAL=$!
PIDS+=("$PORTAL")
wait_http "http://127.0.0.1:$PORTAL_PORT/healthz" 1800 "$PORTAL" || {
  echo "protection.sh: the server did not start" >&2; tail -20 "$WORK/server.log" >&2; exit 1; }
OFFICER=$(token petugas.kl@demo.peduli.test)
sleep 31  # each staff sign-in uses up a TOTP time step
HQ=$(token hq@demo.peduli.test)
for t in "$OFFICER" "$HQ"; do
  [ -n "$t" ] && [ "$t" != null ] || { echo "protection.sh: sign-in failed" >&2; exit 1; }
done
BASE=http://127.0.0.1:$PORTAL_PORT
curl -s -H "Authorization: Bearer $OFFICER" "$BASE/api/v1/cases" > "$WORK/www/cases.json"
curl -s -H "Authorization: Bearer $HQ" "$BASE/api/v1/protection/dashboard" > "$WORK/dashboard.json"
cp "$WORK/dashboard.json" "$WORK/www/dashboard.json"  # nginx also serves the dashboard's own size
say "   KL list page: $(jq '.cases | length' "$WORK/www/cases.json") cases, $(wc -c < "$WORK/www/cases.json") bytes; dashboard: $(jq -c .totals "$WORK/dashboard.json")"
run_wrk list_json "$BASE/api/v1/cases" "Authorization: Bearer $OFFICER"
run_wrk list_page "$BASE/konsol/kasus" "Authorization: Bearer $OFFICER"
run_wrk dashboard_json "$BASE/api/v1/protection/dashboard" "Authorization: Bearer $HQ"
run_wrk dashboard_page "$BASE/konsol/kasus/dasbor" "Authorization: Bearer $HQ"
run_wrk dashboard_kl_json "$BASE/api/v1/protection/dashboard?mission=KBRI-KUALA-LUMPUR" "Authorization: Bearer $HQ"
stop "$PORTAL"
"$BUILD/peduli" protection counts check --database "$DB" || say "   the counters drifted (above)"

start_nginx "$NGINX_PORT" cases.json
run_wrk nginx "http://127.0.0.1:$NGINX_PORT/cases.json"
run_wrk nginx_dashboard "http://127.0.0.1:$NGINX_PORT/dashboard.json"

say
say "== summary ($CASES cases about $COUNT synthetic citizens, SQLite)"
jq -n --slurpfile lj "$WORK/list_json.json" --slurpfile lp "$WORK/list_page.json" \
  --slurpfile dj "$WORK/dashboard_json.json" --slurpfile dp "$WORK/dashboard_page.json" \
  --slurpfile dk "$WORK/dashboard_kl_json.json" --slurpfile ng "$WORK/nginx.json" \
  --slurpfile nd "$WORK/nginx_dashboard.json" \
  --arg cases "$CASES" '
  def r1: . * 10 | round / 10;
  {cases: ($cases | tonumber), list_json: $lj[0], list_page: $lp[0], dashboard_json: $dj[0],
   dashboard_page: $dp[0], dashboard_kl_json: $dk[0], nginx_same_size_static: $ng[0],
   nginx_dashboard_size_static: $nd[0],
   dashboard_json_over_nginx_same_size: ($dj[0].p50_ms / $nd[0].p50_ms | r1),
   p50_over_nginx: {list_json: ($lj[0].p50_ms / $ng[0].p50_ms | r1), list_page: ($lp[0].p50_ms / $ng[0].p50_ms | r1),
                    dashboard_json: ($dj[0].p50_ms / $ng[0].p50_ms | r1), dashboard_page: ($dp[0].p50_ms / $ng[0].p50_ms | r1)}}'
