#!/usr/bin/env bash
# A/B of two hookscope builds (run by hand, not a test): alternates `hookscope listen` runs of
# OLD and NEW under the same wrk load as run.sh, so both see the same machine, and prints each
# run's requests/s, p99 and the server's CPU per request.
#
#   tests/bench/receiver/compare.sh OLD_BINARY NEW_BINARY [ROUNDS]
#   DURATION=8s CONNECTIONS=32 DB_DIR=/dev/shm HOOKSCOPE_ARGS="--no-sync" ...
# DB_DIR=/dev/shm (tmpfs: fdatasync costs nothing) takes the disk out of the comparison.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[[ $# -ge 2 ]] || { echo "usage: $0 OLD_BINARY NEW_BINARY [ROUNDS]" >&2; exit 2; }
old=$1 new=$2 rounds=${3:-3}
duration="${DURATION:-8s}"
connections="${CONNECTIONS:-32}"
extra_args="${HOOKSCOPE_ARGS:-}"
port="${PORT_HOOKSCOPE:-18181}"
for binary in "$old" "$new"; do
    [[ -x "$binary" ]] || { echo "not an executable: $binary" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "missing: wrk" >&2; exit 1; }

work="$(mktemp -d)"
db_dir="$(mktemp -d "${DB_DIR:-$work}/hookscope-compare.XXXXXX")"
server=""
cleanup() {
    [[ -n "$server" ]] && kill "$server" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work" "$db_dir"
}
trap cleanup EXIT

source "$here/payload.sh"
make_payload "$work"
ticks_per_second="$(getconf CLK_TCK)"

run_one() { # label binary
    local label=$1 binary=$2
    rm -f "$db_dir"/bench.sqlite*
    "$binary" listen --port "$port" --db "$db_dir/bench.sqlite" \
        --endpoint-scheme bench=github --endpoint /bench=bench \
        --endpoint-secret-file "bench=$work/secret" $extra_args >/dev/null 2>"$work/err" &
    server=$!
    wait_for_port "$port"
    wrk -t1 -c"$connections" -d1s -s "$here/post.lua" "http://127.0.0.1:$port/bench" >/dev/null 2>&1
    local before after out requests
    before="$(cpu_ticks "$server")"
    out="$(wrk -t1 -c"$connections" -d"$duration" --latency -s "$here/post.lua" \
        "http://127.0.0.1:$port/bench" 2>&1)"
    after="$(cpu_ticks "$server")"
    kill -TERM "$server"
    wait "$server" || true
    server=""
    requests="$(echo "$out" | awk '/requests in/ {print $1}')"
    printf '%-4s %12s %10s %16.1f  %s\n' "$label" \
        "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
        "$(echo "$out" | awk '$1 == "99%" {print $2}')" \
        "$(echo "($after - $before) * 1000000 / $ticks_per_second / $requests" | bc -l)" \
        "$(echo "$out" | grep -E 'non-2xx: [1-9]|Socket errors' | tr '\n' ' ')"
}

printf '%-4s %12s %10s %16s\n' build "requests/s" p99 "CPU us/request"
for ((round = 1; round <= rounds; ++round)); do
    if ((round % 2)); then run_one old "$old"; run_one new "$new"
    else run_one new "$new"; run_one old "$old"; fi
done
