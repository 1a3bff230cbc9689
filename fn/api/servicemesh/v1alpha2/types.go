// Package v1alpha2 holds the Go types of KubeSphere's
// servicemesh.kubesphere.io/v1alpha2 Strategy, the grayscale release object
// the console writes: a release policy around the template of an Istio
// VirtualService, from which KubeSphere's controller makes the real one.
// Only the fields the console writes are typed, with their JSON names
// (those of Istio's networking v1alpha3 API).
//
// +kubebuilder:object:generate=true
package v1alpha2

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// GroupVersion is servicemesh.kubesphere.io/v1alpha2.
var GroupVersion = schema.GroupVersion{Group: "servicemesh.kubesphere.io", Version: "v1alpha2"}

// Strategy is a grayscale release of one service: which versions take
// which traffic.
//
// +kubebuilder:object:root=true
type Strategy struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	Spec StrategySpec `json:"spec,omitempty"`
}

// The strategy types as the console writes them (note Bluegreen: the
// console's spelling, which its own pages compare with).
const (
	TypeCanary    = "Canary"
	TypeBluegreen = "Bluegreen"
	TypeMirror    = "Mirror"
)

// StrategySpec is the release.
type StrategySpec struct {
	// Type is Canary, Bluegreen or Mirror.
	Type string `json:"type,omitempty"`
	// Principal is the version the release starts from (the running one).
	Principal string `json:"principal,omitempty"`
	// Governor is the version that takes all traffic, when one does.
	Governor string `json:"governor,omitempty"`
	// Selector selects the app's objects (the app labels and app: <service>).
	Selector *metav1.LabelSelector `json:"selector,omitempty"`
	// Template is the VirtualService the controller makes.
	Template VirtualServiceTemplate `json:"template,omitempty"`
	// StrategyPolicy says when the controller applies the release:
	// WaitForWorkloadReady, Immediately or Paused.
	StrategyPolicy string `json:"strategyPolicy,omitempty"`
}

// VirtualServiceTemplate is the template of the VirtualService.
type VirtualServiceTemplate struct {
	Spec VirtualService `json:"spec,omitempty"`
}

// VirtualService routes the traffic of hosts (Istio networking v1alpha3).
type VirtualService struct {
	Hosts []string    `json:"hosts,omitempty"`
	HTTP  []HTTPRoute `json:"http,omitempty"`
	TCP   []TCPRoute  `json:"tcp,omitempty"`
}

// HTTPRoute routes the HTTP requests that match.
type HTTPRoute struct {
	Match  []HTTPMatchRequest     `json:"match,omitempty"`
	Route  []HTTPRouteDestination `json:"route,omitempty"`
	Mirror *Destination           `json:"mirror,omitempty"`
}

// HTTPMatchRequest is a condition on requests; its fields are ANDed.
type HTTPMatchRequest struct {
	Headers map[string]StringMatch `json:"headers,omitempty"`
	URI     *StringMatch           `json:"uri,omitempty"`
}

// StringMatch matches a string; exactly one field is set.
type StringMatch struct {
	Exact  string `json:"exact,omitempty"`
	Prefix string `json:"prefix,omitempty"`
	Regex  string `json:"regex,omitempty"`
}

// HTTPRouteDestination sends a share of the traffic to a destination.
type HTTPRouteDestination struct {
	Destination Destination `json:"destination"`
	// Weight is a percentage; written even when 0, as the console does.
	Weight *int32 `json:"weight,omitempty"`
}

// TCPRoute routes TCP connections.
type TCPRoute struct {
	Route []RouteDestination `json:"route,omitempty"`
}

// RouteDestination sends a share of the connections to a destination.
type RouteDestination struct {
	Destination Destination `json:"destination"`
	Weight      *int32      `json:"weight,omitempty"`
}

// Destination is a version (subset) of a service (host).
type Destination struct {
	Host   string `json:"host"`
	Subset string `json:"subset,omitempty"`
}
