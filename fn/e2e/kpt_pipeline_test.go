package e2e

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// servicespec beside other functions in one Kptfile, in the order the
// README recommends: a function that sets the namespace before it (it
// rewrites the ServiceSpec, so the outputs follow), one that edits the
// generated objects after it. The outputs carry both, and a second render
// changes nothing. setmeta stands in for set-namespace and set-labels
// (container images this machine cannot pull).
func TestKptPipelineWithOtherFunctions(t *testing.T) {
	kpt := tool(t, "kpt", kptInstall)
	setmeta := filepath.Join(t.TempDir(), "setmeta")
	if out, err := exec.Command("go", "build", "-o", setmeta, "./testdata/setmeta").CombinedOutput(); err != nil {
		t.Fatalf("building setmeta: %v\n%s", err, out)
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"Kptfile": kptfile("exec: "+setmeta+"\n    configMap: {namespace: shop-prod}", "exec: "+binary,
			"exec: "+setmeta+"\n    configMap: {team: storefront}"),
		"services/web.yaml": webSpec,
	})
	if _, errOut, ok := run(t, dir, kpt, "fn", "render", ".", "--allow-exec"); !ok {
		t.Fatalf("kpt fn render: %s", errOut)
	}
	first := readTree(t, dir)
	generated := first["services/web.generated.yaml"]
	for _, want := range []string{"namespace: shop-prod\n", "team: storefront\n", "servicespec.dev/generated-from: shop-prod/web\n"} {
		if strings.Count(generated, want) != 2 {
			t.Errorf("the Deployment and Service do not both carry %q:\n%s", want, generated)
		}
	}
	_, errOut, ok := run(t, dir, kpt, "fn", "render", ".", "--allow-exec")
	if !ok {
		t.Fatalf("second kpt fn render: %s", errOut)
	}
	if strings.Contains(errOut, "[warning]") || strings.Contains(errOut, "edited by hand") {
		t.Errorf("the second render warned:\n%s", errOut)
	}
	for p, c := range readTree(t, dir) {
		if first[p] != c {
			t.Errorf("a second render changed %s:\n--- first\n%s\n--- second\n%s", p, first[p], c)
		}
	}
}
