package render

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/kubesphere"
)

// StatefulSet is the Stateful service's workload, <name>-<version>. Its
// serviceName is the headless Service: <name>, or <name>-headless when the
// service also has a virtual IP.
// configHash, when not empty, becomes the pod annotation servicespec.dev/config-hash.
func StatefulSet(s *service, configHash string) *appsv1.StatefulSet {
	return &appsv1.StatefulSet{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "StatefulSet"},
		ObjectMeta: objectMeta(s, s.workloadName(), objectLabels(s), workloadAnnotations(s)),
		Spec: appsv1.StatefulSetSpec{
			ServiceName:          headlessServiceName(s),
			Replicas:             workloadReplicas(s),
			Selector:             &metav1.LabelSelector{MatchLabels: selectorLabels(s)},
			Template:             podTemplate(s, configHash),
			UpdateStrategy:       statefulSetStrategy(s.Spec.Strategy),
			VolumeClaimTemplates: claimTemplates(s.Namespace, s.Spec.VolumeClaimTemplates),
		},
	}
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
