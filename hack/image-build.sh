#!/usr/bin/env bash
# hack/image-build.sh TAG OUT [podman build arguments...]: builds ./Dockerfile
# for IMAGE_PLATFORMS (default linux/amd64,linux/arm64) into the manifest
# list TAG and writes the list with every platform's image to the OCI
# archive OUT. Go cross-compiles on the build platform, so nothing runs
# under emulation. VERSION and REVISION become OCI labels; the arguments
# after OUT go to podman build (base images, offline mounts).
set -euo pipefail
cd "$(dirname "$0")/.."
tag=$1 out=$2
shift 2
VERSION=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}
REVISION=${REVISION:-$(git rev-parse HEAD 2>/dev/null || echo unknown)}
# BUILDPLATFORM is given: podman 4.3 leaves it empty in a multi-platform
# build, and the build stage would then be looked up for the target.
BUILDPLATFORM=$(podman info --format '{{.Host.OS}}/{{.Host.Arch}}')
podman manifest rm "$tag" >/dev/null 2>&1 || true
# One platform after the other, so that the list holds them in a fixed
# order; file and image times are the commit's (not the build's), so that they
# do not change the layers from one build of a commit to the next.
EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
IFS=, read -ra platforms <<< "${IMAGE_PLATFORMS:-linux/amd64,linux/arm64}"
for p in "${platforms[@]}"; do
  podman build --platform "$p" --manifest "$tag" --timestamp "$EPOCH" \
    --build-arg BUILDPLATFORM="$BUILDPLATFORM" --build-arg VERSION="$VERSION" --build-arg REVISION="$REVISION" \
    "$@" -f Dockerfile .
done
rm -f "$out"
podman manifest push --all --quiet "$tag" "oci-archive:$out"
