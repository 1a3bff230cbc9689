package cli

import (
	"bytes"
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// The canonical line walker reads every output document as a YAML parser
// does (the same path on the same line), or declines it.
func TestWalkCanonicalMatchesTheParser(t *testing.T) {
	inputs, _ := filepath.Glob(filepath.Join(testutil.RepoRoot(t), "testdata", "golden", "*", "input.yaml"))
	read, declined := 0, 0
	for _, in := range inputs {
		var out bytes.Buffer
		if Run([]string{"render", in}, nil, &out, &bytes.Buffer{}) != 0 {
			continue
		}
		for _, doc := range strings.Split(out.String(), "---\n") {
			got := map[string]int{}
			if !walkCanonical([]byte(doc), func(p string, l int) { got[p] = l }) {
				declined++
				continue
			}
			var root yaml.Node
			if err := yaml.Unmarshal([]byte(doc), &root); err != nil {
				t.Fatal(err)
			}
			want := map[string]int{}
			walkValues(&root, "", func(p string, l int) { want[p] = l })
			if !maps.Equal(got, want) {
				t.Fatalf("%s: the walker reads\n%v\nthe parser\n%v\nof\n%s", in, got, want, doc)
			}
			read++
		}
	}
	if read < 100 {
		t.Fatalf("the walker read only %d documents (declined %d)", read, declined)
	}
}
