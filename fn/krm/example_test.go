package krm_test

import (
	"fmt"
	"os"

	"github.com/servicespec/servicespec/fn/krm"
)

// Reading a ResourceList splits it into items and reads each one's header
// without a YAML tree when its text is canonical (what the SDK writes);
// writing copies that text. Other items are parsed, and written as the SDK
// writes them (keeping their flow style).
func ExampleReadResourceList() {
	rl, err := krm.ReadResourceList([]byte(`apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: settings
    annotations:
      config.kubernetes.io/path: settings.yaml
  data:
    mode: fast
- {apiVersion: v1, kind: Secret, metadata: {name: token}}
`))
	if err != nil {
		panic(err)
	}
	for _, it := range rl.Items {
		fmt.Println(it.Kind, it.Name, it.Path(), it.Canonical())
	}
	if err := krm.WriteResourceList(os.Stdout, rl.Items[1:], nil, nil); err != nil {
		panic(err)
	}
	// Output:
	// ConfigMap settings settings.yaml true
	// Secret token  false
	// apiVersion: config.kubernetes.io/v1
	// kind: ResourceList
	// items:
	// - {apiVersion: v1, kind: Secret, metadata: {name: token}}
}
