package importer

import (
	"fmt"
	"slices"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	sm "github.com/servicespec/servicespec/fn/api/servicemesh/v1alpha2"
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/kubesphere"
)

// object is one imported object: cleaned, and typed when it is of a kind a
// console-made service has.
type object struct {
	source
	typed runtime.Object // nil for other kinds; a federated object's plain view
	fed   *federation    // set for a federated object
	used  bool           // claimed by a service
	live  bool           // read back from a cluster: it had server fields
}

// source is where an object came from, for messages.
type source struct {
	file, kind, namespace, name string
}

func (s source) String() string {
	id := s.namespace + "/" + s.name
	if s.file != "" {
		return fmt.Sprintf("%s: %s %s", s.file, s.kind, id)
	}
	return s.kind + " " + id
}

// service is the set of objects that make one console-made service.
type service struct {
	typ                      api.ServiceType
	svc, headless, workload  *object
	companions               []*object // the companion kinds' objects, named like the workload
	release, strategy        *object   // a running grayscale release: the new workload and its Strategy
	namespace, name, version string
	app                      *app // the composed app it belongs to, if any
	converted                bool
}

// live is true when the service was read back from a cluster.
func (s *service) live() bool {
	for _, o := range s.objects() {
		if o.live {
			return true
		}
	}
	return false
}

func (s *service) objects() []*object {
	var out []*object
	for _, o := range slices.Concat([]*object{s.workload, s.svc, s.headless}, s.companions, []*object{s.release, s.strategy}) {
		if o != nil {
			out = append(out, o)
		}
	}
	return out
}

// index finds objects by kind, namespace and name, and workloads by the
// app label a console-made Service's name is.
type index struct {
	byName map[string]*object
	byApp  map[string][]*object
}

func key(kind, namespace, name string) string { return kind + "\x00" + namespace + "\x00" + name }

func newIndex(objs []*object) index {
	idx := index{byName: map[string]*object{}, byApp: map[string][]*object{}}
	for _, o := range objs {
		if o.typed == nil {
			continue
		}
		idx.byName[key(plainKind(o), o.namespace, o.name)] = o
		if app := labelsOf(o.typed)[kubesphere.LabelApp]; app != "" {
			k := key(plainKind(o), o.namespace, app)
			idx.byApp[k] = append(idx.byApp[k], o)
		}
	}
	return idx
}

func (idx index) get(kind, namespace, name string) *object {
	o := idx.byName[key(kind, namespace, name)]
	if o == nil || o.used {
		return nil
	}
	return o
}

// recognize groups the Services with what the console made beside them:
// by its kubesphere.io/serviceType, a Service is the front of a Deployment
// <name>-<version> (statelessservice) or of the StatefulSet it governs
// (statefulservice, alone or as a virtual-IP and headless pair); an
// ExternalName Service is External; any other Service with a selector is a
// Workload service over it. Each service also takes the objects of the
// companion kinds named like its workload. What is not recognized is
// reported.
func recognize(objs []*object, apps map[string]*app) ([]*service, []string) {
	idx := newIndex(objs)
	var out []*service
	var notes []string
	for _, o := range objs {
		svc, ok := o.typed.(*corev1.Service)
		if !ok || o.used {
			continue
		}
		s, why := recognizeService(o, svc, idx)
		if s == nil {
			notes = append(notes, fmt.Sprintf("%s: %s", o, why))
			continue
		}
		if s.typ.HasWorkload() {
			if s.app = appOf(apps, o); s.app != nil {
				s.app.members = append(s.app.members, s)
			}
		}
		for _, m := range s.objects() {
			m.used = true
		}
		out = append(out, s)
	}
	return out, append(notes, sharedSelectors(out)...)
}

