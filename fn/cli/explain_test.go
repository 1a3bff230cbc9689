package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/servicespec/servicespec/fn/cli"
	"github.com/servicespec/servicespec/fn/internal/specgen"
	"github.com/servicespec/servicespec/fn/internal/testutil"
	"github.com/servicespec/servicespec/fn/krm"
	"sigs.k8s.io/yaml"
)

// explainPaths are what render --explain is checked on: every golden
// input and every example directory that render takes.
func explainPaths(t *testing.T) []string {
	t.Helper()
	var paths []string
	for _, c := range goldenCases(t) {
		paths = append(paths, filepath.Join(c.dir, "input.yaml"))
	}
	examples, _ := filepath.Glob(filepath.Join(testutil.RepoRoot(t), "examples", "*"))
	return append(paths, examples...)
}

func renderArgs(args ...string) (string, int) {
	var out, errOut bytes.Buffer
	code := cli.Run(append([]string{"render"}, args...), nil, &out, &errOut)
	return out.String(), code
}

// render --explain is render with a comment on every line servicespec
// wrote: without the comments it is render's output byte for byte, every
// comment that names a place in a file names the line of that field, and
// every field a spec sets is cited by some output line or is one that
// only validation reads.
func TestExplain(t *testing.T) {
	checked, comments := 0, 0
	for _, path := range explainPaths(t) {
		plain, code := renderArgs(path)
		if code != 0 {
			continue // a golden of errors, or a directory render does not take
		}
		t.Run(strings.TrimPrefix(path, testutil.RepoRoot(t)), func(t *testing.T) {
			explained, code := renderArgs("--explain", path)
			if code != 0 {
				t.Fatalf("render --explain exits %d", code)
			}
			comments += checkComments(t, plain, explained)
			records, code := renderArgs("--explain=json", path)
			if code != 0 {
				t.Fatalf("render --explain=json exits %d", code)
			}
			checkCitations(t, path, records)
			checked++
		})
	}
	if checked < 20 || comments < 500 {
		t.Fatalf("only %d inputs and %d comments checked", checked, comments)
	}
	t.Logf("%d inputs, %d comments checked", checked, comments)
}

var specComment = regexp.MustCompile(`^(\S+)  (\S+):(\d+)$`)

// checkComments: each line of the explained output is render's line, or
// render's line and a comment; a comment that names a file's line names
// one that writes the field.
func checkComments(t *testing.T, plain, explained string) int {
	t.Helper()
	p, e := strings.Split(plain, "\n"), strings.Split(explained, "\n")
	if len(p) != len(e) {
		t.Fatalf("%d lines explained, %d rendered", len(e), len(p))
	}
	n := 0
	for i := range p {
		if e[i] == p[i] {
			continue
		}
		comment, ok := strings.CutPrefix(e[i], p[i]+"  # ")
		if !ok {
			t.Fatalf("line %d: %q is not %q with a comment", i+1, e[i], p[i])
		}
		n++
		m := specComment.FindStringSubmatch(comment)
		if m == nil {
			continue
		}
		line, _ := strconv.Atoi(m[3])
		data, err := os.ReadFile(m[2])
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		if line < 1 || line > len(lines) || !writesField(lines[line-1], m[1]) {
			t.Errorf("line %d cites %s at %s:%d, which reads %q", i+1, m[1], m[2], line, lines[max(0, min(line, len(lines))-1)])
		}
	}
	return n
}

// writesField reports whether a line of a file writes the last key of a
// field (or, for a list entry, an entry).
func writesField(line, field string) bool {
	steps := regexp.MustCompile(`[^.\[\]]+|\[[^\]]*\]`).FindAllString(field, -1)
	last := steps[len(steps)-1]
	if strings.HasPrefix(last, "[") {
		if _, err := strconv.Atoi(strings.Trim(last, "[]")); err == nil {
			return strings.Contains(line, "- ") || strings.Contains(line, "[")
		}
		last = strings.Trim(last, "[]")
	}
	return strings.Contains(line, last+":") || strings.Contains(line, `"`+last+`"`)
}

// validationOnly are spec fields (list indexes left out) no output line
// comes from, and why.
var validationOnly = map[string]string{
	"spec.type":                    "cited through the objects it chooses; kubesphere.io/serviceType cites it where the console writes one",
	"spec.securityProfile":         "restricted: its values are in the containers' securityContext, which cite the containers",
	"spec.release.containers.name": "names the running container a release changes; the output cites that container's own name",
	"spec.scheduling.strategy":     "Default writes nothing; the other strategies write the affinity preset, which cites spec.scheduling",
}

