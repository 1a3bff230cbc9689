#!/usr/bin/env bash
# image-test: builds ./Dockerfile with podman and runs the image as a KRM
# function three ways — podman run, kpt fn eval --image (podman runtime) and a
# kustomize container function (docker -> podman shim) — comparing each output
# with the exec binary's. Then builds the Argo CD sidecar image and runs its
# plugin inside it as uid 999.
#
# This machine reaches no container registry, so the base images are local
# stand-ins: the host's Go toolchain for golang:1.26 and a passwd-only root
# filesystem for distroless/static:nonroot.
#
#   IMAGE_TEST=require   fail (not skip) when containers cannot run here
#   IMAGE_TEST=skip      skip outright
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=${IMAGE_TEST:-auto}
IMG=localhost/servicespec:test
KUSTOMIZE=${KUSTOMIZE:-$PWD/.tools/bin/kustomize}

say() { echo "image-test: $*"; }
fail() { echo "image-test: FAIL: $*" >&2; exit 1; }
skip() {
  [ "$MODE" = require ] && fail "containers are required here: $*"
  say "SKIP: $*"; exit 0
}

[ "$MODE" = skip ] && skip "IMAGE_TEST=skip"
if ! command -v podman >/dev/null || ! command -v runc >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing podman and runc from Debian"
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends podman runc; } \
      > /tmp/image-test-apt.log 2>&1 || skip "apt-get install podman runc failed (see /tmp/image-test-apt.log)"
  else
    skip "podman and runc are not installed and cannot be installed here (needs root and apt-get)"
  fi
