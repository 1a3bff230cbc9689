package importer

import (
	"encoding/json"
	"maps"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	kubefed "github.com/servicespec/servicespec/fn/api/kubefed/v1beta1"
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
)

// normalized is an object as the comparison sees it: its JSON without
// servicespec's own annotations and, for objects read back from a cluster
// (live), without the fields the API server defaults wherever they hold
// their default: two such objects apply alike. Manifests as authors wrote
// them are compared exactly, so that what they spelled out (a default
// included) stays in the spec. A cluster's overrides whose order does not
// matter are compared in any order.
func normalized(obj runtime.Object, live bool) ([]byte, error) {
	obj = obj.DeepCopyObject()
	if f, ok := obj.(interface{ Overrides() []kubefed.Override }); ok {
		for _, o := range f.Overrides() {
			kubefed.SortIndependent(o.ClusterOverrides)
		}
	}
	if !live {
		if m, ok := obj.(metav1.Object); ok {
			m.SetAnnotations(without(m.GetAnnotations(), ownAnnotations...))
		}
		return canonicalJSON(obj)
	}
	if k := console.KindOf(obj.GetObjectKind().GroupVersionKind()); k != nil {
		if m, ok := obj.(metav1.Object); ok {
			m.SetAnnotations(without(m.GetAnnotations(), ownAnnotations...))
		}
		k.Undefault(obj)
	}
	return canonicalJSON(obj)
}

// canonicalJSON is an object's JSON with raw values (a federated object's
// override values are kept as written) in the one form the encoder gives
// them: key order and spacing no longer differ between equal objects.
func canonicalJSON(obj runtime.Object) ([]byte, error) {
	data, err := json.Marshal(obj)
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

// ownAnnotations are what servicespec writes for itself; the console
// writes neither.
var ownAnnotations = []string{api.AnnotationGeneratedFrom, api.AnnotationDigest}

func without(m map[string]string, keys ...string) map[string]string {
	if m == nil {
		return nil
	}
	out := maps.Clone(m)
	for _, k := range keys {
		delete(out, k)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
