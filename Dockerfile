# servicespec as a containerized KRM function. Base images are build args,
# fully qualified so that podman resolves them too.
ARG GO_IMAGE=docker.io/library/golang:1.26
ARG BASE_IMAGE=gcr.io/distroless/static-debian12:nonroot

# The build stage runs on the build machine's platform and cross-compiles
# for the target's: an arm64 image needs no emulation.
FROM --platform=$BUILDPLATFORM ${GO_IMAGE} AS build
ENV CGO_ENABLED=0 GOFLAGS=-buildvcs=false
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY cmd ./cmd
COPY fn ./fn
COPY schemas ./schemas
ARG VERSION=dev
ARG REVISION=unknown
ARG TARGETOS TARGETARCH
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -ldflags="-s -w -X github.com/servicespec/servicespec/fn/cli.Version=${VERSION} -X github.com/servicespec/servicespec/fn/cli.Commit=${REVISION}" -o /out/servicespec ./cmd/servicespec

# distroless has /etc/passwd with nobody: kpt and kustomize run functions as
# --user nobody, which fails on scratch.
FROM ${BASE_IMAGE}
ARG VERSION=dev
ARG REVISION=unknown
LABEL org.opencontainers.image.title="servicespec" \
      org.opencontainers.image.description="KubeSphere's Create Service as a KRM function" \
      org.opencontainers.image.source="https://github.com/servicespec/servicespec" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"
COPY --from=build /out/servicespec /usr/local/bin/servicespec
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/servicespec"]
