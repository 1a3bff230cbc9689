package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
				Name string `json:"name"`
			} `json:"plugin"`
		} `json:"source"`
		Destination struct {
			Namespace string `json:"namespace"`
		} `json:"destination"`
	} `json:"spec"`
}

// runArgoCDPlugin checks that the Application names the plugin, that the
// plugin discovers the source directory, and returns what generate prints
// there with the environment the repo-server sets.
func runArgoCDPlugin(t *testing.T, work, pluginFile, appFile string) string {
	t.Helper()
	var plugin cmpPlugin
	var app argoApplication
	readYAMLLoose(t, filepath.Join(work, pluginFile), &plugin)
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
	find := plugin.Spec.Discover.Find.Command
	if out, errOut, ok := runWithTools(t, src, env, find[0], find[1:]...); !ok || strings.TrimSpace(out) == "" {
		t.Fatalf("the plugin does not discover %s: %q %s", app.Spec.Source.Path, out, errOut)
	}
	gen := append(plugin.Spec.Generate.Command[1:], plugin.Spec.Generate.Args...)
	out, errOut, ok := runWithTools(t, src, env, plugin.Spec.Generate.Command[0], gen...)
	if !ok {
		t.Fatalf("generate failed: %s", errOut)
	}
	checkGenerateFailsLoudly(t, src, env, plugin)
	return out
}

// checkGenerateFailsLoudly breaks the ServiceSpec in a copy: generate must
// exit non-zero with nothing on stdout, or Argo CD would prune everything.
func checkGenerateFailsLoudly(t *testing.T, src string, env []string, plugin cmpPlugin) {
	t.Helper()
	broken := copyExample(t, src)
	bad := "apiVersion: servicespec.dev/v1alpha1\nkind: ServiceSpec\nmetadata: {name: broken}\nspec: {type: Stateless}\n"
	if err := os.WriteFile(filepath.Join(broken, "broken.yaml"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	gen := append(plugin.Spec.Generate.Command[1:], plugin.Spec.Generate.Args...)
	out, errOut, ok := runWithTools(t, broken, env, plugin.Spec.Generate.Command[0], gen...)
	if ok || out != "" {
		t.Errorf("generate on an invalid spec: ok=%v stdout=%q; want a failure and no manifests", ok, out)
	}
	if !strings.Contains(errOut, "broken.yaml") {
		t.Errorf("the error does not name the file:\n%s", errOut)
	}
}
