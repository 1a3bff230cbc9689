package krm_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/servicespec/servicespec/bench/corpusgen"
	"github.com/servicespec/servicespec/fn/internal/testutil"
	"github.com/servicespec/servicespec/fn/krm"
)

// sdkIdentity is the oracle: the SDK parses the list and writes it back.
func sdkIdentity(t testing.TB, in []byte) (string, bool) {
	t.Helper()
	rl, err := fn.ParseResourceList(in)
	if err != nil {
		return "", false
	}
	rl.Results = nil
	out, err := rl.ToYAML()
	if err != nil {
		return "", false
	}
	return string(out), true
}

// identity reads and writes the list with this package.
func identity(t testing.TB, in []byte) (string, error) {
	t.Helper()
	rl, err := krm.ReadResourceList(in)
	if err != nil {
		return "", err
	}
	var out bytes.Buffer
	err = krm.WriteResourceList(&out, rl.Items, rl.FunctionConfig, nil)
	return out.String(), err
}

// compareIdentity requires reading and writing a list to give what the
// SDK gives, for every list the SDK reads.
func compareIdentity(t testing.TB, name string, in []byte) {
	t.Helper()
	want, ok := sdkIdentity(t, in)
	got, err := identity(t, in)
	if !ok {
		return
	}
	if _, err := fn.ParseResourceList([]byte(want)); err != nil {
		return // the SDK writes what it cannot read back (an alias before its anchor)
	}
	if err != nil {
		t.Errorf("%s: the SDK reads it, krm fails: %v", name, err)
		return
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: differs from the SDK (-sdk +krm):\n%s", name, diff)
	}
}

// identityInputs are the goldens' inputs and outputs, generated lists and
// layouts that take each path of the reader.
func identityInputs(t *testing.T) map[string][]byte {
	t.Helper()
	inputs := map[string][]byte{}
	root := testutil.RepoRoot(t)
	for _, pattern := range []string{"testdata/golden/*/input.yaml", "testdata/golden/*/_expected.yaml", "examples/*/.expected/*.yaml"} {
		files, _ := filepath.Glob(filepath.Join(root, pattern))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(root, f)
			inputs[rel] = data
		}
	}
	for _, n := range []int{1, 7, 40} {
		var b bytes.Buffer
		if err := corpusgen.Write(&b, n, 3*n); err != nil {
			t.Fatal(err)
		}
		inputs["corpusgen"+string(rune('0'+n%10))] = b.Bytes()
	}
	for name, in := range layouts {
		inputs["layout/"+name] = []byte(in)
	}
	return inputs
}

var layouts = map[string]string{
	"comments-and-blocks": `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- # a head comment on the first key
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: web # inline
    annotations:
      internal.config.kubernetes.io/path: web.yaml
  data:
    description: |
      two lines
      of text
    script: |-
      #!/bin/sh
      echo "hi"

      exit 0
    quoted: 'it''s'
    escaped: "tab\there"
    empty: ""
    number: 12
    yes: on
    chinese: 中文说明
`,
	"json": `{"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"k": "v"}}]}`,
	"wide-sequence": `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: a
`,
	"flow-items-and-comment-between": `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}, data: {k: v}} # flow
# between
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: a}
`,
	"names-not-strings": `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: 123
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: 2024-01-01
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: a
`,
	"anchors-within-items": `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: a
  data: &d
    k: v
  binaryData: *d
`,
	"functionConfig-and-results": `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: a
functionConfig:
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: function-input
  data: {a: b}
results:
- message: old
`,
	"empty-items": "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems: []\n",
	"long-key": "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n  data:\n    " +
		string(bytes.Repeat([]byte("k"), 200)) + ": v\n",
	"trailing-comment": `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: a
  data:
    k: v
  # the end
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: b
`,
}

func TestReadWriteMatchesSDK(t *testing.T) {
	for name, in := range identityInputs(t) {
		compareIdentity(t, name, in)
	}
}

