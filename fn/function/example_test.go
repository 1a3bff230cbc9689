package function_test

import (
	"fmt"

	"github.com/servicespec/servicespec/fn/function"
	"github.com/servicespec/servicespec/fn/krm"
)

// Run is the function over a ResourceList's items: the ServiceSpec is
// kept (marked local-config) and its outputs are added.
func ExampleRun() {
	rl, err := krm.ReadResourceList([]byte(`apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: servicespec.dev/v1alpha1
  kind: ServiceSpec
  metadata:
    name: web
    namespace: shop
  spec:
    type: Stateless
    containers:
    - image: nginx:1.25
      ports:
      - containerPort: 80
        servicePort: 80
`))
	if err != nil {
		panic(err)
	}
	out := function.Run(rl.Items, rl.FunctionConfig, function.Options{ResourceList: true})
	for _, it := range out.Items {
		local, _ := it.Annotation(krm.LocalConfigAnnotation)
		fmt.Printf("%s %s local-config=%q\n", it.Kind, it.Name, local)
	}
	fmt.Println("ok:", out.OK)
	// Output:
	// ServiceSpec web local-config="true"
	// Deployment web-v1 local-config=""
	// Service web local-config=""
	// ok: true
}
