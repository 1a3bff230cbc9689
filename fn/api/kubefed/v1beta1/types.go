// Package v1beta1 holds the Go types of the types.kubefed.io/v1beta1
// federated kinds the KubeSphere console writes in a multi-cluster project
// (FederatedDeployment, FederatedStatefulSet, FederatedService): a
// template of the plain object, the clusters it is placed in, and the
// overrides each cluster gets, as kubefed (and its KubeSphere extension)
// defines them.
//
// +kubebuilder:object:generate=true
package v1beta1

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// GroupVersion is types.kubefed.io/v1beta1.
var GroupVersion = schema.GroupVersion{Group: "types.kubefed.io", Version: "v1beta1"}

// Placement names the member clusters an object is propagated to.
type Placement struct {
	Clusters []ClusterRef `json:"clusters"`
}

// ClusterRef names a member cluster.
type ClusterRef struct {
	Name string `json:"name"`
}

// Override is what one cluster's copy changes in the template: JSON
// Patch operations (op defaults to replace, as kubefed applies them).
type Override struct {
	ClusterName string `json:"clusterName"`
	// ClusterOverrides is written even when empty, as the console writes
	// one entry per placed cluster.
	ClusterOverrides []ClusterOverride `json:"clusterOverrides"`
}

// ClusterOverride is one JSON Patch operation.
type ClusterOverride struct {
	Op    string               `json:"op,omitempty"`
	Path  string               `json:"path"`
	Value runtime.RawExtension `json:"value"`
}

// DeploymentTemplate is the Deployment every cluster gets, without its
// name, kind and annotations (those are the federated object's).
type DeploymentTemplate struct {
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              appsv1.DeploymentSpec `json:"spec,omitempty"`
}

// FederatedDeployment propagates a Deployment.
//
// +kubebuilder:object:root=true
type FederatedDeployment struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec FederatedDeploymentSpec `json:"spec,omitempty"`
}

// FederatedDeploymentSpec is a FederatedDeployment's spec.
type FederatedDeploymentSpec struct {
	Placement Placement          `json:"placement"`
	Template  DeploymentTemplate `json:"template"`
	Overrides []Override         `json:"overrides,omitempty"`
}

// StatefulSetTemplate is the StatefulSet every cluster gets.
type StatefulSetTemplate struct {
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              appsv1.StatefulSetSpec `json:"spec,omitempty"`
}

// FederatedStatefulSet propagates a StatefulSet.
//
// +kubebuilder:object:root=true
type FederatedStatefulSet struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec FederatedStatefulSetSpec `json:"spec,omitempty"`
}

// FederatedStatefulSetSpec is a FederatedStatefulSet's spec.
type FederatedStatefulSetSpec struct {
	Placement Placement           `json:"placement"`
	Template  StatefulSetTemplate `json:"template"`
	Overrides []Override          `json:"overrides,omitempty"`
}

// ServiceTemplate is the Service every cluster gets.
type ServiceTemplate struct {
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              corev1.ServiceSpec `json:"spec,omitempty"`
}

// FederatedService propagates a Service.
//
// +kubebuilder:object:root=true
type FederatedService struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec FederatedServiceSpec `json:"spec,omitempty"`
}

// FederatedServiceSpec is a FederatedService's spec.
type FederatedServiceSpec struct {
	Placement Placement       `json:"placement"`
	Template  ServiceTemplate `json:"template"`
	Overrides []Override      `json:"overrides,omitempty"`
}

// The objects a member cluster receives before its overrides, as kubefed
// builds them: the template under the federated object's name and
// namespace.

// Federated is one of the federated kinds: the object its template
// describes (before any cluster's overrides), where it is placed and how
// each cluster overrides it.
// +kubebuilder:object:generate=false
type Federated interface {
	metav1.Object
	runtime.Object
	// Plain is the object the template describes, typed.
	Plain() runtime.Object
	// Clusters are the names of the clusters it is placed in.
	Clusters() []string
	// Overrides are its per-cluster overrides.
	Overrides() []Override
}

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

// Plain is the Deployment the template describes.
func (f *FederatedDeployment) Plain() runtime.Object { return f.Object() }

// Plain is the StatefulSet the template describes.
func (f *FederatedStatefulSet) Plain() runtime.Object { return f.Object() }

// Plain is the Service the template describes.
func (f *FederatedService) Plain() runtime.Object { return f.Object() }

// Clusters are the clusters it is placed in.
func (f *FederatedDeployment) Clusters() []string { return f.Spec.Placement.names() }

// Clusters are the clusters it is placed in.
func (f *FederatedStatefulSet) Clusters() []string { return f.Spec.Placement.names() }

// Clusters are the clusters it is placed in.
func (f *FederatedService) Clusters() []string { return f.Spec.Placement.names() }

func (p Placement) names() []string {
	var out []string
	for _, c := range p.Clusters {
		out = append(out, c.Name)
	}
	return out
}

// Overrides are its per-cluster overrides.
func (f *FederatedDeployment) Overrides() []Override { return f.Spec.Overrides }

// Overrides are its per-cluster overrides.
func (f *FederatedStatefulSet) Overrides() []Override { return f.Spec.Overrides }

// Overrides are its per-cluster overrides.
func (f *FederatedService) Overrides() []Override { return f.Spec.Overrides }
