package cli_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/servicespec/servicespec/fn/cli"
)

// servicespec render reads manifests (here from stdin) and prints what a
// cluster should receive.
func ExampleRun_render() {
	spec := `apiVersion: servicespec.dev/v1alpha1
kind: ServiceSpec
metadata: {name: db, namespace: shop}
spec: {type: External, externalName: db.example.com}
`
	code := cli.Run([]string{"render", "-"}, strings.NewReader(spec), os.Stdout, os.Stderr)
	fmt.Println("exit", code)
	// Output:
	// apiVersion: v1
	// kind: Service
	// metadata:
	//   name: db
	//   namespace: shop
	//   labels:
	//     app: db
	//   annotations:
	//     kubesphere.io/serviceType: externalservice
	//     servicespec.dev/generated-from: shop/db
	// spec:
	//   type: ExternalName
	//   externalName: db.example.com
	// exit 0
}
