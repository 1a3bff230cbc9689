package v1alpha1

// Release is a grayscale release (灰度发布) of a Stateless or Stateful
// member of a governed composed app: a second version of the service runs
// beside the first, and a servicemesh.kubesphere.io/v1alpha2 Strategy says
// which version takes which traffic. It renders the workload
// <name>-<release.version>, derived from the running one as the console
// derives it, and the Strategy.
//
// The life-cycle is a sequence of edits: change weight, governor or policy
// to move traffic; promote by setting spec.version to release.version and
// removing release (the old workload is pruned); roll back by removing
// release (the new workload is pruned).
type Release struct {
	// Name of the Strategy. Defaults to the service's name (KubeSphere
	// allows one release per service).
	// +optional
	Name string `json:"name,omitempty"`

	// Version is the new version: the workload <name>-<version> and its
	// version label. Lowercase letters and digits, 1 to 16 characters, and
	// not spec.version.
	// +kubebuilder:validation:Pattern=`^[a-z0-9]{1,16}$`
	Version string `json:"version"`

	// Replicas of the new version's workload. Defaults to the running
	// workload's replicas (with autoscaling, its minReplicas), as the
	// console copies them.
	// +optional
	// +kubebuilder:validation:Minimum=0
	Replicas *int32 `json:"replicas,omitempty"`

	// Containers change containers of the new version, by name: each field
	// given replaces that field of the running workload's container (image,
	// env, resources, ...); the fields not given are copied.
	// +optional
	Containers []Container `json:"containers,omitempty"`

	// Strategy is Canary (a share of the traffic, or the requests that
	// match, go to the new version), BlueGreen (one version takes all the
	// traffic) or Mirror (the new version receives a copy of the traffic).
	Strategy ReleaseStrategy `json:"strategy"`

	// Weight is, for a Canary by traffic, the percentage of the traffic sent
	// to the new version, 0 to 100. Defaults to 50 (the console's slider)
	// unless match is set. At 100 the new version governs, at 0 the old one.
	// +optional
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=100
	Weight *int32 `json:"weight,omitempty"`

	// Match would make a Canary by content (the requests that match go to
	// the new version, the others to the old one), as the console's form
	// offers it. It is refused: KubeSphere's Strategy CRD has no schema for
	// a request match, so a strict apply fails and a lenient one empties
	// the match. Release by traffic (weight) or with BlueGreen instead.
	// +optional
	Match *ReleaseMatch `json:"match,omitempty"`

	// Governor is, for BlueGreen, the version that takes all the traffic:
	// spec.version (the default) or release.version.
	// +optional
	Governor string `json:"governor,omitempty"`

	// Policy is when KubeSphere applies the release: WaitForWorkloadReady
	// (the default, as the console) waits until the new version's pods are
	// ready, Immediately does not wait, Paused stops applying changes.
	// +optional
	Policy ReleasePolicy `json:"policy,omitempty"`
}

// ReleaseStrategy is the kind of grayscale release.
// +kubebuilder:validation:Enum=Canary;BlueGreen;Mirror
type ReleaseStrategy string

// The release strategies.
const (
	Canary    ReleaseStrategy = "Canary"
	BlueGreen ReleaseStrategy = "BlueGreen"
	Mirror    ReleaseStrategy = "Mirror"
)

// ReleasePolicy is when the release is applied.
// +kubebuilder:validation:Enum=WaitForWorkloadReady;Immediately;Paused
type ReleasePolicy string

// The release policies (KubeSphere's StrategyPolicy values).
const (
	WaitForWorkloadReady ReleasePolicy = "WaitForWorkloadReady"
	Immediately          ReleasePolicy = "Immediately"
	Paused               ReleasePolicy = "Paused"
)

// ReleaseMatch is a Canary by content, the console's "specify request
// parameters" form: every condition given must hold.
type ReleaseMatch struct {
	// Cookie matches the Cookie header (e.g. exact: "user=alice").
	// +optional
	Cookie *StringMatch `json:"cookie,omitempty"`
	// Headers match request headers by name (not Cookie or User-Agent: use
	// cookie and os).
	// +optional
	Headers []HeaderMatch `json:"headers,omitempty"`
	// URI matches the request path by prefix or regex.
	// +optional
	URI *StringMatch `json:"uri,omitempty"`
	// OS matches the client's operating system (from its User-Agent):
	// Windows, Linux, macOS, Android or iOS.
	// +optional
	OS []ClientOS `json:"os,omitempty"`
}

// StringMatch matches a string: exactly one of exact, prefix and regex
// (a cookie by exact or regex, a URI by prefix or regex, as the console
// offers them).
type StringMatch struct {
	// Exact matches the whole string.
	// +optional
	Exact string `json:"exact,omitempty"`
	// Prefix matches the start of the string.
	// +optional
	Prefix string `json:"prefix,omitempty"`
	// Regex matches an RE2 regular expression (Envoy's syntax).
	// +optional
	Regex string `json:"regex,omitempty"`
}

// HeaderMatch matches one request header: exactly one of exact and regex.
type HeaderMatch struct {
	// Name of the header.
	Name string `json:"name"`
	// Exact matches the whole value.
	// +optional
	Exact string `json:"exact,omitempty"`
	// Regex matches an RE2 regular expression (Envoy's syntax).
	// +optional
	Regex string `json:"regex,omitempty"`
}

// ClientOS is a client operating system the console can match.
// +kubebuilder:validation:Enum=Windows;Linux;macOS;Android;iOS
type ClientOS string

// The client operating systems.
const (
	Windows ClientOS = "Windows"
	Linux   ClientOS = "Linux"
	MacOS   ClientOS = "macOS"
	Android ClientOS = "Android"
	IOS     ClientOS = "iOS"
)
