package importer_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicespec/servicespec/fn/importer"
	"github.com/servicespec/servicespec/fn/internal/testutil"
	"github.com/servicespec/servicespec/fn/krm"
)

// Each case of testdata/import converts the services and apps it says and
// leaves the rest as it is, each left-out service with the note it says.
// (fn/cli checks the command around it: the stream it writes, its summary,
// and that rendering the output gives every input object back.)
func TestImportCorpus(t *testing.T) {
	for _, c := range testutil.ImportCases(t) {
		t.Run(filepath.Base(c.Path), func(t *testing.T) {
			want := c.Want
			items, _, err := krm.ReadDocuments(c.Path, c.Data)
			if err != nil {
				t.Fatal(err)
			}
			res, err := importer.Import(items)
			if err != nil {
				t.Fatal(err)
			}
			if raw := len(res.Apps) + len(res.Rest); len(res.Specs) != want.Specs || raw != want.Raw {
				t.Errorf("%d ServiceSpecs and %d other objects, want %d and %d; notes %q", len(res.Specs), raw, want.Specs, want.Raw, res.Left)
			}
			for _, w := range want.Warnings {
				if !containsAny(res.Left, w) {
					t.Errorf("no note says %q: %q", w, res.Left)
				}
			}
		})
	}
}

func containsAny(notes []string, s string) bool {
	for _, n := range notes {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}
