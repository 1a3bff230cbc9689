#!/usr/bin/env bash
# make bench: whole-process timings of the runs users make, against helm
# template of an equivalent chart, kustomize build of the same manifests,
# the SDK's identity function (on servicespec's output) and the floor
# (reading the input and writing the output, no work):
#   first      servicespec on N ServiceSpecs + 4N other objects (corpusgen)
#   rerender   servicespec on the first render's output (every kpt fn render
#              after the first one)
#   kustomize-input  servicespec on that list as real kustomize serializes it
#              to an exec transformer (captured once, N <= CAPTURE_MAX_N)
#   bad        the first render's list with one invalid ServiceSpec (N >= BAD_MIN_N)
#   render / explain  servicespec render, and render --explain, of the list
#              as a file (N <= EXPLAIN_MAX_N)
# Commands alternate within each round; the median, min and max of RUNS
# rounds and the peak RSS are printed, then the ratios.
#
#   BENCH_SIZES="1 100 1000 10000 20000"  RUNS=5  bench/run.sh
#   QUICK=1 bench/run.sh    N = 100 and 1,000; its last two lines are
#                           servicespec/helm and rerender/helm at N = 1,000
#   BASELINE=REV bench/run.sh   also measures servicespec built from the git
#                           revision REV, in the same rounds (commands
#                           base-first and base-rerender), and prints the
#                           ratios of this tree to it
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${BENCH_SIZES:-1 100 1000 10000 20000}
RUNS=${RUNS:-5}
# kustomize build takes about a minute at N = 1,000 on a 2-core machine and
# grows faster than linearly: larger N skip it, and the captured kustomize
# input is taken at N <= CAPTURE_MAX_N.
KUSTOMIZE_MAX_N=${KUSTOMIZE_MAX_N:-1000}
CAPTURE_MAX_N=${CAPTURE_MAX_N:-1000}
# The error case is measured on 100,000 items (N = 20,000).
BAD_MIN_N=${BAD_MIN_N:-20000}
EXPLAIN_MAX_N=${EXPLAIN_MAX_N:-1000}
if [ -n "${QUICK:-}" ]; then SIZES="100 1000"; KUSTOMIZE_MAX_N=0; CAPTURE_MAX_N=100; BAD_MIN_N=1000000; fi
TOOLS_BIN=${TOOLS_BIN:-$PWD/.tools/bin}
export PATH="$TOOLS_BIN:$PATH"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/servicespec-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export HELM_CACHE_HOME=$WORK/helm/cache HELM_CONFIG_HOME=$WORK/helm/config HELM_DATA_HOME=$WORK/helm/data

[ -x "$TOOLS_BIN/helm" ] && [ -x "$TOOLS_BIN/kustomize" ] || make --no-print-directory tools >/dev/null
mkdir -p "$WORK/bin"
for cmd in servicespec:./cmd/servicespec identity:./bench/identity floor:./bench/floor; do
  CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$WORK/bin/${cmd%%:*}" "${cmd#*:}"
done
if [ -n "${BASELINE:-}" ]; then
  git worktree add --detach -q "$WORK/baseline" "$BASELINE"
  (cd "$WORK/baseline" && CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$WORK/bin/baseline" ./cmd/servicespec)
  git worktree remove --force "$WORK/baseline"
fi
export PATH="$WORK/bin:$PATH"

# measure NAME N CMD...: one run; appends "N NAME seconds maxrss_kb" to
# results. Wall time comes from the shell's microsecond clock (/usr/bin/time
# rounds to 10 ms, too coarse at N = 1); peak RSS from /usr/bin/time.
# allowed is the exit code the command must end with.
measure() {
  local name=$1 n=$2 allowed=$3 t0 t1 rc; shift 3
  t0=$EPOCHREALTIME
  /usr/bin/time -f "%M" -o "$WORK/time" "$@" > /dev/null 2> "$WORK/stderr" && rc=0 || rc=$?
  t1=$EPOCHREALTIME
  [ "$rc" = "$allowed" ] || { cat "$WORK/stderr" >&2; echo "bench: $name exited $rc at N=$n" >&2; exit 1; }
  echo "$n $name $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.4f", b - a}') $(tail -1 "$WORK/time")" >> "$WORK/results"
}

# capture runs kustomize once to save the ResourceList it sends servicespec.
capture() {
  local d=$1
  (cd "$d/kfn" && kustomize build --enable-alpha-plugins --enable-exec . > /dev/null)
  cp "$d/kfn/kustomize-input.yaml" "$d/kustomize-input.yaml"
}

: > "$WORK/results"
for n in $SIZES; do
  d=$WORK/n$n
  go run ./bench/gen "$n" "$d"
  servicespec < "$d/list.yaml" > "$d/output.yaml"
  servicespec < "$d/output.yaml" > "$d/rerender.yaml"
  cmp -s "$d/output.yaml" "$d/rerender.yaml" || { echo "bench: a re-render changed the output at N=$n" >&2; exit 1; }
  [ "$n" -gt "$CAPTURE_MAX_N" ] || capture "$d"
  echo "$n $(wc -c < "$d/list.yaml") $(wc -c < "$d/output.yaml")" >> "$WORK/sizes"
  for _ in $(seq "$RUNS"); do
    measure first "$n" 0 sh -c "exec servicespec < '$d/list.yaml'"
    measure rerender "$n" 0 sh -c "exec servicespec < '$d/output.yaml'"
    if [ -n "${BASELINE:-}" ]; then
      measure base-first "$n" 0 sh -c "exec baseline < '$d/list.yaml'"
      measure base-rerender "$n" 0 sh -c "exec baseline < '$d/output.yaml'"
    fi
    [ ! -f "$d/kustomize-input.yaml" ] || measure kustomize-input "$n" 0 sh -c "exec servicespec < '$d/kustomize-input.yaml'"
    [ "$n" -lt "$BAD_MIN_N" ] || measure bad "$n" 1 sh -c "exec servicespec < '$d/bad.yaml'"
    if [ "$n" -le "$EXPLAIN_MAX_N" ]; then
      measure render "$n" 0 servicespec render "$d/list.yaml"
      measure explain "$n" 0 servicespec render --explain "$d/list.yaml"
    fi
    measure floor "$n" 0 sh -c "exec floor '$d/output.yaml' < '$d/list.yaml'"
    measure identity "$n" 0 sh -c "exec identity < '$d/output.yaml'"
    measure helm "$n" 0 helm template bench bench/chart -f "$d/values.yaml"
    [ "$n" -gt "$KUSTOMIZE_MAX_N" ] || measure kustomize "$n" 0 kustomize build "$d/kustomize"
  done
done

echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3), runs per cell: $RUNS"
awk -v sizes="$WORK/sizes" -v quick="${QUICK:-}" -f bench/report.awk "$WORK/results"
