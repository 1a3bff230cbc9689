package conformance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/kustomize/kyaml/kio"
	"sigs.k8s.io/yaml"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/internal/apiserver"
	"github.com/servicespec/servicespec/fn/internal/crds"
	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// checkNamespace receives the objects that have no namespace. Every
// namespace used is labelled to warn at the Pod Security "restricted" level.
const checkNamespace = "servicespec-check"

var restrictedWarn = map[string]string{
	"pod-security.kubernetes.io/warn":         "restricted",
	"pod-security.kubernetes.io/warn-version": "latest",
}

// minOutputs guards against a glob that silently finds nothing.
const minOutputs = 30

const warningsHeader = `# The API server's warnings for every accepted object (every namespace warns at
# the Pod Security "restricted" level). Written by fn/conformance; make golden.
`

// output is one file of rendered objects: a golden's stdout or an example's
// expected output.
type output struct {
	name string // shown in failures, relative to the repository root
	data []byte
	// restricted holds the generated-from values of the ServiceSpecs with
	// securityProfile: Restricted behind this output.
	restricted map[string]bool
}

// TestAPIServerAcceptsEveryOutput sends every object of every successful
// golden and every example's expected output to the server. Zero
// rejections are allowed. The server's warnings (Pod Security among them)
// are recorded in a golden.
func TestAPIServerAcceptsEveryOutput(t *testing.T) {
	root := testutil.RepoRoot(t)
	if err := server.EnsureNamespace(t.Context(), checkNamespace, restrictedWarn); err != nil {
		t.Fatal(err)
	}
	var warnings []string
	outputs := collectOutputs(t, root)
	restrictedChecked := 0
	for _, out := range outputs {
		t.Run(out.name, func(t *testing.T) {
			w, n := checkOutput(t, out)
			warnings = append(warnings, w...)
			restrictedChecked += n
		})
	}
	if restrictedChecked == 0 {
		t.Error("no output of a Restricted ServiceSpec was checked for Pod Security warnings")
	}
	if len(outputs) < minOutputs {
		t.Errorf("only %d outputs found; the goldens or examples went missing", len(outputs))
	}
	report := warningsHeader + strings.Join(warnings, "\n") + "\n"
	testutil.CompareGolden(t, filepath.Join(root, "testdata", "apiserver", "warnings.txt"), []byte(report))
}

// checkOutput dry-runs each object of one output and returns the server's
// warnings, one line each, and how many objects of Restricted specs it
// checked: those must draw no Pod Security warning at the restricted level.
func checkOutput(t *testing.T, out output) ([]string, int) {
	nodes, err := (&kio.ByteReader{Reader: bytes.NewReader(out.data), OmitReaderAnnotations: true}).Read()
	if err != nil {
		t.Fatalf("%s: %v", out.name, err)
	}
	var warnings []string
	restrictedChecked := 0
	for _, n := range nodes {
		if n.GetKind() == "Kptfile" {
			continue // kpt's package file configures kpt; it is never applied
		}
		obj := toUnstructured(t, n.MustString())
		if ns := obj.GetNamespace(); ns != "" {
			if err := server.EnsureNamespace(t.Context(), ns, restrictedWarn); err != nil {
				t.Fatal(err)
			}
		}
		res, err := server.DryRun(t.Context(), obj, checkNamespace)
		if errors.Is(err, apiserver.ErrNotServed) && console.KindOf(obj.GroupVersionKind()) == nil {
			continue // a custom object without its CRD; every kind servicespec generates is served
		}
		if err != nil {
			t.Fatalf("%s: %s %s: %v", out.name, obj.GetKind(), obj.GetName(), err)
		}
		id := fmt.Sprintf("%s: %s %s", out.name, obj.GetKind(), qualified(obj))
		if !res.Accepted {
			rejected.Add(1)
			t.Errorf("%s rejected: %s", id, res.Message)
			continue
		}
		accepted.Add(1)
		for _, w := range res.Warnings {
			warnings = append(warnings, id+": "+w)
		}
		if out.restricted[obj.GetAnnotations()[api.AnnotationGeneratedFrom]] {
			restrictedChecked++
			for _, w := range res.Warnings {
				if strings.Contains(w, "PodSecurity") {
					t.Errorf("%s: the spec is Restricted, yet: %s", id, w)
				}
			}
		}
	}
	return warnings, restrictedChecked
}

