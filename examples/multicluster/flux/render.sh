#!/bin/sh
# The CI render step for Flux, one directory per member cluster: each
# cluster's Flux applies rendered/<cluster>/ (clusters/<cluster>/).
set -eu
for dir in clusters/*/; do
  cluster=$(basename "$dir")
  mkdir -p "rendered/$cluster"
  servicespec render --cluster "$cluster" ../app > "rendered/$cluster/manifests.yaml.tmp"
  mv "rendered/$cluster/manifests.yaml.tmp" "rendered/$cluster/manifests.yaml"
done
