package v1beta1_test

import (
	"slices"
	"testing"

	kubefed "github.com/servicespec/servicespec/fn/api/kubefed/v1beta1"
)

// Overrides that touch separate places are sorted by path; when one path
// is another's or lies under it, their order matters and is kept.
func TestSortIndependent(t *testing.T) {
	for _, c := range []struct {
		in, want []string
	}{
		{[]string{"/spec/b", "/spec/a/x", "/spec/a/w"}, []string{"/spec/a/w", "/spec/a/x", "/spec/b"}},
		{[]string{"/spec/b", "/spec/a", "/spec/a/x"}, []string{"/spec/b", "/spec/a", "/spec/a/x"}},
		{[]string{"/spec/b", "/spec/a", "/spec/b"}, []string{"/spec/b", "/spec/a", "/spec/b"}},
		{[]string{"/spec/ab", "/spec/a"}, []string{"/spec/a", "/spec/ab"}},
		{[]string{"/spec/a/x", "/spec/a-b", "/spec/a"}, []string{"/spec/a/x", "/spec/a-b", "/spec/a"}},
		{nil, nil},
	} {
		var ops []kubefed.ClusterOverride
		for _, p := range c.in {
			ops = append(ops, kubefed.ClusterOverride{Path: p})
		}
		kubefed.SortIndependent(ops)
		var got []string
		for _, o := range ops {
			got = append(got, o.Path)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("SortIndependent(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
