package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/servicespec/servicespec/fn/internal/testutil"
	"github.com/servicespec/servicespec/fn/krm"
	"sigs.k8s.io/yaml"
)

// multiClusterExample is the example of a multi-cluster project.
func multiClusterExample(t *testing.T) string {
	return filepath.Join(testutil.RepoRoot(t), "examples", "multicluster")
}

// argoApplicationSet is the part of an ApplicationSet with a cluster
// generator that the test instantiates.
type argoApplicationSet struct {
	Spec struct {
		Generators []struct {
			Clusters *struct{} `json:"clusters"`
		} `json:"generators"`
		Template struct {
			Metadata struct {
				Name string `json:"name"`
			} `json:"metadata"`
		} `json:"template"`
	} `json:"spec"`
}

// The ApplicationSet makes one Application per member cluster, and the
// plugin, run as the repo-server runs it for each (with the cluster's
// name as its cluster parameter), renders the plain objects that cluster
// receives: what `servicespec render --cluster` prints. A cluster no
// ServiceSpec places a service in gets nothing.
func TestMultiClusterApplicationSet(t *testing.T) {
	dir := multiClusterExample(t)
	var set argoApplicationSet
	readYAMLLoose(t, filepath.Join(dir, "argocd", "applicationset.yaml"), &set)
	if len(set.Spec.Generators) != 1 || set.Spec.Generators[0].Clusters == nil {
		t.Fatal("the ApplicationSet should have one cluster generator")
	}
	raw, err := os.ReadFile(filepath.Join(dir, "argocd", "applicationset.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, cluster := range []string{"east", "west", "north"} {
		t.Run(cluster, func(t *testing.T) {
			work := copyExample(t, dir)
			app := instantiate(t, raw, cluster)
			if err := os.WriteFile(filepath.Join(work, "application-"+cluster+".yaml"), app, 0o644); err != nil {
				t.Fatal(err)
			}
			out := runArgoCDPlugin(t, dir, work, "../argocd/plugin.yaml", "application-"+cluster+".yaml")
			direct, errOut, ok := runWithTools(t, work, "sh", "-c", "servicespec render --cluster "+cluster+" app")
			if !ok {
				t.Fatalf("servicespec render --cluster %s: %s", cluster, errOut)
			}
			checkSameObjects(t, "the plugin's render for "+cluster, out, "servicespec render --cluster "+cluster, direct)
			if cluster == "north" {
				if out != "" || !strings.Contains(errOut, "no ServiceSpec places a service in cluster north") {
					t.Errorf("north is placed nowhere: want no objects and a warning; got %q, stderr %q", out, errOut)
				}
				return
			}
			testutil.CompareGolden(t, filepath.Join(dir, ".expected", "clusters", cluster+".yaml"), []byte(direct))
		})
	}
}

// instantiate makes the Application the cluster generator makes for a
// cluster: the template with {{name}} and {{server}} replaced.
func instantiate(t *testing.T, applicationSet []byte, cluster string) []byte {
	t.Helper()
	var doc struct {
		Spec struct {
			Template map[string]any `json:"template"`
		} `json:"spec"`
	}
	if err := yaml.Unmarshal(applicationSet, &doc); err != nil {
		t.Fatal(err)
	}
	app := map[string]any{"apiVersion": "argoproj.io/v1alpha1", "kind": "Application"}
	for k, v := range doc.Spec.Template {
		app[k] = v
	}
	data, err := yaml.Marshal(app)
	if err != nil {
		t.Fatal(err)
	}
	r := strings.NewReplacer("{{name}}", cluster, "{{server}}", "https://"+cluster+".example.com:6443")
	return []byte(r.Replace(string(data)))
}

// The Flux layout renders one directory per member cluster in CI, each
// applied by that cluster's Flux Kustomization: the same objects as the
// ApplicationSet's render for the cluster.
func TestMultiClusterFlux(t *testing.T) {
	dir := multiClusterExample(t)
	work := copyExample(t, dir)
	flux := filepath.Join(work, "flux")
	if _, errOut, ok := runWithTools(t, flux, "sh", "render.sh"); !ok {
		t.Fatalf("render.sh: %s", errOut)
	}
	clusters, _ := filepath.Glob(filepath.Join(flux, "clusters", "*"))
	if len(clusters) != 2 {
		t.Fatalf("want the two member clusters east and west, got %v", clusters)
	}
	for _, c := range clusters {
		cluster := filepath.Base(c)
		data, err := os.ReadFile(filepath.Join(c, "storefront.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		items, _, err := krm.ReadDocuments("storefront.yaml", data)
		if err != nil {
			t.Fatal(err)
		}
		var ks struct {
			Spec struct {
				Path string `json:"path"`
			} `json:"spec"`
		}
		for _, it := range items {
			if it.Kind == "Kustomization" {
				if err := it.As(&ks); err != nil {
					t.Fatal(err)
				}
			}
		}
		rendered, err := os.ReadFile(filepath.Join(flux, "rendered", ks.Spec.Path, "manifests.yaml"))
		if err != nil {
			t.Fatalf("cluster %s's Kustomization applies %s, which CI did not render: %v", cluster, ks.Spec.Path, err)
		}
		testutil.CompareGolden(t, filepath.Join(dir, ".expected", "clusters", cluster+".yaml"), rendered)
	}
}

// checkSameObjects: two YAML streams hold the same objects, in order
// (whatever their key order and style).
func checkSameObjects(t *testing.T, aName, a, bName, b string) {
	t.Helper()
	if diff := cmp.Diff(objectsOf(t, a), objectsOf(t, b)); diff != "" {
		t.Errorf("%s differs from %s (-first +second):\n%s", aName, bName, diff)
	}
}

func objectsOf(t *testing.T, stream string) []map[string]any {
	t.Helper()
	items, _, err := krm.ReadDocuments("stream", []byte(stream))
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	for _, it := range items {
		v, err := it.Value()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// KubeSphere DevOps's continuous deployment: its gitops Applications set
// the member cluster through the plugin's env CLUSTER (they cannot set
// parameters). Through the real cmp-server, each renders what
// servicespec render --cluster prints for its cluster, the single-cluster
// one what render prints for examples/argocd/app; a parameter and an env
// naming different clusters fail the render.
func TestKubeSphereDevOpsApplications(t *testing.T) {
	root := testutil.RepoRoot(t)
	dir := filepath.Join(root, "examples", "kubesphere-devops")
	for _, c := range []struct{ file, want string }{
		{"application.yaml", "examples/argocd/.expected/output.yaml"},
		{"application-east.yaml", "examples/multicluster/.expected/clusters/east.yaml"},
		{"application-west.yaml", "examples/multicluster/.expected/clusters/west.yaml"},
	} {
		t.Run(c.file, func(t *testing.T) {
			work := copyExample(t, dir)
			out := runArgoCDPlugin(t, dir, work, "../argocd/plugin.yaml", c.file)
			want, err := os.ReadFile(filepath.Join(root, c.want))
			if err != nil {
				t.Fatal(err)
			}
			checkSameObjects(t, c.file+" through the cmp-server", out, c.want, string(want))
		})
	}
	t.Run("parameter and env disagree", func(t *testing.T) {
		work := copyExample(t, dir)
		conflict := `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: storefront-east, namespace: argocd}
spec:
  project: default
  source:
    repoURL: https://git.example.com/acme/deploy.git
    targetRevision: main
    path: examples/multicluster/app
    plugin:
      name: servicespec-v1
      env: [{name: CLUSTER, value: east}]
      parameters: [{name: cluster, string: west}]
  destination: {name: east, namespace: shop}
`
		if err := os.WriteFile(filepath.Join(work, "conflict.yaml"), []byte(conflict), 0o644); err != nil {
			t.Fatal(err)
		}
		sockets := startCMPServer(t, filepath.Join(root, "examples", "argocd", "plugin.yaml"))
		out, errOut, ok := cmpDrive(t, sockets, "-repo", exampleRepo(t, work), "-app", filepath.Join(work, "conflict.yaml"))
		if ok || out != "" || !strings.Contains(errOut, "name different clusters") {
			t.Errorf("a parameter and an env naming different clusters: ok=%v stdout=%q stderr:\n%s", ok, out, errOut)
		}
	})
}
