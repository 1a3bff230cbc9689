package corpusgen

import (
	"fmt"
	"strings"
)

// Hostile inputs are ResourceLists under 1 MB built to cost a naive
// function much time or memory: aliases that expand to billions of values,
// huge strings, tens of thousands of labels, errors or items, deep
// nesting. Each has the exit code servicespec must end with.
type Hostile struct {
	Name  string
	Input []byte
	Exit  int
}

const listHeader = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:\n"

// HostileInputs returns the hostile corpus, in a fixed order.
func HostileInputs() []Hostile {
	return []Hostile{
		{"alias-bomb-in-spec", []byte(listHeader + spec("bomb", aliasBomb("  ", 9)+"    labels: {a: *a8}\n")), 1},
		{"alias-bomb-in-configmap", []byte(listHeader + configMap("bomb", aliasBomb("  ", 9)+"  data: {a: *a8}\n") + spec("web", "")), 0},
		{"alias-bomb-across-items", []byte(listHeader + configMap("anchors", aliasBomb("  ", 9)) +
			"# a comment between items\n" + configMap("uses", "  data: {a: *a8}\n") + spec("web", "")), 1},
		{"description-200k", []byte(listHeader + spec("web", "    description: "+strings.Repeat("x", 200_000)+"\n")), 1},
		{"labels-40k", []byte(listHeader + spec("web", "    labels:\n"+repeatLines(40_000, "      l%d: v\n"))), 0},
		{"invalid-labels-30k", []byte(listHeader + spec("web", "    labels:\n"+repeatLines(30_000, "      -l%d: v\n"))), 1},
		{"duplicate-keys-20k", []byte(listHeader + spec("web", "    labels:\n"+repeatLines(20_000, "      k%d: v\n      k%[1]d: w\n"))), 1},
		{"container-errors-5k", []byte(listHeader + spec("web", "    annotations: {}\n    initContainers:\n"+
			repeatLines(5_000, "    - {name: Bad_%d, image: '', ports: [{containerPort: 0}]}\n"))), 1},
		{"deep-flow-nesting", []byte(listHeader + configMap("deep", "  data: {k: v}\n  x: "+strings.Repeat("[", 5_000)+strings.Repeat("]", 5_000)+"\n") + spec("web", "")), 0},
		{"deep-block-nesting", []byte(listHeader + configMap("deep", "  data: {k: v}\n"+deepBlock(1_000)) + spec("web", "")), 0},
		{"long-scalar-900k", []byte(listHeader + configMap("long", "  data:\n    k: "+strings.Repeat("y", 900_000)+"\n") + spec("web", "")), 0},
		{"annotations-30k", []byte(listHeader + "- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: many\n    annotations:\n" +
			repeatLines(30_000, "      a%d: v\n") + spec("web", "")), 0},
		{"items-15k", []byte(listHeader + repeatLines(15_000, "- {apiVersion: v1, kind: ConfigMap, metadata: {name: c%d}}\n") + spec("web", "")), 0},
		{"specs-4k", []byte(listHeader + repeatSpecs(4_000)), 0},
	}
}

// spec is a valid External ServiceSpec item with extra spec lines (or
// other top-level lines, indented by two).
func spec(name, extra string) string {
	return fmt.Sprintf("- apiVersion: servicespec.dev/v1alpha1\n  kind: ServiceSpec\n  metadata:\n    name: %s\n  spec:\n    type: External\n    externalName: %s.example.com\n%s", name, name, extra)
}

func configMap(name, body string) string {
	return fmt.Sprintf("- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: %s\n%s", name, body)
}

// aliasBomb is levels anchored lists, each of nine aliases of the one before:
// 9^levels values once expanded.
func aliasBomb(indent string, levels int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%sx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n", indent)
	for i := 1; i < levels; i++ {
		fmt.Fprintf(&b, "%sx%d: &a%d [%s]\n", indent, i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 9), ", "))
	}
	return b.String()
}

func repeatLines(n int, format string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}

func repeatSpecs(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(spec(fmt.Sprintf("svc-%d", i), ""))
	}
	return b.String()
}

// deepBlock nests block mappings depth levels deep under the key x.
func deepBlock(depth int) string {
	var b strings.Builder
	for i := range depth {
		fmt.Fprintf(&b, "%sx:\n", strings.Repeat(" ", 2+2*i))
	}
	fmt.Fprintf(&b, "%sk: v\n", strings.Repeat(" ", 2+2*depth))
	return b.String()
}
