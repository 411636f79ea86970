#!/bin/sh
# Binary size of a tiny main per detector, stripped (-s -w) as skim's Dockerfile builds.
set -e
cd "$(dirname "$0")"
out=$(mktemp -d)
for d in base langdata skim whatlanggo lingua; do
	go build -trimpath -ldflags='-s -w' -o "$out/$d" ./tiny/$d
	printf '%-10s %10d bytes\n' "$d" "$(stat -c %s "$out/$d")"
done
rm -rf "$out"
