package conformance

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/cli"
	"github.com/servicespec/servicespec/fn/internal/apiserver"
	"github.com/servicespec/servicespec/fn/internal/specgen"
	"github.com/servicespec/servicespec/fn/internal/testutil"
)

// generatedSpecs is how many ServiceSpecs the property generates.
const generatedSpecs = 4000

// expectedWarnings are the API server warnings the contract expects on
// outputs (a sticky session on a headless Service, which the render warns about too).
var expectedWarnings = []string{"spec.SessionAffinity is ignored for headless services"}

// A render that succeeds gives objects the API server accepts: for many
// generated ServiceSpecs (every type and option, valid and near-valid), the
// fuzz corpus and the golden inputs, every object of every successful render is dry-run with
// strict field validation; none may be rejected, and none may draw a
// warning the contract does not expect. And a generated spec made of valid
// values only is never refused: the rules are not stricter than the
// server's.
func TestAPIServerAcceptsEveryRender(t *testing.T) {
	if err := server.EnsureNamespace(t.Context(), "gen", nil); err != nil {
		t.Fatal(err)
	}
	cases := specgen.Generate(propertySeed(t), generatedSpecs)
	cases = append(cases, fuzzCorpus(t)...)
	cases = append(cases, goldenInputs(t)...)
	var objects []renderedObject
	rendered, clusterRendersChecked := 0, 0
	var refused []string
	for _, c := range cases {
		objs, errOut, ok := renderCase(t, c)
		switch {
		case ok:
			rendered++
			objects = append(objects, objs...)
			perCluster, n := clusterRenders(t, c, objs)
			objects = append(objects, perCluster...)
			clusterRendersChecked += n
		case c.Valid:
			refused = append(refused, c.Name+": a valid spec was refused: "+errOut)
		}
	}
	for _, r := range refused {
		t.Error(r)
	}
	problems := dryRunAll(t, objects)
	t.Logf("property: %d inputs, %d rendered, %d per-cluster renders equal to kubefed's, %d objects dry-run, %d rejected or warned about",
		len(cases), rendered, clusterRendersChecked, len(objects), len(problems))
	fmt.Printf("property: %d inputs, %d rendered, %d per-cluster renders equal to kubefed's, %d objects dry-run, %d problems\n",
		len(cases), rendered, clusterRendersChecked, len(objects), len(problems))
	if clusterRendersChecked == 0 {
		t.Error("no input was placed in a cluster: the generator should place services")
	}
	if rendered == len(cases) {
		t.Errorf("all %d inputs rendered: the generator should make invalid specs too", len(cases))
	}
	for _, p := range distinctProblems(problems) {
		t.Error(p)
	}
}

// distinctProblems groups the problems by what the API server said,
// field indexes and object names left out, and gives one example of each:
// a handful of missing rules reads better than hundreds of rejections.
func distinctProblems(problems []string) []string {
	index := regexp.MustCompile(`\[\d+\]`)
	seen := map[string]int{}
	example := map[string]string{}
	for _, p := range problems {
		for _, cause := range causes(p) {
			key := index.ReplaceAllString(cause, "[*]")
			if seen[key] == 0 {
				example[key] = p
			}
			seen[key]++
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = fmt.Sprintf("%d× %s\n\texample: %s", seen[k], k, example[k])
	}
	return out
}

// causes splits the API server's message into its field errors.
func causes(problem string) []string {
	_, msg, ok := strings.Cut(problem, " is invalid: ")
	if !ok {
		return []string{problem}
	}
	msg = strings.TrimSuffix(strings.TrimPrefix(msg, "["), "]")
	return regexp.MustCompile(`, (?:spec|metadata)\.`).Split(msg, -1)
}

// propertySeed is 1, or SERVICESPEC_PROPERTY_SEED to explore other specs.
func propertySeed(t *testing.T) uint64 {
	s := os.Getenv("SERVICESPEC_PROPERTY_SEED")
	if s == "" {
		return 1
	}
	seed, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		t.Fatalf("SERVICESPEC_PROPERTY_SEED=%q: %v", s, err)
	}
	return seed
}

// renderedObject is one generated object and the input it came from.
type renderedObject struct {
	input string
	doc   string
}

// renderCase runs the function over one input; ok when it succeeded,
// and what it said on stderr when it did not.
func renderCase(t *testing.T, c specgen.Case) ([]renderedObject, string, bool) {
	var out, errOut bytes.Buffer
	if cli.Run(nil, bytes.NewReader(c.Input), &out, &errOut) != 0 {
		return nil, errOut.String(), false
	}
	rl, err := fn.ParseResourceList(out.Bytes())
	if err != nil {
		t.Fatalf("%s: the output does not parse: %v", c.Name, err)
	}
	var objs []renderedObject
	for _, o := range rl.Items {
		if o.GetAnnotation(api.AnnotationGeneratedFrom) != "" && o.GroupKind().Group != api.Group {
			objs = append(objs, renderedObject{input: c.Name, doc: o.String()})
		}
	}
	return objs, "", true
}

// dryRunAll sends every object to the server, four at a time, and returns
// the rejections and unexpected warnings.
func dryRunAll(t *testing.T, objects []renderedObject) []string {
	var mu sync.Mutex
	var problems []string
	work := make(chan renderedObject)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for o := range work {
				if p := dryRunOne(t, o); p != "" {
					mu.Lock()
					problems = append(problems, p)
					mu.Unlock()
				}
			}
		})
	}
	for _, o := range objects {
		work <- o
	}
	close(work)
	wg.Wait()
	return problems
}

func dryRunOne(t *testing.T, o renderedObject) string {
	obj := toUnstructured(t, o.doc)
	obj.SetNamespace("gen") // inputs name their own namespaces; the rules do not depend on it
	res, err := server.DryRun(t.Context(), obj, "gen")
	if errors.Is(err, apiserver.ErrNotServed) {
		return "" // a custom kind a golden input passes through
	}
	if err != nil {
		return fmt.Sprintf("%s: %s %s: %v", o.input, obj.GetKind(), obj.GetName(), err)
	}
	if !res.Accepted {
		rejected.Add(1)
		return fmt.Sprintf("%s: %s %s rejected: %s", o.input, obj.GetKind(), obj.GetName(), res.Message)
	}
	accepted.Add(1)
	for _, w := range res.Warnings {
		if !expected(w) {
			return fmt.Sprintf("%s: %s %s: unexpected warning: %s", o.input, obj.GetKind(), obj.GetName(), w)
		}
	}
	return ""
}

func expected(warning string) bool {
	for _, e := range expectedWarnings {
		if strings.Contains(warning, e) {
			return true
		}
	}
	return false
}

// goldenInputs are the ResourceLists of the golden tests.
func goldenInputs(t *testing.T) []specgen.Case {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(testutil.RepoRoot(t), "testdata", "golden", "*", "input.yaml"))
	var cases []specgen.Case
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, specgen.Case{Name: "golden/" + filepath.Base(filepath.Dir(f)), Input: data})
	}
	return cases
}

// fuzzCorpus are the inputs of the function's fuzz corpus.
func fuzzCorpus(t *testing.T) []specgen.Case {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(testutil.RepoRoot(t), "fn", "cli", "testdata", "fuzz", "FuzzFunction", "*"))
	var cases []specgen.Case
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, rest, ok := bytes.Cut(data, []byte("\n"))
		if !ok {
			continue
		}
		in, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(string(rest)), "[]byte("), ")"))
		if err != nil {
			continue
		}
		cases = append(cases, specgen.Case{Name: "fuzz/" + filepath.Base(f), Input: []byte(in)})
	}
	return cases
}
