package console

import (
	"reflect"
	"slices"
	"testing"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	corev1 "k8s.io/api/core/v1"
)

// Every Container field is either copied as it is to and from
// corev1.Container or one of the few mapped by hand: a new field that is
// neither fails here, before render and import disagree about it.
func TestContainerFieldsAreMapped(t *testing.T) {
	byHand := []string{"Ports", "VolumeMounts", "Resources", "ImagePullSecret"}
	copied := map[string]bool{}
	for _, p := range coreFieldPairs {
		copied[reflect.TypeFor[api.Container]().Field(p[0]).Name] = true
	}
	for f := range reflect.TypeFor[api.Container]().Fields() {
		if copied[f.Name] == slices.Contains(byHand, f.Name) {
			t.Errorf("Container.%s: copied %v, mapped by hand %v; want exactly one", f.Name, copied[f.Name], slices.Contains(byHand, f.Name))
		}
	}
	if len(copied) < 20 {
		t.Errorf("only %d fields copied", len(copied))
	}
}

// Copying to corev1.Container and back gives the same fields.
func TestContainerCopyRoundTrip(t *testing.T) {
	tty := true
	c := api.Container{Name: "web", Image: "nginx", Command: []string{"nginx"}, Env: []corev1.EnvVar{{Name: "A", Value: "1"}},
		WorkingDir: "/srv", TTY: tty, ImagePullPolicy: corev1.PullAlways,
		ReadinessProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"true"}}}}}
	var k corev1.Container
	copyToCore(&c, &k)
	if k.Name != "web" || k.Image != "nginx" || k.WorkingDir != "/srv" || !k.TTY || k.ReadinessProbe == nil {
		t.Fatalf("copied to core: %+v", k)
	}
	var back api.Container
	copyFromCore(&back, &k)
	if !reflect.DeepEqual(back, c) {
		t.Errorf("round trip:\n%+v\nwant\n%+v", back, c)
	}
}
