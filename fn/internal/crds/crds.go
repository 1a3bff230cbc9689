// Package crds gives the tests the CustomResourceDefinitions of the kinds
// servicespec writes for KubeSphere, from real upstream files fetched
// through the Go module proxy (the only registry a CI machine reaches) and
// cached by the go command:
//
//   - app.k8s.io Application: kubernetes-sigs/application's own CRD
//     (sigs.k8s.io/application), an apiextensions.k8s.io/v1beta1 file that
//     is converted to v1 (the v1beta1 API is gone since Kubernetes 1.22);
//   - servicemesh.kubesphere.io Strategy and ServicePolicy: the CRDs
//     KubeSphere 3.4 installs, generated as KubeSphere generates them
//     (controller-gen over its servicemesh v1alpha2 types, which wrap
//     Istio's Go types) by hack/kubesphere-crds into kubesphere/, and
//     checked against KubeSphere's own files (hack/kubesphere-crds/README.md).
//     KubeSphere's modules are not on the module proxy (kubesphere.io/*
//     answers 403), so they are generated, not fetched;
//   - types.kubefed.io FederatedDeployment, FederatedService and
//     FederatedStatefulSet: kubefed's own chart CRDs (sigs.k8s.io/kubefed,
//     charts/kubefed/crds). The upstream chart federates no StatefulSet;
//     KubeSphere's kubefed extension adds FederatedStatefulSet as the same
//     CRD under its own names, and so does this package.
//
// Nothing fetched is committed; the versions are pinned here.
package crds

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"sigs.k8s.io/yaml"
)

// The upstream modules the CRDs come from.
const (
	ApplicationModule = "sigs.k8s.io/application@v0.8.2"
	KubefedModule     = "sigs.k8s.io/kubefed@v0.10.0"
)

// All returns the CRDs, as JSON documents ready to create.
func All(ctx context.Context) ([][]byte, error) {
	app, err := Application(ctx)
	if err != nil {
		return nil, err
	}
	mesh, err := ServiceMesh(ctx)
	if err != nil {
		return nil, err
	}
	fed, err := Kubefed(ctx)
	if err != nil {
		return nil, err
	}
	return append(append([][]byte{app}, mesh...), fed...), nil
}

// Kubefed returns the federated kinds' CRDs from kubefed's chart, with
// FederatedStatefulSet made from FederatedDeployment as KubeSphere's
// extension makes it (other names, no other change).
func Kubefed(ctx context.Context) ([][]byte, error) {
	raw, err := moduleFile(ctx, KubefedModule, "charts/kubefed/crds/crds.yaml")
	if err != nil {
		return nil, err
	}
	byKind := map[string]object{}
	for _, doc := range bytes.Split(raw, []byte("\n---")) {
		var crd object
		if err := yaml.Unmarshal(doc, &crd); err != nil {
			return nil, err
		}
		if spec, ok := crd["spec"].(object); ok {
			byKind[spec["names"].(object)["kind"].(string)] = crd
		}
	}
	var out [][]byte
	for _, k := range []string{"FederatedDeployment", "FederatedService"} {
		if byKind[k] == nil {
			return nil, fmt.Errorf("%s: no %s CRD", KubefedModule, k)
		}
		data, err := json.Marshal(byKind[k])
		if err != nil {
			return nil, err
		}
		out = append(out, data)
	}
	sts := renamed(byKind["FederatedDeployment"], "FederatedStatefulSet", "federatedstatefulsets", "fsts")
	data, err := json.Marshal(sts)
	return append(out, data), err
}

// renamed is a copy of a federated kind's CRD under other names.
func renamed(crd object, kind, plural, short string) object {
	var out object
	data, _ := json.Marshal(crd)
	_ = json.Unmarshal(data, &out)
	out["metadata"] = object{"name": plural + ".types.kubefed.io"}
	names := out["spec"].(object)["names"].(object)
	names["kind"], names["plural"], names["shortNames"] = kind, plural, []any{short}
	delete(names, "singular")
	delete(names, "listKind")
	return out
}

// moduleFile reads a file of a module version, downloading the module
// into the Go module cache the first time.
func moduleFile(ctx context.Context, module, file string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "go", "mod", "download", "-json", module)
	cmd.Dir = os.TempDir() // outside any module: nothing is written to a go.mod
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GO111MODULE=on")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go mod download %s: %v: %s%s", module, err, errOut.Bytes(), out.Bytes())
	}
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(out.Bytes(), &info); err != nil {
		return nil, err
	}
	if info.Error != "" {
		return nil, fmt.Errorf("go mod download %s: %s", module, info.Error)
	}
	return os.ReadFile(filepath.Join(info.Dir, file))
}

// object is an open JSON object: CRD schemas are data, read and rewritten
// here, never rendered.
type object = map[string]any

// Application is kubernetes-sigs/application's CRD, converted from
// apiextensions.k8s.io/v1beta1 to v1: the schema and subresources move into
// the one version, printer columns are renamed, and the group's API
// approval is recorded.
func Application(ctx context.Context) ([]byte, error) {
	raw, err := moduleFile(ctx, ApplicationModule, "config/crd/bases/app.k8s.io_applications.yaml")
	if err != nil {
		return nil, err
	}
	var crd object
	if err := yaml.Unmarshal(raw, &crd); err != nil {
		return nil, err
	}
	spec := crd["spec"].(object)
	version := object{"name": spec["version"], "served": true, "storage": true,
		"schema": object{"openAPIV3Schema": spec["validation"].(object)["openAPIV3Schema"]}}
	if sub, ok := spec["subresources"]; ok {
		version["subresources"] = sub
	}
	var columns []any
	for _, c := range asList(spec["additionalPrinterColumns"]) {
		col := c.(object)
		col["jsonPath"] = col["JSONPath"]
		delete(col, "JSONPath")
		columns = append(columns, col)
	}
	if columns != nil {
		version["additionalPrinterColumns"] = columns
	}
	for _, k := range []string{"validation", "version", "versions", "subresources", "additionalPrinterColumns"} {
		delete(spec, k)
	}
	spec["versions"] = []any{version}
	crd["apiVersion"] = "apiextensions.k8s.io/v1"
	delete(crd, "status")
	// A group under k8s.io needs an approval annotation since v1; the v1
	// CRD the project publishes (and KubeSphere installs) carries this one.
	meta := crd["metadata"].(object)
	annotations, _ := meta["annotations"].(object)
	if annotations == nil {
		annotations = object{}
	}
	annotations["api-approved.kubernetes.io"] = "https://github.com/kubernetes-sigs/application/pull/2"
	meta["annotations"] = annotations
	return json.Marshal(crd)
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// ServiceMesh returns the Strategy and ServicePolicy CRDs KubeSphere 3.4
// installs, as hack/kubesphere-crds generates them (make generate).
func ServiceMesh(context.Context) ([][]byte, error) {
	var out [][]byte
	for _, name := range []string{"servicemesh.kubesphere.io_strategies.yaml", "servicemesh.kubesphere.io_servicepolicies.yaml"} {
		raw, err := kubesphere.ReadFile("kubesphere/" + name)
		if err != nil {
			return nil, err
		}
		js, err := yaml.YAMLToJSON(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, js)
	}
	return out, nil
}

// kubesphere holds the CRDs generated from KubeSphere's API types.
//
//go:embed kubesphere/*.yaml
var kubesphere embed.FS
