package function_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kptdev/krm-functions-sdk/go/fn"
	"github.com/servicespec/servicespec/fn/internal/testutil"
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

// specInFile is a ResourceList with the ServiceSpec "app" in apps/app.yaml,
// as kpt sends a package.
func specInFile(spec string) []byte {
	return fmt.Appendf(nil, `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: servicespec.dev/v1alpha1
  kind: ServiceSpec
  metadata:
    name: app
    namespace: shop
    annotations:
      internal.config.kubernetes.io/path: apps/app.yaml
  spec: %s
`, spec)
}

// A re-render regenerates an object edited by hand, and a warning names
// it; an ordinary change of the ServiceSpec, or labels a later function
// adds, draw no such warning.
func TestHandEditsDrawAWarning(t *testing.T) {
	const spec = `{type: Stateless, containers: [{image: nginx:1.27, ports: [{containerPort: 80, servicePort: 80}]}]}`
	first, errOut, code := runFunction(specInFile(spec))
	if code != 0 {
		t.Fatalf("first render: %s", errOut)
	}
	if !bytes.Contains(first, []byte("servicespec.dev/digest: ")) {
		t.Fatal("the outputs carry no digest")
	}
	edits := map[string]struct {
		from, to string
		warned   bool
	}{
		"replicas edited": {"    replicas: 1\n", "    replicas: 5\n", true},
		"env added": {"          image: nginx:1.27\n",
			"          image: nginx:1.27\n          env:\n          - name: DEBUG\n            value: \"1\"\n", true},
		"ServiceSpec changed": {"image: 'nginx:1.27', ports", "image: 'nginx:1.28', ports", false},
		"label added by kpt": {"        labels:\n          app: app\n",
			"        labels:\n          app: app\n          team: web\n", false},
		"annotation added by kpt": {"        annotations:\n          kubesphere.io/imagepullsecrets",
			"        annotations:\n          owner: web\n          kubesphere.io/imagepullsecrets", false},
	}
	for name, e := range edits {
		t.Run(name, func(t *testing.T) {
			if !bytes.Contains(first, []byte(e.from)) {
				t.Fatalf("the first output lacks %q", e.from)
			}
			out, errOut, warned := rerenderEdited(t, first, e.from, e.to)
			switch {
			case e.warned && !slices.Equal(warned, []string{"Deployment app-v1 in apps/app.generated.yaml"}):
				t.Errorf("want one hand-edit warning naming Deployment app-v1, got %q; stderr:\n%s", warned, errOut)
			case !e.warned && len(warned) > 0:
				t.Errorf("an unedited object drew a hand-edit warning: %q", warned)
			}
			if !bytes.Contains(out, []byte("- # Code generated by servicespec from apps/app.yaml. DO NOT EDIT.\n  apiVersion: apps/v1\n")) {
				t.Errorf("the generated file does not say at its top that it is generated:\n%s", out)
			}
		})
	}
}

// appInFiles is a ResourceList of an app and a member with a release, each
// in its file, as kpt sends them.
const appInFiles = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: servicespec.dev/v1alpha1
  kind: AppSpec
  metadata:
    name: shop
    namespace: demo
    annotations: {internal.config.kubernetes.io/path: apps/shop.yaml}
  spec:
    serviceMesh: {enabled: true}
    routes: {rules: [{host: shop.example.com, paths: [{service: web, port: 80}]}]}
- apiVersion: servicespec.dev/v1alpha1
  kind: ServiceSpec
  metadata:
    name: web
    namespace: demo
    annotations: {internal.config.kubernetes.io/path: apps/web.yaml}
  spec:
    type: Stateless
    app: shop
    containers: [{image: "nginx:1.27", ports: [{containerPort: 80, servicePort: 80}]}]
    release: {version: v2, strategy: Canary, weight: 10}
