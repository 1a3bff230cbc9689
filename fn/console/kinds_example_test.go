package console_test

import (
	"fmt"

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
