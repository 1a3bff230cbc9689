package render

import (
	"maps"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// GeneratedFrom is the value of servicespec.dev/generated-from:
// <namespace>/<name>, or /<name> without a namespace.
func GeneratedFrom(s *api.ServiceSpec) string {
	return s.Namespace + "/" + s.Name
}

// objectMeta is the metadata every generated object starts from: name,
// namespace, and the ownership annotation the function prunes by.
func objectMeta(s *api.ServiceSpec, name string, labels, annotations map[string]string) metav1.ObjectMeta {
	a := map[string]string{api.AnnotationGeneratedFrom: GeneratedFrom(s)}
	maps.Copy(a, annotations)
	return metav1.ObjectMeta{Name: name, Namespace: s.Namespace, Labels: labels, Annotations: a}
}

// selectorLabels select the workload's pods: exactly {app, version}.
func selectorLabels(s *api.ServiceSpec) map[string]string {
	return map[string]string{api.LabelApp: s.Name, api.LabelVersion: s.Spec.Version}
}

// serviceSelector selects every version of the app: exactly {app}.
func serviceSelector(s *api.ServiceSpec) map[string]string {
	return map[string]string{api.LabelApp: s.Name}
}

// objectLabels are the labels of the Service and the workload: {app, version}
// for workload-backed services, {app} otherwise, plus spec.labels.
func objectLabels(s *api.ServiceSpec) map[string]string {
	l := serviceSelector(s)
	if s.Spec.Version != "" {
		l[api.LabelVersion] = s.Spec.Version
	}
	maps.Copy(l, s.Spec.Labels)
	return l
}

// creatorAnnotation is kubesphere.io/creator when a creator is set.
func creatorAnnotation(s *api.ServiceSpec) map[string]string {
	if s.Spec.Creator == "" {
		return nil
	}
	return map[string]string{api.AnnotationCreator: s.Spec.Creator}
}

// meshAnnotation marks a workload or Service as part of the service mesh.
func meshAnnotation(s *api.ServiceSpec) map[string]string {
	if !meshEnabled(s) {
		return nil
	}
	return map[string]string{api.AnnotationServiceMesh: "true"}
}

func meshEnabled(s *api.ServiceSpec) bool {
	return s.Spec.ServiceMesh != nil && s.Spec.ServiceMesh.Enabled
}

// nonEmpty returns nil for an empty map, so that it is not emitted.
func nonEmpty(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return m
}
