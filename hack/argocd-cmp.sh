#!/usr/bin/env bash
# Builds Argo CD's real argocd-cmp-server, and cmp-drive, which drives it as
# the repo-server does (both in hack/argocd-cmp), from the Go module proxy
# into $OUT (see hack/tool.sh, which caches the result by version). Argo
# CD's module carries replace directives, so `go install pkg@version`
# refuses it: both are built in a wrapper module that requires it with the
# same replacements. The server is Argo CD's cmp-server command alone (the
# argocd binary runs the same command when called argocd-cmp-server),
# so the controller and the rest are not compiled. Cold: a few minutes;
# warm Go build cache: seconds.
set -euo pipefail
ARGOCD_VERSION=${ARGOCD_VERSION:?set ARGOCD_VERSION}
OUT=${OUT:?set OUT}
here=$(cd "$(dirname "$0")" && pwd)
src=$(mktemp -d "${TMPDIR:-/tmp}/servicespec-argocd-src.XXXXXX")
trap 'rm -rf "$src"' EXIT
printf 'module local/argocd\n\ngo 1.26.0\n' > "$src/go.mod"
mod=$(cd "$src" && go mod download -json "github.com/argoproj/argo-cd/v3@$ARGOCD_VERSION" | sed -n 's/^\s*"GoMod": "\(.*\)",$/\1/p')
{
  printf 'module local/argocd\n\ngo 1.26.0\n\nrequire github.com/argoproj/argo-cd/v3 %s\n\n' "$ARGOCD_VERSION"
  awk '/^replace \(/{p=1} p{print} p&&/^\)/{p=0}' "$mod"
} > "$src/go.mod"
cp -r "$here/argocd-cmp/argocd-cmp-server" "$here/argocd-cmp/cmp-drive" "$src/"
cd "$src"
GOFLAGS=-mod=mod go mod tidy
go build -trimpath -ldflags '-s -w' -o "$OUT/" ./argocd-cmp-server ./cmp-drive
