package console

import (
	"maps"
	"slices"
	"strconv"

	sm "github.com/servicespec/servicespec/fn/api/servicemesh/v1alpha2"
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/kubesphere"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"
)

// Strategy is the servicemesh.kubesphere.io/v1alpha2 Strategy of a
// release, as the console's grayscale release forms write it: labelled and
// selecting by the app's labels and app: <name>, annotated with both
// workloads, their kind and the running replicas, and holding the
// VirtualService template of the strategy. The console's spec.protocol is
// left out: the Strategy CRD has no such field and the API server drops it.
func Strategy(s *service) *sm.Strategy {
	r := s.Spec.Release
	labels := appLabels(s.app)
	if labels == nil {
		labels = map[string]string{}
	}
	labels[kubesphere.LabelApp] = s.Name
	annotations := map[string]string{
		kubesphere.AnnotationOldWorkloadName:  s.workloadName(),
		kubesphere.AnnotationNewWorkloadName:  kubesphere.WorkloadName(s.Name, s.Spec.Release.Version),
		kubesphere.AnnotationWorkloadType:     "deployments", // a release runs on Deployments only
		kubesphere.AnnotationWorkloadReplicas: strconv.Itoa(int(api.RunningReplicas(&s.Spec))),
	}
	if s.app != nil && s.app.Spec.Icon != "" {
		annotations[kubesphere.AnnotationAppIcon] = s.app.Spec.Icon
	}
	maps.Copy(annotations, creatorAnnotation(s.Spec.Creator))
	return &sm.Strategy{
		TypeMeta:   metav1.TypeMeta{APIVersion: sm.GroupVersion.String(), Kind: "Strategy"},
		ObjectMeta: objectMeta(s, r.Name, labels, annotations),
		Spec: sm.StrategySpec{
			Type:           strategyType(r.Strategy),
			Principal:      s.Spec.Version,
			Governor:       governor(s),
			Selector:       &metav1.LabelSelector{MatchLabels: maps.Clone(labels)},
			Template:       sm.VirtualServiceTemplate{Spec: virtualService(s)},
			StrategyPolicy: string(r.Policy),
		},
	}
}

// strategyType is the console's spelling of the type.
func strategyType(t api.ReleaseStrategy) string {
	switch t {
	case api.BlueGreen:
		return sm.TypeBluegreen
	case api.Mirror:
		return sm.TypeMirror
	}
	return sm.TypeCanary
}

// governor is the version that takes all traffic: BlueGreen's choice, and
// for a Canary by traffic the version at 100%, as the console's traffic
// slider sets it.
func governor(s *service) string {
	r := s.Spec.Release
	switch {
	case r.Strategy == api.BlueGreen:
		return r.Governor
	case r.Strategy != api.Canary || r.Weight == nil:
		return ""
	case *r.Weight == 100:
		return r.Version
	case *r.Weight == 0:
		return s.Spec.Version
	}
	return ""
}

// virtualService is the template the controller makes the VirtualService
// from: the routes of the strategy, under http or tcp as the console picks
// by the Service's first port name.
func virtualService(s *service) sm.VirtualService {
	routes := httpRoutes(s)
	vs := sm.VirtualService{Hosts: []string{s.Name}}
	if kubesphere.ReleaseProtocol(firstPortName(s)) == kubesphere.ReleaseHTTP {
		vs.HTTP = routes
		return vs
	}
	for _, hr := range routes {
		var tr sm.TCPRoute
		for _, d := range hr.Route {
			tr.Route = append(tr.Route, sm.RouteDestination(d))
		}
		vs.TCP = append(vs.TCP, tr)
	}
	return vs
}

func httpRoutes(s *service) []sm.HTTPRoute {
	r := s.Spec.Release
	old := func(w int32) sm.HTTPRouteDestination { return destination(s.Name, s.Spec.Version, w) }
	next := func(w int32) sm.HTTPRouteDestination { return destination(s.Name, r.Version, w) }
	switch r.Strategy {
	case api.BlueGreen:
		if r.Governor == r.Version {
			return []sm.HTTPRoute{{Route: []sm.HTTPRouteDestination{old(0), next(100)}}}
		}
		return []sm.HTTPRoute{{Route: []sm.HTTPRouteDestination{old(100), next(0)}}}
	case api.Mirror:
		return []sm.HTTPRoute{{Route: []sm.HTTPRouteDestination{old(100)}, Mirror: &sm.Destination{Host: s.Name, Subset: r.Version}}}
	}
	return []sm.HTTPRoute{{Route: []sm.HTTPRouteDestination{old(100 - *r.Weight), next(*r.Weight)}}}
}

func destination(host, version string, weight int32) sm.HTTPRouteDestination {
	return sm.HTTPRouteDestination{Destination: sm.Destination{Host: host, Subset: version}, Weight: ptr.To(weight)}
}

// NamingField is the spec field that names a generated object, and the
// value written there: the release's name for its Strategy (the Strategy's
// own name), metadata.name (specName, from which every other name derives)
// for the rest. A collision error points at it: it is the field the user
// renames.
func NamingField(obj runtime.Object, specName string) (*field.Path, string) {
	if st, ok := obj.(*sm.Strategy); ok {
		return field.NewPath("spec", "release", "name"), st.Name
	}
	return field.NewPath("metadata", "name"), specName
}

// strategy is a grayscale release's Strategy. Its status is the
// controller's (and not typed); nothing else is defaulted.
var strategyKind = &Kind{
	explain: func(s *service, obj runtime.Object) []anchored {
		return []anchored{{"", func(s *service) []written {
			values := leaves(Strategy(s))
			return []written{{paths: slices.Collect(maps.Keys(values)), values: values, fields: []string{"release"},
				why: "the console's Strategy of the release: its workloads, traffic and policy"}}
		}}, {"metadata.annotations", func(s *service) []written { return replayAnnotations(s, []annotationMapping{creatorMapping}) }}}
	},
	GVK:       sm.GroupVersion.WithKind("Strategy"),
	New:       func() runtime.Object { return &sm.Strategy{} },
	Undefault: func(runtime.Object) {},
}

// firstPortName is the name of the Service's first port.
func firstPortName(s *service) string {
	if ports := servicePorts(&s.Spec); len(ports) > 0 {
		return ports[0].Name
	}
	return ""
}
