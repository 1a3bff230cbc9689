#!/usr/bin/env bash
# make release: the binaries for every supported platform (and the
# WebAssembly module), their SHA-256 checksums and a CycloneDX SBOM of the
# Go module graph, into DIST (default dist/). VERSION and COMMIT come from
# git. PLATFORMS limits the platforms ("linux/amd64 windows/amd64").
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
"$GO" run ./hack/sbom "$VERSION" > "$DIST/servicespec_${VERSION}.cdx.json"
(cd "$DIST" && sha256sum servicespec_* > checksums.txt)
echo "release: $DIST/checksums.txt, $DIST/servicespec_${VERSION}.cdx.json"
