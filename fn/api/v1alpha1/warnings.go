package v1alpha1

import (
	"net"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// +kubebuilder:object:generate=false

// Warning is a problem that does not stop the render: the output is valid,
// but probably not what the user meant.
type Warning struct {
	Field   *field.Path
	Message string
}

// Warnings returns the warnings for a defaulted, valid ServiceSpec.
func Warnings(s *ServiceSpec) []Warning {
	var ws []Warning
	sp := &s.Spec
	if st := sp.StickySession; st != nil && st.Enabled && sp.Access == Headless {
		ws = append(ws, Warning{specPath.Child("stickySession"),
			"the Service is headless: the API server accepts sessionAffinity but warns \"spec.SessionAffinity is ignored for headless services\""})
	}
	if sp.Type == External && net.ParseIP(TrimTrailingDot(sp.ExternalName)) != nil {
		ws = append(ws, Warning{specPath.Child("externalName"),
			"is an IP address: an ExternalName Service resolves it as a DNS name (a CNAME), which most clients cannot use; use a Workload service with a selector or an EndpointSlice instead"})
	}
	return ws
}
