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
# shellcheck source=hack/podman-env.sh
. hack/podman-env.sh

# --- 1. build the Dockerfile offline ----------------------------------------
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
"$BIN" render examples/argocd/app > "$WORK/argocd.want" || fail "servicespec render examples/argocd/app failed"
diff -u "$WORK/argocd.want" "$WORK/argocd.out" || fail "the sidecar's render differs from the binary's"
say "ok   Argo CD sidecar image renders examples/argocd/app as uid 999"
# --- 6. the release image: amd64 and arm64 in one OCI archive ---------------
ARCHIVE=$WORK/servicespec.oci.tar
VERSION=v0.0.0-test REVISION=0123abc hack/image-build.sh localhost/servicespec:multiarch "$ARCHIVE" \
  "${OFFLINE_BUILD_ARGS[@]}" --build-arg BASE_IMAGE=localhost/distroless-static:multiarch > "$WORK/multiarch.log" 2>&1 ||
  { tail -30 "$WORK/multiarch.log" >&2; fail "hack/image-build.sh (linux/amd64,linux/arm64)"; }
# Each platform's image in the archive: its labels and its binary's machine.
go run ./hack/ocicheck "$ARCHIVE" /usr/local/bin/servicespec > "$WORK/archive.txt" || fail "hack/ocicheck"
printf '%s\n' "linux/amd64 v0.0.0-test 0123abc https://github.com/servicespec/servicespec EM_X86_64" \
  "linux/arm64 v0.0.0-test 0123abc https://github.com/servicespec/servicespec EM_AARCH64" |
  diff -u - "$WORK/archive.txt" || fail "the archive's images (platform, labels, binary) are not the two expected"
# The host's image, pulled from the archive into an emptied storage (an
# image built here has the same ID on other layers), runs.
podman rmi -a -f >/dev/null
id=$(podman pull -q "oci-archive:$ARCHIVE") || fail "podman pull oci-archive:"
podman run --rm -i --network none --user nobody "$id" < "$IN" > "$WORK/archive-run.yaml" || fail "the image from the archive does not run"
diff -u "$WORK/want.yaml" "$WORK/archive-run.yaml" || fail "the image from the archive: output differs from the binary's"
say "ok   the release image for linux/amd64 and linux/arm64 in one OCI archive (platforms, labels, binaries; $(du -m "$ARCHIVE" | cut -f1) MB)"
say "PASS"
