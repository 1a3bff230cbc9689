package console

import (
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// The disruption budget protects the workload's pods, selected exactly as
// the workload selects them; it is named like the workload.
var disruptionBudgetKind = &Kind{
	GVK: policyv1.SchemeGroupVersion.WithKind("PodDisruptionBudget"),
	New: func() runtime.Object { return &policyv1.PodDisruptionBudget{} },
	Undefault: func(obj runtime.Object) {
		obj.(*policyv1.PodDisruptionBudget).Status = policyv1.PodDisruptionBudgetStatus{}
	},
	Companion: &Companion{
		Field: "disruptionBudget",
		Build: func(s *service) runtime.Object {
			b := s.Spec.DisruptionBudget
			if b == nil {
				return nil
			}
			return &policyv1.PodDisruptionBudget{
				TypeMeta:   typeMeta(policyv1.SchemeGroupVersion.WithKind("PodDisruptionBudget")),
				ObjectMeta: objectMeta(s, s.workloadName(), objectLabels(s), creatorAnnotation(s.Spec.Creator)),
				Spec: policyv1.PodDisruptionBudgetSpec{
					Selector:       &metav1.LabelSelector{MatchLabels: selectorLabels(s)},
					MinAvailable:   b.MinAvailable,
					MaxUnavailable: b.MaxUnavailable,
				},
			}
		},
		Read: func(obj runtime.Object, sp *api.ServiceSpecSpec) error {
			b := obj.(*policyv1.PodDisruptionBudget)
			sp.DisruptionBudget = &api.DisruptionBudget{MinAvailable: b.Spec.MinAvailable, MaxUnavailable: b.Spec.MaxUnavailable}
			return nil
		},
	},
	ImportNote: "no converted service has a workload of its name (the console names it after the workload <name>-<version>)",
}
