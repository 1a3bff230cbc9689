package v1alpha2_test

import (
	"encoding/json"
	"fmt"

	sm "github.com/servicespec/servicespec/fn/api/servicemesh/v1alpha2"
)

// A Strategy's routes are the weights of a release, as the controller
// reads them from its VirtualService template.
func ExampleStrategy() {
	var st sm.Strategy
	_ = json.Unmarshal([]byte(`{"apiVersion":"servicemesh.kubesphere.io/v1alpha2","kind":"Strategy",
		"metadata":{"name":"reviews"},
		"spec":{"type":"Canary","principal":"v1","template":{"spec":{"hosts":["reviews"],"http":[{"route":[
			{"destination":{"host":"reviews","subset":"v1"},"weight":90},
			{"destination":{"host":"reviews","subset":"v2"},"weight":10}]}]}}}}`), &st)
	for _, r := range st.Spec.Template.Spec.HTTP[0].Route {
		fmt.Println(r.Destination.Subset, *r.Weight)
	}
	// Output:
	// v1 90
	// v2 10
}
