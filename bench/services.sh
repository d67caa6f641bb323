#!/bin/sh
# Consular services (issue 5): the officer queue at OPEN open applications of one mission, and
# appointment booking under contention (every request books into the same two slots).
#
#   bench/services.sh BUILD_DIR [OPEN]      (default OPEN = 100000; SQLite in a temp dir)
set -eu
B=${1:-build}
N=${2:-100000}
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$B/peduli" serve --demo --data "$dir" --port "$port" > "$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
base="http://127.0.0.1:$port"
for i in $(seq 1 120); do curl -sf "$base/healthz" > /dev/null && break; sleep 1; done

totp() {  # RFC 6238 code of the demo secret, $1 steps ahead
  python3 - "$1" <<'PY'
import base64, hashlib, hmac, struct, sys, time
key = base64.b32decode("PEDULIWNIDEMOTOTPSECRET234567ABC")
step = int(time.time()) // 30 + int(sys.argv[1])
h = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
o = h[-1] & 15
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7fffffff) % 1000000))
PY
}
sign_in() {  # email [steps ahead] -> bearer token
  p=$(curl -s -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"peduli-demo-2026\"}" "$base/api/v1/sessions")
  t=$(echo "$p" | jq -r '.token // empty')
  if [ -n "$t" ]; then echo "$t"; return; fi
  pend=$(echo "$p" | jq -r .pending_token)
  curl -s -H 'Content-Type: application/json' -d "{\"pending_token\":\"$pend\",\"code\":\"$(totp "${2:-0}")\"}" \
    "$base/api/v1/sessions/second-factor" | jq -r .token
}

# OPEN open applications at KBRI Kuala Lumpur, due over the next year (none overdue: the
# first read would otherwise also record their escalation).
sqlite3 "$dir/peduli.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
  INSERT INTO applications (citizen_id, account_id, mission_code, service_code, catalog_version_id,
    channel, state, form, submitted_at, due_date, version, updated_at)
  SELECT (SELECT MIN(id) FROM citizens) + i % 5000, NULL, 'KBRI-KUALA-LUMPUR', 'paspor-perpanjangan', 1,
    'counter', 'submitted', '{}', strftime('%s','now'), printf('2027-%02d-%02d', 1 + i % 12, 1 + i % 28), 1,
    strftime('%s','now') FROM n;"
officer=$(sign_in petugas.kl@demo.peduli.test)
echo "open applications: $(sqlite3 "$dir/peduli.db" 'SELECT COUNT(*) FROM applications WHERE closed_at IS NULL')"
for path in /konsol/layanan /api/v1/missions/KBRI-KUALA-LUMPUR/applications; do
  for i in 1 2 3 4 5; do
    curl -s -o /dev/null -w "%{time_total}\n" -H "Authorization: Bearer $officer" "$base$path"
  done | sort -n | awk -v p="$path" '{t[NR]=$1} END {printf "%s: median %.1f ms, max %.1f ms (5 reads, 500 rows each)\n", p, t[3]*1000, t[5]*1000}'
done

# Booking: 200 applications of the demo citizen, two slots of capacity 500 each; every
# request moves its application between the slots (a reschedule: both slot rows are written).
citizen=$(sign_in warga@demo.peduli.test)
day=$(date -u -d '+2 days' +%Y-%m-%d)
s1=$(curl -s -H "Authorization: Bearer $officer" -H 'Content-Type: application/json' \
  -d "{\"service\":\"paspor-perpanjangan\",\"starts_at\":\"${day}T10:00\",\"capacity\":\"500\"}" \
  "$base/api/v1/missions/KBRI-KUALA-LUMPUR/slots" | jq .id)
s2=$(curl -s -H "Authorization: Bearer $officer" -H 'Content-Type: application/json' \
  -d "{\"service\":\"paspor-perpanjangan\",\"starts_at\":\"${day}T11:00\",\"capacity\":\"500\"}" \
  "$base/api/v1/missions/KBRI-KUALA-LUMPUR/slots" | jq .id)
