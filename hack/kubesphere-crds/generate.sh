#!/usr/bin/env bash
# hack/kubesphere-crds/generate.sh OUT_DIR: writes KubeSphere 3.4's
# servicemesh.kubesphere.io CRDs (Strategy, ServicePolicy) into OUT_DIR, made
# as KubeSphere makes them: controller-gen (crd:allowDangerousTypes=true)
# over the servicemesh v1alpha2 types, which wrap Istio's own Go types at the
# Istio API version KubeSphere 3.4 pins. Descriptions are left out: they
# decide nothing the API server checks.
#
# controller-gen reports each oneof of Istio's Go types (an interface field
# without a JSON tag, such as StringMatch's MatchType) as an error and leaves
# the field out of the schema; the controller-gen KubeSphere 3.4 ran (v0.11.1,
# which no longer builds with this Go) left them out without a word. Those
# reports are expected; any other makes this script fail.
set -euo pipefail
out=$(realpath -m "$1")
cd "$(dirname "$0")"
mkdir -p "$out"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
controller-gen crd:allowDangerousTypes=true,maxDescLen=0 paths=./... output:crd:dir="$out" 2>"$log" || status=$?
unexpected=$(grep -v -E 'encountered struct field "[A-Za-z]+" without JSON tag in type|^Error: not all generators ran successfully|^run `controller-gen' "$log" || true)
if [ -n "$unexpected" ]; then
  cat "$log" >&2
  exit 1
fi
if [ "$status" -ne 0 ] && ! grep -q 'without JSON tag' "$log"; then
  cat "$log" >&2
  exit "$status"
fi
ls "$out"/servicemesh.kubesphere.io_strategies.yaml "$out"/servicemesh.kubesphere.io_servicepolicies.yaml >/dev/null
