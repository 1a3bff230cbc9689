#!/usr/bin/env bash
# make hostile: servicespec's time and peak memory on every input of the
# hostile corpus (bench/corpusgen/hostile.go: alias bombs, huge strings,
# tens of thousands of labels, errors or items, deep nesting; each under
# 1 MB), against the bound the project holds itself to: 2 s and 200 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=$(mktemp -d "${TMPDIR:-/tmp}/servicespec-hostile.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$WORK/servicespec" ./cmd/servicespec
go run ./bench/hostile "$WORK/in"
printf '%-28s %8s %10s %9s %5s\n' input bytes seconds "peak MiB" exit
over=0
for f in "$WORK"/in/*.yaml; do
  name=$(basename "$f" .yaml)
  t0=$EPOCHREALTIME
  /usr/bin/time -f "%M" -o "$WORK/time" "$WORK/servicespec" < "$f" > /dev/null 2> "$WORK/stderr" && rc=0 || rc=$?
  t1=$EPOCHREALTIME
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')
  mib=$(awk '{printf "%.1f", $1 / 1024}' < <(tail -1 "$WORK/time"))
  want=$(cat "$WORK/in/$name.exit")
  flag=""
  [ "$rc" = "$want" ] || flag=" (exit $rc, want $want)"
  awk -v s="$secs" -v m="$mib" 'BEGIN {exit !(s > 2 || m > 200)}' && flag="$flag OVER THE BOUND"
  [ -z "$flag" ] || over=1
  printf '%-28s %8d %10s %9s %5s%s\n' "$name" "$(wc -c < "$f")" "$secs" "$mib" "$rc" "$flag"
done | tee "$WORK/table"
awk 'NR > 0 {if ($3 > t) {t = $3; tn = $1}; if ($4 > m) {m = $4; mn = $1}} END {printf "worst: %.3f s (%s), %.1f MiB (%s)\n", t, tn, m, mn}' "$WORK/table"
! grep -q "OVER THE BOUND\|want" "$WORK/table"
