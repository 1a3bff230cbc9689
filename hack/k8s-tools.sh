#!/usr/bin/env bash
# Builds the real etcd and kube-apiserver the API-server tests run, from the
# Go module proxy, into $TOOLS_BIN. Both modules carry replace directives, so
# `go install pkg@version` refuses them; each is built through a small wrapper
# module instead (kube-apiserver: its v0.0.0 staging requirements are mapped to
# the published v0.<minor>.<patch> modules). Cold: ~5 min and ~3 GB RSS for the
# apiserver link; with a warm Go build cache: seconds.
set -euo pipefail

K8S_VERSION=${K8S_VERSION:-1.37.2}
ETCD_VERSION=${ETCD_VERSION:-v3.6.16}
TOOLS_DIR=${TOOLS_DIR:?set TOOLS_DIR}
TOOLS_BIN=${TOOLS_BIN:-$TOOLS_DIR/bin}
SRC=$TOOLS_DIR/src
mkdir -p "$TOOLS_BIN" "$SRC"

tools_go() {  # tools_go DIR IMPORT: a tools.go importing one main package
  printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$2" > "$1/tools.go"
}

build_etcd() {
  local d=$SRC/etcd-$ETCD_VERSION
  mkdir -p "$d"
  printf 'module local/etcd\n\ngo 1.26.0\n\nrequire go.etcd.io/etcd/server/v3 %s\n' "$ETCD_VERSION" > "$d/go.mod"
  tools_go "$d" go.etcd.io/etcd/server/v3
  (cd "$d" && GOFLAGS=-mod=mod go mod tidy && go build -trimpath -ldflags '-s -w' -o "$TOOLS_BIN/etcd" go.etcd.io/etcd/server/v3)
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
    -o "$TOOLS_BIN/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver)
}

[ -x "$TOOLS_BIN/etcd" ] || build_etcd
[ -x "$TOOLS_BIN/kube-apiserver" ] || build_kube_apiserver
"$TOOLS_BIN/kube-apiserver" --version
