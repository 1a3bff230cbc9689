package kinds

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
)

var statefulSet = &Kind{
	GVK:       appsv1.SchemeGroupVersion.WithKind("StatefulSet"),
	New:       func() runtime.Object { return &appsv1.StatefulSet{} },
	Workload:  true,
	Undefault: func(obj runtime.Object) { undefaultStatefulSet(obj.(*appsv1.StatefulSet)) },
	Changes: func(old, now runtime.Object) []string {
		o, n := old.(*appsv1.StatefulSet), now.(*appsv1.StatefulSet)
		f := immutableFields{kind: "StatefulSet", name: n.Name}
		f.check("spec.selector", o.Spec.Selector, n.Spec.Selector)
		f.check("spec.serviceName", o.Spec.ServiceName, n.Spec.ServiceName)
		f.check("spec.volumeClaimTemplates", claimTemplates(o), claimTemplates(n))
		return f.msgs
	},
	ImportNote: "no console-made Service fronts it (the console makes a workload <name>-<version> with a Service <name> annotated kubesphere.io/serviceType)",
}

func undefaultStatefulSet(sts *appsv1.StatefulSet) {
	sts.Status = appsv1.StatefulSetStatus{}
	s := &sts.Spec
	s.Replicas = unlessEqual(s.Replicas, 1)
	s.RevisionHistoryLimit = unlessEqual(s.RevisionHistoryLimit, 10)
	if s.PodManagementPolicy == appsv1.OrderedReadyPodManagement {
		s.PodManagementPolicy = ""
	}
	if u := &s.UpdateStrategy; u.Type == "" || u.Type == appsv1.RollingUpdateStatefulSetStrategyType {
		if r := u.RollingUpdate; r != nil {
			// The server defaults maxUnavailable to 1 (MaxUnavailableStatefulSet).
			if m := r.MaxUnavailable; m != nil && *m == intstr.FromInt32(1) {
				r.MaxUnavailable = nil
			}
			r.Partition = unlessEqual(r.Partition, 0)
		}
		if r := u.RollingUpdate; r == nil || (r.Partition == nil && r.MaxUnavailable == nil) {
			*u = appsv1.StatefulSetUpdateStrategy{}
		}
	}
	if p := s.PersistentVolumeClaimRetentionPolicy; p != nil &&
		p.WhenDeleted == appsv1.RetainPersistentVolumeClaimRetentionPolicyType && p.WhenScaled == appsv1.RetainPersistentVolumeClaimRetentionPolicyType {
		s.PersistentVolumeClaimRetentionPolicy = nil
	}
	for i := range s.VolumeClaimTemplates {
		undefaultClaim(&s.VolumeClaimTemplates[i], sts.Namespace)
	}
	undefaultPodTemplate(&s.Template)
}

// undefaultClaim: the server drops a claim template's apiVersion and kind
// and keeps its namespace, which the console writes as the workload's.
func undefaultClaim(c *corev1.PersistentVolumeClaim, namespace string) {
	c.TypeMeta = metav1.TypeMeta{}
	if c.Namespace == namespace {
		c.Namespace = ""
	}
	if m := c.Spec.VolumeMode; m != nil && *m == corev1.PersistentVolumeFilesystem {
		c.Spec.VolumeMode = nil
	}
	c.Status = corev1.PersistentVolumeClaimStatus{}
}

// claimTemplates are a StatefulSet's volume claim templates as written.
func claimTemplates(s *appsv1.StatefulSet) []corev1.PersistentVolumeClaim {
	out := make([]corev1.PersistentVolumeClaim, 0, len(s.Spec.VolumeClaimTemplates))
	for _, c := range s.Spec.VolumeClaimTemplates {
		c.Status = corev1.PersistentVolumeClaimStatus{}
		out = append(out, c)
	}
	return out
}
