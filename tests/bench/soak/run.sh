#!/usr/bin/env bash
# Soak test (run by hand, not a test): a bounded wrk load on loopback against `hookscope listen`
# with durable storage, then checks that every acknowledged (2xx) request is stored and that
# resident memory stayed flat.
#
#   tests/bench/soak/run.sh [path/to/hookscope]
#   SOAK_SECONDS=300 SOAK_CONNECTIONS=16 SOAK_THREADS=1 SOAK_DELAY_MS=0 SOAK_SAMPLE_SECONDS=5
#
# Prints the acknowledged and stored counts, RSS samples, and PASS/FAIL. Stored may exceed
# acknowledged by at most the requests in flight when wrk stopped (one per connection): those
# were stored, but wrk hung up before reading the answer.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
binary="${1:-$here/../../../build/hookscope}"
seconds="${SOAK_SECONDS:-300}"
connections="${SOAK_CONNECTIONS:-16}"
threads="${SOAK_THREADS:-1}"
sample="${SOAK_SAMPLE_SECONDS:-5}"
port="${SOAK_PORT:-18191}"
export SOAK_DELAY_MS="${SOAK_DELAY_MS:-0}"

for tool in wrk sqlite3 openssl python3; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
[[ -x "$binary" ]] || { echo "no hookscope binary at $binary (build it first)" >&2; exit 1; }

work="$(mktemp -d)"
listen_pid=""
sampler_pid=""
cleanup() {
    [[ -n "$sampler_pid" ]] && kill "$sampler_pid" 2>/dev/null || true
    [[ -n "$listen_pid" ]] && kill "$listen_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# A 512-byte JSON body signed like GitHub does, with a fake secret that exists only here.
source "$here/../receiver/payload.sh"
make_payload "$work" 512

"$binary" listen --bind 127.0.0.1 --port "$port" --db "$work/soak.sqlite" \
    --endpoint /soak=soak --endpoint-scheme soak=github \
    --endpoint-secret-file "soak=$work/secret" >"$work/listen.out" 2>"$work/listen.err" &
listen_pid=$!
for _ in $(seq 100); do
    grep -q "listening on" "$work/listen.out" 2>/dev/null && break
    sleep 0.1
done
grep -q "listening on" "$work/listen.out" || { cat "$work/listen.err" >&2; exit 1; }

# RSS every few seconds while the load runs: "elapsed_s rss_kib".
(
    start=$(date +%s)
    while kill -0 "$listen_pid" 2>/dev/null; do
        rss=$(awk '/VmRSS/ {print $2}' "/proc/$listen_pid/status" 2>/dev/null || echo 0)
        echo "$(($(date +%s) - start)) $rss"
        sleep "$sample"
    done
) >"$work/rss" &
sampler_pid=$!

echo "soak: ${seconds}s, ${connections} connections, ${threads} wrk thread(s), delay ${SOAK_DELAY_MS} ms"
wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s "$here/count2xx.lua" \
    "http://127.0.0.1:$port/soak" >"$work/wrk.out" 2>&1 || true
sleep "$sample" # one more sample after the load
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""

kill -TERM "$listen_pid"
wait "$listen_pid" || { echo "listen exited with $?" >&2; }
listen_pid=""

grep -E "Requests/sec|Latency |99%|Socket errors" "$work/wrk.out" | sed 's/^/    /'
acknowledged=$(awk '/^soak-acknowledged:/ {print $2}' "$work/wrk.out")
refused=$(awk '/^soak-refused:/ {print $2}' "$work/wrk.out")
grep -E "^soak-" "$work/wrk.out" | sed 's/^/    /'
stored=$(sqlite3 "$work/soak.sqlite" "SELECT count(*) FROM captures")
db_size=$(du -sh "$work" | cut -f1)
echo "acknowledged (2xx): $acknowledged   refused: $refused   stored: $stored   disk: $db_size"

echo "RSS samples (s KiB):"
column -c 120 "$work/rss" | sed 's/^/    /'
# Flat memory: after the first minute (caches, connection pools, SQLite page cache warm up),
# RSS may not keep growing: the last sample within 10% (or 8 MiB) of the one at 60 s.
verdict=PASS
read -r warm last <<<"$(awk -v warm=60 '
    $1 >= warm && w == "" {w = $2}
    {l = $2}
    END {if (w == "") w = l; print w, l}' "$work/rss")"
growth=$((last - warm))
echo "RSS after warm-up: ${warm} KiB, at the end: ${last} KiB (growth ${growth} KiB)"
if (( growth > warm / 10 && growth > 8192 )); then
    echo "FAIL: memory grew"
    verdict=FAIL
fi
if (( stored < acknowledged )); then
    echo "FAIL: $((acknowledged - stored)) acknowledged requests are not stored"
    verdict=FAIL
elif (( stored > acknowledged + connections )); then
    echo "FAIL: $((stored - acknowledged)) more stored than acknowledged (more than in flight)"
    verdict=FAIL
fi
echo "$verdict"
[[ "$verdict" == PASS ]]