// FuzzReadWrite: whatever list the SDK reads, reading and writing it with
// this package gives the SDK's bytes (unless the SDK's own output does not
// parse, as with an alias written before its anchor), and whatever this
// package writes parses again.
func FuzzReadWrite(f *testing.F) {
	for _, in := range layouts {
		f.Add([]byte(in))
	}
	f.Add([]byte("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n  data:\n    k: 'v'\n    n: \"x\\ty\"\n"))
	f.Add([]byte("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: X\n  metadata:\n    name: a\n  spec:\n    ports: [{containerPort: 80, servicePort: 80}, {name: x, port: '1'}]\n    n: {a: [1, 2.5, true, null, \"s\"], b: {}}\n    l:\n    - {k: v}\n    - [a, b]\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		got, err := identity(t, in)
		if err != nil {
			return
		}
		if _, err := fn.ParseResourceList([]byte(got)); err != nil {
			t.Fatalf("the output does not parse: %v\n%s", err, got)
		}
		if rl, err := krm.ReadResourceList(in); err == nil {
			for _, it := range rl.Items {
				if it.Canonical() {
					compareValues(t, "fuzz input", it)
				}
			}
		}
		want, ok := sdkIdentity(t, in)
		if !ok {
			return
		}
		if _, err := fn.ParseResourceList([]byte(want)); err != nil {
			return // the SDK writes what it cannot read back
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("differs from the SDK (-sdk +krm):\n%s\ninput:\n%s", diff, in)
		}
	})
}

// The data read from canonical text without a node tree is what a YAML
// reader makes of it, for every canonical item of the inputs.
func TestTextValueMatchesNodes(t *testing.T) {
	checked := 0
	for name, in := range identityInputs(t) {
		rl, err := krm.ReadResourceList(in)
		if err != nil {
			continue
		}
		for _, it := range rl.Items {
			if !it.Canonical() {
				continue
			}
			compareValues(t, name, it)
			checked++
		}
	}
	if checked < 100 {
		t.Fatalf("only %d canonical items checked", checked)
	}
}

// compareValues reads the data of a canonical item from its text, then
// parses the item and reads it from the tree (the oracle).
func compareValues(t testing.TB, name string, it *krm.Item) {
	t.Helper()
	got, errGot := it.Value()
	if _, err := it.Node(); err != nil {
		t.Fatalf("%s: a canonical item does not parse: %v", name, err)
	}
	want, errWant := it.Value()
	if (errGot != nil) != (errWant != nil) {
		t.Fatalf("%s: %s %s: errors differ: text %v, node %v", name, it.Kind, it.Name, errGot, errWant)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: %s %s: data differs (-node +text):\n%s", name, it.Kind, it.Name, diff)
	}
}

// Setting an annotation on canonical text writes what the SDK writes when
// it sets it on the tree, for every canonical item of the inputs and for
// new keys, replaced values and values that need quotes.
func TestSetAnnotationMatchesSDK(t *testing.T) {
	edits := []struct{ key, value string }{
		{"config.kubernetes.io/local-config", "true"},
		{"example.com/new", "a b"},
		{"internal.config.kubernetes.io/path", "other.yaml"},
		{"example.com/quoted", "it's: yes"},
	}
	checked := 0
	for name, in := range identityInputs(t) {
		for _, e := range edits {
			text, tree := readTwice(t, in)
			if text == nil {
				break
			}
			for i := range text.Items {
				a, b := text.Items[i], tree.Items[i]
				if !a.Canonical() {
					continue
				}
				if _, err := b.Node(); err != nil {
					t.Fatal(err)
				}
				if err := a.SetAnnotation(e.key, e.value); err != nil {
					t.Fatal(err)
				}
				if err := b.SetAnnotation(e.key, e.value); err != nil {
					t.Fatal(err)
				}
				var ga, gb bytes.Buffer
				_ = krm.WriteResourceList(&ga, []*krm.Item{a}, nil, nil)
				_ = krm.WriteResourceList(&gb, []*krm.Item{b}, nil, nil)
				if diff := cmp.Diff(gb.String(), ga.String()); diff != "" {
					t.Errorf("%s: %s %s: setting %s differs (-tree +text):\n%s", name, a.Kind, a.Name, e.key, diff)
				}
				if v, _ := a.Annotation(e.key); v != e.value {
					t.Errorf("%s: the header has %s=%q, want %q", name, e.key, v, e.value)
				}
				checked++
			}
		}
	}
	if checked < 100 {
		t.Fatalf("only %d edits checked", checked)
	}
}

