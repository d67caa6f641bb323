#!/usr/bin/env bash
# The voter list (DPT LN, issue 8) at scale, on this machine:
#   1. loads COUNT synthetic citizens into a fresh SQLite file (or DATABASE) with peduli-gen
#      (without the officers' search index, which the list does not read);
#   2. creates an election and times `peduli election generate` for every PPLN;
#   3. times the CSV of the whole list (every PPLN's latest version, one file), and beside
#      it the yardstick: the sqlite3 shell writing the same rows and columns as CSV
#      (`.mode csv`, no escaping of formulas, no paging), so the ratio survives a noisy host;
#   4. times the CSV and XLSX exports of the largest PPLN's version.
# Each step prints wall time and peak resident memory (GNU time). The synthetic citizens
# have no Dukcapil verdicts, so the rules are run with verified_state "" (every NIK counts
# as verified) to give a list of realistic size.
#
# Usage: bench/election.sh BUILD_DIR [COUNT] [DATABASE]
#   e.g. bench/election.sh build 200000
# A DATABASE that already holds citizens is used as it is (step 1 is skipped), so a 10M
# load can be reused: bench/election.sh build 10000000 /data/10m.db
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?build directory}
count=${2:-200000}
work=$(mktemp -d /tmp/peduli-election-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
db=${3:-$work/bench.db}
step() {  # label, command...
  local label=$1; shift
  /usr/bin/time -f "$label: %e s, peak RSS %M KiB" "$@" > "$work/out.txt"
  tail -n 3 "$work/out.txt"
}
if [ -s "$db" ] && [ "$(sqlite3 "$db" 'SELECT COUNT(*) FROM citizens' 2>/dev/null || echo 0)" -gt 0 ]; then
  echo "using $db: $(sqlite3 "$db" 'SELECT COUNT(*) FROM citizens') citizens"
else
  step "load $count citizens" "$build/peduli-gen" --database "$db" --count "$count" --assets . \
    --no-search-index
fi
echo '{"verified_state": ""}' > "$work/rules.json"
code=BENCH$(date +%s)
"$build/peduli" election create --code "$code" --name Bench --polling-day 2029-02-14 \
  --cutoff 2029-01-15 --database "$db" > /dev/null
step "generate all PPLN" "$build/peduli" election generate --election "$code" \
  --rules "$work/rules.json" --database "$db"
largest=$(awk -F'[ :/]+' '{print $3, $1}' "$work/out.txt" | sort -n -r | head -n 1 | awk '{print $2}')
echo "largest PPLN: $largest"

step "export CSV, whole list" "$build/peduli" election export --election "$code" \
  --out "$work/all.csv" --database "$db"
ls -l "$work/all.csv" | awk '{print "  csv bytes:", $5}'
# The yardstick: the same voters and columns, in the same order, straight out of SQLite.
/usr/bin/time -f "yardstick, sqlite3 .mode csv of the same rows: %e s, peak RSS %M KiB" \
  sqlite3 -csv "$db" "SELECT v.ppln, e.unit, e.method, e.seq, e.nik, e.full_name, e.sex,
    e.birth_date, e.marital_status, e.address, e.city
    FROM voter_list_versions v JOIN elections el ON el.id = v.election_id AND el.code = '$code'
    JOIN voter_list_entries e ON e.version_id = v.id AND e.included = 1
    ORDER BY v.ppln, e.unit, e.seq" > "$work/raw.csv"
wc -l < "$work/raw.csv" | awk '{print "  yardstick rows:", $1}'

step "export CSV ($largest)" "$build/peduli" election export --election "$code" --ppln "$largest" \
  --version 1 --out "$work/list.csv" --database "$db"
ls -l "$work/list.csv" | awk '{print "  csv bytes:", $5}'
step "export XLSX ($largest)" "$build/peduli" election export --election "$code" \
  --ppln "$largest" --version 1 --out "$work/list.xlsx" --database "$db"
ls -l "$work/list.xlsx" | awk '{print "  xlsx bytes:", $5}'