func recognizeService(o *object, svc *corev1.Service, idx index) (*service, string) {
	s := &service{svc: o, namespace: o.namespace, name: o.name}
	switch t := svc.Annotations[kubesphere.AnnotationServiceType]; {
	case svc.Spec.Type == corev1.ServiceTypeExternalName:
		s.typ = api.External
	case t == kubesphere.ServiceTypeStateless:
		s.typ = api.Stateless
		if releaseOf(s, idx) {
			break
		}
		if s.workload = versionedWorkload(idx, console.WorkloadKindOf(api.Stateless).GVK.Kind, o); s.workload == nil {
			return nil, "kubesphere.io/serviceType is statelessservice, but no Deployment " + o.name + "-<version> labelled app: " + o.name + " is in the input"
		}
	case t == kubesphere.ServiceTypeStateful:
		s.typ = api.Stateful
		if !statefulWorkload(s, idx) {
			return nil, "kubesphere.io/serviceType is statefulservice, but no StatefulSet in the input names it (or " + o.name + "-headless) as its serviceName"
		}
	case t != "":
		return nil, fmt.Sprintf("kubesphere.io/serviceType %q is not one the console writes", t)
	case len(svc.Spec.Selector) == 0:
		return nil, "a Service without a selector or an ExternalName is not one the console makes"
	default:
		s.typ = api.Workload
	}
	if s.workload != nil {
		w := s.workload
		s.version = labelsOf(w.typed)[kubesphere.LabelVersion]
		for _, k := range console.Companions() {
			if o := idx.get(k.GVK.Kind, w.namespace, w.name); o != nil {
				s.companions = append(s.companions, o)
			}
		}
	}
	return s, ""
}

// versionedWorkload is <name>-<version> of a kind, labelled app: <name>.
func versionedWorkload(idx index, kind string, svc *object) *object {
	for _, o := range idx.byApp[key(kind, svc.namespace, svc.name)] {
		if !o.used && o.name == svc.name+"-"+labelsOf(o.typed)[kubesphere.LabelVersion] {
			return o
		}
	}
	return nil
}

// statefulWorkload finds the StatefulSet a statefulservice fronts: one whose
// serviceName is the Service (headless), or <name>-headless (the pair).
func statefulWorkload(s *service, idx index) bool {
	// A Strategy over StatefulSets is no release KubeSphere serves (its
	// service mesh makes version subsets of Deployments only): the
	// service converts with the version the Strategy names as running, and
	// the Strategy and the other StatefulSet stay as they are.
	w := runningOfStrategy(s, idx, console.WorkloadKindOf(api.Stateful).GVK.Kind)
	if w == nil {
		w = versionedWorkload(idx, console.WorkloadKindOf(api.Stateful).GVK.Kind, s.svc)
	}
	if w == nil {
		return false
	}
	switch w.typed.(*appsv1.StatefulSet).Spec.ServiceName {
	case s.name:
		s.workload = w
		return true
	case s.name + kubesphere.HeadlessSuffix:
		if s.headless = idx.get("Service", s.namespace, s.name+kubesphere.HeadlessSuffix); s.headless != nil {
			s.workload = w
			return true
		}
	}
	return false
}

// runningOfStrategy is the workload of a kind that a Strategy labelled
// app: <name> names as the running version, if it is in the input.
func runningOfStrategy(s *service, idx index, kind string) *object {
	for _, o := range idx.byApp[key(console.ReleaseKind().GVK.Kind, s.namespace, s.name)] {
		st := o.typed.(*sm.Strategy)
		if w := idx.get(kind, s.namespace, st.Annotations[kubesphere.AnnotationOldWorkloadName]); w != nil && !w.used && labelsOf(w.typed)[kubesphere.LabelApp] == s.name {
			return w
		}
	}
	return nil
}

// sharedSelectors notes Services that select the same pods: each converts,
// but the overlap is worth a look.
func sharedSelectors(services []*service) []string {
	var notes []string
	seen := map[string]*object{}
	for _, s := range services {
		sel := s.svc.typed.(*corev1.Service).Spec.Selector
		if len(sel) == 0 {
			continue
		}
		k := s.namespace + "\x00" + fmt.Sprint(sel)
		if first, ok := seen[k]; ok {
			notes = append(notes, fmt.Sprintf("%s: selects the same pods as Service %s/%s (selector %v); check that both are meant", s.svc, first.namespace, first.name, sel))
			continue
		}
		seen[k] = s.svc
	}
	return notes
}

func labelsOf(obj runtime.Object) map[string]string {
	if m, ok := obj.(metav1.Object); ok {
		return m.GetLabels()
	}
	return nil
}
