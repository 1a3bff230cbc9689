package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// A service that Argo CD (annotation or label tracking) or Flux applied
// imports exactly as the same service without their tracking metadata:
// the tracking is left out, and the summary says so. A user's
// app.kubernetes.io/instance, which reaches the pod template, is kept.
// Each import's stdout and stderr are goldens (testdata/import-gitops/
// expected, make golden).
func TestImportGitOpsApplied(t *testing.T) {
	dir := filepath.Join(testutil.RepoRoot(t), "testdata", "import-gitops")
	imported := func(name string) ([]byte, string) {
		t.Helper()
		out, stderr := runCLI(t, []string{"import", filepath.Join(dir, name+".yaml")}, nil)
		stderr = strings.ReplaceAll(stderr, dir+string(filepath.Separator), "")
		testutil.CompareGolden(t, filepath.Join(dir, "expected", name+".yaml"), out)
		testutil.CompareGolden(t, filepath.Join(dir, "expected", name+".stderr"), []byte(stderr))
		return out, stderr
	}
	clean, cleanErr := imported("untracked")
	if strings.Contains(cleanErr, "GitOps") {
		t.Errorf("an export without tracking says tracking was left out:\n%s", cleanErr)
	}
	for name, mark := range map[string]string{
		"argocd-annotation": "argocd.argoproj.io/tracking-id",
		"argocd-label":      "app.kubernetes.io/instance",
		"flux":              "kustomize.toolkit.fluxcd.io/",
	} {
		out, stderr := imported(name)
		if string(out) != string(clean) {
			t.Errorf("%s imports otherwise than the same export without tracking:\n%s", name, out)
		}
		if !strings.Contains(stderr, "left out, written by the tools that applied or built them, not their authors: ") || !strings.Contains(stderr, mark) {
			t.Errorf("%s: the summary does not say that %s was left out:\n%s", name, mark, stderr)
		}
	}
	out, stderr := imported("user-instance")
	if strings.Count(string(out), "app.kubernetes.io/instance: storefront") != 2 || strings.Contains(stderr, "GitOps") {
		t.Errorf("a user's app.kubernetes.io/instance (on the pod template too) must be kept in the spec's labels and on the ConfigMap:\n%s\n%s", out, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) < 6 {
		t.Errorf("testdata/import-gitops has %d entries", len(entries))
	}
}