// restrictedSpecs finds the ServiceSpecs with securityProfile: Restricted in
// YAML data (a ResourceList or a manifest stream).
func restrictedSpecs(data []byte, into map[string]bool) {
	nodes, err := (&kio.ByteReader{Reader: bytes.NewReader(data), OmitReaderAnnotations: true}).Read()
	if err != nil {
		return // not YAML this check reads (a script, say)
	}
	for _, n := range nodes {
		if n.GetKind() != api.Kind {
			continue
		}
		if v, _ := n.GetString("spec.securityProfile"); v == string(api.Restricted) {
			into[n.GetNamespace()+"/"+n.GetName()] = true
		}
	}
}

func qualified(obj *unstructured.Unstructured) string {
	if obj.GetNamespace() == "" {
		return obj.GetName()
	}
	return obj.GetNamespace() + "/" + obj.GetName()
}

func toUnstructured(t *testing.T, doc string) *unstructured.Unstructured {
	t.Helper()
	data, err := yaml.YAMLToJSON([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	obj := &unstructured.Unstructured{}
	if err := obj.UnmarshalJSON(data); err != nil {
		t.Fatal(err)
	}
	return obj
}

// installCRDs installs the committed ServiceSpec and AppSpec CRDs, so that
// the specs in the outputs are checked against their schemas too, and the
// real CRDs of the KubeSphere kinds servicespec writes (Application,
// Strategy; see fn/internal/crds).
func installCRDs() error {
	ctx := context.Background()
	for _, f := range []string{"servicespec.dev_servicespecs.yaml", "servicespec.dev_appspecs.yaml"} {
		crd, err := os.ReadFile(filepath.Join("..", "..", "schemas", f))
		if err != nil {
			return err
		}
		if err := server.CreateFromYAML(ctx, crd); err != nil {
			return err
		}
	}
	upstream, err := crds.All(ctx)
	if err != nil {
		return err
	}
	for _, crd := range upstream {
		if err := server.CreateFromYAML(ctx, crd); err != nil {
			return err
		}
	}
	return nil
}

// collectOutputs finds the goldens that succeeded (exit code 0) and every
// example's expected outputs.
func collectOutputs(t *testing.T, root string) []output {
	t.Helper()
	var outs []output
	goldens, _ := filepath.Glob(filepath.Join(root, "testdata", "golden", "*", "_expected.yaml"))
	for _, g := range goldens {
		stderr, err := os.ReadFile(filepath.Join(filepath.Dir(g), "_stderr.txt"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasSuffix(stderr, []byte("exit code: 0\n")) {
			continue // an error case: its output is the unchanged, invalid input
		}
		out := readOutput(t, root, g)
		restrictedSpecs(out.data, out.restricted)
		outs = append(outs, out)
	}
	for _, dir := range testutil.ExampleDirs(t) {
		restricted := map[string]bool{}
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".yaml") && !strings.Contains(p, ".expected") {
				data, _ := os.ReadFile(p)
				restrictedSpecs(data, restricted)
			}
			return nil
		})
		for _, e := range exampleOutputs(t, dir) {
			out := readOutput(t, root, e)
			out.restricted = restricted
			outs = append(outs, out)
		}
	}
	slices.SortFunc(outs, func(a, b output) int { return strings.Compare(a.name, b.name) })
	return outs
}

// exampleOutputs are an example's expected outputs: output.yaml and any
// other YAML under .expected (the per-cluster renders of a multi-cluster
// example), but not config.yaml, which says how to run it.
func exampleOutputs(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(filepath.Join(dir, ".expected"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".yaml") && d.Name() != "config.yaml" {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func readOutput(t *testing.T, root, path string) output {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(root, path)
	return output{name: filepath.ToSlash(rel), data: data, restricted: map[string]bool{}}
}
