// Package v1alpha2 has the shape of KubeSphere 3.4's servicemesh.kubesphere.io
// v1alpha2 API (kubesphere/kubesphere release-3.4,
// staging/src/kubesphere.io/api/servicemesh/v1alpha2): the Strategy and the
// ServicePolicy wrap Istio's own Go types of the same Istio API version, so
// that controller-gen makes of them the schemas KubeSphere installs. Only
// what decides a schema is here: field names, Go types and markers.
//
// +kubebuilder:object:generate=false
// +groupName=servicemesh.kubesphere.io
package v1alpha2

import (
	"istio.io/api/networking/v1alpha3"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Strategy is a grayscale release around a VirtualService template.
//
// +kubebuilder:object:root=true
// +kubebuilder:printcolumn:name="Type",type="string",JSONPath=".spec.type"
// +kubebuilder:printcolumn:name="Hosts",type="string",JSONPath=".spec.template.spec.hosts"
// +kubebuilder:printcolumn:name="Age",type="date",JSONPath=".metadata.creationTimestamp"
type Strategy struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   StrategySpec `json:"spec,omitempty"`
	Status Status       `json:"status,omitempty"`
}

// StrategySpec is the release: its type, versions, selector, policy and
// the VirtualService it applies.
type StrategySpec struct {
	Type             string                     `json:"type,omitempty"`
	PrincipalVersion string                     `json:"principal,omitempty"`
	GovernorVersion  string                     `json:"governor,omitempty"`
	Selector         *metav1.LabelSelector      `json:"selector,omitempty"`
	Template         VirtualServiceTemplateSpec `json:"template,omitempty"`
	StrategyPolicy   string                     `json:"strategyPolicy,omitempty"`
}

// VirtualServiceTemplateSpec is Istio's VirtualService Go type under
// object metadata.
type VirtualServiceTemplateSpec struct {
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              v1alpha3.VirtualService `json:"spec,omitempty"`
}

// ServicePolicy is a DestinationRule template for a service's versions.
//
// +kubebuilder:object:root=true
type ServicePolicy struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec   ServicePolicySpec `json:"spec,omitempty"`
	Status Status            `json:"status,omitempty"`
}

// ServicePolicySpec selects the workloads and holds the DestinationRule.
type ServicePolicySpec struct {
	Selector *metav1.LabelSelector       `json:"selector,omitempty"`
	Template DestinationRuleSpecTemplate `json:"template,omitempty"`
}

// DestinationRuleSpecTemplate is Istio's DestinationRule Go type under
// object metadata.
type DestinationRuleSpecTemplate struct {
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              v1alpha3.DestinationRule `json:"spec,omitempty"`
}

// Status is what KubeSphere's controllers report (both kinds alike).
type Status struct {
	Conditions     []Condition  `json:"conditions,omitempty"`
	StartTime      *metav1.Time `json:"startTime,omitempty"`
	CompletionTime *metav1.Time `json:"completionTime,omitempty"`
}

// Condition is one reported condition.
type Condition struct {
	Type               string      `json:"type,omitempty"`
	Status             string      `json:"status,omitempty"`
	LastProbeTime      metav1.Time `json:"lastProbeTime,omitempty"`
	LastTransitionTime metav1.Time `json:"lastTransitionTime,omitempty"`
	Reason             string      `json:"reason,omitempty"`
	Message            string      `json:"message,omitempty"`
}
