package console

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// Inputs is what a render takes from the resource list besides the spec.
type Inputs struct {
	// Workloads resolves spec.workloadRef (Workload services only).
	Workloads Workloads
	// ConfigHash is the pod template's servicespec.dev/config-hash, computed
	// by the caller from ConfigRefs when spec.rolloutOnConfigChange is set;
	// ReleaseConfigHash is the same for the release's new version.
	ConfigHash, ReleaseConfigHash string
	// App is the composed app the service is a member of (spec.app),
	// defaulted; nil when it is none.
	App *api.AppSpec
	// Cluster, when set, renders a placed service for that one member
	// cluster: the plain objects it receives (none when the service is not
	// placed there) in place of the federated objects.
	Cluster string
}

// Objects expands one ServiceSpec. The spec must be defaulted and valid.
func Objects(spec *api.ServiceSpec, in Inputs) ([]runtime.Object, field.ErrorList) {
	s := &service{ServiceSpec: spec, app: in.App}
	if s.Spec.Placement != nil {
		if in.Cluster != "" {
			return clusterObjects(s, in)
		}
		plain, errs := plainObjects(s, in)
		if len(errs) > 0 {
			return nil, errs
		}
		return placementMapping.build(s, in, plain)
	}
	objs, errs := plainObjects(s, in)
	if len(errs) > 0 || !s.Spec.Type.HasWorkload() {
		return objs, errs
	}
	objs = append(objs, beyondConsole(s)...)
	if s.Spec.Release != nil {
		objs = append(objs, releaseMapping.build(s, in.ReleaseConfigHash), Strategy(s))
	}
	return objs, nil
}

// plainObjects are the objects the console's Create Service wizard writes
// in a single-cluster project.
func plainObjects(s *service, in Inputs) ([]runtime.Object, field.ErrorList) {
	switch s.Spec.Type {
	case api.Stateless, api.Stateful:
		s.configHash = in.ConfigHash
		return workloadAndServices(s), nil
	case api.External:
		return []runtime.Object{ExternalNameService(s)}, nil
	case api.Workload:
		svc, errs := WorkloadService(s, in.Workloads)
		if len(errs) > 0 {
			return nil, errs
		}
		return []runtime.Object{svc}, nil
	}
	return nil, nil
}

// workloadAndServices are the workload and the Service(s) of a Stateless
// or Stateful service: a Stateful service with a virtual IP also has the
// headless Service that governs its pods' DNS names.
func workloadAndServices(s *service) []runtime.Object {
	objs := []runtime.Object{workloadKindOf(s.Spec.Type).buildWorkload(s), Service(s)}
	if s.Spec.Type == api.Stateful && s.Spec.Access == api.VirtualIP {
		objs = append(objs, GoverningService(s))
	}
	return objs
}

// beyondConsole are the optional objects of a workload-backed service made
// beside its workload: the companion kinds, in the table's order.
func beyondConsole(s *service) []runtime.Object {
	var objs []runtime.Object
	for _, k := range Companions() {
		if o := k.Companion.Build(s); o != nil {
			objs = append(objs, o)
		}
	}
	return objs
}
