package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicespec/servicespec/fn/cli"
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
