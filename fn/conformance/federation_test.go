package conformance

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/yaml"

	kubefed "github.com/servicespec/servicespec/fn/api/kubefed/v1beta1"
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/internal/specgen"
	"github.com/servicespec/servicespec/fn/krm"
)

// federatedObject is what a per-cluster render is checked against: a
// federated output as written.
type federatedObject struct {
	Kind     string `json:"kind"`
	Metadata struct {
		Name        string            `json:"name"`
		Namespace   string            `json:"namespace"`
		Annotations map[string]string `json:"annotations"`
	} `json:"metadata"`
	Spec struct {
		Placement kubefed.Placement `json:"placement"`
		Template  map[string]any    `json:"template"`
		Overrides []kubefed.Override
	} `json:"spec"`
}

// plainTypes are the kinds kubefed propagates a federated kind as.
var plainTypes = map[string][2]string{
	"FederatedDeployment":  {"apps/v1", "Deployment"},
	"FederatedStatefulSet": {"apps/v1", "StatefulSet"},
	"FederatedService":     {"v1", "Service"},
}

// clusterRenders checks, for one rendered input with federated outputs,
// that the render for each placed cluster (servicespec render --cluster,
// here through the functionConfig's data.cluster) is the federated
// templates with that cluster's overrides applied as kubefed applies them,
// and returns those per-cluster objects for the API server to judge.
func clusterRenders(t *testing.T, c specgen.Case, objs []renderedObject) ([]renderedObject, int) {
	var federated []federatedObject
	clusters, placedSpecs := map[string]bool{}, map[string]bool{}
	for _, o := range objs {
		var f federatedObject
		if err := yaml.Unmarshal([]byte(o.doc), &f); err != nil {
			t.Fatal(err)
		}
		if _, ok := plainTypes[f.Kind]; !ok {
			continue
		}
		federated = append(federated, f)
		placedSpecs[f.Metadata.Annotations[api.AnnotationGeneratedFrom]] = true
		for _, cl := range f.Spec.Placement.Clusters {
			clusters[cl.Name] = true
		}
	}
	var out []renderedObject
	checked := 0
	for _, cluster := range sortedSet(clusters) {
		got, ok := renderForCluster(t, c, cluster)
		if !ok {
			t.Errorf("%s: the federated render succeeded, the render for cluster %s did not", c.Name, cluster)
			continue
		}
		want := map[string]string{}
		for _, f := range federated {
			if slices.ContainsFunc(f.Spec.Placement.Clusters, func(r kubefed.ClusterRef) bool { return r.Name == cluster }) {
				id, doc := kubefedTarget(t, c.Name, f, cluster)
				want[id] = doc
			}
		}
		for _, o := range got {
			key, from := identityOf(t, o.doc)
			if placedSpecs[from] {
				if d := cmp.Diff(want[key], canonical(t, o.doc)); d != "" {
					t.Errorf("%s: cluster %s: %s differs from its federated template with the overrides applied (-kubefed +render):\n%s", c.Name, cluster, key, d)
				}
				delete(want, key)
			}
			out = append(out, renderedObject{input: c.Name + "@" + cluster, doc: o.doc})
		}
		for id := range want {
			t.Errorf("%s: cluster %s receives %s from kubefed, but its render has none", c.Name, cluster, id)
		}
		checked++
	}
	return out, checked
}

// renderForCluster runs the function over an input with data.cluster set.
func renderForCluster(t *testing.T, c specgen.Case, cluster string) ([]renderedObject, bool) {
	var rl map[string]any
	if err := yaml.Unmarshal(c.Input, &rl); err != nil {
		t.Fatal(err)
	}
	rl["functionConfig"] = map[string]any{"apiVersion": "v1", "kind": "ConfigMap",
		"metadata": map[string]any{"name": "function-input"}, "data": map[string]any{"cluster": cluster}}
	in, err := yaml.Marshal(rl)
	if err != nil {
		t.Fatal(err)
	}
	objs, _, ok := renderCase(t, specgen.Case{Name: c.Name, Input: in})
	return objs, ok
}

// kubefedTarget is the object kubefed's sync controller sends a cluster
// for a federated object (sigs.k8s.io/kubefed pkg/controller/sync,
// ObjectForCluster and ApplyOverrides): the template without annotations,
// named and namespaced as the federated object, of the target kind, with
// the cluster's overrides applied; plus servicespec's ownership
// annotation, which a render for one cluster writes. Its key and
// canonical JSON.
func kubefedTarget(t *testing.T, input string, f federatedObject, cluster string) (string, string) {
	obj := f.Spec.Template
	meta, _ := obj["metadata"].(map[string]any)
	if meta == nil {
		meta = map[string]any{}
	}
	delete(meta, "annotations")
	meta["name"], meta["namespace"] = f.Metadata.Name, f.Metadata.Namespace
	obj["metadata"] = meta
	target := plainTypes[f.Kind]
	obj["apiVersion"], obj["kind"] = target[0], target[1]
	var patched map[string]any
	if err := kubefed.ApplyOverrides(obj, kubefed.OverridesOf(f.Spec.Overrides, cluster), &patched); err != nil {
		t.Errorf("%s: %s %s: kubefed cannot apply cluster %s's overrides: %v", input, f.Kind, f.Metadata.Name, cluster, err)
		return "", ""
	}
	pm := patched["metadata"].(map[string]any)
	annotations, _ := pm["annotations"].(map[string]any)
	if annotations == nil {
		annotations = map[string]any{}
	}
	annotations[api.AnnotationGeneratedFrom] = f.Metadata.Annotations[api.AnnotationGeneratedFrom]
	pm["annotations"] = annotations
	data, err := json.Marshal(patched)
	if err != nil {
		t.Fatal(err)
	}
	return target[1] + "/" + f.Metadata.Name, canonical(t, string(data))
}

// identityOf keys a per-cluster output, and names the spec it comes from.
func identityOf(t *testing.T, doc string) (key, from string) {
	o, err := fn.ParseKubeObject([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return o.GetKind() + "/" + o.GetName(), o.GetAnnotation(api.AnnotationGeneratedFrom)
}

// canonical is a document as sorted, indented JSON, for diffs, without
// the annotations that say where an output goes (a file, its index) and
// its digest, which differ between the federated and per-cluster outputs.
func canonical(t *testing.T, doc string) string {
	data, err := yaml.YAMLToJSON([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	if meta, ok := v["metadata"].(map[string]any); ok {
		annotations, _ := meta["annotations"].(map[string]any)
		for k := range annotations {
			if krm.IsOrchestratorAnnotation(k) || k == api.AnnotationDigest {
				delete(annotations, k)
			}
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(b.String())
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
