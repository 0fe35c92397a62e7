#!/usr/bin/env bash
# The window's first frame after start (issue 12: under 0.5 s), and any frame over 50 ms
# while a list loads and is analysed. Runs the release binary under Xvfb (software OpenGL),
# RUNS times with a fresh HOME, opening LIST (default: nothing, so the sample opens), and
# prints what the window reports with ENRICHPLAN_TIMINGS=1 plus the time the script saw
# the line after exec.
#   bash benches/first_frame.sh [LIST]        (RUNS=5, WAIT=seconds to keep each open: 3)
set -u
cd "$(dirname "$0")/.."
cargo build --release -q || exit 1
bin=target/release/enrichplan
runs=${RUNS:-5}; wait=${WAIT:-3}
disp=:$((90 + RANDOM % 8))
Xvfb "$disp" -screen 0 1400x900x24 >/dev/null 2>&1 & x=$!
trap 'kill $x 2>/dev/null' EXIT
sleep 1
log=$(mktemp)
for i in $(seq 1 "$runs"); do
  home=$(mktemp -d)
  args=(); [ $# -gt 0 ] && args=(open "$1")
  t0=$(date +%s%N)
  HOME=$home DISPLAY=$disp ENRICHPLAN_TIMINGS=1 "$bin" "${args[@]}" 2>"$log" & a=$!
  for _ in $(seq 1 200); do grep -q "first frame" "$log" && break; sleep 0.02; done
  t1=$(date +%s%N)
  sleep "$wait"
  kill "$a"; wait "$a" 2>/dev/null
  echo "run $i: $(grep 'first frame' "$log") (the script saw it $(( (t1 - t0) / 1000000 )) ms after exec); frames over 50 ms: $(grep -c 'slow frame' "$log")"
  grep 'slow frame' "$log" | sed 's/^/    /'
  rm -rf "$home"
done
