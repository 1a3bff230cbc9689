package kinds

import (
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	"k8s.io/apimachinery/pkg/runtime"
)

var horizontalPodAutoscaler = &Kind{
	GVK: autoscalingv2.SchemeGroupVersion.WithKind("HorizontalPodAutoscaler"),
	New: func() runtime.Object { return &autoscalingv2.HorizontalPodAutoscaler{} },
	Undefault: func(obj runtime.Object) {
		obj.(*autoscalingv2.HorizontalPodAutoscaler).Status = autoscalingv2.HorizontalPodAutoscalerStatus{}
	},
	ImportNote: "no converted service has a workload of its name (the console names it after the workload <name>-<version>)",
}
