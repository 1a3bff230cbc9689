package cli

import (
	"slices"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/krm"
)

// PlacedClusters lists the member clusters the ServiceSpecs of a stream of
// documents place services in (spec.placement.clusters), sorted, each
// once: the clusters `render --cluster` can be asked for. Documents that
// do not read are left out (render reports them).
func PlacedClusters(data []byte) []string {
	items, _, err := krm.ReadDocuments("<stdin>", data)
	if err != nil {
		return nil
	}
	var out []string
	for _, it := range items {
		if it.Kind != api.Kind || it.GroupVersionKind().Group != api.Group {
			continue
		}
		var s api.ServiceSpec
		if it.As(&s) != nil || s.Spec.Placement == nil {
			continue
		}
		for _, c := range s.Spec.Placement.Clusters {
			if c != "" && !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	slices.Sort(out)
	return out
}
