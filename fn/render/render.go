package render

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
	// by the caller from ConfigRefs when spec.rolloutOnConfigChange is set.
	ConfigHash string
}

// Objects expands one ServiceSpec. The spec must be defaulted and valid.
func Objects(s *api.ServiceSpec, in Inputs) ([]runtime.Object, field.ErrorList) {
	switch s.Spec.Type {
	case api.Stateless:
		return append([]runtime.Object{Deployment(s, in.ConfigHash), Service(s)}, beyondConsole(s, "Deployment")...), nil
	case api.Stateful:
		objs := []runtime.Object{StatefulSet(s, in.ConfigHash), Service(s)}
		if s.Spec.Access == api.VirtualIP {
			objs = append(objs, GoverningService(s))
		}
		return append(objs, beyondConsole(s, "StatefulSet")...), nil
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

// beyondConsole are the optional objects of a workload-backed service: the
// autoscaler and the disruption budget.
func beyondConsole(s *api.ServiceSpec, workloadKind string) []runtime.Object {
	var objs []runtime.Object
	if s.Spec.Autoscaling != nil {
		objs = append(objs, HorizontalPodAutoscaler(s, workloadKind))
	}
	if s.Spec.DisruptionBudget != nil {
		objs = append(objs, PodDisruptionBudget(s))
	}
	return objs
}
