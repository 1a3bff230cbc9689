package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/servicespec/servicespec/fn/cli"
	"github.com/servicespec/servicespec/fn/importer"
	"github.com/servicespec/servicespec/fn/internal/testutil"
)

var docSeparator = regexp.MustCompile(`(?m)^---\s*$`)

func runCLI(t *testing.T, args []string, in []byte) (stdout []byte, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := cli.Run(args, bytes.NewReader(in), &out, &errOut); code != 0 {
		t.Fatalf("servicespec %s: exit %d\n%s", strings.Join(args, " "), code, errOut.String())
	}
	return out.Bytes(), errOut.String()
}

// docs splits a stream into its documents, sorted.
func docs(stream []byte) []string {
	var out []string
	for _, d := range docSeparator.Split(string(stream), -1) {
		if strings.TrimSpace(d) != "" {
			out = append(out, strings.TrimSpace(d))
		}
	}
	slices.Sort(out)
	return out
}

// render → import → render gives the same documents, byte for byte, for
// every golden that renders and every example rendered as a directory;
// every object servicespec made is converted back.
func TestImportRoundTrip(t *testing.T) {
	root := testutil.RepoRoot(t)
	inputs, _ := filepath.Glob(filepath.Join(root, "testdata", "golden", "*", "input.yaml"))
	checked := 0
	for _, in := range append(inputs, testutil.ExampleDirs(t)...) {
		first, ok := renderOnce(t, in)
		if !ok {
			continue
		}
		t.Run(strings.TrimPrefix(in, root+"/"), func(t *testing.T) {
			imported, stderr := runCLI(t, []string{"import", "-"}, first)
			if strings.Contains(stderr, "not converted") {
				t.Errorf("an object servicespec made was not converted back:\n%s", stderr)
			}
			again, _ := runCLI(t, []string{"render", "-"}, imported)
			if d1, d2 := docs(first), docs(again); !slices.Equal(d1, d2) {
				t.Errorf("the render of the import differs:\n--- first\n%s\n--- again\n%s\n--- import\n%s",
					strings.Join(d1, "\n---\n"), strings.Join(d2, "\n---\n"), imported)
			}
			checked++
		})
	}
	if checked < 40 {
		t.Errorf("only %d round trips", checked)
	}
}

// renderedDir is the directory an example's command renders
// (servicespec render DIR), relative to the example; the example itself
// when its command is another.
func renderedDir(t *testing.T, example string) (string, bool) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(example, ".expected", "config.yaml"))
	if err != nil {
		return "", false
	}
	for line := range strings.Lines(string(data)) {
		if dir, ok := strings.CutPrefix(strings.TrimSpace(line), "command: servicespec render "); ok && !strings.ContainsAny(dir, " |&;") {
			return filepath.Join(example, dir), true
		}
	}
	return "", false
}

// renderOnce renders a golden's items or an example directory; ok is false
// for a golden that fails, a kustomize example (render reads no
// kustomizations) and the import example (its objects come from a cluster).
func renderOnce(t *testing.T, path string) ([]byte, bool) {
	t.Helper()
	var in []byte
	args := []string{"render", path}
	if filepath.Base(path) == "input.yaml" {
		items, ok := testutil.GoldenItems(t, path, nil)
		if !ok {
			return nil, false
		}
		in, args = items, []string{"render", "-"}
	} else if _, err := os.Stat(filepath.Join(path, "kustomization.yaml")); err == nil || filepath.Base(path) == "import" {
		return nil, false // kustomize reads it, or it holds live objects to import
	} else if dir, ok := renderedDir(t, path); ok {
		args = []string{"render", dir}
	}
	var out, errOut bytes.Buffer
	if cli.Run(args, bytes.NewReader(in), &out, &errOut) != 0 || len(bytes.TrimSpace(out.Bytes())) == 0 {
		return nil, false
	}
	return out.Bytes(), true
}

// Console-made, partial and look-alike input: the import writes the specs
// and warnings the case expects, and nothing is lost: rendering its output
// gives back every input object, equal once cleaned of what the server
// adds.
func TestImportCorpus(t *testing.T) {
	for _, c := range testutil.ImportCases(t) {
		t.Run(filepath.Base(c.Path), func(t *testing.T) {
			f, data, want := c.Path, c.Data, c.Want
			out, stderr := runCLI(t, []string{"import", f}, nil)
			specs, raw := 0, 0
			for _, d := range docs(out) {
				if strings.Contains(d, "\nkind: ServiceSpec\n") {
					specs++
				} else {
					raw++
				}
			}
			if specs != want.Specs || raw != want.Raw {
				t.Errorf("%d ServiceSpecs and %d other objects, want %d and %d:\n%s\n%s", specs, raw, want.Specs, want.Raw, out, stderr)
			}
			for _, w := range want.Warnings {
				if !strings.Contains(stderr, "warning: ") || !strings.Contains(stderr, w) {
					t.Errorf("no warning says %q:\n%s", w, stderr)
				}
			}
			for _, w := range want.Stderr {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not say %q:\n%s", w, stderr)
				}
			}
			rendered, _ := runCLI(t, []string{"render", "-"}, out)
			checkNothingLost(t, committable(objectsOf(t, data)), objectsOf(t, rendered))
		})
	}
}

// committable are the objects an import writes for commit: not those a
// controller owns, and an object given twice once.
func committable(objs []*fn.KubeObject) []*fn.KubeObject {
	var out []*fn.KubeObject
	seen := map[string]bool{}
	for _, o := range objs {
		refs, _, _ := o.NestedSlice("metadata", "ownerReferences")
		if slices.ContainsFunc(refs, func(r *fn.SubObject) bool { c, _, _ := r.NestedBool("controller"); return c }) {
			continue
		}
		id := o.GetKind() + "/" + o.GetNamespace() + "/" + o.GetName()
		if !seen[id] {
			seen[id] = true
			out = append(out, o)
		}
	}
	return out
}

