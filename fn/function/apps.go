package function

import (
	"fmt"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// appIndex joins ServiceSpecs to the AppSpecs they name in spec.app: an
// app and its members are in the same namespace of the same resource
// list; nothing is looked up anywhere else.
type appIndex struct {
	byKey   map[string]*source // namespace/name of every AppSpec
	members map[*api.AppSpec][]*api.ServiceSpec
	failed  map[*source]bool // members whose app is missing or unfit
}

// resolveApps finds every member's app and checks what needs both: the app
// exists, a release's app is governed, a governed member's port names, and
// that the app's routes go to ports of its members.
func resolveApps(sources []*source, r *report) *appIndex {
	idx := &appIndex{byKey: map[string]*source{}, members: map[*api.AppSpec][]*api.ServiceSpec{}, failed: map[*source]bool{}}
	for _, s := range sources {
		if s.isApp() {
			idx.byKey[s.item.Namespace+"/"+s.item.Name] = s
		}
	}
	// An app some of whose members did not decode has members this run
	// does not know: its routes are not checked against them.
	unknownMembers := map[string]bool{}
	for _, s := range sources {
		if !s.isApp() && !s.valid() {
			if name := s.namedApp(); name != "" {
				unknownMembers[s.item.Namespace+"/"+name] = true
			}
		}
	}
	for _, s := range sources {
		if s.isApp() || !s.valid() || s.spec.Spec.App == "" {
			continue
		}
		a := idx.appOf(s, r)
		if a == nil {
			idx.failed[s] = true
			continue
		}
		idx.members[a] = append(idx.members[a], s.spec)
		if errs := api.ValidateMember(s.spec, a); len(errs) > 0 {
			r.errorsAt(s.item, errs)
			idx.failed[s] = true
		}
	}
	for _, s := range sources {
		if s.isApp() && s.valid() && !unknownMembers[s.item.Namespace+"/"+s.item.Name] {
			r.errorsAt(s.item, api.ValidateAppMembers(s.app, idx.members[s.app]))
		}
	}
	return idx
}

// appOf is the app a member names; nil, with an error when the app is
// missing, and without one when the app is there but did not validate
// (its own errors say why).
func (idx *appIndex) appOf(s *source, r *report) *api.AppSpec {
	name := s.spec.Spec.App
	a, ok := idx.byKey[s.spec.Namespace+"/"+name]
	if !ok {
		r.errorAt(s.item, field.NotFound(field.NewPath("spec", "app"), fmt.Sprintf(
			"%s: no AppSpec of that name in namespace %q is in the resource list%s", name, s.spec.Namespace, idx.known(s.spec.Namespace))))
		return nil
	}
	return a.app
}

// known lists the apps of a namespace, for the message of a missing one.
func (idx *appIndex) known(namespace string) string {
	var names []string
	for _, a := range idx.byKey {
		if a.item.Namespace == namespace {
			names = append(names, a.item.Name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	slices.Sort(names)
	return " (the AppSpecs there: " + strings.Join(names, ", ") + ")"
}

// of is the app a ServiceSpec renders with (nil for none); false when its
// app is missing or unfit, so that it is not rendered.
func (idx *appIndex) of(s *source) (*api.AppSpec, bool) {
	if idx.failed[s] {
		return nil, false
	}
	if s.spec.Spec.App == "" {
		return nil, true
	}
	return idx.byKey[s.spec.Namespace+"/"+s.spec.Spec.App].app, true
}

func (idx *appIndex) hasMembers(a *api.AppSpec) bool { return len(idx.members[a]) > 0 }
