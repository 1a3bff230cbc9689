package e2e

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// cmpPlugin is the part of an Argo CD ConfigManagementPlugin the
// repo-server's sidecar runs.
type cmpPlugin struct {
	Kind     string `json:"kind"`
	Metadata struct {
		Name string `json:"name"`
	} `json:"metadata"`
	Spec struct {
		Version  string `json:"version"`
		Discover struct {
			Find struct {
				Command []string `json:"command"`
			} `json:"find"`
		} `json:"discover"`
		Generate struct {
			Command []string `json:"command"`
			Args    []string `json:"args"`
		} `json:"generate"`
	} `json:"spec"`
}

// argoApplication is the part of an Application that sets the plugin's
// working directory and environment.
type argoApplication struct {
	Metadata struct {
		Name string `json:"name"`
	} `json:"metadata"`
	Spec struct {
		Project string `json:"project"`
		Source  struct {
			RepoURL        string `json:"repoURL"`
			TargetRevision string `json:"targetRevision"`
			Path           string `json:"path"`
			Plugin         struct {
				Name       string            `json:"name"`
				Parameters []pluginParameter `json:"parameters"`
			} `json:"plugin"`
		} `json:"source"`
		Destination struct {
			Namespace string `json:"namespace"`
		} `json:"destination"`
	} `json:"spec"`
}

// pluginParameter is a string parameter of an Application's plugin.
type pluginParameter struct {
	Name   string `json:"name"`
	String string `json:"string"`
}

// parameterEnv is how the repo-server hands a plugin its parameters: all
// of them as JSON in ARGOCD_APP_PARAMETERS, and each string parameter as
// PARAM_<NAME> (upper case, other characters than letters and digits as
// underscores).
func parameterEnv(t *testing.T, params []pluginParameter) []string {
	t.Helper()
	if len(params) == 0 {
		return nil
	}
	all, err := json.Marshal(params)
	if err != nil {
		t.Fatal(err)
	}
	env := []string{"ARGOCD_APP_PARAMETERS=" + string(all)}
	for _, p := range params {
		name := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return unicode.ToUpper(r)
			}
			return '_'
		}, p.Name)
		env = append(env, "PARAM_"+name+"="+p.String)
	}
	return env
}

// runArgoCDPlugin checks that the Application names the plugin, that the
// plugin discovers the source directory (and not a directory without
// ServiceSpecs), and returns what generate prints there with the
// environment the repo-server sets. The plugin file is relative to the
// example's directory (an example may use another example's plugin); the
// Application is in the example's working copy.
func runArgoCDPlugin(t *testing.T, dir, work, pluginFile, appFile string) string {
	t.Helper()
	var plugin cmpPlugin
	var app argoApplication
	readYAMLLoose(t, filepath.Join(dir, pluginFile), &plugin)
	readYAMLLoose(t, filepath.Join(work, appFile), &app)
	if want := plugin.Metadata.Name + "-" + plugin.Spec.Version; app.Spec.Source.Plugin.Name != want {
		t.Fatalf("the Application uses plugin %q; a versioned plugin is addressed as %q", app.Spec.Source.Plugin.Name, want)
	}
	// The source path is relative to the repository; the example directory
	// is the last elements of it.
	src := filepath.Join(work, strings.TrimPrefix(app.Spec.Source.Path, "examples/"+filepath.Base(work)+"/"))
	env := []string{
		"ARGOCD_APP_NAME=" + app.Metadata.Name,
		"ARGOCD_APP_NAMESPACE=" + app.Spec.Destination.Namespace,
		"ARGOCD_APP_PROJECT_NAME=" + app.Spec.Project,
		"ARGOCD_APP_REVISION=0123456789abcdef0123456789abcdef01234567",
		"ARGOCD_APP_SOURCE_PATH=" + app.Spec.Source.Path,
		"ARGOCD_APP_SOURCE_REPO_URL=" + app.Spec.Source.RepoURL,
		"ARGOCD_APP_SOURCE_TARGET_REVISION=" + app.Spec.Source.TargetRevision,
		"KUBE_VERSION=1.37.2",
		"KUBE_API_VERSIONS=v1,apps/v1",
	}
	env = append(env, parameterEnv(t, app.Spec.Source.Plugin.Parameters)...)
	if out := discover(t, src, env, plugin); out != "servicespec" {
		t.Fatalf("the plugin does not discover %s: it printed %q", app.Spec.Source.Path, out)
	}
	if out := discover(t, t.TempDir(), env, plugin); out != "" {
		t.Fatalf("the plugin claims a directory without ServiceSpecs: it printed %q", out)
	}
	gen := append(plugin.Spec.Generate.Command[1:], plugin.Spec.Generate.Args...)
	out, errOut, ok := runWithTools(t, src, env, plugin.Spec.Generate.Command[0], gen...)
	if !ok {
		t.Fatalf("generate failed: %s", errOut)
	}
	checkGenerateFailsLoudly(t, work, app.Spec.Source.Path, env, plugin)
	return out
}

