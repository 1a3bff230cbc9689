package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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
			direct, errOut, ok := runWithTools(t, work, nil, "sh", "-c", "servicespec render --cluster "+cluster+" app")
			if !ok {
				t.Fatalf("servicespec render --cluster %s: %s", cluster, errOut)
			}
			if out != direct {
				t.Errorf("the plugin's render differs from servicespec render --cluster %s", cluster)
			}
			if cluster == "north" {
				if out != "" || !strings.Contains(errOut, "no ServiceSpec places a service in cluster north") {
					t.Errorf("north is placed nowhere: want no objects and a warning; got %q, stderr %q", out, errOut)
				}
				return
			}
			testutil.CompareGolden(t, filepath.Join(dir, ".expected", "clusters", cluster+".yaml"), []byte(out))
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
	if _, errOut, ok := runWithTools(t, flux, nil, "sh", "render.sh"); !ok {
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
