package e2e

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sigs.k8s.io/yaml"

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

// runArgoCDPlugin runs the Application through Argo CD's real
// argocd-cmp-server running the plugin (dir/pluginFile), driven as the
// repo-server drives it (cmp-drive: Argo CD's own discovery and generate
// stream, with the environment the repo-server sets), over a repository
// that holds the repository's examples with the example's working copy
// (work) in its place. It checks that the plugin is addressable on Argo CD
// 4 (no spec.version; the Application names metadata.name), that discovery
// claims the source directory and not a directory without ServiceSpecs,
// and that a broken spec fails the render loudly. It returns the manifests
// Argo CD receives, as YAML.
func runArgoCDPlugin(t *testing.T, dir, work, pluginFile, appFile string) string {
	t.Helper()
	var plugin cmpPlugin
	readYAMLLoose(t, filepath.Join(dir, pluginFile), &plugin)
	if plugin.Spec.Version != "" {
		t.Fatalf("the plugin sets spec.version %q: Argo CD 4.0's cmp-server refuses to start", plugin.Spec.Version)
	}
	app := readApplication(t, filepath.Join(work, appFile))
	if app.Plugin.Name != plugin.Metadata.Name {
		t.Fatalf("the Application uses plugin %q; the plugin is addressed as %q", app.Plugin.Name, plugin.Metadata.Name)
	}
	sockets := startCMPServer(t, filepath.Join(dir, pluginFile))
	repo := exampleRepo(t, work)
	if out, _, _ := cmpDrive(t, sockets, "-repo", repo, "-path", app.Path, "-discover"); out != "claimed\n" {
		t.Fatalf("the plugin does not discover %s: %q", app.Path, out)
	}
	if err := os.MkdirAll(filepath.Join(repo, "examples", "nothing-here"), 0o755); err != nil {
		t.Fatal(err)
	}
	if out, _, _ := cmpDrive(t, sockets, "-repo", repo, "-path", "examples/nothing-here", "-discover"); out != "" {
		t.Fatalf("the plugin claims a directory without ServiceSpecs: %q", out)
	}
	out, errOut, ok := cmpDrive(t, sockets, "-repo", repo, "-app", filepath.Join(work, appFile))
	if !ok {
		t.Fatalf("generate failed: %s", errOut)
	}
	checkGenerateFailsLoudly(t, work, appFile, sockets)
	return manifestsYAML(t, out)
}

// argoSource is what the test needs of an Application's source: Argo CD's
// (argoproj.io) or KubeSphere DevOps's (gitops.kubesphere.io, the Argo CD
// spec under spec.argoApp).
type argoSource struct {
	Path   string `json:"path"`
	Plugin struct {
		Name string `json:"name"`
	} `json:"plugin"`
}

func readApplication(t *testing.T, file string) argoSource {
	t.Helper()
	var app struct {
		APIVersion string `json:"apiVersion"`
		Spec       struct {
			Source  argoSource `json:"source"`
			ArgoApp struct {
				Spec struct {
					Source argoSource `json:"source"`
				} `json:"spec"`
			} `json:"argoApp"`
		} `json:"spec"`
	}
	readYAMLLoose(t, file, &app)
	if strings.HasPrefix(app.APIVersion, "gitops.kubesphere.io/") {
		return app.Spec.ArgoApp.Spec.Source
	}
	return app.Spec.Source
}

const argocdInstall = "make tools builds Argo CD's argocd-cmp-server and cmp-drive (hack/argocd-cmp.sh) into .tools/bin"

// startCMPServer runs argocd-cmp-server with the plugin config as the
// sidecar does, servicespec and kustomize on its PATH, and returns the
// directory of its socket once it listens.
func startCMPServer(t *testing.T, pluginFile string) string {
	t.Helper()
	server := tool(t, "argocd-cmp-server", argocdInstall)
	config, sockets := t.TempDir(), t.TempDir()
	data, err := os.ReadFile(pluginFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(config, "plugin.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	var plugin cmpPlugin
	readYAMLLoose(t, pluginFile, &plugin)
	cmd := exec.Command(server, "--config-dir-path", config, "--loglevel", "warn", "--logformat", "text")
	cmd.Env = append(toolEnv(t), "ARGOCD_PLUGINSOCKFILEPATH="+sockets, "TMPDIR="+t.TempDir())
	var logs strings.Builder
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
	})
	socket := filepath.Join(sockets, plugin.Metadata.Name+".sock")
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(socket); err == nil {
			return sockets
		}
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("argocd-cmp-server exited (%v) without listening on %s:\n%s", err, socket, logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("argocd-cmp-server does not listen on %s:\n%s", socket, logs.String())
		}
	}
}

