# Sourced by hack/image-test.sh and bench/container.sh: a rootful podman
# confined to a fresh $WORK (removed on exit), and local stand-ins for the
# base images, since this machine reaches no container registry: the host's
# Go toolchain for golang:1.26 and a passwd-only root filesystem for
# distroless/static:nonroot (amd64 and arm64, in one manifest list).
# The caller defines say, fail and skip, and MODE (skip|auto|require).
# Afterwards: build DOCKERFILE TAG BASE_IMAGE builds offline with the
# host's module and build caches mounted; OFFLINE_BUILD_ARGS holds them.

[ "$MODE" = skip ] && skip "IMAGE_TEST=skip"
if ! command -v podman >/dev/null || ! command -v runc >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing podman and runc from Debian"
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends podman runc; } \
      > /tmp/image-test-apt.log 2>&1 || skip "apt-get install podman runc failed (see /tmp/image-test-apt.log)"
  else
    skip "podman and runc are not installed and cannot be installed here (needs root and apt-get)"
  fi
fi
[ "$(id -u)" = 0 ] || skip "rootful podman needs root"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/servicespec-image-test.XXXXXX")
mkdir -p "$WORK/tmp" "$WORK/stage"
# podman confined to $WORK. runc: crun refuses hybrid cgroup hosts. The
# ulimits: without CAP_SYS_RESOURCE podman's default (1048576) cannot be set,
# and kpt and kustomize build the run command themselves, so it is config.
hard() { local h; h=$(ulimit -H "$1"); if [ "$h" = unlimited ] || [ "$h" -gt 4096 ]; then h=4096; fi; echo "$h"; }
cat > "$WORK/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$(hard -n):$(hard -n)", "nproc=$(hard -u):$(hard -u)"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$WORK/events.log"
tmp_dir = "$WORK/libpod"
CONF
cat > "$WORK/storage.conf" <<CONF
[storage]
driver = "overlay"
graphroot = "$WORK/storage"
runroot = "$WORK/run"
CONF
export CONTAINERS_CONF="$WORK/containers.conf" CONTAINERS_STORAGE_CONF="$WORK/storage.conf" TMPDIR="$WORK/tmp"
cleanup() {
  podman rm -a -f >/dev/null 2>&1 || true
  podman rmi -a -f >/dev/null 2>&1 || true
  awk -v w="$WORK" 'index($2, w) == 1 {print $2}' /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- stand-in base images -------------------------------------------------
S=$WORK/stage/shell
mkdir -p "$S/bin" "$S/tmp" "$S/etc" "$S/go"
chmod 1777 "$S/tmp"
for b in sh grep mkdir mv cat; do cp -L "$(command -v $b)" "$S/bin/"; done
for b in "$S"/bin/*; do
  for lib in $(ldd "$b" | grep -o '/[^ ]*'); do cp -L --parents "$lib" "$S"; done
done
printf 'root:x:0:0:root:/root:/bin/sh\nargocd:x:999:999:argocd:/home/argocd:/bin/sh\n' > "$S/etc/passwd"
printf 'root:x:0:\nargocd:x:999:\n' > "$S/etc/group"
tar -C "$S" -cf - . | podman import -q - localhost/probe:local >/dev/null || skip "podman import failed"
if ! out=$(podman run --rm --network none localhost/probe:local /bin/sh -c 'exit 0' 2>&1); then
  skip "podman cannot run containers here: $out"
fi
# A shell base (for the Argo CD sidecar) and the Go builder on top of it,
# whose module proxy is the host's module cache mounted at build time.
podman import -q --change 'USER 999' - localhost/shell:local < <(tar -C "$S" -cf - .) >/dev/null
GOROOT=$(go env GOROOT)
tar -C "${GOROOT%/*}" -cf - --transform "s,^${GOROOT##*/},usr/local/go,S" "${GOROOT##*/}" -C "$S" . |
  podman import -q \
    --change 'ENV PATH=/go/bin:/usr/local/go/bin:/usr/local/bin:/usr/bin:/bin' \
    --change 'ENV GOPATH=/go' --change 'ENV GOTOOLCHAIN=local' --change 'ENV GOFLAGS=-mod=mod' \
    --change 'ENV GOPROXY=file:///go/pkg/mod/cache/download' --change 'ENV GOSUMDB=off' \
    --change 'WORKDIR /go' - localhost/golang:local >/dev/null
D=$WORK/stage/distroless
mkdir -p "$D/tmp" "$D/home/nonroot" "$D/etc"
chmod 1777 "$D/tmp"
printf '%s\n' 'root:x:0:0:root:/root:/sbin/nologin' 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' \
  'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' > "$D/etc/passwd"
printf '%s\n' 'root:x:0:' 'nobody:x:65534:' 'nonroot:x:65532:' > "$D/etc/group"
tar -C "$D" --numeric-owner -cf - . |
  podman import -q --change 'USER 65532' --change 'WORKDIR /home/nonroot' - localhost/distroless-static:nonroot >/dev/null

# The same root filesystem for arm64: the release image's arm64 half has
# no RUN step on it, so nothing has to run under emulation.
tar -C "$D" --numeric-owner -cf - . |
  podman import -q --arch arm64 --change 'USER 65532' --change 'WORKDIR /home/nonroot' - localhost/distroless-static:nonroot-arm64 >/dev/null
podman manifest create localhost/distroless-static:multiarch >/dev/null
for ref in localhost/distroless-static:nonroot localhost/distroless-static:nonroot-arm64; do
  podman manifest add localhost/distroless-static:multiarch "containers-storage:$ref" >/dev/null
done

go mod download
mkdir -p "$(go env GOCACHE)"
OFFLINE_BUILD_ARGS=(--pull=never --network none
  -v "$(go env GOMODCACHE)":/go/pkg/mod:ro -v "$(go env GOCACHE)":/root/.cache/go-build
  --build-arg GO_IMAGE=localhost/golang:local)
build() {  # build DOCKERFILE TAG BASE_IMAGE
  podman build "${OFFLINE_BUILD_ARGS[@]}" -f "$1" --build-arg BASE_IMAGE="$3" \
    -t "$2" . > "$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; fail "podman build -f $1"; }
}
