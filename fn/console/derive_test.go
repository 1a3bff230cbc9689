package console

import (
	"testing"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// A cluster's spec takes its overrides; a cluster without any runs the
// spec itself.
func TestClusterSpec(t *testing.T) {
	s := &api.ServiceSpec{Spec: api.ServiceSpecSpec{
		Type: api.Stateful, Replicas: new(int32(1)),
		Containers:           []api.Container{{Name: "db", Image: "pg:16"}},
		VolumeClaimTemplates: []api.VolumeClaimTemplate{{Name: "data", Size: "10Gi"}},
		Placement: &api.Placement{Clusters: []string{"east", "west"}, Overrides: map[string]api.ClusterOverride{
			"west": {Replicas: new(int32(3)), Containers: []api.Container{{Name: "db", Image: "pg:17"}},
				VolumeClaimTemplates: []api.VolumeClaimTemplate{{Name: "data", Size: "50Gi"}}},
		}},
	}}
	if ClusterSpec(s, "east") != s {
		t.Error("east has no overrides: its spec is the spec")
	}
	w := ClusterSpec(s, "west")
	if *w.Spec.Replicas != 3 || w.Spec.Containers[0].Image != "pg:17" || w.Spec.VolumeClaimTemplates[0].Size != "50Gi" {
		t.Errorf("west: %+v", w.Spec)
	}
	if *s.Spec.Replicas != 1 || s.Spec.Containers[0].Image != "pg:16" || s.Spec.VolumeClaimTemplates[0].Size != "10Gi" {
		t.Error("ClusterSpec changed the spec")
	}
	if !Placed(s, "west") || Placed(s, "north") {
		t.Error("Placed")
	}
}
