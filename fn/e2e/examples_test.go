package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// exampleConfig is examples/<name>/.expected/config.yaml: how the example is
// run. The output is compared with .expected/output.yaml.
type exampleConfig struct {
	// Command is run with sh from a copy of the example directory.
	Command string `json:"command"`
	// ArgoCD runs a config management plugin's generate command the way
	// the repo-server does.
	ArgoCD *struct {
		Plugin      string `json:"plugin"`
		Application string `json:"application"`
	} `json:"argocd"`
}

// TestExamples runs every example as its README says, with the real
// servicespec, kustomize and kpt, and compares the output.
func TestExamples(t *testing.T) {
	root := testutil.RepoRoot(t)
	dirs := testutil.ExampleDirs(t)
	if len(dirs) < 9 {
		t.Fatalf("found %d examples with .expected/config.yaml, want at least 9", len(dirs))
	}
	tool(t, "kustomize", kustomizeInstall)
	tool(t, "kpt", kptInstall)
	for _, dir := range dirs {
		cfgPath := filepath.Join(dir, ".expected", "config.yaml")
		name, _ := filepath.Rel(filepath.Join(root, "examples"), dir)
		t.Run(name, func(t *testing.T) {
			var cfg exampleConfig
			readYAML(t, cfgPath, &cfg)
			work := copyExample(t, dir)
			var out string
			switch {
			case cfg.ArgoCD != nil:
				out = runArgoCDPlugin(t, dir, work, cfg.ArgoCD.Plugin, cfg.ArgoCD.Application)
			case cfg.Command != "":
				stdout, stderr, ok := runWithTools(t, work, "sh", "-c", cfg.Command)
				if !ok {
					t.Fatalf("%s failed:\n%s", cfg.Command, stderr)
				}
				out = stdout
			default:
				t.Fatal("config.yaml names no command")
			}
			if strings.TrimSpace(out) == "" {
				t.Fatal("the example rendered nothing")
			}
			testutil.CompareGolden(t, filepath.Join(dir, ".expected", "output.yaml"), []byte(out))
		})
	}
}

// toolEnv is a minimal environment with servicespec, kustomize, kpt and
// helm on PATH.
func toolEnv(t *testing.T) []string {
	t.Helper()
	kustomize := tool(t, "kustomize", kustomizeInstall)
	kpt := tool(t, "kpt", kptInstall)
	helm := tool(t, "helm", helmInstall)
	path := strings.Join([]string{filepath.Dir(binary), filepath.Dir(kustomize), filepath.Dir(kpt), filepath.Dir(helm), "/usr/bin", "/bin"}, string(os.PathListSeparator))
	return []string{"PATH=" + path, "HOME=" + t.TempDir()}
}

// runWithTools runs a command in a minimal environment with servicespec,
// kustomize and kpt on PATH.
func runWithTools(t *testing.T, dir string, name string, args ...string) (string, string, bool) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = toolEnv(t)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	return out.String(), errOut.String(), err == nil
}

// copyExample copies an example without its .expected directory, so that
// tools that write in place (kpt) leave the repository alone.
func copyExample(t *testing.T, dir string) string {
	t.Helper()
	work := filepath.Join(t.TempDir(), filepath.Base(dir))
	copyTree(t, dir, work)
	return work
}

// copyTree copies a directory, without .expected directories.
func copyTree(t *testing.T, dir, to string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() && d.Name() == ".expected" {
			return filepath.SkipDir
		}
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
}

func readYAML(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.UnmarshalStrict(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// readYAMLLoose reads the fields a struct names and ignores the rest (for
// other tools' files, which have many fields the test does not need).
func readYAMLLoose(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
