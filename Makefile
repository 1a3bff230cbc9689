# servicespec — run `make help` for the targets.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
GO ?= go

# The pinned tools the build and the tests need are built once into a cache
# outside the clone, one directory per tool and version, and linked into
# .tools/bin: a second clone reuses them, a new version builds anew.
TOOLS_DIR ?= $(CURDIR)/.tools
TOOLS_BIN := $(TOOLS_DIR)/bin
TOOLS_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/servicespec/tools
export TOOLS_BIN TOOLS_CACHE
export PATH := $(TOOLS_BIN):$(PATH)
KUSTOMIZE_VERSION ?= v5.8.2
HELM_VERSION ?= v3.22.0
K8S_VERSION ?= 1.37.2
ETCD_VERSION ?= v3.6.16
CONTROLLER_GEN_VERSION ?= v0.23.0
ARGOCD_VERSION ?= v3.2.12
GOLANGCI_VERSION ?= v2.15.0
TOOL := hack/tool.sh

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X github.com/servicespec/servicespec/fn/cli.Version=$(VERSION)

.DEFAULT_GOAL := help

.PHONY: help
help: ## show the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: build
build: ## build bin/servicespec
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/servicespec ./cmd/servicespec

.PHONY: wasm
wasm: ## build web/servicespec.wasm (GOOS=js GOARCH=wasm, for kpt's --allow-alpha-wasm) and the playground's files (the module gzipped, examples)
	GOOS=js GOARCH=wasm CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o web/servicespec.wasm ./cmd/servicespec
	GO=$(GO) hack/playground-files.sh web web/servicespec.wasm

.PHONY: release
release: ## binaries for linux and darwin (amd64, arm64) and windows amd64, the wasm module, the playground for any static file server, the image for linux/amd64+arm64 (OCI archive, with podman), checksums and a CycloneDX SBOM of each artifact, into dist/
	GO=$(GO) VERSION=$(VERSION) hack/release.sh

.PHONY: playground
PLAYGROUND_PORT ?= 8080
playground: wasm ## serve the playground (web/) on http://localhost:$(PLAYGROUND_PORT)
	@echo "servicespec playground: http://localhost:$(PLAYGROUND_PORT)/"
	cd web && python3 -m http.server --bind 127.0.0.1 $(PLAYGROUND_PORT)

.PHONY: run
run: build ## render examples/stateless to stdout
	@bin/servicespec render examples/stateless

.PHONY: test
test: build tools ## run the whole test suite: vet, unit, golden, every fuzz target for seconds, kustomize, kpt, API server, WebAssembly, the playground in Chromium (installed if missing), scale, image
	hack/browser.sh
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 20m ./...
	FUZZTIME=$(TEST_FUZZTIME) GO=$(GO) hack/fuzz.sh
	$(MAKE) --no-print-directory image-test

.PHONY: image-test
image-test: tools ## build the Dockerfile with podman (installed if missing), run the image via podman, kpt and kustomize, and check the amd64+arm64 release archive
	KUSTOMIZE=$(TOOLS_BIN)/kustomize hack/image-test.sh

.PHONY: fuzz
FUZZTIME ?= 10m
TEST_FUZZTIME ?= 4s
fuzz: ## run every fuzz target in the tree for FUZZTIME each (default 10m), e.g. make fuzz FUZZTIME=30s
	FUZZTIME=$(FUZZTIME) GO=$(GO) hack/fuzz.sh

.PHONY: bench
bench: ## whole-process timings of first render, re-render, kustomize input and an error against helm, kustomize, the SDK and the floor (N = 1..20,000), then make hostile, make bench-start and make bench-playground
	bench/run.sh
	bench/hostile.sh
	bench/start.sh
	$(MAKE) --no-print-directory bench-playground

.PHONY: bench-playground
bench-playground: ## the playground's first render in headless Chromium (network throttled to 50 Mbit/s, cache off), gzipped module against uncompressed; Chromium installed if missing
	hack/browser.sh
	$(GO) run ./bench/playground

.PHONY: bench-start
bench-start: ## start-up: one spec against the SDK identity function (300 runs), the image's podman run against a static image doing nothing (30 runs), image sizes
	bench/start.sh

.PHONY: hostile
hostile: ## servicespec's time and peak memory on the hostile corpus (alias bombs, huge inputs), against 2 s and 200 MB
	bench/hostile.sh

.PHONY: bench-quick
bench-quick: ## make bench at N = 100 and 1,000; ends with the servicespec/helm and rerender/helm ratios
	QUICK=1 bench/run.sh