// checkCitations: every field the input's ServiceSpecs set is cited by an
// output field (it, a field under it, or a field it is under), or is one
// validation only reads.
func checkCitations(t *testing.T, path string, recordsJSON string) {
	t.Helper()
	var records []struct{ Spec, Field string }
	if err := json.Unmarshal([]byte(recordsJSON), &records); err != nil {
		t.Fatal(err)
	}
	cited := map[string][]string{}
	for _, r := range records {
		cited[r.Spec] = append(cited[r.Spec], strings.Split(r.Field, ", ")...)
	}
	for _, spec := range inputSpecs(t, path) {
		for _, f := range spec.fields {
			bare := regexp.MustCompile(`\[[0-9]+\]`).ReplaceAllString(f, "")
			if validationOnly[bare] != "" || strings.HasPrefix(f, "metadata.") && f != "metadata.name" && f != "metadata.namespace" {
				continue
			}
			if !isCited(f, cited[spec.id]) {
				t.Errorf("%s: %s is set and cited by no output field", spec.id, f)
			}
		}
	}
}

func isCited(f string, cited []string) bool {
	for _, c := range cited {
		c = strings.ReplaceAll(c, "[]", "")
		if !strings.Contains(c, ".") {
			continue // "spec" or "metadata" alone would cite anything
		}
		bare := regexp.MustCompile(`\[[0-9]+\]`).ReplaceAllString(f, "")
		if c == f || strings.HasPrefix(c, f+".") || strings.HasPrefix(c, f+"[") || strings.HasPrefix(f, c+".") || strings.HasPrefix(f, c+"[") ||
			strings.HasPrefix(bare, c+".") || bare == c {
			return true
		}
	}
	return false
}

type inputSpec struct {
	id     string
	fields []string
}

// inputSpecs are the ServiceSpecs of a file or directory, each with the
// fields it sets (leaves, as field paths).
func inputSpecs(t *testing.T, path string) []inputSpec {
	t.Helper()
	var files []string
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		files, _ = filepath.Glob(filepath.Join(path, "*.yaml"))
	} else {
		files = []string{path}
	}
	var out []inputSpec
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		items, _, err := krm.ReadDocuments(f, data)
		if err != nil {
			continue
		}
		for _, it := range items {
			if it.Kind != "ServiceSpec" {
				continue
			}
			v, err := it.Value()
			if err != nil {
				t.Fatal(err)
			}
			s := inputSpec{id: it.Namespace + "/" + it.Name}
			leafPaths(map[string]any{"spec": v["spec"], "metadata": v["metadata"]}, "", &s.fields)
			if spec, _ := v["spec"].(map[string]any); spec["autoscaling"] != nil {
				// The workload then carries no replicas (a warning says so).
				s.fields = slices.DeleteFunc(s.fields, func(f string) bool { return f == "spec.replicas" })
			}
			out = append(out, s)
		}
	}
	return out
}

