#!/usr/bin/env bash
# make bench-start (and the end of make bench): how fast servicespec starts.
#   1. One spec (N = 1 of make bench: one ServiceSpec and four other
#      objects): the binary against the SDK's identity function on the
#      same output, START_RUNS (300) runs each in turns. Target <= 1.25.
#   2. The container function: `podman run -i` of the image on the same
#      input against the smallest static image doing nothing (bench/noop
#      on scratch), CONTAINER_RUNS (30) runs each. Target <= 1.2; both
#      image sizes are printed. Needs rootful podman (installed from
#      Debian when missing, as make image-test does); skipped otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
START_RUNS=${START_RUNS:-300}
CONTAINER_RUNS=${CONTAINER_RUNS:-30}

BENCH=$(mktemp -d "${TMPDIR:-/tmp}/servicespec-start.XXXXXX")
mkdir -p "$BENCH/bin"
for cmd in servicespec:./cmd/servicespec identity:./bench/identity start:./bench/start noop:./bench/noop; do
  CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$BENCH/bin/${cmd%%:*}" "${cmd#*:}"
done
go run ./bench/gen 1 "$BENCH/n1" > /dev/null
"$BENCH/bin/servicespec" < "$BENCH/n1/list.yaml" > "$BENCH/n1/output.yaml"

echo "== one spec: binary against the SDK identity function ($START_RUNS runs each)"
"$BENCH/bin/start" "$START_RUNS" servicespec "$BENCH/n1/list.yaml" "$BENCH/bin/servicespec" -- \
  identity "$BENCH/n1/output.yaml" "$BENCH/bin/identity"

echo
echo "== container function: podman run -i, against a static image doing nothing ($CONTAINER_RUNS runs each)"
MODE=${IMAGE_TEST:-auto}
say() { echo "bench-start: $*"; }
fail() { echo "bench-start: FAIL: $*" >&2; exit 1; }
skip() { say "SKIP the container part: $*"; rm -rf "$BENCH"; exit 0; }
# shellcheck source=hack/podman-env.sh
. hack/podman-env.sh
trap 'cleanup; rm -rf "$BENCH"' EXIT
build Dockerfile localhost/servicespec:bench localhost/distroless-static:nonroot
mkdir -p "$WORK/noop"
cp "$BENCH/bin/noop" "$WORK/noop/noop"
printf 'FROM scratch\nCOPY noop /noop\nENTRYPOINT ["/noop"]\n' > "$WORK/noop/Containerfile"
podman build -q --pull=never --network none -t localhost/noop:bench "$WORK/noop" > /dev/null
run=(podman run --rm -i --network none --user nobody)
"${run[@]}" localhost/servicespec:bench < "$BENCH/n1/list.yaml" | cmp -s - "$BENCH/n1/output.yaml" ||
  fail "the image's output differs from the binary's"
"$BENCH/bin/start" "$CONTAINER_RUNS" image "$BENCH/n1/list.yaml" "${run[@]}" localhost/servicespec:bench -- \
  noop-image - podman run --rm -i --network none localhost/noop:bench
for img in servicespec noop; do
  say "image size: $img $(podman image inspect "localhost/$img:bench" --format '{{.Size}}' | awk '{printf "%.1f MB", $1/1e6}')"
done
