#!/bin/sh
# Regenerate assets/screenshot.png: the window with the bundled sample, under Xvfb.
# Needs: apt-get install -y xvfb xauth libgl1-mesa-dri libegl1 libxkbcommon-x11-0 imagemagick
# Run from the repository root.
set -eu
profile=${PROFILE:-release}
if [ "$profile" = release ]; then cargo build --release; else cargo build; fi
# A fresh data and cache dir: a first start, so the window opens the bundled sample.
tmp=$(mktemp -d)
export XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config"
Xvfb :99 -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
sleep 2
DISPLAY=:99 "./target/$profile/enrichplan" &
app=$!
sleep 12
DISPLAY=:99 import -window root assets/screenshot.png
kill "$app" "$xvfb"
rm -rf "$tmp"
echo "wrote assets/screenshot.png"
