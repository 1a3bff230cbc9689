package console

import (
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	corev1 "k8s.io/api/core/v1"
)

// ExternalNameService is an External service: an ExternalName Service with
// no selector, no ports and no session affinity, as the console creates it.
func ExternalNameService(s *service) *corev1.Service {
	svc := &corev1.Service{
		TypeMeta:   serviceTypeMeta,
		ObjectMeta: objectMeta(s, s.Name, objectLabels(s), serviceAnnotations(s)),
	}
	writeAll(s, &svc.Spec, externalNameMappings)
	return svc
}

// externalNameMappings make an External service's Service.
var externalNameMappings = []mapping[*corev1.ServiceSpec]{
	{fields: []string{"externalName"}, write: func(s *service, spec *corev1.ServiceSpec) {
		spec.Type, spec.ExternalName = corev1.ServiceTypeExternalName, s.Spec.ExternalName
	}, read: func(spec *corev1.ServiceSpec, sp *api.ServiceSpecSpec) error {
		sp.ExternalName = spec.ExternalName
		return nil
	}},
}

// ReadExternalName reads an External service's Service.
func ReadExternalName(spec *corev1.ServiceSpec, sp *api.ServiceSpecSpec) error {
	return readAll(spec, sp, externalNameMappings)
}
