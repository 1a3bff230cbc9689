package console

import (
	kubefed "github.com/servicespec/servicespec/fn/api/kubefed/v1beta1"
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// Kind is one kind servicespec generates. Every part of the pipeline that
// must know the generated kinds asks the table, so that a kind added here
// is owned, compared and imported everywhere at once:
//
//   - the function prunes an item only when its kind is in the table and it
//     carries servicespec.dev/generated-from (see docs/design.md, "Ownership");
//   - a re-render decodes the outputs it replaces into their Go types, to
//     warn about hand edits and about changes a cluster cannot apply in
//     place (Changes);
//   - import decodes live objects of these kinds and removes what the API
//     server defaulted (Undefault) before it compares them with a render.
type Kind struct {
	GVK schema.GroupVersionKind
	// New returns an empty object of the kind's Go type.
	New func() runtime.Object
	// Undefault removes from an object read back from a cluster its status
	// and the fields the API server set to their defaults, so that it
	// compares equal with the object a render writes.
	Undefault func(obj runtime.Object)
	// Changes describes what changes between an earlier output and this
	// run's that the API server refuses to change in place; nil when the
	// kind has no immutable field servicespec writes.
	Changes func(old, now runtime.Object) []string
	// Workload is true for the kinds that run the service's pods.
	Workload bool
	// ReadWorkload, for the kinds a service's workload can be, reads the
	// workload's own fields and the console's annotations on it back into
	// the spec (member: the service is a member of a composed app, which
	// holds its mesh setting). Its pod template is read by ReadPodTemplate.
	ReadWorkload func(obj runtime.Object, sp *api.ServiceSpecSpec, member bool) error
	// buildWorkload, for the same kinds, makes a service's workload.
	buildWorkload func(s *service) runtime.Object
	// RenameNote, for a workload kind, says what renaming the workload
	// (spec.version changed) does beyond replacing its pods; empty when
	// nothing more.
	RenameNote string
	// ImportNote says why import leaves an object of the kind as it is
	// when no service or app it converts takes it: what the console makes
	// around such an object. Empty: a general note.
	ImportNote string
	// Companion is set for a kind the console makes beside a service's
	// workload, from one spec field.
	Companion *Companion
	// federates, for a kubefed kind, is the plain kind it propagates; wrap
	// makes one from a plain object of that kind, its placement and its
	// clusters' overrides.
	federates *Kind
	wrap      func(s *service, obj runtime.Object, p kubefed.Placement, ov []kubefed.Override) runtime.Object
	// explain replays the mappings that write an object of the kind, each
	// list at its place in the object (Explain).
	explain func(s *service, obj runtime.Object) []anchored
}

// A Companion is an object made beside a service's workload and named like
// it (<name>-<version>), from one spec field: render builds it when the
// field is set, import reads it back into the field.
type Companion struct {
	// Field is the spec field, by its JSON name.
	Field string
	// Build makes the object, or returns nil when the spec does not set
	// the field.
	Build func(s *service) runtime.Object
	// Read sets the field from an object of the kind.
	Read func(obj runtime.Object, sp *api.ServiceSpecSpec) error
	// Why says what the console makes of the field (render --explain).
	Why string
}

// WorkloadKindNamed is the workload kind of a kind's name (Deployment,
// StatefulSet); nil for any other.
func WorkloadKindNamed(kind string) *Kind {
	for _, k := range table {
		if k.ReadWorkload != nil && k.GVK.Kind == kind {
			return k
		}
	}
	return nil
}

// Companions are the companion kinds, in the table's order.
func Companions() []*Kind {
	var out []*Kind
	for _, k := range table {
		if k.Companion != nil {
			out = append(out, k)
		}
	}
	return out
}

// typeMeta is the apiVersion and kind of a group, version and kind.
func typeMeta(gvk schema.GroupVersionKind) metav1.TypeMeta {
	return metav1.TypeMeta{APIVersion: gvk.GroupVersion().String(), Kind: gvk.Kind}
}

// WorkloadKindOf is the kind of a service type's workload.
func WorkloadKindOf(t api.ServiceType) *Kind { return workloadKindOf(t) }

// ReleaseKind is the kind of a grayscale release's Strategy.
func ReleaseKind() *Kind { return strategyKind }

// workloadKindOf is the kind of a service type's workload.
func workloadKindOf(t api.ServiceType) *Kind {
	if t == api.Stateful {
		return statefulSetKind
	}
	return deploymentKind
}

// table holds every generated kind, each defined in its own file.
var table = []*Kind{
	deploymentKind, statefulSetKind, serviceKind, autoscalerKind, disruptionBudgetKind,
	applicationKind, ingressKind, strategyKind,
	federatedDeploymentKind, federatedStatefulSetKind, federatedServiceKind,
}

var byGVK = func() map[schema.GroupVersionKind]*Kind {
	m := make(map[schema.GroupVersionKind]*Kind, len(table))
	for _, k := range table {
		m[k.GVK] = k
	}
	return m
}()

// KindOf returns the generated kind with this group, version and kind, or nil
// when servicespec does not generate it.
func KindOf(gvk schema.GroupVersionKind) *Kind { return byGVK[gvk] }

// Kinds returns every generated kind, in a fixed order.
func Kinds() []*Kind { return append([]*Kind(nil), table...) }

// unlessEqual is nil for a pointer to the default value: the field then
// reads as unset.
func unlessEqual[T comparable](v *T, def T) *T {
	if v != nil && *v == def {
		return nil
	}
	return v
}

// zeroIf is the zero value for the default value.
func zeroIf[T comparable](v, def T) T {
	var zero T
	if v == def {
		return zero
	}
	return v
}