func checkNothingLost(t *testing.T, input, rendered []*fn.KubeObject) {
	t.Helper()
	if len(input) != len(rendered) {
		t.Errorf("%d objects in, %d rendered from the import", len(input), len(rendered))
	}
	for _, in := range input {
		i := slices.IndexFunc(rendered, func(r *fn.KubeObject) bool {
			return r.GetKind() == in.GetKind() && r.GetNamespace() == in.GetNamespace() && r.GetName() == in.GetName()
		})
		if i < 0 {
			t.Errorf("%s %s/%s was lost", in.GetKind(), in.GetNamespace(), in.GetName())
			continue
		}
		if err := importer.Equivalent(rendered[i], in); err != nil {
			t.Errorf("%s %s/%s changed: %v", in.GetKind(), in.GetNamespace(), in.GetName(), err)
		}
	}
}

// objectsOf parses a stream, reading a kind: List as its items.
func objectsOf(t *testing.T, stream []byte) []*fn.KubeObject {
	t.Helper()
	var out []*fn.KubeObject
	for _, d := range docSeparator.Split(string(stream), -1) {
		if strings.TrimSpace(strings.Join(nonComments(d), "")) == "" {
			continue
		}
		o, err := fn.ParseKubeObject([]byte(d))
		if err != nil {
			t.Fatalf("%v\n%s", err, d)
		}
		if o.GetKind() != "List" {
			out = append(out, o)
			continue
		}
		items, _, _ := o.NestedSlice("items")
		for _, it := range items {
			m, err := fn.ParseKubeObject([]byte(it.String()))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, m)
		}
	}
	return out
}

func nonComments(doc string) []string {
	var out []string
	for _, l := range strings.Split(doc, "\n") {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "#") {
			out = append(out, l)
		}
	}
	return out
}

// --out writes one file per ServiceSpec with the schema's modeline, the
// schema beside them, and others.yaml; rendering the directory gives what
// rendering the stream gives.
func TestImportOut(t *testing.T) {
	in := filepath.Join(testutil.RepoRoot(t), "testdata", "import", "console-specify-workload.yaml")
	stream, _ := runCLI(t, []string{"import", in}, nil)
	dir := t.TempDir()
	runCLI(t, []string{"import", "--out", dir, in}, nil)
	for _, f := range []string{"legacy-ext.yaml", "mail.yaml", "servicespec.schema.json", "others.yaml"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("--out did not write %s: %v", f, err)
		}
	}
	spec, _ := os.ReadFile(filepath.Join(dir, "mail.yaml"))
	if !strings.HasPrefix(string(spec), "# yaml-language-server: $schema=servicespec.schema.json\n") {
		t.Errorf("mail.yaml has no modeline:\n%s", spec)
	}
	fromDir, _ := runCLI(t, []string{"render", dir}, nil)
	fromStream, _ := runCLI(t, []string{"render", "-"}, stream)
	if !slices.Equal(docs(fromDir), docs(fromStream)) {
		t.Errorf("rendering --out differs from rendering the stream:\n%s\n---\n%s", fromDir, fromStream)
	}
}

// Bad input fails like render: malformed YAML is an error naming the file.
func TestImportMalformed(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "broken.yaml")
	if err := os.WriteFile(p, []byte("a: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := cli.Run([]string{"import", p}, nil, &out, &errOut); code != cli.ExitError || out.Len() != 0 {
		t.Fatalf("exit %d, stdout %q", code, out.String())
	}
	if !strings.Contains(errOut.String(), "broken.yaml") {
		t.Errorf("the error does not name the file: %s", errOut.String())
	}
}

// --out never replaces a file: when one it would write exists, it writes
// nothing and says which.
func TestImportOutKeepsExistingFiles(t *testing.T) {
	in := filepath.Join(testutil.RepoRoot(t), "testdata", "import", "console-specify-workload.yaml")
	dir := t.TempDir()
	mine := filepath.Join(dir, "mail.yaml")
	if err := os.WriteFile(mine, []byte("# mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := cli.Run([]string{"import", "--out", dir, in}, nil, &out, &errOut); code != cli.ExitError {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "mail.yaml already exists") {
		t.Errorf("the error does not name the file: %s", errOut.String())
	}
	if got, _ := os.ReadFile(mine); string(got) != "# mine\n" {
		t.Errorf("mail.yaml was replaced: %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("import wrote %d files beside the existing one", len(entries)-1)
	}
}

// The same object twice with different content is an error naming it and
// both files (the import cannot tell which one the cluster should keep);
// nothing is written.
func TestImportConflictingCopies(t *testing.T) {
	dir := t.TempDir()
	cm := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\ndata:\n  mode: %s\n"
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	if err := os.WriteFile(a, fmt.Appendf(nil, cm, "fast"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, fmt.Appendf(nil, cm, "safe"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := cli.Run([]string{"import", a, b}, nil, &out, &errOut); code != cli.ExitError || out.Len() != 0 {
		t.Fatalf("exit %d with output %q; want exit 1 and nothing written", code, out.String())
	}
	for _, want := range []string{"ConfigMap shop/settings", a, b} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("the error does not name %s:\n%s", want, errOut.String())
		}
	}
	// Identical copies count once.
	stream, _ := runCLI(t, []string{"import", a, a}, nil)
	if n := len(docs(stream)); n != 1 {
		t.Errorf("two identical copies gave %d objects, want 1", n)
	}
}
