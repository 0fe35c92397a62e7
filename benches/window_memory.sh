#!/usr/bin/env bash
# The window opening a list under Xvfb: peak memory (`/usr/bin/time -v`) and the time
# until the estimate is in (the window goes idle: under 5 % of a core for a second, after
# it has worked), beside the CLI's estimate of the same list.
#   bash benches/window_memory.sh LIST [BIN]    (RUNS=1; BIN: target/release/enrichplan)
set -u
cd "$(dirname "$0")/.."
list=$1
bin=${2:-${CARGO_TARGET_DIR:-target}/release/enrichplan}
runs=${RUNS:-1}
tick=$(getconf CLK_TCK)
disp=:$((80 + RANDOM % 8))
Xvfb "$disp" -screen 0 1400x900x24 >/dev/null 2>&1 & x=$!
trap 'kill $x 2>/dev/null' EXIT
sleep 1
cpu() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo -1; }
for i in $(seq 1 "$runs"); do
  home=$(mktemp -d); log=$(mktemp)
  t0=$(date +%s%N)
  HOME=$home DISPLAY=$disp ENRICHPLAN_TIMINGS=1 /usr/bin/time -v "$bin" open "$list" 2>"$log" & t=$!
  sleep 0.2
  app=$(pgrep -P "$t" | head -1)
  last=$(cpu "$app"); idle=0; worked=0; done_at=$t0
  while :; do
    sleep 0.25
    now=$(cpu "$app"); [ "$now" = -1 ] && break
    # Ticks used in the last quarter second: idle below 5 % of a core.
    if [ $(( (now - last) * 100 )) -le $(( tick * 25 * 5 / 100 )) ]; then
      [ $idle -eq 0 ] && done_at=$(date +%s%N)
      idle=$((idle + 1))
    else
      idle=0; worked=1
    fi
    last=$now
    [ $worked -eq 1 ] && [ $idle -ge 4 ] && break
  done
  kill "$app" 2>/dev/null; wait "$t" 2>/dev/null
  peak=$(awk -F': ' '/Maximum resident/ {print $2}' "$log")
  echo "run $i: estimate in after $(( (done_at - t0) / 1000000 )) ms; peak $(( peak / 1024 )) MB"
  grep -E 'slow frame|first frame|estimate|list in|one pass|last row' "$log" | grep -v Maximum | sed 's/^/    /'
  rm -rf "$home" "$log"
done
for i in $(seq 1 "$runs"); do
  /usr/bin/time -f "cli: %e s wall, peak %M kB" "$bin" estimate "$list" --format json >/dev/null
done
