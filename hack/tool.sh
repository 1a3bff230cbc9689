#!/usr/bin/env bash
# hack/tool.sh NAME VERSION COMMAND...: makes $TOOLS_BIN/NAME a link to the
# pinned tool in the cache outside the clone, $TOOLS_CACHE/NAME-VERSION/NAME.
# COMMAND builds it there the first time only: it runs with GOBIN and OUT set
# to a fresh directory, which becomes the cache entry when COMMAND succeeds.
# A second clone, or `git clean`, reuses the cache; a new version builds anew.
set -euo pipefail
name=$1 version=$2
shift 2
: "${TOOLS_CACHE:?set TOOLS_CACHE}" "${TOOLS_BIN:?set TOOLS_BIN}"
entry=$TOOLS_CACHE/$name-$version
if [ ! -x "$entry/$name" ]; then
  mkdir -p "$TOOLS_CACHE"
  tmp=$(mktemp -d "$TOOLS_CACHE/.$name-$version.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  echo "building $name $version into $entry" >&2
  GOBIN=$tmp OUT=$tmp "$@"
  [ -x "$tmp/$name" ] || { echo "tool.sh: $* did not make $name" >&2; exit 1; }
  rm -rf "$entry"
  chmod 755 "$tmp"
  mv "$tmp" "$entry"
  trap - EXIT
fi
mkdir -p "$TOOLS_BIN"
ln -sfn "$entry/$name" "$TOOLS_BIN/$name"