// discover runs the plugin's find command as the repo-server does: it must
// succeed (a failure fails the render, even for an Application that names
// the plugin), and what it prints claims the directory.
func discover(t *testing.T, dir string, env []string, plugin cmpPlugin) string {
	t.Helper()
	find := plugin.Spec.Discover.Find.Command
	out, errOut, ok := runWithTools(t, dir, env, find[0], find[1:]...)
	if !ok {
		t.Fatalf("the find command fails in %s: %s", dir, errOut)
	}
	return strings.TrimSpace(out)
}

// checkGenerateFailsLoudly breaks a ServiceSpec in a copy (appending an
// invalid one to the first file that holds a ServiceSpec, in the source
// directory or its base): generate must exit non-zero with nothing on
// stdout, or Argo CD would prune everything, and say which spec is wrong.
func checkGenerateFailsLoudly(t *testing.T, work, sourcePath string, env []string, plugin cmpPlugin) {
	t.Helper()
	broken := copyExample(t, work)
	bad := "\n---\napiVersion: servicespec.dev/v1alpha1\nkind: ServiceSpec\nmetadata: {name: broken}\nspec: {type: Stateless}\n"
	if err := appendToFirstSpec(broken, bad); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(broken, strings.TrimPrefix(sourcePath, "examples/"+filepath.Base(work)+"/"))
	gen := append(plugin.Spec.Generate.Command[1:], plugin.Spec.Generate.Args...)
	out, errOut, ok := runWithTools(t, src, env, plugin.Spec.Generate.Command[0], gen...)
	if ok || out != "" {
		t.Errorf("generate on an invalid spec: ok=%v stdout=%q; want a failure and no manifests", ok, out)
	}
	if !strings.Contains(errOut, "broken") {
		t.Errorf("the error does not name the invalid spec:\n%s", errOut)
	}
}

func appendToFirstSpec(dir, doc string) error {
	var target string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || target != "" || filepath.Ext(p) != ".yaml" {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil && strings.Contains(string(data), "kind: ServiceSpec") {
			target = p
		}
		return err
	})
	if err != nil || target == "" {
		return fmt.Errorf("no ServiceSpec under %s (%v)", dir, err)
	}
	f, err := os.OpenFile(target, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(doc)
	return errors.Join(err, f.Close())
}

// The plugin claims a directory by what its files mean, not how they are
// spelled: a ServiceSpec written with quotes or as JSON is claimed (render
// renders it), and a directory that only mentions "kind: ServiceSpec" in a
// comment or a ConfigMap's data is not. Discovery exits 0 either way, on
// files that do not parse too.
func TestArgoCDDiscoveryByMeaning(t *testing.T) {
	var plugin cmpPlugin
	readYAMLLoose(t, filepath.Join(testutil.RepoRoot(t), "examples", "argocd", "plugin.yaml"), &plugin)
	cases := map[string]struct {
		file, content string
		claimed       bool
	}{
		"quoted kind": {"web.yaml", "apiVersion: \"servicespec.dev/v1alpha1\"\nkind: \"ServiceSpec\"\nmetadata: {name: web}\nspec: {type: External, externalName: db.example.com}\n", true},
		"JSON":        {"web.yaml", `{"apiVersion": "servicespec.dev/v1alpha1", "kind": "ServiceSpec", "metadata": {"name": "web"}, "spec": {"type": "External", "externalName": "db.example.com"}}` + "\n", true},
		"an AppSpec":  {"app.yaml", "apiVersion: servicespec.dev/v1alpha1\nkind: AppSpec\nmetadata: {name: shop}\n", true},
		"a comment":   {"notes.yaml", "# kind: ServiceSpec\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: notes}\ndata:\n  howto: |\n    kind: ServiceSpec\n", false},
		"broken YAML": {"broken.yaml", "kind: ServiceSpec\n  : [\n", false},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, c.file), []byte(c.content), 0o644); err != nil {
				t.Fatal(err)
			}
			got := discover(t, dir, nil, plugin)
			if (got == "servicespec") != c.claimed {
				t.Errorf("discovery printed %q; claimed should be %v", got, c.claimed)
			}
			if c.claimed {
				if out, errOut, ok := runWithTools(t, dir, nil, "sh", "-c", "servicespec render ."); !ok || out == "" {
					t.Errorf("a claimed directory must render: %s", errOut)
				}
			}
		})
	}
}
