#!/usr/bin/env bash
# The voter list (DPT LN, issue 8) at scale, on this machine:
#   1. loads COUNT synthetic citizens into a fresh SQLite file (or DATABASE) with peduli-gen;
#   2. creates an election and times `peduli election generate` for every PPLN;
#   3. times the CSV and XLSX exports of the largest PPLN's version.
# Each step prints wall time and peak resident memory (GNU time). The synthetic citizens
# have no Dukcapil verdicts, so the rules are run with verified_state "" (every NIK counts
# as verified) to give a list of realistic size.
#
# Usage: bench/election.sh BUILD_DIR [COUNT] [DATABASE]
#   e.g. bench/election.sh build-e 200000
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
step "load $count citizens" "$build/peduli-gen" --database "$db" --count "$count" --assets .
echo '{"verified_state": ""}' > "$work/rules.json"
"$build/peduli" election create --code BENCH --name Bench --polling-day 2029-02-14 \
  --cutoff 2029-01-15 --database "$db" > /dev/null
step "generate all PPLN" "$build/peduli" election generate --election BENCH \
  --rules "$work/rules.json" --database "$db"
largest=$(awk -F'[ :/]+' '{print $3, $1}' "$work/out.txt" | sort -n -r | head -n 1 | awk '{print $2}')
echo "largest PPLN: $largest"
step "export CSV ($largest)" "$build/peduli" election export --election BENCH --ppln "$largest" \
  --version 1 --out "$work/list.csv" --database "$db"
ls -l "$work/list.csv" | awk '{print "  csv bytes:", $5}'
step "export XLSX ($largest)" "$build/peduli" election export --election BENCH \
  --ppln "$largest" --version 1 --out "$work/list.xlsx" --database "$db"
ls -l "$work/list.xlsx" | awk '{print "  xlsx bytes:", $5}'