// cmpDrive runs the repo-server's side against the cmp-server's sockets.
func cmpDrive(t *testing.T, sockets string, args ...string) (string, string, bool) {
	t.Helper()
	server, err := filepath.EvalSymlinks(tool(t, "argocd-cmp-server", argocdInstall))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(filepath.Join(filepath.Dir(server), "cmp-drive"), args...)
	cmd.Env = append(toolEnv(t), "ARGOCD_PLUGINSOCKFILEPATH="+sockets)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.String(), errOut.String(), err == nil
}

// exampleRepo is a repository like this one for the Applications' paths
// (examples/<name>/...): a copy of every example, with the working copy
// in the example's place.
func exampleRepo(t *testing.T, work string) string {
	t.Helper()
	repo := t.TempDir()
	examples := filepath.Join(testutil.RepoRoot(t), "examples")
	entries, err := os.ReadDir(examples)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		src := filepath.Join(examples, e.Name())
		if e.Name() == filepath.Base(work) {
			src = work
		}
		copyTree(t, src, filepath.Join(repo, "examples", e.Name()))
	}
	return repo
}

// manifestsYAML writes the manifests Argo CD received (cmp-drive prints
// each as the cmp-server returns it, JSON, one per line) as a YAML stream.
func manifestsYAML(t *testing.T, out string) string {
	t.Helper()
	var docs []string
	for line := range strings.Lines(out) {
		if strings.TrimSpace(line) == "" {
			continue
		}
		y, err := yaml.JSONToYAML([]byte(line))
		if err != nil {
			t.Fatalf("a manifest is not JSON: %v\n%s", err, line)
		}
		docs = append(docs, string(y))
	}
	return strings.Join(docs, "---\n")
}

// checkGenerateFailsLoudly breaks a ServiceSpec in a copy (appending an
// invalid one to the first file that holds a ServiceSpec, in the source
// directory or its base): the render must fail with no manifests, or Argo
// CD would prune everything, and say which spec is wrong.
func checkGenerateFailsLoudly(t *testing.T, work, appFile, sockets string) {
	t.Helper()
	broken := copyExample(t, work)
	bad := "\n---\napiVersion: servicespec.dev/v1alpha1\nkind: ServiceSpec\nmetadata: {name: broken}\nspec: {type: Stateless}\n"
	app := readApplication(t, filepath.Join(work, appFile))
	repo := exampleRepo(t, broken)
	// The source directory, or its example's (an overlay's base).
	example := strings.Join(strings.SplitN(app.Path, "/", 3)[:2], "/")
	if err := appendToFirstSpec(filepath.Join(repo, app.Path), bad); err != nil {
		if err := appendToFirstSpec(filepath.Join(repo, example), bad); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, ok := cmpDrive(t, sockets, "-repo", repo, "-app", filepath.Join(work, appFile))
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
// comment or a ConfigMap's data is not. Discovery runs in the real
// cmp-server, and exits 0 either way, on files that do not parse too.
func TestArgoCDDiscoveryByMeaning(t *testing.T) {
	sockets := startCMPServer(t, filepath.Join(testutil.RepoRoot(t), "examples", "argocd", "plugin.yaml"))
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
			repo := t.TempDir()
			if err := os.MkdirAll(filepath.Join(repo, "app"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(repo, "app", c.file), []byte(c.content), 0o644); err != nil {
				t.Fatal(err)
			}
			out, errOut, ok := cmpDrive(t, sockets, "-repo", repo, "-path", "app", "-discover")
			if !ok || (out == "claimed\n") != c.claimed {
				t.Errorf("discovery printed %q (ok=%v, %s); claimed should be %v", out, ok, errOut, c.claimed)
			}
			if c.claimed {
				if out, errOut, ok := runWithTools(t, filepath.Join(repo, "app"), "sh", "-c", "servicespec render ."); !ok || out == "" {
					t.Errorf("a claimed directory must render: %s", errOut)
				}
			}
		})
	}
}
