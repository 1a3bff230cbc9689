package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// buildWasm builds servicespec.wasm (GOOS=js GOARCH=wasm) as make wasm
// does, and finds Go's own JavaScript support file for it.
func buildWasm(t *testing.T) (module, support string) {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not installed: the WebAssembly build runs under node (apt-get install nodejs)")
	}
	module = filepath.Join(t.TempDir(), "servicespec.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", module, "../../cmd/servicespec")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the WebAssembly module: %v\n%s", err, out)
	}
	root, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	return module, filepath.Join(strings.TrimSpace(string(root)), "lib", "wasm", "wasm_exec.js")
}

// The WebAssembly module, run as kpt's nodejs runtime runs it (the
// processResourceList function it registers, called with the
// ResourceList), writes the exec binary's bytes for every golden input,
// those that fail included.
func TestWasmGivesTheBinarysBytes(t *testing.T) {
	module, support := buildWasm(t)
	runner := filepath.Join(testutil.RepoRoot(t), "hack", "wasm-fn.js")
	inputs, _ := filepath.Glob(filepath.Join(testutil.RepoRoot(t), "testdata", "golden", "*", "input.yaml"))
	if len(inputs) < 40 {
		t.Fatalf("found %d golden inputs", len(inputs))
	}
	for _, in := range inputs {
		data, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		exe := exec.Command(binary)
		exe.Stdin, exe.Stdout = bytes.NewReader(data), &want
		_ = exe.Run() // an invalid input exits 1 and still writes its ResourceList
		var got, errOut bytes.Buffer
		node := exec.Command("node", runner, support, module)
		node.Stdin, node.Stdout, node.Stderr = bytes.NewReader(data), &got, &errOut
		if err := node.Run(); err != nil && want.Len() > 0 {
			t.Errorf("%s: node: %v\n%s", in, err, errOut.String())
			continue
		}
		if got.String() != want.String() {
			t.Errorf("%s: the WebAssembly module's output differs from the binary's:\n--- binary\n%s\n--- wasm\n%s", filepath.Base(filepath.Dir(in)), want.String(), got.String())
		}
	}
}
