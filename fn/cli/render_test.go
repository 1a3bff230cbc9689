package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/servicespec/servicespec/fn/cli"
	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// runRender runs `servicespec render` over files written to a temporary
// directory.
func runRender(t *testing.T, files map[string]string) (stdout, stderr string, code int) {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errOut bytes.Buffer
	code = cli.Run([]string{"render", dir}, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), code
}

// An object of another kind that carries the ownership annotation stays in
// the rendered stream: a GitOps tool would otherwise prune it from the cluster.
func TestRenderKeepsForeignOwnedObjects(t *testing.T) {
	out, errOut, code := runRender(t, map[string]string{
		"web.yaml": "apiVersion: servicespec.dev/v1alpha1\nkind: ServiceSpec\nmetadata: {name: web}\n" +
			"spec: {type: External, externalName: web.example.com}\n",
		"secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\n  annotations:\n    servicespec.dev/generated-from: /web\ntype: Opaque\n",
	})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "kind: Secret\n") || !strings.Contains(out, "name: tls\n") {
		t.Errorf("the Secret dropped out of the stream:\n%s", out)
	}
	if !strings.Contains(errOut, "warning: ") || !strings.Contains(errOut, "Secret tls") {
		t.Errorf("no warning names the Secret:\n%s", errOut)
	}
}

const externalSpec = "apiVersion: servicespec.dev/v1alpha1\nkind: ServiceSpec\nmetadata: {name: web}\n" +
	"spec: {type: External, externalName: web.example.com}\n"

// In a real app directory, YAML that is not a Kubernetes object (a values
// file, a CI workflow) is skipped with a warning naming the file and the
// document; the render goes on.
func TestRenderSkipsDocumentsThatAreNotObjects(t *testing.T) {
	out, errOut, code := runRender(t, map[string]string{
		"web.yaml":    externalSpec,
		"values.yaml": "replicas: 2\nimage: {tag: \"1.0\"}\n",
		"ci.yml":      "name: ci\non: [push]\njobs:\n  build: {runs-on: ubuntu-latest}\n",
		"mixed.yaml":  "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n---\njust: data\n",
	})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"values.yaml: document 1", "ci.yml: document 1", "mixed.yaml: document 2"} {
		if !strings.Contains(errOut, "warning: ") || !strings.Contains(errOut, want) {
			t.Errorf("no warning says %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "kind: Service\n") || !strings.Contains(out, "{name: settings}") {
		t.Errorf("the objects did not render:\n%s", out)
	}
}

// Malformed YAML still fails the render, naming the file.
func TestRenderFailsOnMalformedYAML(t *testing.T) {
	out, errOut, code := runRender(t, map[string]string{"web.yaml": externalSpec, "broken.yaml": "a: [\n"})
	if code == 0 || out != "" {
		t.Fatalf("exit %d, stdout %q: want a failure and no manifests", code, out)
	}
	if !strings.Contains(errOut, "broken.yaml") {
		t.Errorf("the error does not name the file:\n%s", errOut)
	}
}

// render - reads manifests from stdin, as helm's post-renderer sends them.
func TestRenderReadsStdin(t *testing.T) {
	var out, errOut bytes.Buffer
	code := cli.Run([]string{"render", "-"}, strings.NewReader(externalSpec+"---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n"), &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "type: ExternalName") || !strings.Contains(out.String(), "name: settings") {
		t.Errorf("render - did not expand the spec and keep the ConfigMap:\n%s", out.String())
	}
}

// Every error and warning of render that names a line names one that holds
// its field: the field's key, or, for a field not written, a parent's key
// or list entry. Checked over the invalid corpus as files, as written and
// with CRLF line ends.
func TestRenderErrorLines(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testutil.RepoRoot(t), "testdata", "invalid", "*.yaml"))
	lined := 0
	for _, f := range files {
		c := readInvalidCase(t, f)
		if c.raw {
			continue
		}
		for _, crlf := range []bool{false, true} {
			data := string(c.data)
			if crlf {
				data = strings.ReplaceAll(data, "\n", "\r\n")
			}
			_, errOut, _ := runRender(t, map[string]string{c.file: data})
			lines := strings.Split(strings.ReplaceAll(data, "\r\n", "\n"), "\n")
			for _, l := range strings.Split(errOut, "\n") {
				m := resultLine.FindStringSubmatch(l)
				if m == nil {
					continue
				}
				lined++
				n, _ := strconv.Atoi(m[1])
				if n < 1 || n > len(lines) || !holdsField(lines[n-1], m[2]) {
					t.Errorf("%s (crlf %v): line %d %q does not hold the field of\n%s", c.file, crlf, n, lines[min(max(n-1, 0), len(lines)-1)], l)
				}
			}
		}
	}
	if lined < 100 {
		t.Errorf("only %d results named a line", lined)
	}
}

// resultLine is a summary line with a line number and a field path.
var resultLine = regexp.MustCompile(`^(?:error|warning): [^:]+\.yaml:(\d+): \S+ \S+: ([^ :]+): `)

// holdsField: the line writes one of the path's keys, or starts a list entry.
func holdsField(line, path string) bool {
	if strings.HasPrefix(strings.TrimSpace(line), "- ") || strings.TrimSpace(line) == "-" {
		return true
	}
	for _, seg := range regexp.MustCompile(`[.\[\]]+`).Split(path, -1) {
		if seg != "" && !isDigits(seg) && strings.Contains(line, seg) {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}
