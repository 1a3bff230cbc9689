# servicespec as a containerized KRM function. Base images are build args,
# fully qualified so that podman resolves them too.
ARG GO_IMAGE=docker.io/library/golang:1.26
ARG BASE_IMAGE=gcr.io/distroless/static-debian12:nonroot

FROM ${GO_IMAGE} AS build
ENV CGO_ENABLED=0 GOFLAGS=-buildvcs=false
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY cmd ./cmd
COPY fn ./fn
COPY schemas ./schemas
ARG VERSION=dev
RUN go build -trimpath -ldflags="-s -w -X github.com/servicespec/servicespec/fn/cli.Version=${VERSION}" -o /out/servicespec ./cmd/servicespec

# distroless has /etc/passwd with nobody: kpt and kustomize run functions as
# --user nobody, which fails on scratch.
FROM ${BASE_IMAGE}
COPY --from=build /out/servicespec /usr/local/bin/servicespec
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/servicespec"]
