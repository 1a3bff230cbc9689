package v1alpha1

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	corev1 "k8s.io/api/core/v1"
)

// A change overlays exactly the fields it sets: an env change keeps the
// image, and a
// change naming no container changes nothing.
func TestMergeContainers(t *testing.T) {
	base := []Container{
		{Name: "web", Image: "nginx:1.25", Env: []corev1.EnvVar{{Name: "A", Value: "1"}}, Command: []string{"nginx"}},
		{Name: "sidecar", Image: "envoy:1"},
	}
	got := MergeContainers(base, []Container{
		{Name: "web", Env: []corev1.EnvVar{{Name: "A", Value: "2"}}},
		{Name: "nope", Image: "x"},
	})
	want := []Container{
		{Name: "web", Image: "nginx:1.25", Env: []corev1.EnvVar{{Name: "A", Value: "2"}}, Command: []string{"nginx"}},
		{Name: "sidecar", Image: "envoy:1"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	got = MergeContainers(base, []Container{{Name: "sidecar", Image: "envoy:2"}})
	if got[1].Image != "envoy:2" || got[0].Image != "nginx:1.25" {
		t.Errorf("an image change: %+v", got)
	}
}

// A cluster's spec takes its overrides; a cluster without any runs the
// spec itself.
func TestClusterSpec(t *testing.T) {
	s := &ServiceSpec{Spec: ServiceSpecSpec{
		Type: Stateful, Replicas: new(int32(1)),
		Containers:           []Container{{Name: "db", Image: "pg:16"}},
		VolumeClaimTemplates: []VolumeClaimTemplate{{Name: "data", Size: "10Gi"}},
		Placement: &Placement{Clusters: []string{"east", "west"}, Overrides: map[string]ClusterOverride{
			"west": {Replicas: new(int32(3)), Containers: []Container{{Name: "db", Image: "pg:17"}},
				VolumeClaimTemplates: []VolumeClaimTemplate{{Name: "data", Size: "50Gi"}}},
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
