package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/servicespec/servicespec/fn/cli"
)

// discover follows a kustomization's local inputs (directories and files)
// and ends on cycles; it always exits 0 and prints servicespec only when a
// spec is found.
func TestDiscover(t *testing.T) {
	root := t.TempDir()
	write := func(p, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, p), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a/kustomization.yaml", "resources: [../b]\n")
	write("b/kustomization.yaml", "resources: [../a, https://example.com/remote.yaml]\n")
	write("c/kustomization.yaml", "resources: [../specs/web.json]\n")
	write("specs/web.json", `{"apiVersion": "servicespec.dev/v1alpha1", "kind": "ServiceSpec", "metadata": {"name": "web"}}`)
	for dir, want := range map[string]string{"a": "", "c": "servicespec\n", "specs": ""} {
		var out, errOut bytes.Buffer
		if code := cli.Run([]string{"discover", filepath.Join(root, dir)}, nil, &out, &errOut); code != cli.ExitOK || out.String() != want {
			t.Errorf("discover %s: exit %d, printed %q; want 0 and %q (%s)", dir, code, out.String(), want, errOut.String())
		}
	}
	var out, errOut bytes.Buffer
	if code := cli.Run([]string{"discover", "a", "b"}, nil, &out, &errOut); code != cli.ExitUsage {
		t.Errorf("two directories: exit %d, want %d", code, cli.ExitUsage)
	}
}

// Flags may come before, between or after the paths, as users write them.
func TestFlagsAnywhere(t *testing.T) {
	app := "../../examples/multicluster/app"
	var want bytes.Buffer
	if code := cli.Run([]string{"render", "--cluster", "west", app}, nil, &want, &bytes.Buffer{}); code != cli.ExitOK || want.Len() == 0 {
		t.Fatalf("render --cluster west: exit %d", code)
	}
	for _, args := range [][]string{{"render", app, "--cluster", "west"}, {"render", app, "--cluster=west"}} {
		var got bytes.Buffer
		if code := cli.Run(args, nil, &got, &bytes.Buffer{}); code != cli.ExitOK || got.String() != want.String() {
			t.Errorf("%v: exit %d, a different output", args, code)
		}
	}
	var errOut bytes.Buffer
	if code := cli.Run([]string{"render", app, "--cluster"}, nil, &bytes.Buffer{}, &errOut); code != cli.ExitUsage {
		t.Errorf("a flag without its value: exit %d, want %d", code, cli.ExitUsage)
	}
}
