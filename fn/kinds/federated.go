package kinds

import (
	"k8s.io/apimachinery/pkg/runtime"

	kubefed "github.com/servicespec/servicespec/fn/api/kubefed/v1beta1"
)

// The federated kinds of a placed service. kubefed's CRDs keep a template
// as written (unvalidated, undefaulted), but each member cluster's API
// server defaults the object it receives: a template undefaults as that
// object does. Their status is kubefed's; what cannot change in place is
// what cannot change in the objects every member cluster receives.

var federatedDeployment = &Kind{
	GVK: kubefed.GroupVersion.WithKind("FederatedDeployment"),
	New: func() runtime.Object { return &kubefed.FederatedDeployment{} },
	Undefault: func(obj runtime.Object) {
		f := obj.(*kubefed.FederatedDeployment)
		d := f.Object()
		deployment.Undefault(d)
		f.Spec.Template.Spec = d.Spec
	},
	Workload: true,
	Changes: func(old, now runtime.Object) []string {
		return deployment.Changes(old.(*kubefed.FederatedDeployment).Object(), now.(*kubefed.FederatedDeployment).Object())
	},
}

var federatedStatefulSet = &Kind{
	GVK: kubefed.GroupVersion.WithKind("FederatedStatefulSet"),
	New: func() runtime.Object { return &kubefed.FederatedStatefulSet{} },
	Undefault: func(obj runtime.Object) {
		f := obj.(*kubefed.FederatedStatefulSet)
		st := f.Object()
		statefulSet.Undefault(st)
		f.Spec.Template.Spec = st.Spec
	},
	Workload: true,
	Changes: func(old, now runtime.Object) []string {
		return statefulSet.Changes(old.(*kubefed.FederatedStatefulSet).Object(), now.(*kubefed.FederatedStatefulSet).Object())
	},
}

var federatedService = &Kind{
	GVK: kubefed.GroupVersion.WithKind("FederatedService"),
	New: func() runtime.Object { return &kubefed.FederatedService{} },
	Undefault: func(obj runtime.Object) {
		f := obj.(*kubefed.FederatedService)
		svc := f.Object()
		service.Undefault(svc)
		f.Spec.Template.Spec = svc.Spec
	},
	Changes: func(old, now runtime.Object) []string {
		return service.Changes(old.(*kubefed.FederatedService).Object(), now.(*kubefed.FederatedService).Object())
	},
}
