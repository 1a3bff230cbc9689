#!/usr/bin/env bash
# Builds the real etcd and kube-apiserver the API-server tests run, from the
# Go module proxy. Both modules carry replace directives, so
# `go install pkg@version` refuses them; each is built through a small wrapper
# module instead (kube-apiserver: its v0.0.0 staging requirements are mapped to
# the published v0.<minor>.<patch> modules). Cold: ~5 min and ~3 GB RSS for the
# apiserver link; with a warm Go build cache: seconds.
set -euo pipefail

K8S_VERSION=${K8S_VERSION:-1.37.2}
ETCD_VERSION=${ETCD_VERSION:-v3.6.16}
# hack/k8s-tools.sh etcd|kube-apiserver builds one of them into $OUT (see
# hack/tool.sh, which caches the result by version); the wrapper modules go
# to a temporary directory.
OUT=${OUT:?set OUT}
SRC=$(mktemp -d "${TMPDIR:-/tmp}/servicespec-k8s-src.XXXXXX")
trap 'rm -rf "$SRC"' EXIT

tools_go() {  # tools_go DIR IMPORT: a tools.go importing one main package
  printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$2" > "$1/tools.go"
}

build_etcd() {
  local d=$SRC/etcd-$ETCD_VERSION
  mkdir -p "$d"
  printf 'module local/etcd\n\ngo 1.26.0\n\nrequire go.etcd.io/etcd/server/v3 %s\n' "$ETCD_VERSION" > "$d/go.mod"
  tools_go "$d" go.etcd.io/etcd/server/v3
  (cd "$d" && GOFLAGS=-mod=mod go mod tidy && go build -trimpath -ldflags '-s -w' -o "$OUT/etcd" go.etcd.io/etcd/server/v3)
}

build_kube_apiserver() {
  local d=$SRC/kubernetes-$K8S_VERSION staging=v0.${K8S_VERSION#1.} minor=${K8S_VERSION#1.}
  minor=${minor%%.*}
  mkdir -p "$d"
  printf 'module local/kubernetes\n\ngo 1.26.0\n' > "$d/go.mod"
  local kmod
  kmod=$(cd "$d" && go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | sed -n 's/^\s*"GoMod": "\(.*\)",$/\1/p')
  {
    printf 'module local/kubernetes\n\ngo 1.26.0\n\nrequire k8s.io/kubernetes v%s\n\nreplace (\n' "$K8S_VERSION"
    awk -v s="$staging" '$2=="v0.0.0" && $1 ~ /^k8s.io\// {print "\t" $1 " => " $1 " " s}' "$kmod"
    printf ')\n'
  } > "$d/go.mod"
  tools_go "$d" k8s.io/kubernetes/cmd/kube-apiserver
  local v=k8s.io/component-base/version
  (cd "$d" && go mod tidy && go build -trimpath \
    -ldflags "-s -w -X $v.gitVersion=v$K8S_VERSION -X $v.gitMajor=1 -X $v.gitMinor=$minor" \
    -o "$OUT/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver)
}

case ${1:-} in
etcd) build_etcd ;;
kube-apiserver) build_kube_apiserver && "$OUT/kube-apiserver" --version ;;
*) echo "usage: OUT=DIR hack/k8s-tools.sh etcd|kube-apiserver" >&2; exit 2 ;;
esac
