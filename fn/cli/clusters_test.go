package cli_test

import (
	"slices"
	"testing"

	"github.com/servicespec/servicespec/fn/cli"
)

// The clusters a stream's ServiceSpecs are placed in, each once, sorted;
// other kinds, specs without placement and unreadable documents add none.
func TestPlacedClusters(t *testing.T) {
	stream := `apiVersion: servicespec.dev/v1alpha1
kind: ServiceSpec
metadata: {name: web}
spec: {type: Stateless, placement: {clusters: [west, east]}}
---
apiVersion: servicespec.dev/v1alpha1
kind: ServiceSpec
metadata: {name: db}
spec: {type: Stateful, placement: {clusters: [east, north]}}
---
apiVersion: servicespec.dev/v1alpha1
kind: ServiceSpec
metadata: {name: plain}
spec: {type: External, externalName: x.example.com}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data: {placement: "clusters: [south]"}
`
	if got := cli.PlacedClusters([]byte(stream)); !slices.Equal(got, []string{"east", "north", "west"}) {
		t.Errorf("PlacedClusters = %q", got)
	}
	if got := cli.PlacedClusters([]byte("kind: [")); got != nil {
		t.Errorf("malformed input: %q", got)
	}
}
