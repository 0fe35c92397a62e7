#!/bin/sh
# Regenerate the README's screenshots under Xvfb: the window on the bundled sample list
# (assets/screenshot.png, 1400x900) and on the sample Workspace plan
# (assets/screenshot-workspace.png), plus both at 1024x700 (assets/*-1024x700.png).
# Needs: apt-get install -y xvfb xauth libgl1-mesa-dri libegl1 libxkbcommon-x11-0 imagemagick
#        fonts-noto-core fonts-noto-cjk
# Run from the repository root.
set -eu
profile=${PROFILE:-release}
if [ "$profile" = release ]; then cargo build --release; else cargo build; fi
shot() { # size file out
    tmp=$(mktemp -d)
    export XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config" HOME="$tmp"
    Xvfb :99 -screen 0 "$1x24" >/dev/null 2>&1 &
    xvfb=$!
    sleep 2
    DISPLAY=:99 "./target/$profile/enrichplan" open "$2" &
    app=$!
    sleep 12
    DISPLAY=:99 import -window root "$3"
    kill "$app" "$xvfb"
    sleep 1
    rm -rf "$tmp"
    echo "wrote $3"
}
shot 1400x900 sample-data/contacts.csv assets/screenshot.png
shot 1400x900 sample-data/workspace-plan.toml assets/screenshot-workspace.png
shot 1024x700 sample-data/contacts.csv assets/screenshot-1024x700.png
shot 1024x700 sample-data/workspace-plan.toml assets/screenshot-workspace-1024x700.png
