package testutil

import (
	"os"
	"strings"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
)

// GoldenItems is a golden input's items as a manifest stream, each item
// changed first by edit when it is not nil; ok is false when the input is
// not a ResourceList the SDK reads (a golden about malformed input).
func GoldenItems(t *testing.T, input string, edit func(*fn.KubeObject) error) ([]byte, bool) {
	t.Helper()
	data, err := os.ReadFile(input)
	if err != nil {
		t.Fatal(err)
	}
	rl, err := fn.ParseResourceList(data)
	if err != nil {
		return nil, false
	}
	docs := make([]string, 0, len(rl.Items))
	for _, it := range rl.Items {
		if edit != nil {
			if err := edit(it); err != nil {
				t.Fatal(err)
			}
		}
		docs = append(docs, it.String())
	}
	return []byte(strings.Join(docs, "---\n")), true
}

// ItemsYAML is the items of a ResourceList, without its results and
// functionConfig, as YAML.
func ItemsYAML(t *testing.T, rlYAML []byte) string {
	t.Helper()
	rl, err := fn.ParseResourceList(rlYAML)
	if err != nil {
		t.Fatal(err)
	}
	rl.Results, rl.FunctionConfig = nil, fn.NewEmptyKubeObject()
	b, err := rl.ToYAML()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
