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
# fuzz PKG TARGET TIME runs one target; go test ends "context deadline
# exceeded", with no failing input, when the time is over before it has
# even run the corpus once (a cold build cache): that is tried again, longer.
fuzz() {
  local out rc=0
  out=$("$GO" test -run='^$' -fuzz="^${2}\$" -fuzztime="$3" -fuzzminimizetime=50x "$1" 2>&1) || rc=$?
  printf '%s\n' "$out" | grep -v '^fuzz: elapsed' || true
  if [ "$rc" != 0 ] && grep -q 'context deadline exceeded' <<< "$out" && ! grep -q 'Failing input written' <<< "$out"; then
    return 2
  fi
  return "$rc"
}
while read -r pkg target; do
  echo "fuzz: $target ($pkg) for $FUZZTIME"
  rc=0
  fuzz "$pkg" "$target" "$FUZZTIME" || rc=$?
  if [ "$rc" = 2 ]; then
    echo "fuzz: $target did not get through its corpus in $FUZZTIME; again for 60s"
    rc=0
    fuzz "$pkg" "$target" 60s || rc=$?
  fi
  if [ "$rc" != 0 ]; then
    echo "fuzz: $target failed; the failing input is under $pkg/testdata/fuzz/$target" >&2
    exit 1
  fi
done <<< "$targets"