.PHONY: golden
golden: ## regenerate every golden file (then review the diff as code)
	UPDATE_GOLDEN=1 $(GO) test -count=1 ./...

.PHONY: generate
generate: $(TOOLS_BIN)/controller-gen ## regenerate deepcopy, the CRDs, the JSON Schemas and docs/reference.md from the Go types, and KubeSphere's servicemesh CRDs the tests install
	controller-gen object paths=./fn/api/...
	controller-gen crd:crdVersions=v1 paths=./fn/api/v1alpha1 output:crd:dir=./schemas
	$(GO) run ./fn/internal/schemagen schemas/servicespec.dev_servicespecs.yaml schemas/servicespec.schema.json
	$(GO) run ./fn/internal/schemagen schemas/servicespec.dev_appspecs.yaml schemas/appspec.schema.json
	$(GO) run ./fn/internal/docgen fn/api/v1alpha1 docs/reference.md
	hack/kubesphere-crds/generate.sh fn/internal/crds/kubesphere

.PHONY: verify
verify: generate ## fail when generated files are stale or code is unformatted
	@test -z "$$(gofmt -l cmd fn schemas bench)" || { gofmt -l cmd fn schemas bench; echo "run gofmt -w"; exit 1; }
	@$(GO) mod tidy -diff || { echo "go.mod is not tidy: run go mod tidy"; exit 1; }
	@git diff --exit-code -- schemas fn/api docs/reference.md fn/internal/crds/kubesphere || { echo "generated files are stale: run make generate and commit"; exit 1; }

.PHONY: lint
lint: $(TOOLS_BIN)/golangci-lint ## run go vet and the pinned golangci-lint
	$(GO) vet ./...
	golangci-lint run ./...

.PHONY: tools
tools: $(TOOLS_BIN)/kustomize $(TOOLS_BIN)/helm $(TOOLS_BIN)/etcd $(TOOLS_BIN)/kube-apiserver $(TOOLS_BIN)/argocd-cmp-server ## install the pinned tools the tests drive (cached in $(TOOLS_CACHE), linked into .tools/bin; the API server takes ~5 min cold)

# etcd and kube-apiserver, built from the Go module proxy (see the script).
$(TOOLS_BIN)/etcd:
	ETCD_VERSION=$(ETCD_VERSION) $(TOOL) etcd $(ETCD_VERSION) hack/k8s-tools.sh etcd

$(TOOLS_BIN)/kube-apiserver:
	K8S_VERSION=$(K8S_VERSION) $(TOOL) kube-apiserver v$(K8S_VERSION) hack/k8s-tools.sh kube-apiserver

# Argo CD's argocd-cmp-server and cmp-drive, which drives it as the
# repo-server does, built from the Go module proxy (see the script).
$(TOOLS_BIN)/argocd-cmp-server:
	ARGOCD_VERSION=$(ARGOCD_VERSION) $(TOOL) argocd-cmp-server $(ARGOCD_VERSION) hack/argocd-cmp.sh

.PHONY: apiserver-check
apiserver-check: tools ## dry-run every golden and example output against a real kube-apiserver
	@$(GO) test -count=1 -v -run TestAPIServer ./fn/conformance > $(TOOLS_DIR)/apiserver-check.log 2>&1 && rc=0 || rc=$$?; \
	  grep -E -- '--- FAIL|rejected:' $(TOOLS_DIR)/apiserver-check.log || true; \
	  grep '^apiserver:' $(TOOLS_DIR)/apiserver-check.log || tail -20 $(TOOLS_DIR)/apiserver-check.log; exit $$rc

$(TOOLS_BIN)/kustomize:
	$(TOOL) kustomize $(KUSTOMIZE_VERSION) $(GO) install sigs.k8s.io/kustomize/kustomize/v5@$(KUSTOMIZE_VERSION)

$(TOOLS_BIN)/helm:
	$(TOOL) helm $(HELM_VERSION) $(GO) install helm.sh/helm/v3/cmd/helm@$(HELM_VERSION)

$(TOOLS_BIN)/controller-gen:
	$(TOOL) controller-gen $(CONTROLLER_GEN_VERSION) $(GO) install sigs.k8s.io/controller-tools/cmd/controller-gen@$(CONTROLLER_GEN_VERSION)

$(TOOLS_BIN)/golangci-lint:
	$(TOOL) golangci-lint $(GOLANGCI_VERSION) $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_VERSION)

.PHONY: clean
clean: ## remove build output
	rm -rf bin
