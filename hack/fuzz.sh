#!/usr/bin/env bash
# Runs every fuzz target in the tree (every func Fuzz... in a _test.go file)
# for FUZZTIME each, one after the other: make fuzz runs them for minutes,
# make test for seconds, from their committed corpora (testdata/fuzz), so
# that an input that once broke a target fails CI again.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-10m}
GO=${GO:-go}
targets=$(grep -rlE --include='*_test.go' '^func Fuzz[A-Za-z0-9_]+\(f \*testing\.F\)' . |
  while read -r file; do
    dir=$(dirname "$file")
    grep -oE '^func Fuzz[A-Za-z0-9_]+' "$file" | sed "s|^func |./${dir#./} |"
  done | sort)
if [ -z "$targets" ]; then
  echo "fuzz: no fuzz targets found" >&2
  exit 1
fi
while read -r pkg target; do
  echo "fuzz: $target ($pkg) for $FUZZTIME"
  "$GO" test -run='^$' -fuzz="^${target}\$" -fuzztime="$FUZZTIME" -fuzzminimizetime=50x "$pkg" | grep -v '^fuzz: elapsed' || {
    echo "fuzz: $target failed; the failing input is under $pkg/testdata/fuzz/$target" >&2
    exit 1
  }
done <<< "$targets"
