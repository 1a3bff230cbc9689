#!/usr/bin/env bash
# hack/playground-files.sh DIR MODULE: lays out the playground in DIR for
# any static file server: the page and its script (from web/), the module
# MODULE gzipped as servicespec.wasm.gz (the page decompresses it, so that
# a server that compresses nothing still serves it small), Go's
# wasm_exec.js and the examples (make wasm for web/, make release for the
# playground archive, and the browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1 module=$2
GO=${GO:-go}
mkdir -p "$dir/examples"
for f in index.html playground.js; do
  [ "$(realpath "$dir")" = "$(realpath web)" ] || cp "web/$f" "$dir/$f"
done
gzip -9 -n -c "$module" > "$dir/servicespec.wasm.gz"
cp "$("$GO" env GOROOT)/lib/wasm/wasm_exec.js" "$dir/wasm_exec.js"
cp examples/stateless/servicespec.yaml "$dir/examples/stateless.yaml"
cp examples/stateful/servicespec.yaml "$dir/examples/stateful.yaml"
cp examples/external/servicespec.yaml "$dir/examples/external.yaml"
cat examples/workload/deployment.yaml <(echo ---) examples/workload/servicespec.yaml > "$dir/examples/workload.yaml"
cp examples/multicluster/app/storefront.yaml "$dir/examples/multicluster.yaml"
cp examples/canary/2-canary-10/bookinfo.yaml "$dir/examples/canary.yaml"
cp examples/import/kubectl-get.yaml "$dir/examples/import.yaml"