// readTwice reads a list twice: items to edit as text and as trees.
func readTwice(t *testing.T, in []byte) (*krm.ResourceList, *krm.ResourceList) {
	t.Helper()
	a, err := krm.ReadResourceList(in)
	if err != nil {
		return nil, nil
	}
	b, err := krm.ReadResourceList(in)
	if err != nil {
		t.Fatal(err)
	}
	return a, b
}

// Results are written as the SDK writes them, whatever their text.
func FuzzResults(f *testing.F) {
	for _, s := range []string{"plain", "a: b", "yes", "1:20", "12", "", "multi\nline", " lead", "it's", "\"q\"", "é", "tab\t"} {
		f.Add(s, "spec.containers[0].ports[1].name", "dir/web.yaml", 2)
	}
	f.Fuzz(func(t *testing.T, msg, path, file string, index int) {
		results := fn.Results{
			{Message: msg, Severity: fn.Error, ResourceRef: &fn.ResourceRef{APIVersion: "servicespec.dev/v1alpha1", Kind: "ServiceSpec", Name: msg, Namespace: "ns"},
				Field: &fn.Field{Path: path}, File: &fn.File{Path: file, Index: index}},
			{Message: msg, Severity: fn.Warning},
		}
		var got bytes.Buffer
		if err := krm.WriteResourceList(&got, nil, nil, results); err != nil {
			t.Fatal(err)
		}
		want, err := (&fn.ResourceList{FunctionConfig: fn.NewEmptyKubeObject(), Results: results}).ToYAML()
		if err != nil {
			// The SDK cannot write it: what is written must still read back.
			rl, err := fn.ParseResourceList(got.Bytes())
			if err != nil || len(rl.Results) != 2 || rl.Results[0].Message != asJSONString(msg) {
				t.Fatalf("the SDK cannot write these results, and what is written does not read back (%v):\n%s", err, got.String())
			}
			return
		}
		if diff := cmp.Diff(string(want), got.String()); diff != "" {
			t.Errorf("results differ from the SDK (-sdk +krm):\n%s", diff)
		}
	})
}

// SameContent ignores exactly the orchestrator's annotations: for every
// canonical item of the inputs, adding kpt's path and index leaves the
// content the same, and adding any other annotation changes it.
func TestSameContentIgnoresOnlyOrchestratorAnnotations(t *testing.T) {
	checked := 0
	for name, in := range identityInputs(t) {
		a, b := readTwice(t, in)
		if a == nil {
			continue
		}
		c, _ := readTwice(t, in)
		for i := range a.Items {
			x, y, z := a.Items[i], b.Items[i], c.Items[i]
			if !x.Canonical() {
				continue
			}
			for _, kv := range [][2]string{{"internal.config.kubernetes.io/path", "elsewhere.yaml"}, {"config.kubernetes.io/index", "7"}} {
				if err := y.SetAnnotation(kv[0], kv[1]); err != nil {
					t.Fatal(err)
				}
			}
			if y.Canonical() && !krm.SameContent(x, y) {
				t.Errorf("%s: %s %s: the orchestrator's annotations make a difference", name, x.Kind, x.Name)
			}
			if err := z.SetAnnotation("example.com/owner", "someone-else"); err != nil {
				t.Fatal(err)
			}
			if z.Canonical() && krm.SameContent(x, z) {
				t.Errorf("%s: %s %s: another annotation makes no difference", name, x.Kind, x.Name)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Fatalf("only %d items checked", checked)
	}
}

// asJSONString is a string as results carry it: through JSON, which writes
// each invalid UTF-8 byte as U+FFFD.
func asJSONString(s string) string {
	data, _ := json.Marshal(s)
	var out string
	_ = json.Unmarshal(data, &out)
	return out
}
