#!/usr/bin/env bash
# Runs every built fuzz target for SECONDS each (default 30) on its seed corpus; fails on the
# first crash, leak or timeout. Findings are written to build-fuzz/findings/<target>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-30}"
status=0
for target in build-fuzz/tests/fuzz/fuzz_*; do
    [ -f "$target" ] && [ -x "$target" ] || continue # not the *_autogen folders
    name=$(basename "$target")
    corpus="tests/fuzz/corpus/${name#fuzz_}"
    work="build-fuzz/corpus/${name#fuzz_}"
    findings="build-fuzz/findings/$name"
    mkdir -p "$work" "$findings"
    echo "--- $name for ${seconds}s"
    if ! "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$findings/" -print_final_stats=1 "$work" "$corpus" 2>"$findings/log"; then
        echo "FAILED: $name (see $findings/log)"
        tail -40 "$findings/log"
        status=1
    else
        grep -E 'stat::number_of_executed_units|cov:' "$findings/log" | tail -2
    fi
done
exit $status
