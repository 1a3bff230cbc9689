package kinds_test

import (
	"fmt"

	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/servicespec/servicespec/fn/kinds"
)

// Of tells whether servicespec generates a kind, and what it knows of it.
func ExampleOf() {
	for _, gvk := range []schema.GroupVersionKind{
		{Group: "apps", Version: "v1", Kind: "Deployment"},
		{Group: "types.kubefed.io", Version: "v1beta1", Kind: "FederatedService"},
		{Version: "v1", Kind: "ConfigMap"},
	} {
		k := kinds.Of(gvk)
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
