package function_test

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/yaml"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/function"
	"github.com/servicespec/servicespec/fn/internal/specgen"
	"github.com/servicespec/servicespec/fn/krm"
)

// The hand-edit warning never cries wolf and never stays silent, over the
// generated specs (placements with every kind of override among them):
// render into files, change the spec, render again with the earlier
// outputs in the list: no hand-edit warning; edit one output instead:
// exactly one, naming that object.
func TestHandEditWarningProperty(t *testing.T) {
	var rendered, specEdits, outputEdits, federated int
	for seed := uint64(1); seed <= 2; seed++ {
		for _, c := range specgen.Generate(seed, 400) {
			if !c.Valid {
				continue
			}
			first, ok := runList(t, inFiles(t, c.Input))
			if !ok {
				t.Fatalf("seed %d %s: a valid spec does not render", seed, c.Name)
			}
			rendered++
			if bytes.Contains(first, []byte("kind: Federated")) {
				federated++
			}
			for _, edit := range specEditsOf(t, first) {
				again, ok := runList(t, edit.list)
				if !ok {
					continue // the edit made the spec invalid
				}
				specEdits++
				if w := handEditWarnings(t, again); len(w) > 0 {
					t.Errorf("seed %d %s: %s drew hand-edit warnings %q", seed, c.Name, edit.what, w)
				}
			}
			if edited, object, ok := editOneOutput(t, first); ok {
				outputEdits++
				again, ok := runList(t, edited)
				if !ok {
					t.Fatalf("seed %d %s: the render after a hand edit of %s failed", seed, c.Name, object)
				}
				if w := handEditWarnings(t, again); !slices.Equal(w, []string{object}) {
					t.Errorf("seed %d %s: a hand edit of %s drew hand-edit warnings %q, want exactly one", seed, c.Name, object, w)
				}
			}
		}
	}
	t.Logf("%d specs rendered (%d federated), %d spec edits, %d output edits", rendered, federated, specEdits, outputEdits)
	if federated == 0 || specEdits < rendered || outputEdits < rendered/2 {
		t.Errorf("the property saw too little: %d rendered, %d federated, %d spec edits, %d output edits", rendered, federated, specEdits, outputEdits)
	}
}

// inFiles gives each spec a file, as kpt sends a package, so that its
// outputs go to files and carry the digest.
func inFiles(t *testing.T, list []byte) []byte {
	t.Helper()
	rl, err := fn.ParseResourceList(list)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range rl.Items {
		if o.GetAPIVersion() == api.GroupVersion.String() {
			if err := o.SetAnnotation("internal.config.kubernetes.io/path", "gen/"+o.GetName()+".yaml"); err != nil {
				t.Fatal(err)
			}
		}
	}
	out, err := rl.ToYAML()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// runList runs the function as kpt does and returns the ResourceList it
// writes; false when it reported an error.
func runList(t *testing.T, list []byte) ([]byte, bool) {
	t.Helper()
	rl, err := krm.ReadResourceList(list)
	if err != nil {
		t.Fatal(err)
	}
	out := function.Run(rl.Items, rl.FunctionConfig, function.Options{ResourceList: true})
	var b bytes.Buffer
	if err := krm.WriteResourceList(&b, out.Items, rl.FunctionConfig, out.Results); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), out.OK
}

// handEditWarnings are the objects the hand-edit warnings name.
func handEditWarnings(t *testing.T, list []byte) []string {
	t.Helper()
	rl, err := fn.ParseResourceList(list)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rl.Results {
		if strings.Contains(r.Message, "edited by hand") {
			out = append(out, r.ResourceRef.Kind+" "+r.ResourceRef.Name)
		}
	}
	return out
}

type specEdit struct {
	what string
	list []byte
}

// specEditsOf are ordinary changes of the first ServiceSpec in a render's
// output, each applied alone: its first container's image, its replicas,
// each cluster's replicas and its description.
func specEditsOf(t *testing.T, list []byte) []specEdit {
	t.Helper()
	var out []specEdit
	edit := func(what string, change func(spec map[string]any) bool) {
		rl, err := fn.ParseResourceList(list)
		if err != nil {
			t.Fatal(err)
		}
		for i, o := range rl.Items {
			if o.GetKind() != "ServiceSpec" {
				continue
			}
			doc := objectMap(t, o)
			if spec, _ := doc["spec"].(map[string]any); spec == nil || !change(spec) {
				return
			}
			rl.Items[i] = kubeObject(t, doc)
			text, err := rl.ToYAML()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, specEdit{what, text})
			return
		}
	}
	edit("a new image", func(spec map[string]any) bool {
		cs, _ := spec["containers"].([]any)
		if len(cs) == 0 {
			return false
		}
		c := cs[0].(map[string]any)
		c["image"] = fmt.Sprint(c["image"]) + "-next"
		return true
	})
	edit("new replicas", func(spec map[string]any) bool {
		if spec["containers"] == nil {
			return false
		}
		r, _ := spec["replicas"].(float64)
		spec["replicas"] = r + 2
		return true
	})
	edit("each cluster's new replicas", func(spec map[string]any) bool {
		p, _ := spec["placement"].(map[string]any)
		if p == nil || spec["containers"] == nil {
			return false
		}
		overrides, _ := p["overrides"].(map[string]any)
		if overrides == nil {
			overrides = map[string]any{}
			p["overrides"] = overrides
		}
		for _, c := range p["clusters"].([]any) {
			o, _ := overrides[c.(string)].(map[string]any)
			if o == nil {
				o = map[string]any{}
				overrides[c.(string)] = o
			}
			r, _ := o["replicas"].(float64)
			o["replicas"] = r + 1
		}
		return true
	})
	edit("a new description", func(spec map[string]any) bool {
		spec["description"] = fmt.Sprint(spec["description"]) + " (edited)"
		return true
	})
	return out
}

// editOneOutput changes, in the first generated object whose spec holds a
// number or a boolean, the first such value: a hand edit the typed object
// keeps. It returns the list and the object ("<kind> <name>").
func editOneOutput(t *testing.T, list []byte) ([]byte, string, bool) {
	t.Helper()
	rl, err := fn.ParseResourceList(list)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range rl.Items {
		if o.GetAnnotation(api.AnnotationDigest) == "" {
			continue
		}
		doc := objectMap(t, o)
		if !changeFirstLeaf(doc["spec"]) {
			continue
		}
		rl.Items[i] = kubeObject(t, doc)
		text, err := rl.ToYAML()
		if err != nil {
			t.Fatal(err)
		}
		return text, o.GetKind() + " " + o.GetName(), true
	}
	return nil, "", false
}

// changeFirstLeaf changes the first number or boolean in v (maps in key
// order), outside labels, annotations and selectors, which the digest
// leaves to later functions.
func changeFirstLeaf(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			switch k {
			case "labels", "annotations", "selector", "labelSelector", "metadata":
				continue
			}
			switch leaf := x[k].(type) {
			case float64:
				x[k] = leaf + 1
				return true
			case bool:
				x[k] = !leaf
				return true
			}
			if changeFirstLeaf(x[k]) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if changeFirstLeaf(e) {
				return true
			}
		}
	}
	return false
}

// objectMap reads an object as data: maps come back with their keys
// sorted, as a formatter would write them.
func objectMap(t *testing.T, o *fn.KubeObject) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := yaml.Unmarshal([]byte(o.String()), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func kubeObject(t *testing.T, doc map[string]any) *fn.KubeObject {
	t.Helper()
	data, err := yaml.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	o, err := fn.ParseKubeObject(data)
	if err != nil {
		t.Fatal(err)
	}
	return o
}
