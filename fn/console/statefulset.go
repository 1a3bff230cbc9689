package console

import (
	"fmt"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/kubesphere"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// StatefulSet is the Stateful service's workload, <name>-<version>. Its
// serviceName is the headless Service: <name>, or <name>-headless when the
// service also has a virtual IP.
func StatefulSet(s *service) *appsv1.StatefulSet {
	st := &appsv1.StatefulSet{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "StatefulSet"},
		ObjectMeta: objectMeta(s, "", objectLabels(s), workloadAnnotations(s)),
		Spec: appsv1.StatefulSetSpec{
			Template: podTemplate(s),
		},
	}
	writeAll(s, st, statefulSetMappings)
	return st
}

// statefulSetMappings are the fields of the StatefulSet itself.
var statefulSetMappings = []mapping[*appsv1.StatefulSet]{
	{fields: []string{"version"}, from: "metadata.name", why: workloadIdentity, unread: versionUnread, write: func(s *service, st *appsv1.StatefulSet) {
		st.Name, st.Spec.Selector = s.workloadName(), &metav1.LabelSelector{MatchLabels: selectorLabels(s)}
	}},
	{fields: []string{"access"}, from: "metadata.name", why: "the headless Service that governs the pods' DNS names: <name>, or <name>-headless beside a virtual IP", write: func(s *service, st *appsv1.StatefulSet) {
		st.Spec.ServiceName = headlessServiceName(s)
	}},
	{fields: []string{"replicas"}, write: func(s *service, st *appsv1.StatefulSet) {
		st.Spec.Replicas = workloadReplicas(s)
	}, read: func(st *appsv1.StatefulSet, sp *api.ServiceSpecSpec) error {
		sp.Replicas = st.Spec.Replicas
		return nil
	}},
	{fields: []string{"strategy"}, write: func(s *service, st *appsv1.StatefulSet) {
		st.Spec.UpdateStrategy = statefulSetStrategy(s.Spec.Strategy)
	}, read: func(st *appsv1.StatefulSet, sp *api.ServiceSpecSpec) error {
		u := st.Spec.UpdateStrategy
		sp.Strategy = &api.Strategy{Type: api.UpdateStrategyType(u.Type)}
		if r := u.RollingUpdate; r != nil {
			sp.Strategy.Partition = r.Partition
		}
		if sp.Strategy.Type == "" {
			sp.Strategy.Type = api.RollingUpdate
		}
		return nil
	}},
	{fields: []string{"volumeClaimTemplates"}, write: func(s *service, st *appsv1.StatefulSet) {
		st.Spec.VolumeClaimTemplates = claimTemplates(s.Namespace, s.Spec.VolumeClaimTemplates)
	}, read: readClaimTemplates},
}

// readClaimTemplates reads volume claim templates in the spec's model:
// name, class, access modes, size, labels, annotations; anything else
// cannot be expressed.
func readClaimTemplates(st *appsv1.StatefulSet, sp *api.ServiceSpecSpec) error {
	var out []api.VolumeClaimTemplate
	for _, c := range st.Spec.VolumeClaimTemplates {
		size, ok := c.Spec.Resources.Requests[corev1.ResourceStorage]
		if !ok {
			return fmt.Errorf("volume claim template %s requests no storage", c.Name)
		}
		out = append(out, api.VolumeClaimTemplate{Name: c.Name, StorageClassName: c.Spec.StorageClassName,
			AccessModes: c.Spec.AccessModes, Size: size.String(), Labels: c.Labels, Annotations: c.Annotations})
	}
	sp.VolumeClaimTemplates = out
	return nil
}

// headlessServiceName is the Service that governs the StatefulSet's pod DNS.
func headlessServiceName(s *service) string {
	if s.Spec.Access == api.VirtualIP {
		return s.Name + kubesphere.HeadlessSuffix
	}
	return s.Name
}

func statefulSetStrategy(st *api.Strategy) appsv1.StatefulSetUpdateStrategy {
	out := appsv1.StatefulSetUpdateStrategy{Type: appsv1.StatefulSetUpdateStrategyType(st.Type)}
	if st.Type == api.RollingUpdate {
		out.RollingUpdate = &appsv1.RollingUpdateStatefulSetStrategy{Partition: st.Partition}
	}
	return out
}

// claimTemplates carry apiVersion and kind: without them Argo CD shows the
// StatefulSet OutOfSync forever. They carry the service's namespace, as the
// console writes them.
func claimTemplates(namespace string, ts []api.VolumeClaimTemplate) []corev1.PersistentVolumeClaim {
	var out []corev1.PersistentVolumeClaim
	for _, t := range ts {
		out = append(out, corev1.PersistentVolumeClaim{
			TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "PersistentVolumeClaim"},
			ObjectMeta: metav1.ObjectMeta{Name: t.Name, Namespace: namespace, Labels: nonEmpty(t.Labels), Annotations: nonEmpty(t.Annotations)},
			Spec: corev1.PersistentVolumeClaimSpec{
				AccessModes:      t.AccessModes,
				StorageClassName: t.StorageClassName,
				Resources: corev1.VolumeResourceRequirements{
					Requests: corev1.ResourceList{corev1.ResourceStorage: resource.MustParse(t.Size)},
				},
			},
		})
	}
	return out
}

var statefulSetKind = &Kind{
	GVK:           appsv1.SchemeGroupVersion.WithKind("StatefulSet"),
	New:           func() runtime.Object { return &appsv1.StatefulSet{} },
	Workload:      true,
	buildWorkload: func(s *service) runtime.Object { return StatefulSet(s) },
	explain: func(s *service, _ runtime.Object) []anchored {
		return append(workloadPlaces(), anchored{"", func(s *service) []written {
			return replay(s, func() *appsv1.StatefulSet { return &appsv1.StatefulSet{} }, statefulSetMappings)
		}})
	},
	RenameNote: "the new StatefulSet's pods get new, empty volumes; the old claims are left behind",
	ReadWorkload: func(obj runtime.Object, sp *api.ServiceSpecSpec, member bool) error {
		st := obj.(*appsv1.StatefulSet)
		if err := readWorkloadAnnotations(st.Annotations, sp, member); err != nil {
			return err
		}
		return readAll(st, sp, statefulSetMappings)
	},
	Undefault: func(obj runtime.Object) { undefaultStatefulSet(obj.(*appsv1.StatefulSet)) },
	Changes: func(old, now runtime.Object) []string {
		o, n := old.(*appsv1.StatefulSet), now.(*appsv1.StatefulSet)
		f := immutableFields{kind: "StatefulSet", name: n.Name}
		f.check("spec.selector", o.Spec.Selector, n.Spec.Selector)
		f.check("spec.serviceName", o.Spec.ServiceName, n.Spec.ServiceName)
		f.check("spec.volumeClaimTemplates", claimTemplatesOf(o), claimTemplatesOf(n))
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

// claimTemplatesOf are a StatefulSet's volume claim templates as written.
func claimTemplatesOf(s *appsv1.StatefulSet) []corev1.PersistentVolumeClaim {
	out := make([]corev1.PersistentVolumeClaim, 0, len(s.Spec.VolumeClaimTemplates))
	for _, c := range s.Spec.VolumeClaimTemplates {
		c.Status = corev1.PersistentVolumeClaimStatus{}
		out = append(out, c)
	}
	return out
}
