package render

import (
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// Objects expands one ServiceSpec. The spec must be defaulted and valid.
// workloads resolves spec.workloadRef; it is only used by Workload services.
func Objects(s *api.ServiceSpec, workloads Workloads) ([]runtime.Object, field.ErrorList) {
	switch s.Spec.Type {
	case api.Stateless:
		return []runtime.Object{Deployment(s), Service(s)}, nil
	case api.Stateful:
		objs := []runtime.Object{StatefulSet(s), Service(s)}
		if s.Spec.Access == api.VirtualIP {
			objs = append(objs, GoverningService(s))
		}
		return objs, nil
	case api.External:
		return []runtime.Object{ExternalNameService(s)}, nil
	case api.Workload:
		svc, errs := WorkloadService(s, workloads)
		if len(errs) > 0 {
			return nil, errs
		}
		return []runtime.Object{svc}, nil
	}
	return nil, nil
}
