package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// AppKind is the kind of a composed app.
const AppKind = "AppSpec"

// AppSpec describes one KubeSphere composed app (自制应用), as the console's
// "Create Composed App" form does. It renders the app.k8s.io/v1beta1
// Application that groups the app's services and, when routes are given,
// the app's Ingress. A ServiceSpec joins the app with spec.app: its
// workload, pods and Service then carry the app's labels, and the app's
// governance (serviceMesh) decides their service-mesh annotations.
//
// metadata.name is the app's name (a DNS-1123 label, at most 63
// characters). metadata.namespace, when set, is copied onto every
// generated object; members must be in the same namespace.
//
// +kubebuilder:object:root=true
// +kubebuilder:resource:path=appspecs,scope=Namespaced
type AppSpec struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the app form.
	Spec AppSpecSpec `json:"spec"`
}

// AppSpecSpec is the composed-app form.
type AppSpecSpec struct {
	// Version is the app's version: the label app.kubernetes.io/version on
	// the Application and on every member's objects, and in the selectors
	// that join them. Lowercase letters and digits, 1 to 16 characters.
	// Defaults to v1.
	// +optional
	// +kubebuilder:validation:Pattern=`^[a-z0-9]{1,16}$`
	Version string `json:"version,omitempty"`

	// Description is written to the Application annotation
	// kubesphere.io/description. At most 256 characters.
	// +optional
	// +kubebuilder:validation:MaxLength=256
	Description string `json:"description,omitempty"`

	// Alias is a display name: the Application annotation
	// kubesphere.io/alias-name, which the console shows as the app's
	// alias. Letters, digits, CJK characters and inner hyphens; at most 63
	// characters.
	// +optional
	// +kubebuilder:validation:MaxLength=63
	Alias string `json:"alias,omitempty"`

	// Icon is the URL of the app's icon (spec.descriptor.icons[0].src of the
	// Application), which the console shows in the app list and on its
	// grayscale releases.
	// +optional
	Icon string `json:"icon,omitempty"`

	// Creator is written to the annotation kubesphere.io/creator on the
	// Application and the Ingress, as the console writes the user's login
	// name. Omitted when empty.
	// +optional
	Creator string `json:"creator,omitempty"`

	// ServiceMesh is the app's governance (应用治理): enabled writes
	// servicemesh.kubesphere.io/enabled: "true" on the Application and on
	// every member's workload and Service, and sidecar.istio.io/inject:
	// "true" on their pods ("false" everywhere when it is off, as the
	// console writes). Grayscale releases (spec.release of a member) need it.
	// +optional
	ServiceMesh *ServiceMesh `json:"serviceMesh,omitempty"`

	// Routes is the app's Ingress, the console's "Route Settings" step.
	// +optional
	Routes *AppRoutes `json:"routes,omitempty"`
}

// AppRoutes is the Ingress of a composed app.
type AppRoutes struct {
	// Name of the Ingress. Defaults to <app>-ingress (the console appends a
	// random suffix; servicespec's name is deterministic).
	// +optional
	Name string `json:"name,omitempty"`
	// Rules are the routing rules; at least one.
	Rules []RouteRule `json:"rules"`
}

// RouteProtocol is the protocol of a routing rule.
// +kubebuilder:validation:Enum=HTTP;HTTPS
type RouteProtocol string

// The route protocols.
const (
	RouteHTTP  RouteProtocol = "HTTP"
	RouteHTTPS RouteProtocol = "HTTPS"
)

// RouteRule is one routing rule: a host and its paths.
type RouteRule struct {
	// Host is the domain name the rule serves (an Ingress host: a DNS name,
	// optionally starting with "*.").
	Host string `json:"host"`
	// Protocol is HTTP (default) or HTTPS.
	// +optional
	Protocol RouteProtocol `json:"protocol,omitempty"`
	// SecretName is the TLS Secret of an HTTPS rule; it goes to the
	// Ingress's spec.tls with the hosts that use it.
	// +optional
	SecretName string `json:"secretName,omitempty"`
	// Paths route request paths to member services; at least one.
	Paths []RoutePath `json:"paths"`
}

// RoutePath routes one path to a port of a member service.
type RoutePath struct {
	// Path is the request path. Defaults to /.
	// +optional
	Path string `json:"path,omitempty"`
	// Service is the name of a member ServiceSpec of the app.
	Service string `json:"service"`
	// Port is a port of that service's Service.
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=65535
	Port int32 `json:"port"`
}
