package cli_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/servicespec/servicespec/bench/corpusgen"
	"github.com/servicespec/servicespec/fn/cli"
	"github.com/servicespec/servicespec/fn/function"
	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// runFullPath runs the function with the fast path off.
func runFullPath(t testing.TB, in []byte) (stdout, stderr []byte, code int) {
	t.Setenv(cli.FullPathEnv, "1")
	var out, errOut bytes.Buffer
	code = cli.Run(nil, bytes.NewReader(in), &out, &errOut)
	return out.Bytes(), errOut.Bytes(), code
}

// compareFastPath runs both paths; when the fast path takes the input, its
// stdout and stderr must equal the full path's byte for byte.
func compareFastPath(t testing.TB, name string, in []byte) bool {
	var fastErr bytes.Buffer
	fast, ok := function.FastRun(in, &fastErr)
	if !ok {
		return false
	}
	full, fullErr, code := runFullPath(t, in)
	if code != 0 {
		t.Errorf("%s: the fast path succeeded where the full path exits %d:\n%s", name, code, fullErr)
		return true
	}
	if diff := cmp.Diff(string(full), string(fast)); diff != "" {
		t.Errorf("%s: stdout differs (-full +fast):\n%s", name, diff)
	}
	if diff := cmp.Diff(string(fullErr), fastErr.String()); diff != "" {
		t.Errorf("%s: stderr differs (-full +fast):\n%s", name, diff)
	}
	return true
}

// withoutLeadingComments drops a file's leading comment lines, which the
// fast path does not take, so that the goldens exercise it too.
func withoutLeadingComments(in []byte) []byte {
	for bytes.HasPrefix(in, []byte("#")) {
		_, in, _ = bytes.Cut(in, []byte("\n"))
	}
	return in
}

// Both paths give the same bytes on every input the fast path takes: the
// goldens, their outputs run again, the invalid corpus and generated lists.
func TestFastPathMatchesFullPath(t *testing.T) {
	inputs := map[string][]byte{}
	for _, c := range goldenCases(t) {
		inputs[c.name] = c.input
		inputs[c.name+"/no-comments"] = withoutLeadingComments(c.input)
		if out, _, code := runFullPath(t, c.input); code == 0 {
			inputs[c.name+"/rerun"] = out
		}
	}
	files, _ := filepath.Glob(filepath.Join(testutil.RepoRoot(t), "testdata", "invalid", "*.yaml"))
	for _, f := range files {
		c := readInvalidCase(t, f)
		inputs["invalid/"+c.name] = withoutLeadingComments(c.stdin(t))
	}
	for _, n := range []int{1, 7, 40} {
		var gen bytes.Buffer
		if err := corpusgen.Write(&gen, n, 3*n); err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("generated/%d", n)
		inputs[name] = gen.Bytes()
		if out, _, code := runFullPath(t, gen.Bytes()); code == 0 {
			inputs[name+"/rerun"] = out
		}
	}
	inputs["comments-and-blocks"] = []byte(`apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- # a head comment on the first key
  apiVersion: servicespec.dev/v1alpha1
  kind: ServiceSpec
  metadata:
    name: web # inline
    annotations:
      internal.config.kubernetes.io/path: web.yaml
  spec:
    type: Stateless
    description: |
      two lines
      of text
    containers:
    - image: nginx:1.27
      args:
      - |
        multi
          indented

        with a blank line
      ports:
      - containerPort: 80
        servicePort: 80
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: plain
  data:
    script: |-
      #!/bin/sh
      echo "hi"
`)
	inputs["duplicate-metadata-keys"] = []byte(`apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: b
    name: a
  data:
    k: v
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: c
`)
	taken := 0
	for name, in := range inputs {
		if compareFastPath(t, name, in) {
			taken++
		}
	}
	t.Logf("the fast path took %d of %d inputs", taken, len(inputs))
	if taken < len(inputs)/3 {
		t.Errorf("the fast path took only %d of %d inputs", taken, len(inputs))
	}
}
