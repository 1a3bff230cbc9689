package importer

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	sm "github.com/servicespec/servicespec/fn/api/servicemesh/v1alpha2"
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/kubesphere"
)

// releaseOf finds a running release of a Stateless service: the Strategy
// labelled app: <name>, and the two Deployments it names.
func releaseOf(s *service, idx index) bool {
	kind := console.WorkloadKindOf(api.Stateless).GVK.Kind
	var found *object
	for _, o := range idx.byApp[key(console.ReleaseKind().GVK.Kind, s.namespace, s.name)] {
		if !o.used {
			found = o
		}
	}
	if found == nil {
		return false
	}
	st := found.typed.(*sm.Strategy)
	old := idx.get(kind, s.namespace, st.Annotations[kubesphere.AnnotationOldWorkloadName])
	next := idx.get(kind, s.namespace, st.Annotations[kubesphere.AnnotationNewWorkloadName])
	if old == nil || next == nil || old == next || labelsOf(old.typed)[kubesphere.LabelApp] != s.name || labelsOf(next.typed)[kubesphere.LabelApp] != s.name {
		return false
	}
	s.workload, s.release, s.strategy = old, next, found
	return true
}

// strategyLeftAlone says why a Strategy no converted service took stays as
// it is: a release over StatefulSets (KubeSphere releases Deployments
// only), or the Deployments it names missing from the input.
func strategyLeftAlone(o *object, st *sm.Strategy, idx index) string {
	names := map[string]string{
		st.Annotations[kubesphere.AnnotationOldWorkloadName]: "running",
		st.Annotations[kubesphere.AnnotationNewWorkloadName]: "new",
	}
	var missing []string
	for _, name := range slices.Sorted(maps.Keys(names)) {
		if idx.byName[key(console.WorkloadKindOf(api.Stateful).GVK.Kind, o.namespace, name)] != nil {
			return "a grayscale release over StatefulSets, which KubeSphere does not run (the console's release form and its service mesh take Deployments only)"
		}
		if idx.byName[key(console.WorkloadKindOf(api.Stateless).GVK.Kind, o.namespace, name)] == nil {
			missing = append(missing, fmt.Sprintf("the %s Deployment %q", names[name], name))
		}
	}
	if len(missing) == 0 {
		return "no converted service runs this release (its service and both Deployments are here, but the service did not convert with it)"
	}
	verb := "are"
	if len(missing) == 1 {
		verb = "is"
	}
	return fmt.Sprintf("no converted service runs this release: %s it names (annotations %s and %s) %s not in the input",
		strings.Join(missing, " and "), kubesphere.AnnotationOldWorkloadName, kubesphere.AnnotationNewWorkloadName, verb)
}

// releaseFields reads the release from the service's Strategy and its new
// workload.
func releaseFields(sp *api.ServiceSpecSpec, s *service) error {
	return console.ReadRelease(s.strategy.typed.(*sm.Strategy), s.release.typed, s.app != nil, sp)
}
