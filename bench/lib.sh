# Shared by the benchmark scripts (bench/run.sh, bench/console.sh); sourced, not run.
# The caller sets WORK (a scratch directory), KEEP (1: keep WORK) and PIDS=() before use,
# and installs the traps with bench_traps.

stop() {  # pid: TERM, then KILL after 10 s
  local pid=$1 i
  kill "$pid" 2>/dev/null || return 0
  for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  local pid
  for pid in "${PIDS[@]}"; do stop "$pid"; done
  if [ "$KEEP" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
bench_traps() {
  trap cleanup EXIT
  trap 'exit 130' INT TERM
}

say() { printf '%s\n' "$*"; }
# Runs a command in the background and waits for it, so that a signal stops the script (and,
# through the EXIT trap, the command) at once rather than after the command ends.
run_bg() {
  "$@" &
  local pid=$!
  PIDS+=("$pid")
  wait "$pid"
}
port_busy() { curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/"; }
wait_http() {  # url seconds pid
  local i
  for i in $(seq $(($2 * 10))); do
    curl -s -o /dev/null --max-time 1 "$1" && return 0
    kill -0 "$3" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# nginx serving $WORK/www on 127.0.0.1:PORT, the yardstick of a run; waits until PAGE
# answers. Sets NGINX_PID (also in PIDS). Needs $WORK/nginx/tmp and WORK readable by nobody.
start_nginx() {  # port page
  local port=$1 page=$2
  cat > "$WORK/nginx/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
  types { text/html html; }
  sendfile on;
  server {
    listen 127.0.0.1:$port;
    root $WORK/www;
  }
}
EOF
  say "== nginx on 127.0.0.1:$port"
  nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" > "$WORK/nginx/stdout.log" 2>&1 &
  NGINX_PID=$!
  PIDS+=("$NGINX_PID")
  if ! wait_http "http://127.0.0.1:$port/$page" 20 "$NGINX_PID"; then
    echo "nginx did not come up:" >&2
    cat "$WORK/nginx/stdout.log" "$WORK/nginx/error.log" >&2 2>/dev/null || true
    exit 1
  fi
}

# Figures of a wrk --latency report as JSON: requests/s, p50 and p99 in ms, non-2xx/3xx
# responses, socket errors and requests.
wrk_stats() {
  awk '
    function ms(v) {
      if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
      if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
      if (v ~ /s$/) { sub(/s$/, "", v); return v * 1000 }
      return v + 0
    }
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    /Socket errors:/ { gsub(/,/, ""); errors = $4 + $6 + $8 + $10 }
    /requests in/ { total = $1 }
    END { printf "{\"rps\": %s, \"p50_ms\": %s, \"p99_ms\": %s, \"non_2xx\": %d, \"socket_errors\": %d, \"requests\": %d}\n",
                 rps + 0, p50 + 0, p99 + 0, bad + 0, errors + 0, total + 0 }' "$1"
}

# One connection of wrk for $DURATION against a URL (with an optional header, e.g. a Bearer
# token): prints the report and stores its figures in $WORK/name.json (bench/console.sh,
# bench/stats.sh; bench/run.sh has its own, with several connections and a Lua script).
run_wrk() {  # name url [header]
  local name=$1 url=$2 header=${3:-}
  local args=(-t1 -c1 -d"$DURATION" --timeout 5s --latency)
  [ -n "$header" ] && args+=(-H "$header")
  say "== wrk $name (one connection): $url"
  run_bg timeout 600 wrk "${args[@]}" "$url" > "$WORK/$name.txt"
  sed 's/^/   /' "$WORK/$name.txt"
  wrk_stats "$WORK/$name.txt" > "$WORK/$name.json"
}