`

// The kinds of composed apps and releases are owned like the others: an
// edit by hand draws a warning naming the object, and each goes to the
// generated file of its spec (the app's to <name>.app.generated.yaml).
func TestAppAndReleaseOwnership(t *testing.T) {
	first, errOut, code := runFunction([]byte(appInFiles))
	if code != 0 {
		t.Fatalf("first render: %s", errOut)
	}
	rl, err := fn.ParseResourceList(first)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, o := range rl.Items {
		files[o.GetKind()+" "+o.GetName()] = o.GetAnnotation("internal.config.kubernetes.io/path")
	}
	for obj, file := range map[string]string{"Application shop": "apps/shop.app.generated.yaml", "Ingress shop-ingress": "apps/shop.app.generated.yaml",
		"Strategy web": "apps/web.generated.yaml", "Deployment web-v2": "apps/web.generated.yaml"} {
		if files[obj] != file {
			t.Errorf("%s goes to %q, want %s", obj, files[obj], file)
		}
	}
	edits := map[string]struct{ from, to, object string }{
		"Strategy weight": {"          weight: 10\n", "          weight: 30\n", "Strategy web in apps/web.generated.yaml"},
		"Ingress host":    {"    - host: shop.example.com\n", "    - host: www.example.com\n", "Ingress shop-ingress in apps/shop.app.generated.yaml"},
		"Application kinds": {"    - group: servicemesh.kubesphere.io\n      kind: ServicePolicy\n", "",
			"Application shop in apps/shop.app.generated.yaml"},
	}
	for name, e := range edits {
		t.Run(name, func(t *testing.T) {
			if !bytes.Contains(first, []byte(e.from)) {
				t.Fatalf("the first output lacks %q", e.from)
			}
			out, _, warned := rerenderEdited(t, first, e.from, e.to)
			if !slices.Equal(warned, []string{e.object}) {
				t.Errorf("want one hand-edit warning naming %s, got %q", e.object, warned)
			}
			if testutil.ItemsYAML(t, out) != testutil.ItemsYAML(t, first) {
				t.Error("the edited object was not generated again")
			}
		})
	}
	t.Run("app removed", func(t *testing.T) {
		rl, err := fn.ParseResourceList(first)
		if err != nil {
			t.Fatal(err)
		}
		rl.Items = rl.Items.WhereNot(func(o *fn.KubeObject) bool { return o.GetKind() == "AppSpec" || o.GetKind() == "ServiceSpec" })
		in, err := rl.ToYAML()
		if err != nil {
			t.Fatal(err)
		}
		out, errOut, code := runFunction(in)
		if code != 0 {
			t.Fatalf("render without the specs: %s", errOut)
		}
		for _, kind := range []string{"Application", "Ingress", "Strategy", "Deployment", "Service"} {
			if bytes.Contains(out, []byte("kind: "+kind+"\n")) {
				t.Errorf("the %s was not pruned with its spec", kind)
			}
		}
	})
}

const placedInFiles = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: servicespec.dev/v1alpha1
  kind: ServiceSpec
  metadata:
    name: web
    namespace: shop
    annotations: {config.kubernetes.io/path: apps/web.yaml, internal.config.kubernetes.io/path: apps/web.yaml}
  spec:
    type: Stateless
    containers: [{name: web, image: nginx:1.25, ports: [{name: http, containerPort: 80, servicePort: 80}]}]
    placement:
      clusters: [east, west]
      overrides:
        west: {replicas: 3}
`

// The federated kinds are owned like the plain ones: written to the spec's
// generated file, a hand edit warned about and generated again, and pruned
// when the placement goes (the plain objects take their place) and when
// the spec goes.
func TestFederatedOwnership(t *testing.T) {
	first, errOut, code := runFunction([]byte(placedInFiles))
	if code != 0 {
		t.Fatalf("first render: %s", errOut)
	}
	rl, err := fn.ParseResourceList(first)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range rl.Items {
		if strings.HasPrefix(o.GetKind(), "Federated") && o.GetAnnotation("internal.config.kubernetes.io/path") != "apps/web.generated.yaml" {
			t.Errorf("%s %s goes to %q", o.GetKind(), o.GetName(), o.GetAnnotation("internal.config.kubernetes.io/path"))
		}
	}
	edited := bytes.Replace(first, []byte("      value: 3\n"), []byte("      value: 5\n"), 1)
	if bytes.Equal(edited, first) {
		t.Fatal("the first output has no replicas override")
	}
	out, _, code := runFunction(edited)
	if code != 0 || !bytes.Contains(out, []byte("edited by hand")) || testutil.ItemsYAML(t, out) != testutil.ItemsYAML(t, first) {
		t.Errorf("a hand edit of a FederatedDeployment: want a warning and the object generated again:\n%s", out)
	}
	unplaced := bytes.Replace(first, []byte("    placement:\n      clusters: [east, west]\n      overrides:\n        west: {replicas: 3}\n"), nil, 1)
	if bytes.Equal(unplaced, first) {
		t.Fatal("the first output does not hold the placement as written")
	}
	out, errOut, code = runFunction(unplaced)
	if code != 0 {
		t.Fatalf("render without the placement: %s", errOut)
	}
	if bytes.Contains(out, []byte("kind: Federated")) || !bytes.Contains(out, []byte("kind: Deployment\n")) {
		t.Errorf("without the placement the federated objects are pruned and the plain ones rendered:\n%s", out)
	}
	rl.Items = rl.Items.WhereNot(func(o *fn.KubeObject) bool { return o.GetKind() == "ServiceSpec" })
	in, _ := rl.ToYAML()
	out, errOut, code = runFunction(in)
	if code != 0 || bytes.Contains(out, []byte("kind: Federated")) {
		t.Errorf("without the spec the federated objects are pruned: %s\n%s", errOut, out)
	}
}

// rerenderEdited runs the function again over its first output with one
// edit (from replaced by to) and returns the output, stderr and the
// objects a hand-edit warning names ("<kind> <name> in <file>").
func rerenderEdited(t *testing.T, first []byte, from, to string) ([]byte, []byte, []string) {
	t.Helper()
	out, errOut, code := runFunction(bytes.Replace(first, []byte(from), []byte(to), 1))
	if code != 0 {
		t.Fatalf("second render: %s", errOut)
	}
	rl, err := fn.ParseResourceList(out)
	if err != nil {
		t.Fatal(err)
	}
	var warned []string
	for _, r := range rl.Results {
		if strings.Contains(r.Message, "edited by hand") {
			warned = append(warned, r.ResourceRef.Kind+" "+r.ResourceRef.Name+" in "+r.File.Path)
		}
	}
	return out, errOut, warned
}
