#!/bin/sh
# Renders enrichplan.svg to the PNG sizes desktops ask for (needs rsvg-convert, Debian
# package librsvg2-bin). The PNGs are committed; run this after changing the SVG.
set -eu
cd "$(dirname "$0")"
for size in 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" enrichplan.svg -o "enrichplan-$size.png"
done
# Windows: one .ico with 16-256 px (needs ImageMagick's convert).
rsvg-convert -w 16 -h 16 enrichplan.svg -o /tmp/enrichplan-16.png
convert /tmp/enrichplan-16.png enrichplan-32.png enrichplan-48.png enrichplan-64.png \
    enrichplan-128.png enrichplan-256.png enrichplan.ico
