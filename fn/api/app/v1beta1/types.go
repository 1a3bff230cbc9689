// Package v1beta1 holds the Go types of the app.k8s.io/v1beta1 Application
// (kubernetes-sigs/application) that servicespec writes for a composed app:
// the fields the KubeSphere console sets, with their JSON names. Only what
// servicespec writes or reads is typed here; the rest of the kind is the
// controller's (status).
//
// +kubebuilder:object:generate=true
package v1beta1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// GroupVersion is app.k8s.io/v1beta1.
var GroupVersion = schema.GroupVersion{Group: "app.k8s.io", Version: "v1beta1"}

// Application groups the objects of a composed app by a label selector.
//
// +kubebuilder:object:root=true
type Application struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec ApplicationSpec `json:"spec,omitempty"`
}

// ApplicationSpec is the part of an Application its author writes.
type ApplicationSpec struct {
	// ComponentGroupKinds are the kinds the application controller lists
	// with Selector.
	ComponentGroupKinds []metav1.GroupKind `json:"componentKinds,omitempty"`
	// Descriptor describes the application (its icon).
	Descriptor *Descriptor `json:"descriptor,omitempty"`
	// Selector selects the app's objects by their labels.
	Selector *metav1.LabelSelector `json:"selector,omitempty"`
	// AddOwnerRef asks the controller to add the Application as an owner
	// (not a controller) of every object it selects.
	AddOwnerRef bool `json:"addOwnerRef,omitempty"`
}

// Descriptor is the human-facing description of an Application.
type Descriptor struct {
	// Icons are the app's icons; KubeSphere shows the first.
	Icons []ImageSpec `json:"icons,omitempty"`
}

// ImageSpec is one icon.
type ImageSpec struct {
	// Source is the icon's URL (or data URL).
	Source string `json:"src"`
}
