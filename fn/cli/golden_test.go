package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/servicespec/servicespec/fn/cli"
	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// goldenCase is one directory of testdata/golden: input.yaml is the
// ResourceList an orchestrator sends; _expected.yaml is stdout and
// _stderr.txt is stderr followed by the exit code.
type goldenCase struct {
	name, dir string
	input     []byte
}

func goldenCases(t *testing.T) []goldenCase {
	t.Helper()
	root := filepath.Join(testutil.RepoRoot(t), "testdata", "golden")
	dirs, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var cases []goldenCase
	for _, d := range dirs {
		dir := filepath.Join(root, d.Name())
		in, err := os.ReadFile(filepath.Join(dir, "input.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, goldenCase{d.Name(), dir, in})
	}
	if len(cases) == 0 {
		t.Fatal("no golden cases found")
	}
	return cases
}

// runFunction runs the real command line in function mode.
func runFunction(in []byte) (stdout, stderr []byte, code int) {
	var out, errOut bytes.Buffer
	code = cli.Run(nil, bytes.NewReader(in), &out, &errOut)
	return out.Bytes(), errOut.Bytes(), code
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := runFunction(c.input)
			testutil.CompareGolden(t, filepath.Join(c.dir, "_expected.yaml"), out)
			testutil.CompareGolden(t, filepath.Join(c.dir, "_stderr.txt"), fmt.Appendf(errOut, "exit code: %d\n", code))
		})
	}
}
