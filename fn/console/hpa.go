package console

import (
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// HorizontalPodAutoscaler scales the workload (of kind Deployment or
// StatefulSet); it is named like the workload, as the console names it.
func HorizontalPodAutoscaler(s *service, workloadKind string) *autoscalingv2.HorizontalPodAutoscaler {
	a := s.Spec.Autoscaling
	return &autoscalingv2.HorizontalPodAutoscaler{
		TypeMeta:   metav1.TypeMeta{APIVersion: "autoscaling/v2", Kind: "HorizontalPodAutoscaler"},
		ObjectMeta: objectMeta(s, s.workloadName(), objectLabels(s), creatorAnnotation(s.Spec.Creator)),
		Spec: autoscalingv2.HorizontalPodAutoscalerSpec{
			ScaleTargetRef: autoscalingv2.CrossVersionObjectReference{APIVersion: "apps/v1", Kind: workloadKind, Name: s.workloadName()},
			MinReplicas:    a.MinReplicas,
			MaxReplicas:    a.MaxReplicas,
			Metrics:        utilizationMetrics(a),
		},
	}
}

func utilizationMetrics(a *api.Autoscaling) []autoscalingv2.MetricSpec {
	var out []autoscalingv2.MetricSpec
	for _, m := range []struct {
		name   corev1.ResourceName
		target *int32
	}{{corev1.ResourceCPU, a.TargetCPUUtilizationPercentage}, {corev1.ResourceMemory, a.TargetMemoryUtilizationPercentage}} {
		if m.target == nil {
			continue
		}
		out = append(out, autoscalingv2.MetricSpec{
			Type: autoscalingv2.ResourceMetricSourceType,
			Resource: &autoscalingv2.ResourceMetricSource{Name: m.name, Target: autoscalingv2.MetricTarget{
				Type: autoscalingv2.UtilizationMetricType, AverageUtilization: m.target,
			}},
		})
	}
	return out
}

var autoscalerKind = &Kind{
	GVK: autoscalingv2.SchemeGroupVersion.WithKind("HorizontalPodAutoscaler"),
	New: func() runtime.Object { return &autoscalingv2.HorizontalPodAutoscaler{} },
	Undefault: func(obj runtime.Object) {
		obj.(*autoscalingv2.HorizontalPodAutoscaler).Status = autoscalingv2.HorizontalPodAutoscalerStatus{}
	},
	ImportNote: "no converted service has a workload of its name (the console names it after the workload <name>-<version>)",
}
