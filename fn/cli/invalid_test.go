package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/kio"
	"sigs.k8s.io/kustomize/kyaml/kio/kioutil"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/servicespec/servicespec/fn/function"
	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// invalidCase is one file of testdata/invalid. Its leading comment holds
// the expectations, written by hand from the contract:
//
//	# want: <severity> <field path> [in <file>]   one per expected result
//	# input: raw      send the file as stdin as is (default: wrap its
//	                  documents in a ResourceList, each with the case's
//	                  file name as its path)
//	# exit: N         (default: 1 when an error is wanted, else 0)
//	# stderr: TEXT    what the user reads must contain TEXT: stderr, or
//	                  the results' summary when the items carry their
//	                  files (kpt prints the results; stderr stays empty)
//	# stderr-lacks: TEXT  stderr must not contain TEXT (a Go type name, say)
type invalidCase struct {
	name, file string
	raw        bool
	wants      []string
	exit       int
	stderr     string
	lacks      []string
	data       []byte
}

func readInvalidCase(t *testing.T, path string) invalidCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := invalidCase{name: strings.TrimSuffix(filepath.Base(path), ".yaml"), file: filepath.Base(path), data: data, exit: -1}
	for line := range strings.Lines(string(data)) {
		if !strings.HasPrefix(line, "#") {
			break
		}
		key, value, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "#")), ": ")
		switch key {
		case "want":
			c.wants = append(c.wants, value)
		case "input":
			c.raw = value == "raw"
		case "stderr":
			c.stderr = value
		case "stderr-lacks":
			c.lacks = append(c.lacks, value)
		case "exit":
			if c.exit, err = strconv.Atoi(value); err != nil {
				t.Fatalf("%s: exit: %v", path, err)
			}
		}
	}
	if c.exit < 0 {
		c.exit = 0
		if c.stderr != "" || slices.ContainsFunc(c.wants, func(w string) bool { return strings.HasPrefix(w, "error ") }) {
			c.exit = 1
		}
	}
	if !c.raw {
		for i, w := range c.wants {
			if !strings.Contains(w, " in ") {
				c.wants[i] = w + " in " + c.file
			}
		}
	}
	return c
}

// stdin is what the function receives for the case.
func (c invalidCase) stdin(t *testing.T) []byte {
	t.Helper()
	if c.raw {
		return c.data
	}
	nodes, err := (&kio.ByteReader{Reader: bytes.NewReader(c.data), OmitReaderAnnotations: true}).Read()
	if err != nil {
		t.Fatalf("%s: %v", c.file, err)
	}
	for i, n := range nodes {
		for k, v := range map[string]string{kioutil.PathAnnotation: c.file, kioutil.IndexAnnotation: strconv.Itoa(i)} {
			if err := n.PipeE(yaml.SetAnnotation(k, v)); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	w := kio.ByteWriter{Writer: &buf, WrappingAPIVersion: kio.ResourceListAPIVersion, WrappingKind: kio.ResourceListKind}
	if err := w.Write(nodes); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestInvalidCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testutil.RepoRoot(t), "testdata", "invalid", "*.yaml"))
	if len(files) < 60 {
		t.Fatalf("testdata/invalid has %d cases; the corpus must keep at least 60", len(files))
	}
	for _, f := range files {
		c := readInvalidCase(t, f)
		t.Run(c.name, func(t *testing.T) {
			if len(c.wants) == 0 && c.stderr == "" && c.exit != 0 {
				t.Fatal("the case states no expectation")
			}
			in := c.stdin(t)
			out, errOut, code := runFunction(in)
			if code != c.exit {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, c.exit, errOut)
			}
			var got *fn.ResourceList
			if len(out) > 0 {
				var err error
				if got, err = fn.ParseResourceList(out); err != nil {
					t.Fatalf("output is not a ResourceList: %v", err)
				}
			}
			// What the user reads: stderr, and under kpt (the items carry
			// their files) the results kpt prints; stderr then holds the
			// errors only, never a warning kpt already shows.
			report := string(errOut)
			kpt := itemsHaveFiles(in)
			if kpt {
				if strings.Contains(string(errOut), "warning: ") {
					t.Errorf("kpt prints the results: stderr must not repeat a warning:\n%s", errOut)
				}
				var b strings.Builder
				if got != nil {
					function.Summarize(&b, got.Results)
				}
				report = b.String()
			}
			if !strings.Contains(report, c.stderr) {
				t.Errorf("the report does not contain %q:\n%s", c.stderr, report)
			}
			for _, l := range c.lacks {
				if strings.Contains(report, l) {
					t.Errorf("the report contains %q:\n%s", l, report)
				}
			}
			if got == nil {
				if len(c.wants) > 0 {
					t.Fatalf("no ResourceList came back; stderr:\n%s", errOut)
				}
				return
			}
			checkResults(t, got.Results, c.wants)
			checkSummary(t, string(errOut), c.wants, kpt)
			if code != 0 {
				checkItemsUnchanged(t, in, got.Items)
			}
		})
	}
}

// itemsHaveFiles: the input's items carry the paths of their files, as
// kpt sends them.
func itemsHaveFiles(in []byte) bool {
	rl, err := fn.ParseResourceList(in)
	if err != nil {
		return false
	}
	for _, o := range rl.Items {
		if o.GetAnnotation(kioutil.PathAnnotation) != "" {
			return true
		}
	}
	return false
}

// checkResults requires each wanted result and no other.
func checkResults(t *testing.T, results fn.Results, wants []string) {
	t.Helper()
	var got []string
	for _, r := range results {
		field, file := "-", "-"
		if r.Field != nil {
			field = r.Field.Path
		}
		if r.File != nil {
			file = r.File.Path
		}
		got = append(got, fmt.Sprintf("%s %s in %s", r.Severity, field, file))
	}
	for _, w := range wants {
		if !slices.Contains(got, w) {
			t.Errorf("missing result %q; got %q", w, got)
		}
	}
	for i, g := range got {
		if !slices.Contains(wants, g) {
			t.Errorf("unexpected result %q: %s", g, results[i].Message)
		}
	}
}

// checkSummary requires a stderr line for each wanted result with a file
// (kustomize users see nothing else), but for warnings under kpt, which
// prints them itself.
func checkSummary(t *testing.T, stderr string, wants []string, kpt bool) {
	t.Helper()
	for _, w := range wants {
		severity, rest, _ := strings.Cut(w, " ")
		if kpt && severity == "warning" {
			continue
		}
		_, file, _ := strings.Cut(rest, " in ")
		if file != "-" && !strings.Contains(stderr, severity+": "+file+": ") {
			t.Errorf("stderr has no %q line for %s:\n%s", severity, file, stderr)
		}
	}
}

func checkItemsUnchanged(t *testing.T, in []byte, out fn.KubeObjects) {
	t.Helper()
	rl, err := fn.ParseResourceList(in)
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, o := range rl.Items {
		want = append(want, o.String())
	}
	for _, o := range out {
		got = append(got, o.String())
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(want, got) {
		t.Errorf("the items did not come back unchanged")
	}
}
