package krm_test

import (
	"strings"
	"testing"

	"github.com/servicespec/servicespec/fn/krm"
)

// Line finds a field's line in the file the items were read from, through
// block and flow style, JSON, CRLF line ends, comments, multi-document
// files, aliases and merge keys, and Lists; a field that is not written
// gives the line of its nearest written parent; a file whose lines cannot
// be counted gives none.
func TestLine(t *testing.T) {
	for _, c := range []struct {
		name, file string
		doc        int // which object
		path       string
		want       int
	}{
		{"block", block, 0, "spec.containers[0].ports[0].containerPort", 10},
		{"block entry", block, 0, "spec.containers[0]", 9},
		{"block map key", block, 0, "metadata.labels[app.kubernetes.io/name]", 5},
		{"object", block, 0, "", 2},
		{"missing field", block, 0, "spec.containers[0].image", 9},
		{"missing index", block, 0, "spec.containers[3].name", 8},
		{"second document", block, 1, "spec.type", 18},
		{"second document flow", block, 1, "spec.containers[0].ports[0].containerPort", 19},
		{"json", jsonDoc, 0, "spec.containers[0].ports[0].containerPort", 7},
		{"crlf", strings.ReplaceAll(block, "\n", "\r\n"), 1, "spec.containers[0].ports[0].containerPort", 19},
		{"alias", aliases, 0, "spec.containers[0].image", 8},
		{"merge key", aliases, 0, "spec.replicas", 3},
		{"list", list, 1, "spec.type", 10},
		{"key written twice: the first, which is read", "apiVersion: v1\nkind: X\nmetadata: {name: a}\nspec:\n  replicas: 1\n  replicas: 2\n", 0, "spec.replicas", 5},
		{"lone carriage return", "apiVersion: v1\rkind: ConfigMap\rmetadata: {name: a}\r", 0, "metadata.name", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			items, _, err := krm.ReadDocuments("f.yaml", []byte(c.file))
			if err != nil {
				t.Fatal(err)
			}
			if got := items[c.doc].Line(c.path); got != c.want {
				t.Errorf("Line(%q) = %d, want %d", c.path, got, c.want)
			}
		})
	}
}

// FieldLine is the line of the very field, or none: a field the file does
// not write (a default) never gets a nearby line.
func TestFieldLine(t *testing.T) {
	items, _, err := krm.ReadDocuments("f.yaml", []byte(block))
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{
		"spec.containers[0].ports[0].containerPort": 10,
		"metadata.labels[app.kubernetes.io/name]":   5,
		"spec.containers[0].image":                  0,
		"spec.containers[3].name":                   0,
	} {
		if got := items[0].FieldLine(path); got != want {
			t.Errorf("FieldLine(%q) = %d, want %d", path, got, want)
		}
	}
}

// HoldsField: a field the data writes, through maps, lists and keys with
// dots; not one it leaves out.
func TestHoldsField(t *testing.T) {
	data := map[string]any{"spec": map[string]any{"containers": []any{map[string]any{"image": "x"}}},
		"metadata": map[string]any{"labels": map[string]any{"app.kubernetes.io/name": "a"}}}
	for path, want := range map[string]bool{
		"spec.containers[0].image": true, "metadata.labels[app.kubernetes.io/name]": true,
		"spec.containers[1].image": false, "spec.containers[0].name": false, "spec.replicas": false, "spec.containers[x]": false,
	} {
		if got := krm.HoldsField(data, path); got != want {
			t.Errorf("HoldsField(%q) = %v, want %v", path, got, want)
		}
	}
}

// An item read from a ResourceList has no line: the orchestrator rewrote
// it, so its lines are not its file's.
func TestLineUnknownInResourceList(t *testing.T) {
	rl, err := krm.ReadResourceList([]byte("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n    annotations: {internal.config.kubernetes.io/path: a.yaml}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := rl.Items[0].Line("metadata.name"); got != 0 {
		t.Errorf("Line = %d, want 0 (unknown)", got)
	}
}

const block = `# a comment
apiVersion: servicespec.dev/v1alpha1
kind: ServiceSpec
metadata:
  labels: {app.kubernetes.io/name: web}
  name: web
spec:
  containers:
  - ports:
    - containerPort: 70000

      servicePort: 80
---
# the second
apiVersion: servicespec.dev/v1alpha1
kind: ServiceSpec
metadata: {name: b}
spec: {type: Stateless,
  containers: [{image: x, ports: [{containerPort: 0}]}]}
`

const jsonDoc = `{
  "apiVersion": "servicespec.dev/v1alpha1",
  "kind": "ServiceSpec",
  "metadata": {"name": "j"},
  "spec": {
    "containers": [{"image": "nginx",
      "ports": [{"containerPort": 0}]}]
  }
}
`

const aliases = `apiVersion: v1
kind: X
base: &base {replicas: 2}
image: &img nginx
metadata: {name: a}
spec:
  <<: *base
  containers: [{image: *img}]
`

const list = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: X
  metadata: {name: a}
- apiVersion: v1
  kind: X
  metadata: {name: b}
  spec: {type: y}
`
