#!/usr/bin/env bash
# Benchmark: estimate a generated 1M-row contact list with the release binary.
# Reports wall time (hyperfine, if installed) and peak memory (/usr/bin/time -v).
#   bash benches/estimate_1m.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
DATA="${TMPDIR:-/tmp}/enrichplan-bench-${ROWS}.csv"
cargo build --release --quiet --bin enrichplan --example gen_sample
if [ ! -s "$DATA" ]; then
    ./target/release/examples/gen_sample --rows "$ROWS" --seed 1 --out "$DATA"
fi
ls -l "$DATA"
BIN=./target/release/enrichplan
ARGS=(estimate "$DATA" --format json --channel api-bulk --company --budget 100000)
if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$BIN" "${ARGS[@]}" 2> /tmp/enrichplan-bench-time.txt > /tmp/enrichplan-bench.json
    grep -E "Elapsed|Maximum resident" /tmp/enrichplan-bench-time.txt
else
    echo "(install the 'time' package for peak memory)"
fi
if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 1 --runs 5 "$BIN ${ARGS[*]}"
else
    echo "(install hyperfine for repeated timings)"
fi
