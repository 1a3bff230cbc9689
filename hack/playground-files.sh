#!/usr/bin/env bash
# hack/playground-files.sh DIR: puts next to the playground's page in DIR
# what it loads besides the module: Go's wasm_exec.js and the examples
# (make wasm for web/, make release for the playground archive).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1
GO=${GO:-go}
cp "$("$GO" env GOROOT)/lib/wasm/wasm_exec.js" "$dir/wasm_exec.js"
mkdir -p "$dir/examples"
cp examples/stateless/servicespec.yaml "$dir/examples/stateless.yaml"
cp examples/stateful/servicespec.yaml "$dir/examples/stateful.yaml"
cp examples/external/servicespec.yaml "$dir/examples/external.yaml"
cat examples/workload/deployment.yaml <(echo ---) examples/workload/servicespec.yaml > "$dir/examples/workload.yaml"
cp examples/multicluster/app/storefront.yaml "$dir/examples/multicluster.yaml"
cp examples/canary/2-canary-10/bookinfo.yaml "$dir/examples/canary.yaml"
