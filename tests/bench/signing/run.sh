#!/bin/sh
# Builds and runs the signature benchmark, then prints OpenSSL's own HMAC-SHA256 figure for
# comparison. Usage: tests/bench/signing/run.sh [seconds-per-case]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${BENCH_BUILD_DIR:-"$here/../../../build-bench-signing"}
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j2 >/dev/null
"$build/signing_bench" "${1:-1}"
echo
echo "openssl speed -hmac sha256 on 1024-byte messages (same machine, for reference):"
openssl speed -seconds 1 -bytes 1024 -hmac sha256 2>/dev/null | tail -n 1 |
    awk '{ kbytes = $NF; sub("k", "", kbytes); printf "%s: %.0f HMACs/s\n", $1, kbytes * 1000 / 1024 }'
