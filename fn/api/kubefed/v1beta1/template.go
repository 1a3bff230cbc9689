package v1beta1

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// The objects a member cluster receives before its overrides, as kubefed
// builds them: the template under the federated object's name and
// namespace.

// Object is the Deployment the template describes.
func (f *FederatedDeployment) Object() *appsv1.Deployment {
	return &appsv1.Deployment{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
		ObjectMeta: templateMeta(&f.ObjectMeta, f.Spec.Template.ObjectMeta),
		Spec:       *f.Spec.Template.Spec.DeepCopy(),
	}
}

// Object is the StatefulSet the template describes.
func (f *FederatedStatefulSet) Object() *appsv1.StatefulSet {
	return &appsv1.StatefulSet{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "StatefulSet"},
		ObjectMeta: templateMeta(&f.ObjectMeta, f.Spec.Template.ObjectMeta),
		Spec:       *f.Spec.Template.Spec.DeepCopy(),
	}
}

// Object is the Service the template describes.
func (f *FederatedService) Object() *corev1.Service {
	return &corev1.Service{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Service"},
		ObjectMeta: templateMeta(&f.ObjectMeta, f.Spec.Template.ObjectMeta),
		Spec:       *f.Spec.Template.Spec.DeepCopy(),
	}
}

func templateMeta(outer *metav1.ObjectMeta, template metav1.ObjectMeta) metav1.ObjectMeta {
	m := *template.DeepCopy()
	m.Name, m.Namespace = outer.Name, outer.Namespace
	return m
}
