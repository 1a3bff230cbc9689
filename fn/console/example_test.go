package console_test

import (
	"fmt"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// Of tells whether servicespec generates a kind, and what it knows of it.
func ExampleKindOf() {
	for _, gvk := range []schema.GroupVersionKind{
		{Group: "apps", Version: "v1", Kind: "Deployment"},
		{Group: "types.kubefed.io", Version: "v1beta1", Kind: "FederatedService"},
		{Version: "v1", Kind: "ConfigMap"},
	} {
		k := console.KindOf(gvk)
		if k == nil {
			fmt.Println(gvk.Kind, "is not generated")
			continue
		}
		fmt.Println(gvk.Kind, "workload:", k.Workload)
	}
	// Output:
	// Deployment workload: true
	// FederatedService workload: false
	// ConfigMap is not generated
}

// ClusterSpec is the spec one member cluster of a placed service runs.
func ExampleClusterSpec() {
	spec, _ := api.Decode([]byte(`{"apiVersion":"servicespec.dev/v1alpha1","kind":"ServiceSpec","metadata":{"name":"web"},
		"spec":{"type":"Stateless","containers":[{"name":"web","image":"nginx:1.25"}],
		        "placement":{"clusters":["east","west"],"overrides":{"west":{"replicas":3,"containers":[{"name":"web","image":"nginx:1.26"}]}}}}}`))
	api.SetDefaults(spec)
	for _, c := range spec.Spec.Placement.Clusters {
		s := console.ClusterSpec(spec, c)
		fmt.Println(c, *s.Spec.Replicas, s.Spec.Containers[0].Image)
	}
	// Output:
	// east 1 nginx:1.25
	// west 3 nginx:1.26
}
