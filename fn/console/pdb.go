package console

import (
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// PodDisruptionBudget protects the workload's pods, selected exactly as the
// workload selects them; it is named like the workload.
func PodDisruptionBudget(s *service) *policyv1.PodDisruptionBudget {
	b := s.Spec.DisruptionBudget
	return &policyv1.PodDisruptionBudget{
		TypeMeta:   metav1.TypeMeta{APIVersion: "policy/v1", Kind: "PodDisruptionBudget"},
		ObjectMeta: objectMeta(s, s.workloadName(), objectLabels(s), creatorAnnotation(s.Spec.Creator)),
		Spec: policyv1.PodDisruptionBudgetSpec{
			Selector:       &metav1.LabelSelector{MatchLabels: selectorLabels(s)},
			MinAvailable:   b.MinAvailable,
			MaxUnavailable: b.MaxUnavailable,
		},
	}
}

var disruptionBudgetKind = &Kind{
	GVK: policyv1.SchemeGroupVersion.WithKind("PodDisruptionBudget"),
	New: func() runtime.Object { return &policyv1.PodDisruptionBudget{} },
	Undefault: func(obj runtime.Object) {
		obj.(*policyv1.PodDisruptionBudget).Status = policyv1.PodDisruptionBudgetStatus{}
	},
	ImportNote: "no converted service has a workload of its name (the console names it after the workload <name>-<version>)",
}
