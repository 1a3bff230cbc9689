package krm_test

import (
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/servicespec/servicespec/fn/internal/testutil"
	"github.com/servicespec/servicespec/fn/krm"
)

// ValueLines reads every canonical document as the YAML parser does: the
// same line for the same value. Checked on every item of every golden
// output.
func TestValueLinesMatchTheParser(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testutil.RepoRoot(t), "testdata", "golden", "*", "_expected.yaml"))
	read := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rl, err := krm.ReadResourceList(data)
		if err != nil {
			continue // a golden of errors
		}
		for _, it := range rl.Items {
			doc, err := krm.WriteStream([]*krm.Item{it})
			if err != nil {
				t.Fatal(err)
			}
			got, ok := krm.ValueLines(doc)
			if !ok {
				continue
			}
			var root yaml.Node
			if err := yaml.Unmarshal(doc, &root); err != nil {
				t.Fatal(err)
			}
			want := map[string]int{}
			nodeLines(&root, "", want)
			if !maps.Equal(got, want) {
				t.Fatalf("%s: ValueLines\n%v\nthe parser\n%v\nof\n%s", f, got, want, doc)
			}
			read++
		}
	}
	if read < 100 {
		t.Fatalf("only %d canonical documents read", read)
	}
}

// nodeLines records the line of every scalar and empty collection.
func nodeLines(n *yaml.Node, path string, out map[string]int) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			nodeLines(c, path, out)
		}
	case yaml.MappingNode:
		if len(n.Content) == 0 {
			out[path] = n.Line
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			nodeLines(n.Content[i+1], krm.FieldPath(path, n.Content[i].Value), out)
		}
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			out[path] = n.Line
		}
		for i, c := range n.Content {
			nodeLines(c, path+"["+strconv.Itoa(i)+"]", out)
		}
	case yaml.ScalarNode:
		out[path] = n.Line
	}
}
