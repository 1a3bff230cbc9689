package cli_test

import (
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/servicespec/servicespec/bench/corpusgen"
)

// Hostile inputs under 1 MB end with the right exit code and, when they
// write a ResourceList, one that parses. Their time and memory are
// measured by make hostile (part of make bench), not here.
func TestHostileInputs(t *testing.T) {
	for _, h := range corpusgen.HostileInputs() {
		t.Run(h.Name, func(t *testing.T) {
			if len(h.Input) >= 1<<20 {
				t.Fatalf("the input is %d bytes; the corpus stays under 1 MB", len(h.Input))
			}
			out, errOut, code := runFunction(h.Input)
			if code != h.Exit {
				t.Fatalf("exit %d, want %d; stderr:\n%.1000s", code, h.Exit, errOut)
			}
			if code != 0 && len(errOut) == 0 {
				t.Error("an error without a word on stderr")
			}
			if _, err := fn.ParseResourceList(out); len(out) > 0 && err != nil {
				t.Errorf("the output does not parse: %v", err)
			}
		})
	}
}
