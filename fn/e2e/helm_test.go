package e2e

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// As helm's post-renderer, a ServiceSpec with an error fails helm, names
// the spec, and prints no manifests.
func TestHelmPostRendererFailsLoudly(t *testing.T) {
	chart := filepath.Join(testutil.RepoRoot(t), "examples", "helm-postrenderer", "chart")
	helm := tool(t, "helm", helmInstall)
	out, errOut, ok := runWithTools(t, t.TempDir(), helm, "template", "shop", chart, "--namespace", "shop",
		"--set", "services[0].name=storefront", "--set", "services[0].port=0", "--post-renderer", "servicespec", "--post-renderer-args", "render", "--post-renderer-args", "-")
	if ok || strings.TrimSpace(out) != "" {
		t.Fatalf("helm template with an invalid spec: ok=%v, stdout:\n%s", ok, out)
	}
	if !strings.Contains(errOut, "ServiceSpec shop/storefront: spec.containers[0].ports[0].containerPort") {
		t.Errorf("helm's error does not carry servicespec's:\n%s\n%s", errOut, out)
	}
}
