package console

import (
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// Deployment is the Stateless service's workload, <name>-<version>.
func Deployment(s *service) *appsv1.Deployment {
	d := &appsv1.Deployment{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
		ObjectMeta: objectMeta(s, "", objectLabels(s), workloadAnnotations(s)),
		Spec:       appsv1.DeploymentSpec{Template: podTemplate(s)},
	}
	writeAll(s, d, deploymentMappings)
	return d
}

// deploymentMappings are the fields of the Deployment itself.
var deploymentMappings = []mapping[*appsv1.Deployment]{
	{fields: []string{"version"}, from: "metadata.name", why: workloadIdentity, unread: versionUnread, write: func(s *service, d *appsv1.Deployment) {
		d.Name, d.Spec.Selector = s.workloadName(), &metav1.LabelSelector{MatchLabels: selectorLabels(s)}
	}},
	{fields: []string{"replicas"}, write: func(s *service, d *appsv1.Deployment) {
		d.Spec.Replicas = workloadReplicas(s)
	}, read: func(d *appsv1.Deployment, sp *api.ServiceSpecSpec) error {
		sp.Replicas = d.Spec.Replicas
		return nil
	}},
	{fields: []string{"strategy"}, write: func(s *service, d *appsv1.Deployment) {
		d.Spec.Strategy = deploymentStrategy(s.Spec.Strategy)
	}, read: func(d *appsv1.Deployment, sp *api.ServiceSpecSpec) error {
		st := d.Spec.Strategy
		sp.Strategy = &api.Strategy{Type: api.UpdateStrategyType(st.Type)}
		if r := st.RollingUpdate; r != nil {
			sp.Strategy.MaxSurge, sp.Strategy.MaxUnavailable = r.MaxSurge, r.MaxUnavailable
		}
		return nil
	}},
}

// workloadAnnotations are kubesphere.io/creator, the related autoscaler,
// the mesh marker and spec.annotations.
func workloadAnnotations(s *service) map[string]string {
	return writeAnnotations(s, workloadAnnotationMappings)
}

func deploymentStrategy(st *api.Strategy) appsv1.DeploymentStrategy {
	out := appsv1.DeploymentStrategy{Type: appsv1.DeploymentStrategyType(st.Type)}
	if st.Type == api.RollingUpdate {
		out.RollingUpdate = &appsv1.RollingUpdateDeployment{MaxUnavailable: st.MaxUnavailable, MaxSurge: st.MaxSurge}
	}
	return out
}

// workloadReplicas is spec.replicas, or nothing under an autoscaler: a
// re-apply must not reset the replicas the autoscaler chose.
func workloadReplicas(s *service) *int32 {
	if s.Spec.Autoscaling != nil {
		return nil
	}
	return s.Spec.Replicas
}

var deploymentKind = &Kind{
	GVK:           appsv1.SchemeGroupVersion.WithKind("Deployment"),
	New:           func() runtime.Object { return &appsv1.Deployment{} },
	Workload:      true,
	buildWorkload: func(s *service) runtime.Object { return Deployment(s) },
	explain: func(s *service, _ runtime.Object) []anchored {
		return append(workloadPlaces(), anchored{"", func(s *service) []written {
			return replay(s, func() *appsv1.Deployment { return &appsv1.Deployment{} }, deploymentMappings)
		}})
	},
	ReadWorkload: func(obj runtime.Object, sp *api.ServiceSpecSpec, member bool) error {
		d := obj.(*appsv1.Deployment)
		if err := readWorkloadAnnotations(d.Annotations, sp, member); err != nil {
			return err
		}
		return readAll(d, sp, deploymentMappings)
	},
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
