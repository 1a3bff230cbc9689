package importer_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/servicespec/servicespec/fn/cli"
	"github.com/servicespec/servicespec/fn/importer"
	"github.com/servicespec/servicespec/fn/krm"
	"sigs.k8s.io/yaml"
)

// Recognition groups a Service with what the console made beside it, by
// the Service's kubesphere.io/serviceType: each case renders a spec, drops
// or changes some of its objects, and imports the rest.
func TestRecognition(t *testing.T) {
	const (
		stateless = `{type: Stateless, containers: [{name: app, image: nginx, ports: [{containerPort: 80, servicePort: 80}]}]}`
		stateful  = `{type: Stateful, containers: [{name: db, image: postgres, ports: [{containerPort: 5432, servicePort: 5432}]}]}`
		pair      = `{type: Stateful, access: VirtualIP, containers: [{name: db, image: postgres, ports: [{containerPort: 5432, servicePort: 5432}]}]}`
		scaled    = `{type: Stateless, autoscaling: {maxReplicas: 3, targetCPUUtilizationPercentage: 50}, disruptionBudget: {minAvailable: 1},
		             containers: [{name: app, image: nginx, ports: [{containerPort: 80, servicePort: 80}]}]}`
	)
	for name, c := range map[string]struct {
		spec    string
		drop    string            // the kind/name of a rendered object left out of the input
		replace map[string]string // text replaced in the rendered objects
		specs   int
		note    string // a note of the import contains it
		specHas string // the imported spec's YAML contains it
	}{
		"stateless": {spec: stateless, specs: 1, specHas: "type: Stateless"},
		"stateless without its Deployment": {spec: stateless, drop: "Deployment/web-v1",
			note: "kubesphere.io/serviceType is statelessservice, but no Deployment web-<version> labelled app: web is in the input"},
		"stateful, headless": {spec: stateful, specs: 1, specHas: "type: Stateful"},
		"stateful pair":      {spec: pair, specs: 1, specHas: "access: VirtualIP"},
		"stateful pair without its governing Service": {spec: pair, drop: "Service/web-headless",
			note: "no StatefulSet in the input names it (or web-headless) as its serviceName"},
		"a serviceType the console does not write": {spec: stateless, replace: map[string]string{"statelessservice": "batchservice"},
			note: `kubesphere.io/serviceType "batchservice" is not one the console writes`},
		"the autoscaler and the budget go with their workload": {spec: scaled, specs: 1, specHas: "maxReplicas: 3"},
	} {
		t.Run(name, func(t *testing.T) {
			doc := "apiVersion: servicespec.dev/v1alpha1\nkind: ServiceSpec\nmetadata: {name: web, namespace: shop}\nspec: " + c.spec + "\n"
			var rendered, errOut bytes.Buffer
			if code := cli.Run([]string{"render", "-"}, strings.NewReader(doc), &rendered, &errOut); code != 0 {
				t.Fatalf("render: %s", errOut.String())
			}
			out := rendered.String()
			for from, to := range c.replace {
				out = strings.ReplaceAll(out, from, to)
			}
			items, _, err := krm.ReadDocuments("live.yaml", []byte(out))
			if err != nil {
				t.Fatal(err)
			}
			var kept []*krm.Item
			for _, it := range items {
				if it.Kind+"/"+it.Name != c.drop {
					kept = append(kept, it)
				}
			}
			if len(kept) == len(items) && c.drop != "" {
				t.Fatalf("nothing rendered is %s", c.drop)
			}
			res, err := importer.Import(kept)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Specs) != c.specs {
				t.Fatalf("%d specs, want %d; notes %q", len(res.Specs), c.specs, res.Left)
			}
			if c.note != "" && !strings.Contains(strings.Join(res.Left, "\n"), c.note) {
				t.Errorf("notes %q, want one saying %q", res.Left, c.note)
			}
			if c.specHas != "" {
				var b bytes.Buffer
				for _, s := range res.Specs {
					b.WriteString(specYAML(t, s))
				}
				if !strings.Contains(b.String(), c.specHas) {
					t.Errorf("the spec does not say %q:\n%s", c.specHas, b.String())
				}
			}
		})
	}
}

func specYAML(t *testing.T, v any) string {
	t.Helper()
	b, err := yaml.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
