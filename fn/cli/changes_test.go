package cli_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kptdev/krm-functions-sdk/go/fn"
)

// specList is a ResourceList with one ServiceSpec "app" in namespace "shop".
func specList(spec string) []byte {
	return fmt.Appendf(nil, `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: servicespec.dev/v1alpha1
  kind: ServiceSpec
  metadata: {name: app, namespace: shop}
  spec: %s
`, spec)
}

// rerender renders before, puts the after spec in place of the ServiceSpec
// in the output (as a user editing the file would), and renders again.
func rerender(t *testing.T, before, after string) *fn.ResourceList {
	t.Helper()
	first, errOut, code := runFunction(specList(before))
	if code != 0 {
		t.Fatalf("first render: %s", errOut)
	}
	rl, err := fn.ParseResourceList(first)
	if err != nil {
		t.Fatal(err)
	}
	edited, err := fn.ParseResourceList(specList(after))
	if err != nil {
		t.Fatal(err)
	}
	for i, it := range rl.Items {
		if it.GetKind() == "ServiceSpec" {
			rl.Items[i] = edited.Items[0]
		}
	}
	in, err := rl.ToYAML()
	if err != nil {
		t.Fatal(err)
	}
	second, errOut, code := runFunction(in)
	if code != 0 {
		t.Fatalf("second render: %s", errOut)
	}
	out, err := fn.ParseResourceList(second)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestChangesAcrossTypes(t *testing.T) {
	const (
		stateless   = `{type: Stateless, containers: [{image: x, ports: [{containerPort: 80, servicePort: 80}]}]}`
		statefulV1  = `{type: Stateful, containers: [{image: x, ports: [{containerPort: 80, servicePort: 80}]}]}`
		statefulV2  = `{type: Stateful, version: v2, containers: [{image: x, ports: [{containerPort: 80, servicePort: 80}]}]}`
		statefulVIP = `{type: Stateful, access: VirtualIP, containers: [{image: x, ports: [{containerPort: 80, servicePort: 80}]}]}`
		claims      = `{type: Stateful, volumeClaimTemplates: [{name: data}], containers: [{image: x, ports: [{containerPort: 80, servicePort: 80}]}]}`
		external    = `{type: External, externalName: db.example.com}`
		lbA         = `{type: Stateless, externalAccess: {type: LoadBalancer, loadBalancerClass: a.example/lb}, containers: [{image: x, ports: [{containerPort: 80, servicePort: 80}]}]}`
		lbB         = `{type: Stateless, externalAccess: {type: LoadBalancer, loadBalancerClass: b.example/lb}, containers: [{image: x, ports: [{containerPort: 80, servicePort: 80}]}]}`
	)
	cases := map[string]struct {
		before, after string
		objects       []string // kind/name of the generated objects after the change
		warnings      []string // a phrase each warning must contain, in result order
	}{
		"stateless to stateful": {stateless, statefulV1, []string{"Service/app", "StatefulSet/app-v1"},
			[]string{"clusterIP: None", "changes from Deployment app-v1 to StatefulSet app-v1"}},
		"stateful version bump": {statefulV1, statefulV2, []string{"Service/app", "StatefulSet/app-v2"},
			[]string{"renamed from app-v1 to app-v2"}},
		"stateful headless to VIP pair": {statefulV1, statefulVIP, []string{"Service/app", "Service/app-headless", "StatefulSet/app-v1"},
			[]string{"clusterIP: None", "spec.serviceName changes"}},
		"claims added": {statefulV1, claims, []string{"Service/app", "StatefulSet/app-v1"},
			[]string{"spec.volumeClaimTemplates changes"}},
		"stateless to external": {stateless, external, []string{"Service/app"}, nil},
		"load balancer class":   {lbA, lbB, []string{"Deployment/app-v1", "Service/app"}, []string{"loadBalancerClass changes"}},
		"no change":             {stateless, stateless, []string{"Deployment/app-v1", "Service/app"}, nil},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			rl := rerender(t, c.before, c.after)
			var objects []string
			for _, it := range rl.Items {
				if it.GetKind() != "ServiceSpec" {
					objects = append(objects, it.GetKind()+"/"+it.GetName())
				}
			}
			slices.Sort(objects)
			if diff := cmp.Diff(c.objects, objects); diff != "" {
				t.Errorf("generated objects (-want +got):\n%s", diff)
			}
			if len(rl.Results) != len(c.warnings) {
				t.Fatalf("got %d results, want %d: %v", len(rl.Results), len(c.warnings), rl.Results)
			}
			for i, phrase := range c.warnings {
				if r := rl.Results[i]; r.Severity != fn.Warning || r.Field == nil || r.Field.Path != "spec" || !strings.Contains(r.Message, phrase) {
					t.Errorf("result %d = %v, want a warning at spec containing %q", i, r, phrase)
				}
			}
		})
	}
}
