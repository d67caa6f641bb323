#!/usr/bin/env bash
# Crisis alerts (issue 9, alerts), on this machine, on 127.0.0.1 only:
#   1. a database: a COPY of --from (e.g. /tmp/bench10m/peduli.db, never written to), or
#      COUNT citizens generated with peduli-gen (ACCOUNTS of them with verified accounts);
#   2. links the generated accounts to Malaysian citizens (so there is email to send);
#      peduli-crisis-bench migrates it and writes an HQ crisis covering the whole of
#      Malaysia: the preview (a full audience pass) and the first send (audience selected,
#      placed, written to crisis_people, outbox rows queued, one transaction) are timed;
#   3. the outbox send rate: `peduli serve` on that database with a local SMTP sink
#      (bench/smtp_sink.py, stdlib asyncio) and outbox_rate_email raised to 100000/s; the
#      email rows sent are counted until none is queued or DURATION seconds have passed.
#   Yardstick of the same run: sqlite3 copying the country's current stay ids into a new
#   table (the least any audience write can cost on this machine at this moment), and the
#   load average (uptime) before each step.
# Every process it starts is stopped on exit.
#
# Usage: bench/crisis.sh [--from DB] [--count 1000000] [--accounts 20000] [--duration 20]
#                        [--build-dir DIR] [--keep] [--no-preview] [--select-only]
# --select-only stops before step 3 (at 10M, `peduli serve` had not started after 3 minutes
# of start-up writes, probably the console's review-queue backfill).
# With --from, a database with fewer than ACCOUNTS citizen accounts (peduli-gen without
# --accounts, perhaps demo-seeded) gets ACCOUNTS verified accounts added to its copy.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$ROOT/build-bench
FROM=""
COUNT=1000000
ACCOUNTS=20000
DURATION=20
KEEP=0
PREVIEW=""
SELECT_ONLY=0
PORTAL_PORT=18098
SMTP_PORT=18099
while [ $# -gt 0 ]; do
  case "$1" in
    --from) FROM=$2; shift 2 ;;
    --count) COUNT=$2; shift 2 ;;
    --accounts) ACCOUNTS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --build-dir) BUILD=$(cd "$2" && pwd); shift 2 ;;
    --keep) KEEP=1; shift ;;
    --no-preview) PREVIEW=--no-preview; shift ;;
    --select-only) SELECT_ONLY=1; shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "crisis.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
WORK=$(mktemp -d /tmp/peduli-crisis-bench-XXXXXX)
DATA=$WORK/data
mkdir -p "$DATA"
PIDS=()
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
bench_traps

DB=$DATA/peduli.db
if [ -n "$FROM" ]; then
  say "== copy $FROM"
  cp "$FROM" "$DB"
else
  say "== peduli-gen: $COUNT citizens, $ACCOUNTS accounts"
  /usr/bin/time -f "generated in %e s" "$BUILD/peduli-gen" --database "$DB" --count "$COUNT" \
    --accounts "$ACCOUNTS" --tokens-out "$WORK/tokens.txt" --bodies-out "$WORK/bodies.jsonl" --no-search-index --assets "$ROOT" >/dev/null
fi

if [ -n "$FROM" ] && [ "$(sqlite3 "$DB" "SELECT COUNT(*) FROM accounts WHERE role = 'citizen'")" -lt "$ACCOUNTS" ]; then
  say "== $ACCOUNTS verified citizen accounts (the source has fewer, e.g. only the demo's)"
  sqlite3 "$DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ACCOUNTS)
    INSERT INTO accounts (email, name, password_hash, role, created_at, email_verified_at)
    SELECT 'bench' || i || '@bench.peduli.test', 'Bench ' || i, 'x', 'citizen', 0, 0 FROM n;"
fi

# peduli-gen's accounts have no record; give the first of them to Malaysian citizens so
# that the alert has email rows to send (the rest is reached by SMS, WhatsApp and portal).
sqlite3 "$DB" <<'SQL'
WITH acc AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS rn FROM accounts
             WHERE role = 'citizen' AND id NOT IN (SELECT account_id FROM citizens WHERE account_id IS NOT NULL)),
     cit AS (SELECT c.id, ROW_NUMBER() OVER (ORDER BY c.id) AS rn FROM citizens c
             JOIN stays s ON s.citizen_id = c.id AND s.ended_at IS NULL
             WHERE s.country = 'MY' AND c.account_id IS NULL LIMIT (SELECT COUNT(*) FROM acc))
UPDATE citizens SET account_id = (SELECT acc.id FROM acc JOIN cit ON cit.rn = acc.rn WHERE cit.id = citizens.id)
WHERE id IN (SELECT id FROM cit);
SQL

say "== yardstick: sqlite3 copies the current Malaysian stay ids into a new table (load: $(uptime | sed 's/.*average: //'))"
sqlite3 "$DB" <<'SQL'
.timer on
BEGIN;
CREATE TABLE bench_yardstick AS SELECT id, citizen_id FROM stays WHERE country = 'MY' AND ended_at IS NULL;
SELECT COUNT(*) FROM bench_yardstick;
ROLLBACK;
SQL

say "== audience selection and queuing: the whole of Malaysia (load: $(uptime | sed 's/.*average: //'))"
"$BUILD/peduli-crisis-bench" --database "$DB" --assets "$ROOT" --country MY $PREVIEW | tee "$WORK/select.json"
say "(load after: $(uptime | sed 's/.*average: //'))"
[ "$SELECT_ONLY" = 1 ] && exit 0

say "== outbox send rate against a local SMTP sink ($DURATION s, load: $(uptime | sed 's/.*average: //'))"
python3 "$ROOT/bench/smtp_sink.py" "$SMTP_PORT" "$WORK/smtp.count" &
PIDS+=("$!")
PEDULI_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" PEDULI_OUTBOX_RATE_EMAIL=100000 \
PEDULI_OUTBOX_RATE_SMS=0 PEDULI_OUTBOX_RATE_WHATSAPP=0 PEDULI_OUTBOX_RATE_PORTAL=0 \
  "$BUILD/peduli" serve --port "$PORTAL_PORT" --data "$DATA" --assets "$ROOT" --threads 2 \
  > "$WORK/server.log" 2>&1 &
SERVER=$!
PIDS+=("$SERVER")
wait_http "http://127.0.0.1:$PORTAL_PORT/healthz" 600 "$SERVER" || {
  echo "crisis.sh: the server did not start" >&2; tail -20 "$WORK/server.log" >&2; exit 1; }
before=$(sqlite3 "$DB" "SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND state = 'sent'")
# Polled every half second: the window ends when the email rows are all sent or after
# DURATION seconds, so the rate is not diluted by idle time after the queue drained.
t0=$(date +%s.%N)
while :; do
  sleep 0.5
  queued=$(sqlite3 "$DB" "SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND state = 'queued'")
  elapsed=$(echo "$(date +%s.%N) - $t0" | bc)
  [ "$queued" = 0 ] && break
  [ "$(echo "$elapsed >= $DURATION" | bc)" = 1 ] && break
done
after=$(sqlite3 "$DB" "SELECT COUNT(*) FROM outbox WHERE channel = 'email' AND state = 'sent'")
say "email sent in $elapsed s: $((after - before)) ($(echo "($after - $before) / $elapsed" | bc)/s); still queued: $queued; sink received: $(cat "$WORK/smtp.count" 2>/dev/null || echo 0); load: $(uptime | sed 's/.*average: //')"
