package cli_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
)

// trickyItems are items whose characters or keys YAML readers treat
// specially, each as the block text of a ConfigMap's data (or a name).
var trickyItems = map[string]string{
	"name is a number":        "metadata:\n  name: 123\ndata:\n  k: v\n",
	"name is a date":          "metadata:\n  name: 2024-01-01\ndata:\n  k: v\n",
	"name is a boolean":       "metadata:\n  name: true\ndata:\n  k: v\n",
	"control character":       "metadata:\n  name: a\ndata:\n  k: \"x\x01y\"\n",
	"control character plain": "metadata:\n  name: a\ndata:\n  k: x\x01y\n",
	"invalid UTF-8":           "metadata:\n  name: a\ndata:\n  k: x\xffy\n",
	"U+FFFE":                  "metadata:\n  name: a\ndata:\n  k: x\uFFFEy\n",
	"NEL in a value":          "metadata:\n  name: a\ndata:\n  k: x\u0085y\n",
	"NEL in quotes":           "metadata:\n  name: a\ndata:\n  k: \"x\u0085y\"\n",
	"NEL in a comment":        "metadata:\n  name: a # x\u0085y: z\ndata:\n  k: v\n",
	"LS in a value":           "metadata:\n  name: a\ndata:\n  k: x\u2028y\n",
	"LS in a comment":         "metadata:\n  name: a # x\u2028y: z\ndata:\n  k: v\n",
	"PS in quotes":            "metadata:\n  name: a\ndata:\n  k: 'x\u2029y'\n",
	"BOM in a value":          "metadata:\n  name: a\ndata:\n  k: \"\uFEFFx\"\n",
	"emoji":                   "metadata:\n  name: a\ndata:\n  k: x😀y\n",
	"tab in a value":          "metadata:\n  name: a\ndata:\n  k: \"x\ty\"\n",
	"key of 200 characters":   "metadata:\n  name: a\ndata:\n  " + strings.Repeat("k", 200) + ": v\n",
	"key of 1100 characters":  "metadata:\n  name: a\ndata:\n  " + strings.Repeat("k", 1100) + ": v\n",
	"YAML 1.1 words":          "metadata:\n  name: a\ndata:\n  y: yes\n  o: \"0777\"\n  e: \"\"\n",
	"annotation not a string": "metadata:\n  name: a\n  annotations:\n    n: 12\n    servicespec.dev/generated-from: /x\ndata:\n  k: v\n",
}

// layouts writes one list in the ways orchestrators and people write
// lists: canonical block text, a comment between items (which the line
// splitter leaves to the parser), and wide sequence indentation.
func layoutsOf(items []string) map[string]string {
	block := func(indent string, sep string) string {
		var b strings.Builder
		b.WriteString("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n")
		for i, it := range items {
			if i > 0 {
				b.WriteString(sep)
			}
			for j, line := range strings.SplitAfter(it, "\n") {
				switch {
				case line == "":
				case j == 0:
					b.WriteString(indent + "- " + line)
				default:
					b.WriteString(indent + "  " + line)
				}
			}
		}
		return b.String()
	}
	return map[string]string{
		"canonical":       block("", ""),
		"comment between": block("", "# another item\n"),
		"wide":            block("  ", ""),
	}
}

// The answer is the same whatever the input's layout: the same exit code,
// the same results and the same items (read back as data).
func TestLayoutIndependence(t *testing.T) {
	spec := "apiVersion: servicespec.dev/v1alpha1\nkind: ServiceSpec\nmetadata:\n  name: web\nspec:\n  type: External\n  externalName: web.example.com\n"
	for name, body := range trickyItems {
		t.Run(name, func(t *testing.T) {
			item := "apiVersion: v1\nkind: ConfigMap\n" + body
			var first string
			var want outcome
			for layout, in := range layoutsOf([]string{spec, item}) {
				got := outcomeOf(t, in)
				if first == "" {
					first, want = layout, got
					continue
				}
				if !reflect.DeepEqual(want, got) {
					t.Errorf("%s and %s differ:\n%s: %+v\n%s: %+v", first, layout, first, want, layout, got)
				}
			}
		})
	}
}

// outcome is what a run says, independent of the layout of its input.
type outcome struct {
	Code    int
	Results []string
	Items   []any
}

func outcomeOf(t *testing.T, in string) outcome {
	t.Helper()
	out, _, code := runFunction([]byte(in))
	o := outcome{Code: code}
	if len(out) == 0 {
		return o
	}
	rl, err := fn.ParseResourceList(out)
	if err != nil {
		t.Fatalf("the output does not parse: %v\n%s", err, out)
	}
	for _, r := range rl.Results {
		o.Results = append(o.Results, fmt.Sprintf("%s %v %v", r.Severity, r.Field, r.Message))
	}
	for _, it := range rl.Items {
		rn := it.CopyToResourceNode()
		v, err := rn.Map()
		if err != nil {
			t.Fatalf("an output item does not read back: %v", err)
		}
		o.Items = append(o.Items, v)
	}
	return o
}
