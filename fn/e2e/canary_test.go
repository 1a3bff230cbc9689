package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// TestCanaryWalk takes examples/canary from one step to the next as a team
// does in Git: one kpt package, each step's bookinfo.yaml copied over the
// last and rendered with the real kpt, the generated files of the step
// before still there. Each step's warnings (what the cluster will do) must
// be its .expected/warnings.txt, and the generated objects, read as a
// render of the package, its .expected/output.yaml.
func TestCanaryWalk(t *testing.T) {
	kpt := tool(t, "kpt", kptInstall)
	steps, _ := filepath.Glob(filepath.Join(testutil.RepoRoot(t), "examples", "canary", "*-*"))
	if len(steps) < 5 {
		t.Fatalf("found %d steps in examples/canary, want 5", len(steps))
	}
	work := t.TempDir()
	for _, step := range steps {
		for _, f := range []string{"Kptfile", "bookinfo.yaml"} {
			data, err := os.ReadFile(filepath.Join(step, f))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(work, f), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		stdout, stderr, ok := runWithTools(t, work, kpt, "fn", "render", ".", "--allow-exec")
		if !ok {
			t.Fatalf("%s: kpt fn render: %s%s", filepath.Base(step), stdout, stderr)
		}
		testutil.CompareGolden(t, filepath.Join(step, ".expected", "warnings.txt"), []byte(kptWarnings(stdout+stderr)))
		checkShownOnce(t, stdout+stderr)
		rendered, errOut, ok := runWithTools(t, work, binary, "render", ".")
		if !ok {
			t.Fatalf("%s: servicespec render: %s", filepath.Base(step), errOut)
		}
		testutil.CompareGolden(t, filepath.Join(step, ".expected", "output.yaml"), []byte(rendered))
	}
}

// kptWarnings are the warning results kpt prints, one per line.
func kptWarnings(out string) string {
	var b strings.Builder
	b.WriteString("# The warnings kpt fn render prints at this step (TestCanaryWalk; make golden).\n")
	for line := range strings.Lines(out) {
		if w, ok := strings.CutPrefix(strings.TrimSpace(line), "[warning] "); ok {
			b.WriteString(w + "\n")
		}
	}
	return b.String()
}
