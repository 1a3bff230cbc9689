package importer_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"sigs.k8s.io/yaml"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/cli"
	"github.com/servicespec/servicespec/fn/importer"
	"github.com/servicespec/servicespec/fn/krm"
)

// Import is the reverse of render, one service kind at a time: the objects
// rendered from a spec import as that spec (as written: defaults left
// out), and leave nothing behind.
func TestImportReversesRender(t *testing.T) {
	for name, spec := range map[string]string{
		"stateless": `{type: Stateless, creator: admin, alias: Web, containers: [{name: app, image: nginx:1.27, ports: [{containerPort: 80, servicePort: 80}]}]}`,
		"stateful pair": `{type: Stateful, access: VirtualIP, containers: [{name: db, image: postgres:16, ports: [{name: tcp-pg, containerPort: 5432, servicePort: 5432}],
			volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]}], volumeClaimTemplates: [{name: data, size: 5Gi}]}`,
		"external":          `{type: External, externalName: db.example.com}`,
		"workload selector": `{type: Workload, selector: {app: legacy}, ports: [{port: 80}]}`,
		"sticky nodeport":   `{type: Stateless, containers: [{name: app, image: nginx, ports: [{containerPort: 80, servicePort: 80}]}], externalAccess: {type: NodePort}, stickySession: {enabled: true, timeoutSeconds: 600}}`,
		"placed": `{type: Stateless, containers: [{name: app, image: nginx:1.27, ports: [{containerPort: 80, servicePort: 80}]}],
			placement: {clusters: [east, west], overrides: {west: {replicas: 3, containers: [{name: app, image: nginx:1.28, env: [{name: REGION, value: west}]}]}}}}`,
	} {
		t.Run(name, func(t *testing.T) {
			doc := "apiVersion: servicespec.dev/v1alpha1\nkind: ServiceSpec\nmetadata: {name: web, namespace: shop}\nspec: " + spec + "\n"
			var rendered, errOut bytes.Buffer
			if code := cli.Run([]string{"render", "-"}, strings.NewReader(doc), &rendered, &errOut); code != 0 {
				t.Fatalf("render: %s", errOut.String())
			}
			items, _, err := krm.ReadDocuments("rendered.yaml", rendered.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			res, err := importer.Import(items)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Specs) != 1 || len(res.Rest) != 0 || len(res.Left) != 0 {
				t.Fatalf("%d specs, %d objects left raw, notes %q", len(res.Specs), len(res.Rest), res.Left)
			}
			var want api.ServiceSpec
			if err := yaml.Unmarshal([]byte(doc), &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want.Spec, res.Specs[0].Spec); diff != "" {
				t.Errorf("the imported spec differs from the rendered one (-rendered +imported):\n%s", diff)
			}
		})
	}
}

// What import cannot express stays as it is, each object with a note that
// says why: a workload no console-made Service fronts, a Strategy whose
// Deployments are missing.
func TestImportLeavesWithReasons(t *testing.T) {
	items, _, err := krm.ReadDocuments("live.yaml", []byte(`apiVersion: apps/v1
kind: Deployment
metadata: {name: lonely, namespace: shop, labels: {app: lonely}}
spec:
  selector: {matchLabels: {app: lonely}}
  template:
    metadata: {labels: {app: lonely}}
    spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: servicemesh.kubesphere.io/v1alpha2
kind: Strategy
metadata:
  name: web
  namespace: shop
  labels: {app: web}
  annotations: {servicemesh.kubesphere.io/oldWorkloadName: web-v1, servicemesh.kubesphere.io/newWorkloadName: web-v2}
spec: {type: Canary, principal: v1}
`))
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Import(items)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`Deployment shop/lonely: no console-made Service fronts it`,
		`Strategy shop/web: no converted service runs this release: the running Deployment "web-v1" and the new Deployment "web-v2" it names`,
	}
	if len(res.Rest) != 2 || len(res.Left) != len(want) {
		t.Fatalf("%d objects left raw, notes %q", len(res.Rest), res.Left)
	}
	for i, w := range want {
		if !strings.Contains(res.Left[i], w) {
			t.Errorf("note %d is %q, want it to say %q", i, res.Left[i], w)
		}
	}
}
