#!/usr/bin/env bash
# make release: the binaries for every supported platform (and the
# WebAssembly module, and the playground as files for a static file
# server), their SHA-256 checksums and, for each binary and the module, a
# CycloneDX SBOM of the modules it links (<artifact>.cdx.json), into DIST
# (default dist/). VERSION and COMMIT come from
# git. PLATFORMS limits the platforms ("linux/amd64 windows/amd64").
# With podman, the container image for linux/amd64 and linux/arm64 (OCI
# labels source, version, revision) is written as one OCI archive
# (hack/image-build.sh). RELEASE_IMAGE: auto (the default) leaves the image
# out with a warning when podman is missing or the build fails (say, no
# registry for the base images), require makes that an error, skip leaves
# it out. GO_IMAGE and BASE_IMAGE choose the base images.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
DIST=${DIST:-dist}
VERSION=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
COMMIT=${COMMIT:-$(git rev-parse HEAD 2>/dev/null || echo unknown)}
PLATFORMS=${PLATFORMS:-linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64}
LDFLAGS="-s -w -X github.com/servicespec/servicespec/fn/cli.Version=$VERSION -X github.com/servicespec/servicespec/fn/cli.Commit=$COMMIT"

rm -rf "$DIST"
mkdir -p "$DIST"
for p in $PLATFORMS; do
  os=${p%/*} arch=${p#*/} ext=""
  [ "$os" = windows ] && ext=.exe
  out="$DIST/servicespec_${VERSION}_${os}_${arch}${ext}"
  echo "release: $out"
  GOOS=$os GOARCH=$arch CGO_ENABLED=0 "$GO" build -trimpath -ldflags "$LDFLAGS" -o "$out" ./cmd/servicespec
done
echo "release: $DIST/servicespec_${VERSION}.wasm"
GOOS=js GOARCH=wasm CGO_ENABLED=0 "$GO" build -trimpath -ldflags "$LDFLAGS" -o "$DIST/servicespec_${VERSION}.wasm" ./cmd/servicespec
# The playground as files for any static file server (GitHub Pages...).
playground="servicespec_${VERSION}_playground"
echo "release: $DIST/$playground.tar.gz"
mkdir -p "$DIST/$playground"
GO=$GO hack/playground-files.sh "$DIST/$playground" "$DIST/servicespec_${VERSION}.wasm"
tar -C "$DIST" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$(git log -1 --format=%ct 2>/dev/null || echo 0)" \
  -czf "$DIST/$playground.tar.gz" "$playground"
rm -rf "${DIST:?}/$playground"
sbom=$(mktemp -d)/sbom
"$GO" build -o "$sbom" ./hack/sbom
for artifact in "$DIST"/servicespec_"${VERSION}"_* "$DIST/servicespec_${VERSION}.wasm"; do
  case $artifact in *.tar.gz) continue ;; esac
  "$sbom" "$VERSION" "$artifact" > "$artifact.cdx.json"
done
rm -rf "$(dirname "$sbom")"
image="$DIST/servicespec_${VERSION}_image.oci.tar"
IMAGE_MODE=${RELEASE_IMAGE:-auto}
if [ "$IMAGE_MODE" = skip ]; then
  echo "release: image left out (RELEASE_IMAGE=skip)"
elif ! command -v podman >/dev/null; then
  [ "$IMAGE_MODE" != require ] || { echo "release: RELEASE_IMAGE=require and podman is not installed" >&2; exit 1; }
  echo "warning: release: the image is left out: podman is not installed (RELEASE_IMAGE=require makes this an error)" >&2
else
  echo "release: $image (linux/amd64, linux/arm64)"
  if ! VERSION=$VERSION REVISION=$COMMIT hack/image-build.sh "localhost/servicespec:$VERSION" "$image" \
    ${GO_IMAGE:+--build-arg GO_IMAGE="$GO_IMAGE"} ${BASE_IMAGE:+--build-arg BASE_IMAGE="$BASE_IMAGE"} > "$DIST/image.log" 2>&1; then
    tail -5 "$DIST/image.log" >&2
    [ "$IMAGE_MODE" != require ] || { echo "release: the image failed (see $DIST/image.log)" >&2; exit 1; }
    echo "warning: release: the image is left out: its build failed (see $DIST/image.log; the base images" \
      "must be reachable, or given as GO_IMAGE and BASE_IMAGE). RELEASE_IMAGE=require makes this an error." >&2
    rm -f "$image"
  else
    rm -f "$DIST/image.log"
  fi
fi
(cd "$DIST" && sha256sum servicespec_* > checksums.txt)
echo "release: $DIST/checksums.txt and an SBOM beside each binary and the module (<artifact>.cdx.json)"
