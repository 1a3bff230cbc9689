package importer

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/runtime"

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

// releaseFields reads the release: the new workload's version, replicas
// and container changes, and the Strategy's type, traffic and policy.
func releaseFields(sp *api.ServiceSpecSpec, s *service) error {
	st := s.strategy.typed.(*sm.Strategy)
	next := s.release.typed
	r := &api.Release{Name: st.Name, Policy: api.ReleasePolicy(st.Spec.StrategyPolicy),
		Version: labelsOf(next)[kubesphere.LabelVersion], Replicas: replicasOf(next)}
	if st.Spec.Principal != sp.Version {
		return fmt.Errorf("the Strategy %s starts from %q, not from the running version %q", st.Name, st.Spec.Principal, sp.Version)
	}
	if err := strategyOf(r, st); err != nil {
		return err
	}
	t := console.PodTemplate(next)
	var nextSpec api.ServiceSpecSpec
	if err := console.ReadPodTemplate(t, labelsOf(next), s.app != nil, &nextSpec); err != nil {
		return err
	}
	changes, err := containerChanges(sp.Containers, nextSpec.Containers)
	if err != nil {
		return err
	}
	r.Containers = changes
	sp.Release = r
	return nil
}

func replicasOf(obj runtime.Object) *int32 {
	if w, ok := obj.(*appsv1.Deployment); ok {
		return w.Spec.Replicas
	}
	return nil
}

// strategyOf reads the Strategy's type and traffic into the release.
func strategyOf(r *api.Release, st *sm.Strategy) error {
	routes := st.Spec.Template.Spec.HTTP
	for _, t := range st.Spec.Template.Spec.TCP {
		hr := sm.HTTPRoute{}
		for _, d := range t.Route {
			hr.Route = append(hr.Route, sm.HTTPRouteDestination(d))
		}
		routes = append(routes, hr)
	}
	switch st.Spec.Type {
	case sm.TypeCanary:
		r.Strategy = api.Canary
		return canaryOf(r, routes)
	case sm.TypeBluegreen, string(api.BlueGreen):
		r.Strategy, r.Governor = api.BlueGreen, st.Spec.Governor
	case sm.TypeMirror:
		r.Strategy = api.Mirror
	default:
		return fmt.Errorf("the Strategy's type %q is not one the console writes (Canary, Bluegreen, Mirror)", st.Spec.Type)
	}
	return nil
}

// canaryOf reads a Canary by traffic (the new version's weight). A Canary
// by content (its first route matches requests) is one servicespec does not
// render: KubeSphere's Strategy CRD cannot hold its match.
func canaryOf(r *api.Release, routes []sm.HTTPRoute) error {
	if len(routes) == 0 {
		return fmt.Errorf("the Canary Strategy has no routes")
	}
	if len(routes[0].Match) > 0 {
		return fmt.Errorf("the Strategy is a Canary by content, which servicespec does not render: KubeSphere's Strategy CRD has no schema for a request match's exact, prefix or regex (kubesphere/kubesphere#3845)")
	}
	for _, d := range routes[0].Route {
		if d.Destination.Subset == r.Version && d.Weight != nil {
			r.Weight = d.Weight
			return nil
		}
	}
	return fmt.Errorf("the Canary Strategy gives the new version %s no weight", r.Version)
}

// containerChanges are the fields of each new container that differ from
// the running one's, by name. A field the new version drops cannot be
// expressed (a change only sets fields).
func containerChanges(running, next []api.Container) ([]api.Container, error) {
	if len(running) != len(next) {
		return nil, fmt.Errorf("the new version has %d containers, the running one %d: a release changes containers, it does not add or remove them", len(next), len(running))
	}
	var out []api.Container
	for i, n := range next {
		o := running[i]
		if o.Name != n.Name {
			return nil, fmt.Errorf("the new version's container %d is %s, the running one's %s", i, n.Name, o.Name)
		}
		change, dropped, err := changedFields(o, n)
		if err != nil {
			return nil, err
		}
		if dropped != "" {
			return nil, fmt.Errorf("the new version's container %s drops %s, which a release cannot express", n.Name, dropped)
		}
		if len(change) == 0 {
			continue
		}
		c, err := containerOf(change, n.Name)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// changedFields compares two containers in their JSON form: the fields of
// next that differ from base, and the first field (by name) base has and
// next lacks, "" when none.
func changedFields(base, next api.Container) (map[string]json.RawMessage, string, error) {
	var b, n map[string]json.RawMessage
	if err := unmarshalJSON(base, &b); err != nil {
		return nil, "", err
	}
	if err := unmarshalJSON(next, &n); err != nil {
		return nil, "", err
	}
	change := map[string]json.RawMessage{}
	for k, v := range n {
		if string(b[k]) != string(v) {
			change[k] = v
		}
	}
	for _, k := range slices.Sorted(maps.Keys(b)) {
		if _, ok := n[k]; !ok {
			return change, k, nil
		}
	}
	return change, "", nil
}

// containerOf is the container made of the changed fields, named.
func containerOf(change map[string]json.RawMessage, name string) (api.Container, error) {
	change["name"], _ = json.Marshal(name)
	var c api.Container
	err := unmarshalJSON(change, &c)
	return c, err
}

// unmarshalJSON converts between two JSON shapes of the same data.
func unmarshalJSON(from, to any) error {
	data, err := json.Marshal(from)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, to)
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
