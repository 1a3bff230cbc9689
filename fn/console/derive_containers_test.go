package console

import (
	"reflect"
	"strings"
	"testing"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// A cluster's container and a release's new container are written back as
// their changed fields; a field they drop cannot be written, and the error
// names the first such field by name, whatever the map order.
func TestContainerChanges(t *testing.T) {
	base := api.Container{Name: "web", Image: "nginx:1", Command: []string{"run"}, Args: []string{"-v"}}

	same, err := containerChange(base, base)
	if err != nil || same != nil {
		t.Errorf("an unchanged container gives %+v, %v; want nil, nil", same, err)
	}

	next := base
	next.Image = "nginx:2"
	got, err := containerChange(base, next)
	if want := (&api.Container{Name: "web", Image: "nginx:2"}); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("a new image gives %+v, %v; want %+v", got, err, want)
	}
	list, err := releaseContainerChanges([]api.Container{base}, []api.Container{next})
	if want := []api.Container{{Name: "web", Image: "nginx:2"}}; err != nil || !reflect.DeepEqual(list, want) {
		t.Errorf("a release with a new image gives %+v, %v; want %+v", list, err, want)
	}

	dropped := api.Container{Name: "web", Image: "nginx:1"} // no command, no args
	for i := range 20 {
		_, err := containerChange(base, dropped)
		if err == nil || !strings.Contains(err.Error(), "has no args in it") {
			t.Fatalf("run %d: a cluster's container without args and command: %v; want the error to name args", i, err)
		}
		_, err = releaseContainerChanges([]api.Container{base}, []api.Container{dropped})
		if err == nil || !strings.Contains(err.Error(), "drops args") {
			t.Fatalf("run %d: a release's container without args and command: %v; want the error to name args", i, err)
		}
	}
}
