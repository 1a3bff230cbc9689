package v1alpha1

import (
	"reflect"

	corev1 "k8s.io/api/core/v1"
)

// The mappings render and import share, so that a field added once works
// both ways: the Container fields that are corev1.Container's own, and the
// annotations render writes itself.

// coreFieldPairs pairs each field of Container with the corev1.Container
// field of the same name and type, by index: the fields copied as they
// are. Ports, volume mounts (the console's models), resources (optional
// here) and the pull secret (a pod annotation) differ, and are mapped by
// hand.
var coreFieldPairs = func() [][2]int {
	ours, core := reflect.TypeFor[Container](), reflect.TypeFor[corev1.Container]()
	var pairs [][2]int
	for i := range ours.NumField() {
		f := ours.Field(i)
		if c, ok := core.FieldByName(f.Name); ok && c.Type == f.Type && len(c.Index) == 1 {
			pairs = append(pairs, [2]int{i, c.Index[0]})
		}
	}
	return pairs
}()

// CopyToCore copies the fields Container shares with corev1.Container.
func (c *Container) CopyToCore(k *corev1.Container) {
	from, to := reflect.ValueOf(c).Elem(), reflect.ValueOf(k).Elem()
	for _, p := range coreFieldPairs {
		to.Field(p[1]).Set(from.Field(p[0]))
	}
}

// CopyFromCore copies the fields corev1.Container shares with Container.
func (c *Container) CopyFromCore(k *corev1.Container) {
	from, to := reflect.ValueOf(k).Elem(), reflect.ValueOf(c).Elem()
	for _, p := range coreFieldPairs {
		to.Field(p[0]).Set(from.Field(p[1]))
	}
}
