package render

import (
	"maps"

	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// Deployment is the Stateless service's workload, <name>-<version>.
func Deployment(s *api.ServiceSpec) *appsv1.Deployment {
	return &appsv1.Deployment{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
		ObjectMeta: objectMeta(s, api.WorkloadName(s), objectLabels(s), workloadAnnotations(s)),
		Spec: appsv1.DeploymentSpec{
			Replicas: s.Spec.Replicas,
			Selector: &metav1.LabelSelector{MatchLabels: selectorLabels(s)},
			Template: podTemplate(s),
			Strategy: deploymentStrategy(s.Spec.Strategy),
		},
	}
}

// workloadAnnotations are kubesphere.io/creator plus spec.annotations.
func workloadAnnotations(s *api.ServiceSpec) map[string]string {
	a := map[string]string{}
	maps.Copy(a, creatorAnnotation(s))
	maps.Copy(a, s.Spec.Annotations)
	return a
}

func deploymentStrategy(st *api.Strategy) appsv1.DeploymentStrategy {
	out := appsv1.DeploymentStrategy{Type: appsv1.DeploymentStrategyType(st.Type)}
	if st.Type == api.RollingUpdate {
		out.RollingUpdate = &appsv1.RollingUpdateDeployment{MaxUnavailable: st.MaxUnavailable, MaxSurge: st.MaxSurge}
	}
	return out
}
