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
