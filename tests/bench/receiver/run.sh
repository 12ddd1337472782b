#!/usr/bin/env bash
# Receiver benchmark (run by hand, not a test): wrk on loopback POSTs a 1 KiB signed JSON body to
# `hookscope listen` (durable storage on), a minimal nginx `return 200` and a Node.js receiver
# that verifies the HMAC, one after the other in the same run; prints requests/s, p99 latency,
# peak RSS and the ratios.
#
#   tests/bench/receiver/run.sh [path/to/hookscope]
#   DURATION=10s CONNECTIONS=32 THREADS=1 WORKERS=1 HOOKSCOPE_ARGS="--no-sync" ...
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
binary="${1:-$here/../../../build/hookscope}"
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-32}"
threads="${THREADS:-1}"
workers="${WORKERS:-1}"
extra_args="${HOOKSCOPE_ARGS:-}"
port_hookscope="${PORT_HOOKSCOPE:-18181}"
port_nginx="${PORT_NGINX:-18182}"
port_node="${PORT_NODE:-18183}"

for tool in wrk nginx node openssl; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
[[ -x "$binary" ]] || { echo "no hookscope binary at $binary (build it first)" >&2; exit 1; }

work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

source "$here/payload.sh"
make_payload "$work"

peak_rss_kib() { awk '/VmHWM/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
ticks_per_second="$(getconf CLK_TCK)"

declare -A rps p99 rss cpu
run_wrk() { # name port pid
    local name=$1 port=$2 pid=$3
    wrk -t"$threads" -c"$connections" -d1s -s "$here/post.lua" "http://127.0.0.1:$port/bench" >/dev/null 2>&1 # warm up
    local out before after threads_before threads_after
    before="$(cpu_ticks "$pid")"
    threads_before="$(thread_ticks "$pid")"
    out="$(wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$here/post.lua" \
        "http://127.0.0.1:$port/bench" 2>&1)"
    after="$(cpu_ticks "$pid")"
    threads_after="$(thread_ticks "$pid")"
    echo "--- $name"
    echo "$out" | grep -E "Requests/sec|99%|Socket errors|non-2xx" | sed 's/^/    /'
    rps[$name]="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
    # The server's own CPU per request (all its threads), from the requests wrk completed.
    local requests
    requests="$(echo "$out" | awk '/requests in/ {print $1}')"
    echo "    CPU by thread: $(thread_cpu "$threads_before" "$threads_after" "$requests")"
    cpu[$name]="$(echo "($after - $before) * 1000000 / $ticks_per_second / $requests" | bc -l)"
    p99[$name]="$(echo "$out" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}')"
    rss[$name]="$(peak_rss_kib "$pid")"
}

# 1. hookscope listen, durable (every request committed, WAL synced, before its 200).
"$binary" listen --port "$port_hookscope" --db "$work/bench.sqlite" --workers "$workers" \
    --endpoint-scheme bench=github --endpoint /bench=bench \
    --endpoint-secret-file "bench=$work/secret" $extra_args >/dev/null 2>"$work/hookscope.err" &
pids+=($!)
hookscope_pid=$!
wait_for_port "$port_hookscope"
run_wrk hookscope "$port_hookscope" "$hookscope_pid"
kill -TERM "$hookscope_pid"
wait "$hookscope_pid" || true
stored="$(grep -o 'stopped; [0-9]*' "$work/hookscope.err" | grep -o '[0-9]*$' || echo '?')"
echo "    stored: $stored requests (warm-up included)"

# 2. nginx: return 200, no logging, one worker in the foreground.
mkdir -p "$work/nginx"
cat > "$work/nginx/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
$( [[ $(id -u) == 0 ]] && echo "user root;" )
error_log $work/nginx/error.log;
pid $work/nginx/nginx.pid;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx;
    proxy_temp_path $work/nginx;
    fastcgi_temp_path $work/nginx;
    uwsgi_temp_path $work/nginx;
    scgi_temp_path $work/nginx;
    server {
        listen 127.0.0.1:$port_nginx;
        location / { return 200 '{"received":true}'; }
    }
}
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
pids+=($!)
nginx_pid=$!
wait_for_port "$port_nginx"
run_wrk nginx "$port_nginx" "$nginx_pid"

# 3. Node.js http receiver verifying the HMAC.
WEBHOOK_SECRET="$secret" node "$here/node-receiver.js" "$port_node" &
pids+=($!)
node_pid=$!
wait_for_port "$port_node"
run_wrk node "$port_node" "$node_pid"

echo
printf '%-10s %12s %10s %13s %16s\n' receiver "requests/s" "p99 ms" "peak RSS MiB" "CPU us/request"
for name in hookscope nginx node; do
    printf '%-10s %12s %10s %13.1f %16.1f\n' "$name" "${rps[$name]}" "${p99[$name]}" \
        "$(echo "${rss[$name]}/1024" | bc -l)" "${cpu[$name]}"
done
echo
ratio() { echo "scale=2; $1 / $2" | bc -l; }
echo "hookscope / node  = $(ratio "${rps[hookscope]}" "${rps[node]}")x  (target >= 2)"
echo "hookscope / nginx = $(ratio "${rps[hookscope]}" "${rps[nginx]}")x  (target >= 0.5)"
echo "hookscope p99 = ${p99[hookscope]} ms at $connections connections (target < 5)"
