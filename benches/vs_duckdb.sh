#!/usr/bin/env bash
# Side by side on the same generated list, alternating runs (hyperfine): enrichplan's full
# estimate against DuckDB's and python-polars' vectorised part of the same work
# (benches/duckdb_equivalent.py, benches/polars_equivalent.py; both on two threads), the
# median ratios, then the peak memory of each (/usr/bin/time -v).
#   bash benches/vs_duckdb.sh [ROWS]
#   (needs: hyperfine, time, python3 -m pip install duckdb polars)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
DATA="${TMPDIR:-/tmp}/enrichplan-bench-${ROWS}.csv"
cargo build --release --quiet --bin enrichplan --example gen_sample
[ -s "$DATA" ] || ./target/release/examples/gen_sample --rows "$ROWS" --seed 1 --out "$DATA"
ls -l "$DATA"
EP="./target/release/enrichplan estimate $DATA --format json"
DK="python3 benches/duckdb_equivalent.py $DATA"
PL="python3 benches/polars_equivalent.py $DATA"
hyperfine --warmup 1 --runs "${RUNS:-5}" --export-json "${TMPDIR:-/tmp}/vs_duckdb_${ROWS}.json" "$EP" "$DK" "$PL"
python3 - "${TMPDIR:-/tmp}/vs_duckdb_${ROWS}.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
ep, dk, pl = (x["median"] for x in r)
print(f"median: enrichplan {ep:.3f} s, DuckDB {dk:.3f} s, python-polars {pl:.3f} s")
print(f"ratio to DuckDB {ep / dk:.2f} (goal <= 1.0), to python-polars {ep / pl:.2f}")
PY
for cmd in "$EP" "$DK" "$PL"; do
    /usr/bin/time -v $cmd > /dev/null 2> "${TMPDIR:-/tmp}/time.txt"
    echo "$cmd: $(grep -E 'Maximum resident' "${TMPDIR:-/tmp}/time.txt")"
done
