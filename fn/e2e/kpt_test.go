package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const kptInstall = "kpt comes with this machine image (Debian package google-cloud-cli-kpt); install it or put kpt on PATH"

// kptfile is a package's Kptfile whose pipeline runs the given mutators
// (each the YAML of one list entry, without its "- ").
func kptfile(mutators ...string) string {
	return `apiVersion: kpt.dev/v1
kind: Kptfile
metadata:
  name: shop
  annotations:
    config.kubernetes.io/local-config: "true"
pipeline:
  mutators:
  - ` + strings.Join(mutators, "\n  - ") + "\n"
}

func kptPackage() map[string]string {
	return map[string]string{
		"Kptfile":           kptfile("exec: " + binary),
		"services/web.yaml": webSpec,
		"config.yaml":       "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings # hand-written\ndata: {a: b}\n",
	}
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		tree[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

func TestKptRender(t *testing.T) {
	kpt := tool(t, "kpt", kptInstall)
	dir := t.TempDir()
	writeFiles(t, dir, kptPackage())
	if _, errOut, ok := run(t, dir, kpt, "fn", "render", ".", "--allow-exec"); !ok {
		t.Fatalf("kpt fn render: %s", errOut)
	}
	first := readTree(t, dir)
	generated := first["services/web.generated.yaml"]
	if !strings.Contains(generated, "name: web-v1") || !strings.Contains(generated, "kind: Service\n") {
		t.Fatalf("services/web.generated.yaml lacks the outputs:\n%s", generated)
	}
	if !strings.Contains(first["services/web.yaml"], "config.kubernetes.io/local-config: \"true\"") {
		t.Errorf("the ServiceSpec was not marked local-config:\n%s", first["services/web.yaml"])
	}
	if !strings.Contains(first["config.yaml"], "# hand-written") {
		t.Errorf("a comment was lost:\n%s", first["config.yaml"])
	}

	if _, errOut, ok := run(t, dir, kpt, "fn", "render", ".", "--allow-exec"); !ok {
		t.Fatalf("second kpt fn render: %s", errOut)
	}
	second := readTree(t, dir)
	for p, c := range first {
		if p != "Kptfile" && second[p] != c {
			t.Errorf("a second render changed %s:\n--- first\n%s\n--- second\n%s", p, c, second[p])
		}
	}

	if err := os.Remove(filepath.Join(dir, "services/web.yaml")); err != nil {
		t.Fatal(err)
	}
	if _, errOut, ok := run(t, dir, kpt, "fn", "render", ".", "--allow-exec"); !ok {
		t.Fatalf("render after deleting the ServiceSpec: %s", errOut)
	}
	if fileExists(filepath.Join(dir, "services/web.generated.yaml")) {
		t.Error("deleting the ServiceSpec did not remove its generated file")
	}
}

func TestKptEvalErrors(t *testing.T) {
	kpt := tool(t, "kpt", kptInstall)
	dir := t.TempDir()
	files := kptPackage()
	delete(files, "Kptfile")
	files["services/web.yaml"] = strings.Replace(webSpec, "type: Stateless", "type: Stateless\n  replica: 2", 1)
	writeFiles(t, dir, files)
	results := t.TempDir()
	out, errOut, ok := run(t, dir, kpt, "fn", "eval", ".", "--exec", binary, "--results-dir", results)
	if ok {
		t.Fatalf("kpt fn eval succeeded on an invalid ServiceSpec:\n%s%s", out, errOut)
	}
	b, err := os.ReadFile(filepath.Join(results, "results.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"path: spec.replica", "path: services/web.yaml", "severity: error"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("results.yaml lacks %q:\n%s", want, b)
		}
	}
	if fileExists(filepath.Join(dir, "services/web.generated.yaml")) {
		t.Error("a failed eval wrote outputs")
	}
}

// A ServiceSpec and a Secret that carry servicespec.dev/generated-from
// (copied from a generated object) are never pruned: every file the user
// wrote is still there, unchanged but for local-config, after two renders,
// and each draws a warning.
func TestKptRenderKeepsForeignOwnedFiles(t *testing.T) {
	kpt := tool(t, "kpt", kptInstall)
	dir := t.TempDir()
	files := kptPackage()
	files["services/web.yaml"] = strings.Replace(webSpec, "  name: web\n", "  name: web\n  annotations:\n    servicespec.dev/generated-from: /web\n", 1)
	files["secret.yaml"] = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\n  annotations:\n    servicespec.dev/generated-from: /web\ntype: Opaque\n"
	writeFiles(t, dir, files)
	for round := 1; round <= 2; round++ {
		_, errOut, ok := run(t, dir, kpt, "fn", "render", ".", "--allow-exec")
		if !ok {
			t.Fatalf("render %d: %s", round, errOut)
		}
		for _, want := range []string{"[warning] v1/Secret/tls ", "[warning] servicespec.dev/v1alpha1/ServiceSpec/web "} {
			if !strings.Contains(errOut, want) {
				t.Errorf("render %d: no warning naming %s:\n%s", round, want, errOut)
			}
		}
		checkShownOnce(t, errOut)
		tree := readTree(t, dir)
		if tree["secret.yaml"] != files["secret.yaml"] {
			t.Errorf("render %d changed secret.yaml:\n%s", round, tree["secret.yaml"])
		}
		if !strings.Contains(tree["services/web.yaml"], "image: nginx:1.27") {
			t.Errorf("render %d lost the ServiceSpec:\n%s", round, tree["services/web.yaml"])
		}
		if !strings.Contains(tree["services/web.generated.yaml"], "name: web-v1") {
			t.Errorf("render %d lost the generated file:\n%s", round, tree["services/web.generated.yaml"])
		}
	}
}

// A generated file edited by hand is generated again by the next render,
// and the render names the edited object; the file says at its top that it
// is generated, and from which ServiceSpec.
func TestKptRenderWarnsAboutHandEdits(t *testing.T) {
	kpt := tool(t, "kpt", kptInstall)
	dir := t.TempDir()
	writeFiles(t, dir, kptPackage())
	if _, errOut, ok := run(t, dir, kpt, "fn", "render", ".", "--allow-exec"); !ok {
		t.Fatalf("kpt fn render: %s", errOut)
	}
	file := filepath.Join(dir, "services/web.generated.yaml")
	generated, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(generated), "# Code generated by servicespec from services/web.yaml. DO NOT EDIT.\n") {
		t.Errorf("the generated file does not start with its generated-code header:\n%s", generated)
	}
	edited := strings.Replace(string(generated), "  replicas: 1\n", "  replicas: 4\n", 1)
	if edited == string(generated) {
		t.Fatalf("no replicas line to edit:\n%s", generated)
	}
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, ok := run(t, dir, kpt, "fn", "render", ".", "--allow-exec")
	if !ok {
		t.Fatalf("second kpt fn render: %s", errOut)
	}
	if !strings.Contains(errOut, "[warning] apps/v1/Deployment/web-v1: was edited by hand") {
		t.Errorf("no warning names the Deployment edited by hand:\n%s", errOut)
	}
	checkShownOnce(t, errOut)
	again, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(generated) {
		t.Errorf("the edited file was not generated again:\n%s", again)
	}
	if _, errOut, ok := run(t, dir, kpt, "fn", "render", ".", "--allow-exec"); !ok || strings.Contains(errOut, "edited by hand") {
		t.Errorf("a render after regeneration still warns (ok=%v):\n%s", ok, errOut)
	}
}

// checkShownOnce: kpt prints the function's results; each reaches the user
// once, so the function writes nothing to stderr (kpt would print it again
// under "Stderr:", followed by a stray "" line).
func checkShownOnce(t *testing.T, kptOutput string) {
	t.Helper()
	if strings.Contains(kptOutput, "Stderr:") {
		t.Errorf("kpt shows the function's stderr beside its results:\n%s", kptOutput)
	}
	seen := map[string]bool{}
	for line := range strings.Lines(kptOutput) {
		l := strings.TrimSpace(line)
		if strings.HasPrefix(l, "[warning] ") || strings.HasPrefix(l, "[error] ") {
			if seen[l] {
				t.Errorf("kpt shows a result twice: %s", l)
			}
			seen[l] = true
		}
	}
}
