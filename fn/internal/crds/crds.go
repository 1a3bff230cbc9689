// Package crds gives the tests the CustomResourceDefinitions of the kinds
// servicespec writes for KubeSphere, from real upstream files fetched
// through the Go module proxy (the only registry a CI machine reaches) and
// cached by the go command:
//
//   - app.k8s.io Application: kubernetes-sigs/application's own CRD
//     (sigs.k8s.io/application), an apiextensions.k8s.io/v1beta1 file that
//     is converted to v1 (the v1beta1 API is gone since Kubernetes 1.22);
//   - servicemesh.kubesphere.io Strategy and ServicePolicy: KubeSphere's
//     envelopes (from its servicemesh v1alpha2 types) around Istio's own
//     VirtualService and DestinationRule schemas (istio.io/api), as the
//     CRDs of KubeSphere 4.x's servicemesh extension are built. KubeSphere's
//     own files are not on the module proxy (kubesphere.io/* answers 403);
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
	IstioModule       = "istio.io/api@v1.32.0"
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

// ServiceMesh returns the Strategy and ServicePolicy CRDs: KubeSphere's
// envelopes around Istio's v1alpha3 VirtualService and DestinationRule
// spec schemas.
func ServiceMesh(ctx context.Context) ([][]byte, error) {
	raw, err := moduleFile(ctx, IstioModule, "kubernetes/customresourcedefinitions.gen.yaml")
	if err != nil {
		return nil, err
	}
	specs := map[string]object{}
	for _, doc := range bytes.Split(raw, []byte("\n---")) {
		var crd struct {
			Spec struct {
				Names    struct{ Kind string } `json:"names"`
				Versions []struct {
					Name   string `json:"name"`
					Schema struct {
						OpenAPIV3Schema struct {
							Properties map[string]object `json:"properties"`
						} `json:"openAPIV3Schema"`
					} `json:"schema"`
				} `json:"versions"`
			} `json:"spec"`
		}
		if err := yaml.Unmarshal(doc, &crd); err != nil {
			return nil, err
		}
		for _, v := range crd.Spec.Versions {
			if v.Name == "v1alpha3" {
				specs[crd.Spec.Names.Kind] = v.Schema.OpenAPIV3Schema.Properties["spec"]
			}
		}
	}
	for _, k := range []string{"VirtualService", "DestinationRule"} {
		if specs[k] == nil {
			return nil, fmt.Errorf("%s: no v1alpha3 %s schema", IstioModule, k)
		}
	}
	strategy, err := json.Marshal(strategyCRD(specs["VirtualService"]))
	if err != nil {
		return nil, err
	}
	policy, err := json.Marshal(servicePolicyCRD(specs["DestinationRule"]))
	if err != nil {
		return nil, err
	}
	return [][]byte{strategy, policy}, nil
}

// strategyCRD is KubeSphere's Strategy (servicemesh v1alpha2
// StrategySpec): a release policy around a VirtualService template.
func strategyCRD(virtualService object) object {
	return meshCRD("Strategy", "strategies", object{
		"type":           str(),
		"principal":      str(),
		"governor":       str(),
		"selector":       labelSelector(),
		"strategyPolicy": str(),
		"template":       template(virtualService),
	})
}

// servicePolicyCRD is KubeSphere's ServicePolicy (servicemesh v1alpha2
// ServicePolicySpec): a selector and a DestinationRule template.
func servicePolicyCRD(destinationRule object) object {
	return meshCRD("ServicePolicy", "servicepolicies", object{
		"selector": labelSelector(),
		"template": template(destinationRule),
	})
}

func meshCRD(kind, plural string, spec object) object {
	schema := object{"type": "object", "properties": object{
		"apiVersion": str(),
		"kind":       str(),
		"metadata":   object{"type": "object"},
		"spec":       object{"type": "object", "properties": spec},
		"status":     object{"type": "object", "x-kubernetes-preserve-unknown-fields": true},
	}}
	return object{
		"apiVersion": "apiextensions.k8s.io/v1",
		"kind":       "CustomResourceDefinition",
		"metadata":   object{"name": plural + ".servicemesh.kubesphere.io"},
		"spec": object{
			"group": "servicemesh.kubesphere.io",
			"scope": "Namespaced",
			"names": object{"kind": kind, "listKind": kind + "List", "plural": plural, "singular": lower(kind)},
			"versions": []any{object{"name": "v1alpha2", "served": true, "storage": true,
				"schema": object{"openAPIV3Schema": schema}, "subresources": object{}}},
		},
	}
}

func template(spec object) object {
	return object{"type": "object", "properties": object{"metadata": object{"type": "object"}, "spec": spec}}
}

func labelSelector() object {
	return object{"type": "object", "properties": object{
		"matchLabels": object{"type": "object", "additionalProperties": str()},
		"matchExpressions": object{"type": "array", "items": object{
			"type": "object", "required": []any{"key", "operator"},
			"properties": object{"key": str(), "operator": str(), "values": object{"type": "array", "items": str()}},
		}},
	}}
}

func str() object { return object{"type": "string"} }

func lower(s string) string { return string(bytes.ToLower([]byte(s))) }
