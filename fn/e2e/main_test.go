package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// binary is servicespec built once for the whole package.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "servicespec-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "servicespec")
	if out, err := exec.Command("go", "build", "-o", binary, "../../cmd/servicespec").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building servicespec: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// tool finds an orchestrator binary or fails with how to get it: these
// tests never skip, because a skipped tool test proves nothing.
func tool(t *testing.T, name, install string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	root, _ := filepath.Abs("../..")
	if p := filepath.Join(root, ".tools", "bin", name); fileExists(p) {
		return p
	}
	t.Fatalf("%s is not installed: %s", name, install)
	return ""
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// run runs a command and returns stdout, stderr and whether it succeeded.
func run(t *testing.T, dir string, name string, args ...string) (string, string, bool) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	return out.String(), errOut.String(), err == nil
}

// writeFiles writes name → content under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.TrimLeft(content, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const webSpec = `
apiVersion: servicespec.dev/v1alpha1
kind: ServiceSpec
metadata:
  name: web
spec:
  type: Stateless
  containers:
  - image: nginx:1.27
    ports: [{containerPort: 80, servicePort: 80}]
`
