// Package testutil holds the golden-file helpers shared by the tests.
package testutil

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// UpdateEnv is the one switch that rewrites every golden file: make golden
// sets it. Goldens are never edited by hand.
const UpdateEnv = "UPDATE_GOLDEN"

// Updating reports whether goldens are being rewritten.
func Updating() bool { return os.Getenv(UpdateEnv) == "1" }

// CompareGolden compares got with the golden file, or rewrites the file when
// UPDATE_GOLDEN=1.
func CompareGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if Updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run make golden to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from the output (-golden +got); review, then run make golden:\n%s", path, diff)
	}
}

// RepoRoot is the repository root, found from the test's directory.
func RepoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test directory")
		}
		dir = parent
	}
}

// ExampleDirs are the examples the tests run: every directory under
// examples/ with .expected/config.yaml, one level down or, for an example
// made of steps (examples/canary/1-app), two.
func ExampleDirs(t *testing.T) []string {
	t.Helper()
	root := RepoRoot(t)
	var dirs []string
	for _, pattern := range []string{"*", "*/*"} {
		found, _ := filepath.Glob(filepath.Join(root, "examples", pattern, ".expected", "config.yaml"))
		for _, f := range found {
			dirs = append(dirs, filepath.Dir(filepath.Dir(f)))
		}
	}
	slices.Sort(dirs)
	return dirs
}
