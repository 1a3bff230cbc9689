package kinds

import (
	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
)

var deployment = &Kind{
	GVK:      appsv1.SchemeGroupVersion.WithKind("Deployment"),
	New:      func() runtime.Object { return &appsv1.Deployment{} },
	Workload: true,
	Undefault: func(obj runtime.Object) {
		d := obj.(*appsv1.Deployment)
		d.Status = appsv1.DeploymentStatus{}
		s := &d.Spec
		s.Replicas = unlessEqual(s.Replicas, 1)
		s.RevisionHistoryLimit = unlessEqual(s.RevisionHistoryLimit, 10)
		s.ProgressDeadlineSeconds = unlessEqual(s.ProgressDeadlineSeconds, 600)
		if s.Strategy.Type == "" || s.Strategy.Type == appsv1.RollingUpdateDeploymentStrategyType {
			if r := s.Strategy.RollingUpdate; r == nil || (isPercent(r.MaxSurge, "25%") && isPercent(r.MaxUnavailable, "25%")) {
				s.Strategy = appsv1.DeploymentStrategy{}
			}
		}
		undefaultPodTemplate(&s.Template)
	},
	Changes: func(old, now runtime.Object) []string {
		o, n := old.(*appsv1.Deployment), now.(*appsv1.Deployment)
		f := immutableFields{kind: "Deployment", name: n.Name}
		f.check("spec.selector", o.Spec.Selector, n.Spec.Selector)
		return f.msgs
	},
	ImportNote: "no console-made Service fronts it (the console makes a workload <name>-<version> with a Service <name> annotated kubesphere.io/serviceType)",
}

func isPercent(v *intstr.IntOrString, want string) bool {
	return v != nil && v.Type == intstr.String && v.StrVal == want
}
