package kinds

import (
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

var podDisruptionBudget = &Kind{
	GVK: policyv1.SchemeGroupVersion.WithKind("PodDisruptionBudget"),
	New: func() runtime.Object { return &policyv1.PodDisruptionBudget{} },
	Undefault: func(obj runtime.Object) {
		obj.(*policyv1.PodDisruptionBudget).Status = policyv1.PodDisruptionBudgetStatus{}
	},
	ImportNote: "no converted service has a workload of its name (the console names it after the workload <name>-<version>)",
}