fi
[ "$(id -u)" = 0 ] || skip "rootful podman needs root"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/servicespec-image-test.XXXXXX")
mkdir -p "$WORK/tmp" "$WORK/stage"
# podman confined to $WORK. runc: crun refuses hybrid cgroup hosts. The
# ulimits: without CAP_SYS_RESOURCE podman's default (1048576) cannot be set,
# and kpt and kustomize build the run command themselves, so it is config.
hard() { local h; h=$(ulimit -H "$1"); if [ "$h" = unlimited ] || [ "$h" -gt 4096 ]; then h=4096; fi; echo "$h"; }
cat > "$WORK/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$(hard -n):$(hard -n)", "nproc=$(hard -u):$(hard -u)"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$WORK/events.log"
tmp_dir = "$WORK/libpod"
CONF
cat > "$WORK/storage.conf" <<CONF
[storage]
driver = "overlay"
graphroot = "$WORK/storage"
runroot = "$WORK/run"
CONF
export CONTAINERS_CONF="$WORK/containers.conf" CONTAINERS_STORAGE_CONF="$WORK/storage.conf" TMPDIR="$WORK/tmp"
cleanup() {
  podman rm -a -f >/dev/null 2>&1 || true
  podman rmi -a -f >/dev/null 2>&1 || true
  awk -v w="$WORK" 'index($2, w) == 1 {print $2}' /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- stand-in base images -------------------------------------------------
S=$WORK/stage/shell
mkdir -p "$S/bin" "$S/tmp" "$S/etc" "$S/go"
chmod 1777 "$S/tmp"
for b in sh grep mkdir mv cat; do cp -L "$(command -v $b)" "$S/bin/"; done
for b in "$S"/bin/*; do
  for lib in $(ldd "$b" | grep -o '/[^ ]*'); do cp -L --parents "$lib" "$S"; done
done
printf 'root:x:0:0:root:/root:/bin/sh\nargocd:x:999:999:argocd:/home/argocd:/bin/sh\n' > "$S/etc/passwd"
printf 'root:x:0:\nargocd:x:999:\n' > "$S/etc/group"
tar -C "$S" -cf - . | podman import -q - localhost/probe:local >/dev/null || skip "podman import failed"
if ! out=$(podman run --rm --network none localhost/probe:local /bin/sh -c 'exit 0' 2>&1); then
  skip "podman cannot run containers here: $out"
fi
# A shell base (for the Argo CD sidecar) and the Go builder on top of it,
# whose module proxy is the host's module cache mounted at build time.
podman import -q --change 'USER 999' - localhost/shell:local < <(tar -C "$S" -cf - .) >/dev/null
GOROOT=$(go env GOROOT)
tar -C "${GOROOT%/*}" -cf - --transform "s,^${GOROOT##*/},usr/local/go,S" "${GOROOT##*/}" -C "$S" . |
  podman import -q \
    --change 'ENV PATH=/go/bin:/usr/local/go/bin:/usr/local/bin:/usr/bin:/bin' \
    --change 'ENV GOPATH=/go' --change 'ENV GOTOOLCHAIN=local' --change 'ENV GOFLAGS=-mod=mod' \
    --change 'ENV GOPROXY=file:///go/pkg/mod/cache/download' --change 'ENV GOSUMDB=off' \
    --change 'WORKDIR /go' - localhost/golang:local >/dev/null
D=$WORK/stage/distroless
mkdir -p "$D/tmp" "$D/home/nonroot" "$D/etc"
chmod 1777 "$D/tmp"
printf '%s\n' 'root:x:0:0:root:/root:/sbin/nologin' 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' \
  'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' > "$D/etc/passwd"
printf '%s\n' 'root:x:0:' 'nobody:x:65534:' 'nonroot:x:65532:' > "$D/etc/group"
tar -C "$D" --numeric-owner -cf - . |
  podman import -q --change 'USER 65532' --change 'WORKDIR /home/nonroot' - localhost/distroless-static:nonroot >/dev/null

# --- 1. build the Dockerfile offline (host module and build caches mounted) --
go mod download
mkdir -p "$(go env GOCACHE)"
build() {  # build DOCKERFILE TAG BASE_IMAGE
  podman build --pull=never --network none -f "$1" \
    -v "$(go env GOMODCACHE)":/go/pkg/mod:ro -v "$(go env GOCACHE)":/root/.cache/go-build \
    --build-arg GO_IMAGE=localhost/golang:local --build-arg BASE_IMAGE="$3" \
    -t "$2" . > "$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; fail "podman build -f $1"; }
}
build Dockerfile "$IMG" localhost/distroless-static:nonroot
say "ok   podman build ($(podman image inspect "$IMG" --format '{{.Size}}' | awk '{printf "%.1f MB", $1/1e6}'))"

# --- 2. podman run: the same bytes as the exec binary ------------------------
BIN=$WORK/bin/servicespec
CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$BIN" ./cmd/servicespec
IN=testdata/golden/all-types-mixed/input.yaml
"$BIN" < "$IN" > "$WORK/want.yaml"
podman run --rm -i --network none --user nobody "$IMG" < "$IN" > "$WORK/got.yaml" || fail "podman run"
diff -u "$WORK/want.yaml" "$WORK/got.yaml" || fail "podman run: the image's output differs from the binary's"
say "ok   podman run --user nobody (ResourceList in, same bytes out)"

# --- 3. kpt fn eval --image (podman) == kpt fn eval --exec --------------------
for kind in image exec; do cp -r examples/kpt-package "$WORK/kpt-$kind"; rm -rf "$WORK/kpt-$kind/.expected"; done
KPT_FN_RUNTIME=podman kpt fn eval "$WORK/kpt-image" --image "$IMG" > "$WORK/kpt-image.log" 2>&1 ||
  { cat "$WORK/kpt-image.log" >&2; fail "kpt fn eval --image"; }
kpt fn eval "$WORK/kpt-exec" --exec "$BIN" > "$WORK/kpt-exec.log" 2>&1 || { cat "$WORK/kpt-exec.log" >&2; fail "kpt fn eval --exec"; }
[ -f "$WORK/kpt-image/services/web.generated.yaml" ] || fail "kpt fn eval --image generated nothing"
diff -ru "$WORK/kpt-exec" "$WORK/kpt-image" || fail "kpt: the image's result differs from --exec"
say "ok   KPT_FN_RUNTIME=podman kpt fn eval --image (same files as --exec)"

# --- 4. kustomize container function (docker -> podman shim) == exec ---------
mkdir -p "$WORK/shim"
printf '#!/bin/sh\nexec podman "$@"\n' > "$WORK/shim/docker"
chmod +x "$WORK/shim/docker"
for kind in container exec; do cp -r examples/kustomize-transformer "$WORK/kust-$kind"; rm -rf "$WORK/kust-$kind/.expected"; done
sed -i "s|path: servicespec|path: $BIN|" "$WORK/kust-exec/servicespec-fn.yaml"
sed -i "s|exec:|container:|; s|path: servicespec|image: $IMG|" "$WORK/kust-container/servicespec-fn.yaml"
PATH="$WORK/shim:$PATH" "$KUSTOMIZE" build --enable-alpha-plugins "$WORK/kust-container" > "$WORK/kust-container.out" ||
  fail "kustomize build (container function)"
"$KUSTOMIZE" build --enable-alpha-plugins --enable-exec "$WORK/kust-exec" > "$WORK/kust-exec.out" || fail "kustomize build (exec)"
grep -q 'kind: Deployment' "$WORK/kust-container.out" || fail "the kustomize container function produced no Deployment"
diff -u "$WORK/kust-exec.out" "$WORK/kust-container.out" || fail "kustomize: the container function differs from exec"
say "ok   kustomize build --enable-alpha-plugins (container function, same output as exec)"

# --- 5. the Argo CD sidecar image runs its plugin as uid 999 -----------------
build examples/argocd/Dockerfile localhost/servicespec-argocd-cmp:test localhost/shell:local
podman run --rm --network none --user 999 -v "$PWD/examples/argocd/app:/src:ro" -w /src \
  -e ARGOCD_APP_NAME=storefront -e ARGOCD_APP_NAMESPACE=shop localhost/servicespec-argocd-cmp:test \
  /bin/sh -c 'test -f /home/argocd/cmp-server/config/plugin.yaml && kustomize version >/dev/null && servicespec render .' \
  > "$WORK/argocd.out" || fail "the Argo CD sidecar image lacks its plugin config or kustomize, or cannot render"
diff -u examples/argocd/.expected/output.yaml "$WORK/argocd.out" || fail "the sidecar's render differs from the expected output"
say "ok   Argo CD sidecar image renders examples/argocd/app as uid 999"
say "PASS"