func leafPaths(v any, p string, out *[]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			next := p + "." + k
			if p == "" {
				next = k
			} else if !regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`).MatchString(k) {
				next = p + "[" + k + "]"
			}
			leafPaths(e, next, out)
		}
	case []any:
		for i, e := range x {
			leafPaths(e, p+"["+strconv.Itoa(i)+"]", out)
		}
	default:
		if x != nil && x != "" { // an empty value writes nothing: the objects leave it out
			*out = append(*out, p)
		}
	}
}

// Invalid specs: the errors render gives, exit 1, nothing on stdout.
func TestExplainInvalid(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("apiVersion: servicespec.dev/v1alpha1\nkind: ServiceSpec\nmetadata: {name: web}\nspec:\n  type: Stateless\n  replicas: -1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"--explain", "--explain=json"} {
		var out, errOut, plainErr bytes.Buffer
		code := cli.Run([]string{"render", mode, bad}, nil, &out, &errOut)
		plainCode := cli.Run([]string{"render", bad}, nil, &bytes.Buffer{}, &plainErr)
		if code != 1 || out.Len() != 0 || errOut.String() != plainErr.String() || plainCode != 1 {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; render: exit %d, stderr %q", mode, code, out.String(), errOut.String(), plainCode, plainErr.String())
		}
	}
}

// The same spec written in every style cites the lines of its fields:
// block and flow style, JSON, CRLF line ends, anchors, several documents.
func TestExplainInputStyles(t *testing.T) {
	block := "apiVersion: servicespec.dev/v1alpha1\nkind: ServiceSpec\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  type: Stateless\n  replicas: 2\n  containers:\n  - image: nginx:1.27\n    ports:\n    - containerPort: 80\n      servicePort: 80\n"
	for name, text := range map[string]string{
		"block":           block,
		"flow":            "apiVersion: servicespec.dev/v1alpha1\nkind: ServiceSpec\nmetadata: {name: web, namespace: shop}\nspec: {type: Stateless, replicas: 2,\n  containers: [{image: 'nginx:1.27', ports: [{containerPort: 80, servicePort: 80}]}]}\n",
		"json":            `{"apiVersion": "servicespec.dev/v1alpha1", "kind": "ServiceSpec",` + "\n" + `"metadata": {"name": "web", "namespace": "shop"},` + "\n" + `"spec": {"type": "Stateless", "replicas": 2,` + "\n" + `"containers": [{"image": "nginx:1.27", "ports": [{"containerPort": 80, "servicePort": 80}]}]}}` + "\n",
		"crlf":            strings.ReplaceAll(block, "\n", "\r\n"),
		"anchors":         "apiVersion: servicespec.dev/v1alpha1\nkind: ServiceSpec\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  type: Stateless\n  replicas: &two 2\n  containers:\n  - image: nginx:1.27\n    ports:\n    - containerPort: 80\n      servicePort: 80\n",
		"second document": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other, namespace: shop}\n---\n" + block,
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "web.yaml")
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			plain, code := renderArgs(path)
			explained, code2 := renderArgs("--explain", path)
			if code != 0 || code2 != 0 {
				t.Fatalf("render exits %d, --explain %d", code, code2)
			}
			if n := checkComments(t, plain, explained); n < 20 {
				t.Errorf("only %d comments", n)
			}
			if !strings.Contains(explained, "# spec.replicas  "+path+":") || !strings.Contains(explained, "# spec.containers[0].image  "+path+":") {
				t.Errorf("the spec's fields are not cited with their lines:\n%s", explained)
			}
		})
	}
}

// The same checks over the generated specs of the API-server property:
// each valid case, written as a manifest file, renders with explanations
// that strip to render's output, cite true lines and cite every field set.
func TestExplainProperty(t *testing.T) {
	dir := t.TempDir()
	checked := 0
	for _, c := range specgen.Generate(7, 300) {
		if !c.Valid {
			continue
		}
		items := c.Items()
		var docs []string
		for _, it := range items {
			b, err := yaml.Marshal(it)
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, string(b))
		}
		path := filepath.Join(dir, c.Name+".yaml")
		if err := os.WriteFile(path, []byte(strings.Join(docs, "---\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		plain, code := renderArgs(path)
		if code != 0 {
			t.Fatalf("%s: a valid case does not render", c.Name)
		}
		explained, code := renderArgs("--explain", path)
		if code != 0 {
			t.Fatalf("%s: render --explain exits %d", c.Name, code)
		}
		checkComments(t, plain, explained)
		records, _ := renderArgs("--explain=json", path)
		checkCitations(t, path, records)
		checked++
	}
	if checked < 100 {
		t.Fatalf("only %d generated specs checked", checked)
	}
	t.Logf("%d generated specs checked", checked)
}

// The README's excerpt is what render --explain prints for its example.
func TestExplainREADMEExcerpt(t *testing.T) {
	root := testutil.RepoRoot(t)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "### Where each line comes from")
	_, block, ok2 := strings.Cut(section, "```yaml\n")
	excerpt, _, ok3 := strings.Cut(block, "```")
	if !ok || !ok2 || !ok3 {
		t.Fatal("the README has no explain excerpt")
	}
	out, code := renderArgs("--explain", filepath.Join(root, "examples", "stateless"))
	out = strings.ReplaceAll(out, root+string(filepath.Separator), "") // the file as the README names it
	if code != 0 || !strings.Contains(out, excerpt) {
		t.Errorf("render --explain examples/stateless does not print the README's excerpt:\n%s", out)
	}
}
