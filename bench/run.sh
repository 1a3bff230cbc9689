#!/usr/bin/env bash
# make bench: whole-process timings of servicespec against the SDK's
# identity function (on servicespec's output), helm template of an
# equivalent chart, and kustomize build of the same plain manifests.
# Commands alternate within each round; median, min and max of RUNS rounds
# and peak RSS are printed, then the ratios.
#
#   BENCH_SIZES="1 100 1000 10000"  RUNS=5  bench/run.sh
#   QUICK=1 bench/run.sh            N = 1000 only; ends with the two ratio lines
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${BENCH_SIZES:-1 100 1000 10000}
RUNS=${RUNS:-5}
# kustomize build takes over a minute per run at N = 1,000 (5,600 objects)
# on a 2-core machine and grows faster than linearly: larger N skip it.
KUSTOMIZE_MAX_N=${KUSTOMIZE_MAX_N:-1000}
if [ -n "${QUICK:-}" ]; then SIZES=1000; KUSTOMIZE_MAX_N=0; fi
TOOLS_BIN=${TOOLS_BIN:-$PWD/.tools/bin}
HELM_VERSION=${HELM_VERSION:-v3.22.0}
export PATH="$TOOLS_BIN:$PATH"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/servicespec-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export HELM_CACHE_HOME=$WORK/helm/cache HELM_CONFIG_HOME=$WORK/helm/config HELM_DATA_HOME=$WORK/helm/data

[ -x "$TOOLS_BIN/helm" ] || GOBIN="$TOOLS_BIN" go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
[ -x "$TOOLS_BIN/kustomize" ] || make --no-print-directory tools >/dev/null
CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$WORK/servicespec" ./fn
CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$WORK/identity" ./bench/identity

# measure NAME N CMD...: one run; appends "N NAME seconds maxrss_kb" to
# results. Wall time comes from the shell's microsecond clock (/usr/bin/time
# rounds to 10 ms, too coarse at N = 1); peak RSS from /usr/bin/time.
measure() {
  local name=$1 n=$2 t0 t1; shift 2
  t0=$EPOCHREALTIME
  /usr/bin/time -f "%M" -o "$WORK/time" "$@" > /dev/null 2> "$WORK/stderr" ||
    { cat "$WORK/stderr" >&2; echo "bench: $name failed at N=$n" >&2; exit 1; }
  t1=$EPOCHREALTIME
  echo "$n $name $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", b - a}') $(cat "$WORK/time")" >> "$WORK/results"
}

: > "$WORK/results"
for n in $SIZES; do
  d=$WORK/n$n
  go run ./bench/gen "$n" "$d"
  "$WORK/servicespec" < "$d/list.yaml" > "$d/output.yaml"
  echo "$n $(wc -c < "$d/list.yaml") $(wc -c < "$d/output.yaml")" >> "$WORK/sizes"
  for _ in $(seq "$RUNS"); do
    measure servicespec "$n" sh -c "exec '$WORK/servicespec' < '$d/list.yaml'"
    measure identity "$n" sh -c "exec '$WORK/identity' < '$d/output.yaml'"
    measure helm "$n" helm template bench bench/chart -f "$d/values.yaml"
    [ "$n" -gt "$KUSTOMIZE_MAX_N" ] || measure kustomize "$n" kustomize build "$d/kustomize"
  done
done

echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3), runs per cell: $RUNS"
awk -v sizes="$WORK/sizes" '
  BEGIN { while ((getline l < sizes) > 0) { split(l, f, " "); in_b[f[1]] = f[2]; out_b[f[1]] = f[3] } }
  { key = $1 " " $2; t[key] = t[key] " " $3; if ($4 > m[key]) m[key] = $4; ns[$1] = 1 }
  function median(s,   a, n, i, j, x) {
    n = split(s, a, " ")
    for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j+1] = a[j]; a[j+1] = x }
    lo = a[1]; hi = a[n]
    return (n % 2) ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
  }
  END {
    printf "%-8s %-12s %10s %10s %10s %10s\n", "N", "command", "median s", "min s", "max s", "peak MiB"
    nn = 0
    for (n in ns) list[++nn] = n + 0
    for (i = 2; i <= nn; i++) { x = list[i]; for (j = i - 1; j >= 1 && list[j] > x; j--) list[j+1] = list[j]; list[j+1] = x }
    for (i = 1; i <= nn; i++) {
      n = list[i]
      split("servicespec identity helm kustomize", cmds, " ")
      for (c = 1; c <= 4; c++) {
        key = n " " cmds[c]
        if (!(key in t)) { printf "%-8s %-12s %10s\n", n, cmds[c], "skipped"; continue }
        med[key] = median(t[key])
        printf "%-8s %-12s %10.4f %10.4f %10.4f %10.1f\n", n, cmds[c], med[key], lo, hi, m[key] / 1024
      }
      kr = (n " kustomize") in med ? sprintf("%.2f", med[n " servicespec"] / med[n " kustomize"]) : "-"
      printf "%-8s ratios: servicespec/identity %.2f, servicespec/helm %.2f, servicespec/kustomize %s; peak memory / output size %.1f (output %.1f MB)\n",
        n, med[n " servicespec"] / med[n " identity"], med[n " servicespec"] / med[n " helm"], kr,
        m[n " servicespec"] * 1024 / out_b[n], out_b[n] / 1e6
    }
    if (med["10000 servicespec"] && med["1000 servicespec"])
      printf "scaling: time(10000)/time(1000) = %.2f\n", med["10000 servicespec"] / med["1000 servicespec"]
    if (nn == 1) {
      n = list[1]
      printf "servicespec/identity = %.2f\n", med[n " servicespec"] / med[n " identity"]
      printf "servicespec/helm = %.2f\n", med[n " servicespec"] / med[n " helm"]
    }
  }' "$WORK/results"
