# Sourced by the receiver and soak benches: writes a JSON body of $2 bytes (default 1024),
# signed like GitHub does with a fake secret that exists only here, into directory $1; exports
# BODY_FILE and SIGNATURE for post.lua and sets $secret.
make_payload() {
    local dir=$1 size=${2:-1024}
    secret="bench-secret-not-real"
    python3 - "$dir/body.json" "$size" <<'PY'
import json, sys
body = {"action": "opened", "type": "push", "repository": {"full_name": "hookscope/bench"}}
body["padding"] = ""
raw = json.dumps(body, separators=(",", ":"))
body["padding"] = "x" * (int(sys.argv[2]) - len(raw))
open(sys.argv[1], "w").write(json.dumps(body, separators=(",", ":")))
PY
    SIGNATURE="sha256=$(openssl dgst -sha256 -hmac "$secret" -r "$dir/body.json" | cut -d' ' -f1)"
    printf '%s' "$secret" > "$dir/secret"
    chmod 600 "$dir/secret"
    BODY_FILE="$dir/body.json"
    export BODY_FILE SIGNATURE
}

wait_for_port() {
    for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "nothing listening on port $1" >&2
    return 1
}

# CPU time (user + system, all threads) a process has used, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# "thread-name ticks" for each thread of a process, threads of one name added up.
thread_ticks() {
    for stat in /proc/"$1"/task/*/stat; do
        awk '{match($0, /\(.*\)/); name = substr($0, RSTART + 1, RLENGTH - 2); gsub(/ /, "_", name);
              $0 = substr($0, RSTART + RLENGTH); print name, $12 + $13}' "$stat" 2>/dev/null
    done | awk '{t[$1] += $2} END {for (n in t) print n, t[n]}' | sort
}

# Per-thread CPU per request between two thread_ticks snapshots: thread_cpu BEFORE AFTER REQUESTS
thread_cpu() {
    join <(echo "$1") <(echo "$2") | awk -v requests="$3" -v hz="$(getconf CLK_TCK)" \
        '{printf "%s %.1f us/request; ", $1, ($3 - $2) * 1000000 / hz / requests}'
    echo
}
