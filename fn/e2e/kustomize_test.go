package e2e

import (
	"strings"
	"testing"

	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"

	"github.com/servicespec/servicespec/fn/krm"
)

const kustomizeInstall = "run make tools (installs the pinned kustomize v5.8.2 into .tools/bin)"

const helmInstall = "run make tools (installs the pinned helm v3.22.0 into .tools/bin)"

func functionAnnotation() string {
	return "    config.kubernetes.io/function: |\n      exec:\n        path: " + binary + "\n"
}

// generatorPackage uses the ServiceSpec itself as a kustomize generator.
func generatorPackage() map[string]string {
	spec := strings.Replace(webSpec, "  name: web\n", "  name: web\n  annotations:\n"+functionAnnotation(), 1)
	return map[string]string{
		"kustomization.yaml": "namespace: shop\nresources: [config.yaml]\ngenerators: [servicespec.yaml]\n",
		"config.yaml":        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: b}\n",
		"servicespec.yaml":   spec,
	}
}

// transformerPackage lists ServiceSpecs as resources and runs the function
// as a transformer, so a workloadRef resolves against the other resources.
func transformerPackage() map[string]string {
	return map[string]string{
		"kustomization.yaml": "namespace: shop\nresources: [web.yaml, metrics.yaml, agent.yaml]\ntransformers: [servicespec-fn.yaml]\n",
		"web.yaml":           webSpec,
		"metrics.yaml": `
apiVersion: servicespec.dev/v1alpha1
kind: ServiceSpec
metadata: {name: agent-metrics}
spec:
  type: Workload
  workloadRef: {kind: DaemonSet, name: agent}
`,
		"agent.yaml": `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: agent, image: example/agent:1, ports: [{name: metrics, containerPort: 9100}]}]}
`,
		"servicespec-fn.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: servicespec\n  annotations:\n" + functionAnnotation(),
	}
}

// buildAndExpect runs the real kustomize build over files and checks that
// the output holds every wanted fragment; it returns the output and the directory.
func buildAndExpect(t *testing.T, files map[string]string, wants ...string) (string, string) {
	t.Helper()
	kustomize := tool(t, "kustomize", kustomizeInstall)
	dir := t.TempDir()
	writeFiles(t, dir, files)
	out, errOut, ok := run(t, dir, kustomize, "build", "--enable-alpha-plugins", "--enable-exec", ".")
	if !ok {
		t.Fatalf("kustomize build failed: %s", errOut)
	}
	for _, want := range wants {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	return out, dir
}

func TestKustomizeExecGenerator(t *testing.T) {
	// kustomize silently skips exec functions without --enable-exec: assert
	// that the function's output is there, in the kustomization's namespace.
	out, _ := buildAndExpect(t, generatorPackage(), "kind: Deployment\nmetadata:\n  annotations:",
		"name: web-v1\n  namespace: shop", "kind: Service\n", "name: settings\n  namespace: shop")
	for _, unwanted := range []string{"ServiceSpec", "local-config", "internal.config.kubernetes.io"} {
		if strings.Contains(out, unwanted) {
			t.Errorf("output contains %q:\n%s", unwanted, out)
		}
	}
}

func TestKustomizeExecTransformer(t *testing.T) {
	out, dir := buildAndExpect(t, transformerPackage(),
		"name: web-v1\n  namespace: shop", "name: agent-metrics\n  namespace: shop", "targetPort: 9100")
	kustomize := tool(t, "kustomize", kustomizeInstall)
	if strings.Contains(out, "kind: ServiceSpec") {
		t.Errorf("ServiceSpecs reached the output:\n%s", out)
	}
	again, _, _ := run(t, dir, kustomize, "build", "--enable-alpha-plugins", "--enable-exec", ".")
	if again != out {
		t.Error("a second kustomize build gave different bytes")
	}
}

// With buildMetadata: [originAnnotations], kustomize records where each
// object came from; a generated object names its ServiceSpec's file (as a
// generator or as a transformer), not the function's configuration.
// Without it, no object carries an origin.
func TestKustomizeOriginNamesTheSpec(t *testing.T) {
	for name, c := range map[string]struct {
		files map[string]string
		specs map[string]string // generated-from → the spec's file
	}{
		"transformer": {transformerPackage(), map[string]string{"shop/web": "web.yaml", "shop/agent-metrics": "metrics.yaml"}},
		"generator":   {generatorPackage(), map[string]string{"/web": "servicespec.yaml"}},
	} {
		t.Run(name, func(t *testing.T) {
			plain, _ := buildAndExpect(t, c.files)
			if strings.Contains(plain, "config.kubernetes.io/origin") {
				t.Errorf("an origin without originAnnotations:\n%s", plain)
			}
			c.files["kustomization.yaml"] += "buildMetadata: [originAnnotations]\n"
			out, _ := buildAndExpect(t, c.files)
			items, _, err := krm.ReadDocuments("out", []byte(out))
			if err != nil {
				t.Fatal(err)
			}
			generated := 0
			for _, it := range items {
				owner, ok := it.Annotation("servicespec.dev/generated-from")
				if !ok {
					continue
				}
				generated++
				if origin, _ := it.Annotation("config.kubernetes.io/origin"); origin != "path: "+c.specs[owner]+"\n" {
					t.Errorf("%s %s: origin %q, want the path of %s", it.Kind, it.Name, origin, c.specs[owner])
				}
			}
			if generated < 2 {
				t.Errorf("only %d generated objects:\n%s", generated, out)
			}
		})
	}
}

// TestKustomizeErrorsReachStderr: kustomize shows only stderr, so the
// function's summary must be there, naming the field.
func TestKustomizeErrorsReachStderr(t *testing.T) {
	kustomize := tool(t, "kustomize", kustomizeInstall)
	dir := t.TempDir()
	files := generatorPackage()
	files["servicespec.yaml"] = strings.Replace(files["servicespec.yaml"], "containerPort: 80,", "containerPort: 80000,", 1)
	writeFiles(t, dir, files)
	_, errOut, ok := run(t, dir, kustomize, "build", "--enable-alpha-plugins", "--enable-exec", ".")
	if ok {
		t.Fatal("kustomize build succeeded on an invalid ServiceSpec")
	}
	if !strings.Contains(errOut, "spec.containers[0].ports[0].containerPort") {
		t.Errorf("stderr does not name the field:\n%s", errOut)
	}
}

// TestKrustyInProcess runs both modes through the kustomize library itself.
func TestKrustyInProcess(t *testing.T) {
	for name, files := range map[string]map[string]string{"generator": generatorPackage(), "transformer": transformerPackage()} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir() // exec functions run in the kustomization directory, so it must exist on disk
			writeFiles(t, dir, files)
			opts := krusty.MakeDefaultOptions()
			opts.PluginConfig = types.EnabledPluginConfig(types.BploUseStaticallyLinked)
			opts.PluginConfig.FnpLoadingOptions.EnableExec = true
			m, err := krusty.MakeKustomizer(opts).Run(filesys.MakeFsOnDisk(), dir)
			if err != nil {
				t.Fatal(err)
			}
			out, err := m.AsYaml()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), "name: web-v1\n  namespace: shop") {
				t.Errorf("the generated Deployment is missing:\n%s", out)
			}
		})
	}
}
