package cli_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/servicespec/servicespec/fn/cli"
)

// FuzzRender sends arbitrary bytes to `servicespec render -`, the manifest
// stream reader. It must not panic or hang; it exits 0 only for input a
// YAML reader accepts, and then writes a stream a YAML reader accepts
// (malformed YAML fails, as the README promises). Seeds: the examples'
// manifests, the golden inputs' items as documents, and the inputs that
// broke the reader (testdata/fuzz/FuzzRender).
func FuzzRender(f *testing.F) {
	for _, pattern := range []string{"../../examples/*/*.yaml", "../../examples/*/app/*.yaml", "../../testdata/import/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil && len(data) <= maxSeedBytes {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n- 00\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		watchdog := time.AfterFunc(hangLimit, func() { panicWithStacks(len(in)) })
		var out, errOut bytes.Buffer
		code := cli.Run([]string{"render", "-"}, bytes.NewReader(in), &out, &errOut)
		watchdog.Stop()
		if code != 0 {
			return
		}
		if err := parsesAsYAML(in); err != nil {
			t.Fatalf("render exits 0 on input no YAML reader accepts (%v):\n%q", err, in)
		}
		if err := parsesAsYAML(out.Bytes()); err != nil {
			t.Fatalf("render wrote output no YAML reader accepts (%v):\n%s", err, out.Bytes())
		}
	})
}

// parsesAsYAML decodes every document of a stream, as kubectl and kyaml do.
func parsesAsYAML(stream []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(stream))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
