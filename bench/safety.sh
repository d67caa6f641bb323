#!/usr/bin/env bash
# One-tap safety answers (issue 9), on this machine, on 127.0.0.1 only:
#   1. builds peduli in Release into build-bench/ (or uses --build-dir);
#   2. starts `peduli serve --demo` on a fresh SQLite file (5,000 synthetic citizens), stops
#      it, and puts every citizen with a current stay into one active crisis (crisis_people,
#      as a sent alert leaves it);
#   3. issues one token per citizen with the deployment's key (crisis_secrets) in Python:
#      the same bytes as crisis::SafetyTokens (BLAKE2b-256 of the stored key, HMAC-SHA-512
#      truncated, base64url), so the server checks real signatures;
#   4. restarts the server and measures POST /api/v1/safety/<token> with wrk and
#      bench/safety.lua over all tokens (CONNECTIONS connections: throughput, the rate at
#      which answers are accepted), then nginx serving a static file with the same number of
#      connections, the yardstick of the same run;
#   5. checks that the answers were stored (safety_answers rows = 2xx responses).
# Every process it starts is stopped on exit.
#
# Usage: bench/safety.sh [--duration 10s] [--connections 32] [--build-dir DIR] [--no-build]
#                        [--keep]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$ROOT/build-bench
DURATION=10s
CONNECTIONS=32
BUILD_STEP=1
KEEP=0
PORTAL_PORT=18096
NGINX_PORT=18097

while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --build-dir) BUILD=$(cd "$2" && pwd); shift 2 ;;
    --no-build) BUILD_STEP=0; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "safety.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in cmake ninja wrk nginx curl jq sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "safety.sh: $tool is not installed" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/peduli-safety-bench-XXXXXX)
chmod 755 "$WORK"  # nginx workers run as nobody and read the page below it
DATA=$WORK/data
mkdir -p "$DATA" "$WORK/www" "$WORK/nginx/tmp"
PIDS=()
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_traps
THREADS=2

if [ "$BUILD_STEP" = 1 ]; then
  say "== build (Release) in $BUILD"
  if [ ! -f "$BUILD/build.ninja" ]; then
    timeout 600 cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    echo '*' > "$BUILD/.gitignore"
  fi
  timeout 3600 ninja -C "$BUILD" peduli | tail -1
fi

serve() {
  "$BUILD/peduli" serve --port "$PORTAL_PORT" --data "$DATA" --demo --assets "$ROOT" \
    --threads 4 > "$WORK/server.log" 2>&1 &
  SERVER=$!
  PIDS+=("$SERVER")
  wait_http "http://127.0.0.1:$PORTAL_PORT/healthz" 900 "$SERVER" || {
    echo "safety.sh: the server did not start" >&2; tail -20 "$WORK/server.log" >&2; exit 1; }
}

say "== peduli serve --demo: seeding"
serve
stop "$SERVER"

DB=$DATA/peduli.db
sqlite3 "$DB" <<'SQL'
INSERT INTO crises (mission_code, level, title_id, title_en, area, safety_check, state,
                    created_by, created_at, activated_at)
VALUES (NULL, 'danger', 'Uji beban', 'Load test', '{}', 1, 'active', 1, strftime('%s','now'),
        strftime('%s','now'));
INSERT INTO crisis_people (crisis_id, citizen_id, stay_id, mission_code, category, placed_by)
SELECT (SELECT MAX(id) FROM crises), citizen_id, id, mission_code, category, 'country'
FROM stays WHERE ended_at IS NULL;
SQL
crisis=$(sqlite3 "$DB" "SELECT MAX(id) FROM crises")
people=$(sqlite3 "$DB" "SELECT COUNT(*) FROM crisis_people WHERE crisis_id = $crisis")
key=$(sqlite3 "$DB" "SELECT value FROM crisis_secrets WHERE name = 'safety_token_key'")
[ -n "$key" ] || { echo "safety.sh: no safety_token_key after start-up" >&2; exit 1; }
sqlite3 "$DB" "SELECT citizen_id FROM crisis_people WHERE crisis_id = $crisis" > "$WORK/citizens.txt"
KEY="$key" CRISIS="$crisis" python3 - "$WORK/citizens.txt" > "$WORK/tokens.txt" <<'PY'
import base64, hashlib, hmac, os, struct, sys, time
key = hashlib.blake2b(os.environ["KEY"].encode(), digest_size=32).digest()
crisis, expires = int(os.environ["CRISIS"]), int(time.time()) + 86400
for line in open(sys.argv[1]):
    body = bytes([1]) + struct.pack(">qqq", crisis, int(line), expires)
    tag = hmac.new(key, body, hashlib.sha512).digest()[:16]
    print(base64.urlsafe_b64encode(body + tag).decode().rstrip("="))
PY
say "   crisis $crisis: $people people, $(wc -l < "$WORK/tokens.txt") tokens"

say "== peduli serve on the crisis"
serve
first=$(head -1 "$WORK/tokens.txt")
check=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  -d '{"answer":"safe"}' "http://127.0.0.1:$PORTAL_PORT/api/v1/safety/$first")
[ "$check" = 200 ] || { echo "safety.sh: a token was refused ($check)" >&2; exit 1; }
curl -s -H 'Content-Type: application/json' -d '{"answer":"safe"}' \
  "http://127.0.0.1:$PORTAL_PORT/api/v1/safety/$first" > "$WORK/www/answer.json"

before=$(sqlite3 "$DB" "SELECT COUNT(*) FROM safety_answers")
say "== wrk safety answers ($CONNECTIONS connections, $THREADS threads, $DURATION)"
TOKENS_FILE=$WORK/tokens.txt WRK_THREADS=$THREADS run_bg timeout 600 wrk -t"$THREADS" \
  -c"$CONNECTIONS" -d"$DURATION" --timeout 5s --latency -s "$ROOT/bench/safety.lua" \
  "http://127.0.0.1:$PORTAL_PORT" > "$WORK/answers.txt"
sed 's/^/   /' "$WORK/answers.txt"
wrk_stats "$WORK/answers.txt" > "$WORK/answers.json"
after=$(sqlite3 "$DB" "SELECT COUNT(*) FROM safety_answers")
stored=$((after - before))

start_nginx "$NGINX_PORT" answer.json
say "== wrk nginx ($CONNECTIONS connections)"
run_bg timeout 600 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 5s --latency \
  "http://127.0.0.1:$NGINX_PORT/answer.json" > "$WORK/nginx.txt"
sed 's/^/   /' "$WORK/nginx.txt"
wrk_stats "$WORK/nginx.txt" > "$WORK/nginx.json"

say
say "== summary ($people people in the crisis, SQLite)"
jq -n --argjson a "$(cat "$WORK/answers.json")" --argjson n "$(cat "$WORK/nginx.json")" \
  --arg stored "$stored" --arg people "$people" --arg c "$CONNECTIONS" '
  {people: ($people | tonumber), connections: ($c | tonumber), answers: $a,
   answers_stored: ($stored | tonumber), nginx_static: $n,
   rps_over_nginx: ($a.rps / $n.rps * 1000 | round / 1000),
   target_5000_per_s_met: ($a.rps >= 5000)}'
