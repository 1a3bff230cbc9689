package console

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	sm "github.com/servicespec/servicespec/fn/api/servicemesh/v1alpha2"
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/kubesphere"
)

// releaseMapping: spec.release renders the new version's workload
// (releaseWorkload) beside the Strategy (Strategy), and is read back from
// the two (readRelease).
var releaseMapping = struct {
	field string
	build func(s *service, configHash string) runtime.Object
	read  func(st *sm.Strategy, next runtime.Object, member bool, sp *api.ServiceSpecSpec) error
}{"release", releaseWorkload, readRelease}

// ReadRelease reads a running release back into the spec (releaseMapping).
func ReadRelease(st *sm.Strategy, next runtime.Object, member bool, sp *api.ServiceSpecSpec) error {
	return releaseMapping.read(st, next, member, sp)
}

// releaseWorkload is the new version's Deployment <name>-<release.version>,
// derived from the running one as the console derives it: a copy with the
// new version in its name, labels and selector, the release's replicas and
// container changes, and nothing else changed. The copy keeps the running
// pod template's scheduling preset, which selects the running version's
// pods, because the console copies the template as it is. It has no
// kubesphere.io/relatedHPA: the console would copy the running workload's
// annotation, after which deleting the new workload in the console deletes
// the running version's autoscaler.
func releaseWorkload(s *service, configHash string) runtime.Object {
	next := &service{ServiceSpec: ReleaseSpec(s.ServiceSpec), app: s.app, configHash: configHash}
	d := Deployment(next)
	d.Spec.Template.Spec.Affinity = affinity(s)
	return d
}

// readRelease reads a running release back into the spec, the inverse of
// releaseWorkload and Strategy: the new workload's version, replicas and
// container changes (against the spec's, read first), and the Strategy's
// type, traffic and policy. member: the service is a member of a composed
// app.
func readRelease(st *sm.Strategy, next runtime.Object, member bool, sp *api.ServiceSpecSpec) error {
	r := &api.Release{Name: st.Name, Policy: api.ReleasePolicy(st.Spec.StrategyPolicy),
		Version: next.(metav1.Object).GetLabels()[kubesphere.LabelVersion], Replicas: replicasOf(next)}
	if st.Spec.Principal != sp.Version {
		return fmt.Errorf("the Strategy %s starts from %q, not from the running version %q", st.Name, st.Spec.Principal, sp.Version)
	}
	if err := strategyOf(r, st); err != nil {
		return err
	}
	t := PodTemplate(next)
	var nextSpec api.ServiceSpecSpec
	if err := ReadPodTemplate(t, next.(metav1.Object).GetLabels(), member, &nextSpec); err != nil {
		return err
	}
	changes, err := releaseContainerChanges(sp.Containers, nextSpec.Containers)
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
