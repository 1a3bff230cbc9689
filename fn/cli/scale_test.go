package cli_test

import (
	"bytes"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/servicespec/servicespec/bench/corpusgen"
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// 10,000 ServiceSpecs and 40,000 passthrough objects run to completion.
// Time and memory are measured by make bench, not asserted here.
func TestScale(t *testing.T) {
	if testing.Short() {
		t.Skip("the 50,000-object scale test is skipped under -short")
	}
	const specs, passthrough = 10_000, 40_000
	var in bytes.Buffer
	if err := corpusgen.Write(&in, specs, passthrough); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runFunction(in.Bytes())
	if code != 0 {
		t.Fatalf("exit %d: %.2000s", code, errOut)
	}
	rl, err := fn.ParseResourceList(out)
	if err != nil {
		t.Fatal(err)
	}
	owners := map[string]bool{}
	generated := 0
	for _, o := range rl.Items {
		if owner := o.GetAnnotation(api.AnnotationGeneratedFrom); owner != "" {
			owners[owner] = true
			generated++
		}
	}
	// Per five specs: 2 Stateless (2 objects each), 1 Stateful (2), 1 External (1), 1 Workload (1).
	if want := specs / 5 * 8; generated != want || len(owners) != specs {
		t.Errorf("generated %d objects for %d specs, want %d for %d", generated, len(owners), want, specs)
	}
	if got, want := len(rl.Items)-generated, specs+passthrough; got != want {
		t.Errorf("%d items besides the generated ones, want %d", got, want)
	}
}