acct=$(sqlite3 "$dir/peduli.db" "SELECT id FROM accounts WHERE email = 'warga@demo.peduli.test'")
cit=$(sqlite3 "$dir/peduli.db" "SELECT id FROM citizens WHERE account_id = $acct")
first=$(sqlite3 "$dir/peduli.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
  INSERT INTO applications (citizen_id, account_id, mission_code, service_code, catalog_version_id,
    channel, state, form, submitted_at, due_date, version, updated_at)
  SELECT $cit, $acct, 'KBRI-KUALA-LUMPUR', 'paspor-perpanjangan', 1, 'online', 'submitted', '{}',
    strftime('%s','now'), '2027-06-01', 1, strftime('%s','now') FROM n;
  SELECT MAX(id) - 199 FROM applications;")
cat > "$dir/book.lua" <<LUA
wrk.method = "PUT"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $citizen"
request = function()
  local app = $first + math.random(0, 199)
  local slot = (math.random(0, 1) == 0) and $s1 or $s2
  return wrk.format(nil, "/api/v1/me/applications/" .. app .. "/appointment", nil, '{"slot_id": "' .. slot .. '"}')
end
LUA
wrk -t2 -c16 -d10s --latency -s "$dir/book.lua" "$base" | grep -E "Requests/sec|50%|99%|Non-2xx"
echo "booked: $(sqlite3 "$dir/peduli.db" "SELECT SUM(booked) FROM appointment_slots") (live appointments: $(sqlite3 "$dir/peduli.db" "SELECT COUNT(*) FROM appointments WHERE status = 'booked'"), capacity never exceeded: $(sqlite3 "$dir/peduli.db" "SELECT COUNT(*) = 0 FROM appointment_slots WHERE booked > capacity"))"

# Issuing documents: 300 ready SPLP applications, issued by 8 concurrent clients (each
# issue takes the next number of one counter row in its transaction); then the numbers are
# checked for gaps and duplicates.
firstready=$(sqlite3 "$dir/peduli.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
  INSERT INTO applications (citizen_id, account_id, mission_code, service_code, catalog_version_id,
    channel, state, form, submitted_at, due_date, version, updated_at)
  SELECT $cit, $acct, 'KBRI-KUALA-LUMPUR', 'splp', 1, 'online', 'ready',
    '{\"fields\":{\"travel_date\":\"$(date -u -d '+10 days' +%Y-%m-%d)\"}}',
    strftime('%s','now'), '2027-06-01', 1, strftime('%s','now') FROM n;
  SELECT MAX(id) - 299 FROM applications;")
start=$(date +%s.%N)
seq "$firstready" $((firstready + 299)) | xargs -P 8 -I{} curl -s -o /dev/null -w "%{http_code} %{time_total}\n" \
  -X POST -H "Authorization: Bearer $officer" -H 'Content-Type: application/json' -d '{}' \
  "$base/api/v1/applications/{}/issued-document" > "$dir/issue.txt"
end=$(date +%s.%N)
ok=$(grep -c '^201 ' "$dir/issue.txt" || true)
awk '{print $2}' "$dir/issue.txt" | sort -n | awk -v s="$start" -v e="$end" -v ok="$ok" '{t[NR]=$1} END {
  printf "issued: %d of %d in %.1f s (%.0f/s), p50 %.1f ms, p99 %.1f ms\n", ok, NR, e - s, ok / (e - s), t[int(NR/2)]*1000, t[int(NR*0.99)]*1000 }'
echo "numbers: $(sqlite3 "$dir/peduli.db" "SELECT COUNT(*) || ' issued, max ' || MAX(seq) || ', distinct ' || COUNT(DISTINCT seq) FROM issued_documents WHERE series = 'SPLP'")"
cit_pdf=$(sqlite3 "$dir/peduli.db" "SELECT application_id FROM issued_documents LIMIT 1")
for i in 1 2 3 4 5; do
  curl -s -o /dev/null -w "%{time_total}\n" -H "Authorization: Bearer $citizen" \
    "$base/api/v1/me/applications/$cit_pdf/issued-document?format=pdf"
done | sort -n | awk '{t[NR]=$1} END {printf "SPLP PDF rendering (download): median %.1f ms, max %.1f ms (5)\n", t[3]*1000, t[5]*1000}'
