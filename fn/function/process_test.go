package function_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/servicespec/servicespec/fn/function"
	"github.com/servicespec/servicespec/fn/krm"
)

// run reads a ResourceList whose items are the given documents and runs
// the function over it, as kpt does.
func run(t *testing.T, docs ...string) function.Output {
	t.Helper()
	var b strings.Builder
	b.WriteString("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n")
	for _, d := range docs {
		for j, l := range strings.Split(strings.TrimSpace(d), "\n") {
			if j == 0 {
				b.WriteString("- " + l + "\n")
			} else {
				b.WriteString("  " + l + "\n")
			}
		}
	}
	rl, err := krm.ReadResourceList([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return function.Run(rl.Items, rl.FunctionConfig, function.Options{ResourceList: true})
}

const web = `apiVersion: servicespec.dev/v1alpha1
kind: ServiceSpec
metadata: {name: web, namespace: shop, annotations: {internal.config.kubernetes.io/path: apps/web.yaml}}
spec:
  type: Stateless
  containers: [{image: nginx, ports: [{containerPort: 80, servicePort: 80}]}]`

func ids(items []*krm.Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Kind+"/"+it.Name+"@"+it.File())
	}
	return out
}

func messages(rs fn.Results) string {
	var out []string
	for _, r := range rs {
		out = append(out, string(r.Severity)+": "+r.Message)
	}
	return strings.Join(out, "\n")
}

// What one run keeps, adds and says (docs/design.md, "Ownership").
func TestRun(t *testing.T) {
	cases := []struct {
		name     string
		docs     []string
		ok       bool
		items    []string
		messages []string // substrings, one per result
	}{
		{"a spec renders next to its file", []string{web}, true,
			[]string{"ServiceSpec/web@apps/web.yaml", "Deployment/web-v1@apps/web.generated.yaml", "Service/web@apps/web.generated.yaml"}, nil},
		{"an object it made before is replaced", []string{web, `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  annotations: {servicespec.dev/generated-from: shop/web, internal.config.kubernetes.io/path: apps/web.generated.yaml}
spec: {ports: [{port: 1}]}`}, true,
			[]string{"ServiceSpec/web@apps/web.yaml", "Deployment/web-v1@apps/web.generated.yaml", "Service/web@apps/web.generated.yaml"}, nil},
		{"an object of a spec that is gone is pruned", []string{`apiVersion: apps/v1
kind: Deployment
metadata:
  name: old-v1
  namespace: shop
  annotations: {servicespec.dev/generated-from: shop/old, internal.config.kubernetes.io/path: apps/old.generated.yaml}
spec: {}`}, true, nil, nil},
		{"a Secret claiming to be generated is kept, with a warning", []string{`apiVersion: v1
kind: Secret
metadata:
  name: token
  namespace: shop
  annotations: {servicespec.dev/generated-from: shop/old, internal.config.kubernetes.io/path: apps/token.yaml}`}, true,
			[]string{"Secret/token@apps/token.yaml"}, []string{"servicespec does not generate v1 Secret objects, so this object is kept"}},
		{"an invalid spec returns the items unchanged", []string{web, `apiVersion: servicespec.dev/v1alpha1
kind: ServiceSpec
metadata: {name: bad, namespace: shop, annotations: {internal.config.kubernetes.io/path: apps/bad.yaml}}
spec: {type: Sideways}`}, false,
			[]string{"ServiceSpec/web@apps/web.yaml", "ServiceSpec/bad@apps/bad.yaml"}, []string{`Unsupported value: "Sideways"`}},
		{"two specs that make one Service are both errors", []string{`apiVersion: servicespec.dev/v1alpha1
kind: ServiceSpec
metadata: {name: db, namespace: shop, annotations: {internal.config.kubernetes.io/path: db.yaml}}
spec:
  type: Stateful
  access: VirtualIP
  containers: [{image: postgres, ports: [{containerPort: 5432, servicePort: 5432}]}]`, `apiVersion: servicespec.dev/v1alpha1
kind: ServiceSpec
metadata: {name: db-headless, namespace: shop, annotations: {internal.config.kubernetes.io/path: db-headless.yaml}}
spec: {type: External, externalName: db.example.com}`}, false,
			[]string{"ServiceSpec/db@db.yaml", "ServiceSpec/db-headless@db-headless.yaml"}, []string{"db-headless", "db-headless"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := run(t, c.docs...)
			if out.OK != c.ok {
				t.Fatalf("OK = %v, want %v\n%s", out.OK, c.ok, messages(out.Results))
			}
			if got := ids(out.Items); !slices.Equal(got, c.items) {
				t.Errorf("items:\n got %q\nwant %q", got, c.items)
			}
			if len(out.Results) != len(c.messages) {
				t.Fatalf("got %d results, want %d:\n%s", len(out.Results), len(c.messages), messages(out.Results))
			}
			for i, m := range c.messages {
				if !strings.Contains(out.Results[i].Message, m) {
					t.Errorf("result %d: %q does not say %q", i, out.Results[i].Message, m)
				}
			}
		})
	}
}

// Running over the output again changes nothing and says nothing.
func TestRunIsIdempotent(t *testing.T) {
	first := run(t, web)
	text := write(t, first.Items)
	rl, err := krm.ReadResourceList(text)
	if err != nil {
		t.Fatal(err)
	}
	second := function.Run(rl.Items, nil, function.Options{ResourceList: true})
	again := write(t, second.Items)
	if string(again) != string(text) || len(second.Results) != 0 {
		t.Errorf("second run changed the list or spoke:\n%s\n%s", again, messages(second.Results))
	}
}

func write(t *testing.T, items []*krm.Item) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := krm.WriteResourceList(&b, items, nil, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// runFunction runs the function over a ResourceList as kpt does: the
// ResourceList it writes, its results as text (what a failure shows) and
// the exit code the command line would give.
func runFunction(in []byte) (out, results []byte, code int) {
	rl, err := krm.ReadResourceList(in)
	if err != nil {
		return nil, []byte(err.Error()), 1
	}
	o := function.Run(rl.Items, rl.FunctionConfig, function.Options{ResourceList: true})
	var b bytes.Buffer
	if err := krm.WriteResourceList(&b, o.Items, rl.FunctionConfig, o.Results); err != nil {
		return nil, []byte(err.Error()), 1
	}
	for _, r := range o.Results {
		results = fmt.Appendf(results, "%s\n", r)
	}
	if !o.OK {
		code = 1
	}
	return b.Bytes(), results, code
}
