package console

import (
	corev1 "k8s.io/api/core/v1"
)

// ExternalNameService is an External service: an ExternalName Service with
// no selector, no ports and no session affinity, as the console creates it.
func ExternalNameService(s *service) *corev1.Service {
	return &corev1.Service{
		TypeMeta:   serviceTypeMeta,
		ObjectMeta: objectMeta(s, s.Name, objectLabels(s), serviceAnnotations(s)),
		Spec:       corev1.ServiceSpec{Type: corev1.ServiceTypeExternalName, ExternalName: s.Spec.ExternalName},
	}
}
