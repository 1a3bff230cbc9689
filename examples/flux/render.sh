#!/bin/sh
# The CI render step: Flux never runs KRM functions, so CI expands the
# ServiceSpecs and publishes plain manifests for Flux to apply.
set -eu
mkdir -p rendered
servicespec render app > rendered/manifests.yaml.tmp
mv rendered/manifests.yaml.tmp rendered/manifests.yaml
