package console

import (
	"errors"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

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
	Companion: &Companion{
		Field: "autoscaling",
		// It scales the workload and is named like it, as the console names it.
		Build: func(s *service) runtime.Object {
			a := s.Spec.Autoscaling
			if a == nil {
				return nil
			}
			workload := workloadKindOf(s.Spec.Type)
			return &autoscalingv2.HorizontalPodAutoscaler{
				TypeMeta:   typeMeta(autoscalingv2.SchemeGroupVersion.WithKind("HorizontalPodAutoscaler")),
				ObjectMeta: objectMeta(s, s.workloadName(), objectLabels(s), creatorAnnotation(s.Spec.Creator)),
				Spec: autoscalingv2.HorizontalPodAutoscalerSpec{
					ScaleTargetRef: autoscalingv2.CrossVersionObjectReference{APIVersion: workload.GVK.GroupVersion().String(), Kind: workload.GVK.Kind, Name: s.workloadName()},
					MinReplicas:    a.MinReplicas,
					MaxReplicas:    a.MaxReplicas,
					Metrics:        utilizationMetrics(a),
				},
			}
		},
		// The workload's replicas are the autoscaler's to set: render writes none.
		Read: func(obj runtime.Object, sp *api.ServiceSpecSpec) error {
			h := obj.(*autoscalingv2.HorizontalPodAutoscaler)
			a := &api.Autoscaling{MinReplicas: h.Spec.MinReplicas, MaxReplicas: h.Spec.MaxReplicas}
			for _, m := range h.Spec.Metrics {
				if m.Type != autoscalingv2.ResourceMetricSourceType || m.Resource == nil || m.Resource.Target.Type != autoscalingv2.UtilizationMetricType {
					return errors.New("only CPU and memory utilization targets can be expressed")
				}
				switch m.Resource.Name {
				case corev1.ResourceCPU:
					a.TargetCPUUtilizationPercentage = m.Resource.Target.AverageUtilization
				case corev1.ResourceMemory:
					a.TargetMemoryUtilizationPercentage = m.Resource.Target.AverageUtilization
				}
			}
			sp.Replicas = nil
			sp.Autoscaling = a
			return nil
		},
	},
	ImportNote: "no converted service has a workload of its name (the console names it after the workload <name>-<version>)",
}
