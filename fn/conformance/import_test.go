package conformance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/yaml"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/cli"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/importer"
	"github.com/servicespec/servicespec/fn/internal/apiserver"
	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// The live shape: the outputs of every golden that renders are created in
// the real kube-apiserver (each golden in a namespace of its own), read back
// as `kubectl get -o yaml` prints them (a List, with everything the server
// adds), imported and rendered again. Every object servicespec made is
// converted back into a spec, and every rendered object applies as the live
// one is: the first sync of the imported specs changes nothing.
func TestImportLiveShape(t *testing.T) {
	inputs, _ := filepath.Glob(filepath.Join(testutil.RepoRoot(t), "testdata", "golden", "*", "input.yaml"))
	checked := 0
	for i, in := range inputs {
		name := filepath.Base(filepath.Dir(in))
		ns := fmt.Sprintf("live-%d", i)
		rendered, ok := renderInNamespace(t, in, ns)
		if !ok {
			continue
		}
		t.Run(name, func(t *testing.T) {
			if err := server.EnsureNamespace(t.Context(), ns, nil); err != nil {
				t.Fatal(err)
			}
			live := createAll(t, rendered)
			imported := runCLI(t, []string{"import", "-"}, listOf(t, live))
			again := runCLI(t, []string{"render", "-"}, imported)
			checkSameAsLive(t, objects(t, again), live)
			checked++
		})
	}
	if checked < 30 {
		t.Errorf("only %d goldens went through the live round trip", checked)
	}
}

// renderInNamespace renders a golden's items with every namespace set to
// ns; ok is false when the golden is one that fails.
func renderInNamespace(t *testing.T, input, ns string) ([]*fn.KubeObject, bool) {
	t.Helper()
	items, ok := testutil.GoldenItems(t, input, func(o *fn.KubeObject) error { return o.SetNamespace(ns) })
	if !ok {
		return nil, false
	}
	var out, errOut bytes.Buffer
	if cli.Run([]string{"render", "-"}, bytes.NewReader(items), &out, &errOut) != 0 {
		return nil, false
	}
	return objects(t, out.Bytes()), true
}

func runCLI(t *testing.T, args []string, in []byte) []byte {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := cli.Run(args, bytes.NewReader(in), &out, &errOut); code != 0 {
		t.Fatalf("servicespec %s: exit %d\n%s", strings.Join(args, " "), code, errOut.String())
	}
	if args[0] == "import" && strings.Contains(errOut.String(), "not converted") {
		t.Errorf("an object servicespec made was not converted back:\n%s", errOut.String())
	}
	return out.Bytes()
}

// createAll creates the objects for real and returns them as read back;
// they are deleted when the test ends (a Service's node ports with them).
func createAll(t *testing.T, objs []*fn.KubeObject) []*fn.KubeObject {
	t.Helper()
	var live []*fn.KubeObject
	var apps []*unstructured.Unstructured
	for _, o := range objs {
		obj := toUnstructured(t, o.String())
		addAppOwners(obj, apps)
		got, err := server.CreateAndGet(t.Context(), obj)
		if errors.Is(err, apiserver.ErrNotServed) && console.KindOf(obj.GroupVersionKind()) == nil {
			continue // a custom kind a golden passes through cannot be live here
		}
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := server.Delete(context.Background(), obj); err != nil {
				t.Error(err)
			}
		})
		if got.GetKind() == "Application" {
			apps = append(apps, got)
		}
		data, err := yaml.Marshal(got.Object)
		if err != nil {
			t.Fatal(err)
		}
		ko, err := fn.ParseKubeObject(data)
		if err != nil {
			t.Fatal(err)
		}
		live = append(live, ko)
	}
	return live
}

// addAppOwners does what KubeSphere's application controller does to the
// objects an Application with addOwnerRef selects: it adds the Application
// as an owner that is not a controller. (The objects are sorted: the
// Applications are created first.)
func addAppOwners(obj *unstructured.Unstructured, apps []*unstructured.Unstructured) {
	for _, a := range apps {
		sel, _, _ := unstructured.NestedStringMap(a.Object, "spec", "selector", "matchLabels")
		if a.GetNamespace() != obj.GetNamespace() || len(sel) == 0 || !labels.SelectorFromSet(sel).Matches(labels.Set(obj.GetLabels())) {
			continue
		}
		obj.SetOwnerReferences(append(obj.GetOwnerReferences(), metav1.OwnerReference{
			APIVersion: a.GetAPIVersion(), Kind: a.GetKind(), Name: a.GetName(), UID: a.GetUID(),
			Controller: ptr.To(false), BlockOwnerDeletion: ptr.To(true),
		}))
	}
}

// listOf is what `kubectl get … -o yaml` prints for several objects.
func listOf(t *testing.T, objs []*fn.KubeObject) []byte {
	t.Helper()
	var items []any
	for _, o := range objs {
		var m map[string]any
		if err := yaml.Unmarshal([]byte(o.String()), &m); err != nil {
			t.Fatal(err)
		}
		items = append(items, m)
	}
	data, err := yaml.Marshal(map[string]any{"apiVersion": "v1", "kind": "List", "metadata": map[string]any{"resourceVersion": ""}, "items": items})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

var separator = regexp.MustCompile(`(?m)^---\s*$`)

func objects(t *testing.T, stream []byte) []*fn.KubeObject {
	t.Helper()
	var out []*fn.KubeObject
	for _, d := range separator.Split(string(stream), -1) {
		if strings.TrimSpace(d) == "" {
			continue
		}
		ko, err := fn.ParseKubeObject([]byte(d))
		if err != nil {
			t.Fatalf("%v\n%s", err, d)
		}
		out = append(out, ko)
	}
	return out
}

// checkSameAsLive requires the objects rendered from the imported specs to
// be exactly the live ones, each applying as the live object is.
func checkSameAsLive(t *testing.T, rendered, live []*fn.KubeObject) {
	t.Helper()
	if len(rendered) != len(live) {
		t.Errorf("rendered %d objects from the import, %d are live", len(rendered), len(live))
	}
	for _, l := range live {
		r := findObject(rendered, l)
		if r == nil {
			t.Errorf("%s %s is live but not rendered from the import", l.GetKind(), l.GetName())
			continue
		}
		if err := importer.Equivalent(r, l); err != nil {
			t.Errorf("%s %s: %v", l.GetKind(), l.GetName(), err)
		}
		if l.GetAnnotation(api.AnnotationGeneratedFrom) != r.GetAnnotation(api.AnnotationGeneratedFrom) {
			t.Errorf("%s %s: generated-from %q, rendered %q", l.GetKind(), l.GetName(), l.GetAnnotation(api.AnnotationGeneratedFrom), r.GetAnnotation(api.AnnotationGeneratedFrom))
		}
	}
}

func findObject(objs []*fn.KubeObject, o *fn.KubeObject) *fn.KubeObject {
	for _, c := range objs {
		if c.GetKind() == o.GetKind() && c.GetNamespace() == o.GetNamespace() && c.GetName() == o.GetName() {
			return c
		}
	}
	return nil
}
