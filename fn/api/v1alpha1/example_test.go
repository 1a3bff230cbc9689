package v1alpha1_test

import (
	"fmt"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// Decode reads a ServiceSpec strictly; SetDefaults fills in what the
// console's form would; Validate reports every error at once, each at its
// field path. The owners of the annotations render writes come from
// package console, which writes them (console.Validate passes them).
func ExampleValidate() {
	spec, errs := api.Decode([]byte(`{"apiVersion":"servicespec.dev/v1alpha1","kind":"ServiceSpec",
		"metadata":{"name":"web","namespace":"shop"},
		"spec":{"type":"Stateless","replicas":-1,"containers":[{"image":"nginx:1.25","ports":[{"containerPort":80,"servicePort":80}]}],
		        "stickySession":{"enabled":true,"timeoutSeconds":0}}}`))
	fmt.Println("decode errors:", len(errs))
	api.SetDefaults(spec)
	fmt.Println("version:", spec.Spec.Version, "container:", spec.Spec.Containers[0].Name, "port name:", spec.Spec.Containers[0].Ports[0].Name)
	for _, e := range api.Validate(spec, api.AnnotationOwners{}) {
		fmt.Println(e.Field)
	}
	// Output:
	// decode errors: 0
	// version: v1 container: web port name: http-0
	// spec.replicas
	// spec.stickySession.timeoutSeconds
}
