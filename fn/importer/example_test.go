package importer_test

import (
	"fmt"

	"github.com/servicespec/servicespec/fn/importer"
	"github.com/servicespec/servicespec/fn/krm"
)

// Import finds the console-made services among objects and writes the
// ServiceSpec that renders them again.
func ExampleImport() {
	items, _, err := krm.ReadDocuments("live.yaml", []byte(`apiVersion: v1
kind: Service
metadata:
  name: db
  namespace: shop
  labels: {app: db}
  annotations: {kubesphere.io/serviceType: externalservice}
spec:
  type: ExternalName
  externalName: db.example.com
`))
	if err != nil {
		panic(err)
	}
	res, err := importer.Import(items)
	if err != nil {
		panic(err)
	}
	for _, s := range res.Specs {
		fmt.Println(s.Name, s.Spec.Type, s.Spec.ExternalName)
	}
	// Output:
	// db External db.example.com
}
