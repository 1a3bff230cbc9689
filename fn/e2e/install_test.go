package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// go install <module>/cmd/servicespec@version is how the recipes install
// servicespec on a fresh runner: the binary takes its name from the package
// directory, and go install refuses a module whose go.mod has replace
// directives.
func TestGoInstallMakesServicespec(t *testing.T) {
	root := testutil.RepoRoot(t)
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(mod), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "replace") {
			t.Errorf("go.mod has %q: go install …@version would refuse the module", line)
		}
	}
	bin := t.TempDir()
	cmd := exec.Command("go", "install", "./cmd/servicespec")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOBIN="+bin)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go install: %v\n%s", err, out)
	}
	if out, err := exec.Command(filepath.Join(bin, "servicespec"), "version").CombinedOutput(); err != nil {
		t.Fatalf("the installed binary is not named servicespec, or does not run: %v\n%s", err, out)
	}
}
