package console

import (
	"slices"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/utils/ptr"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// secured applies spec.securityProfile to containers. Validation has refused
// every value that contradicts the profile, so only unset values are filled.
func secured(sp *api.ServiceSpecSpec, cs []corev1.Container) []corev1.Container {
	if sp.SecurityProfile != api.Restricted || len(cs) == 0 {
		return cs
	}
	podSeccomp := sp.Pod != nil && sp.Pod.SecurityContext != nil && sp.Pod.SecurityContext.SeccompProfile != nil
	out := slices.Clone(cs)
	for i := range out {
		out[i].SecurityContext = restricted(out[i].SecurityContext, podSeccomp)
	}
	return out
}

// restricted fills in the Pod Security Standards "restricted" settings. A
// seccomp profile set on the pod (RuntimeDefault or Localhost) is kept by
// not setting one on the container.
func restricted(sc *corev1.SecurityContext, podSeccomp bool) *corev1.SecurityContext {
	out := sc.DeepCopy()
	if out == nil {
		out = &corev1.SecurityContext{}
	}
	if out.RunAsNonRoot == nil {
		out.RunAsNonRoot = ptr.To(true)
	}
	if out.AllowPrivilegeEscalation == nil {
		out.AllowPrivilegeEscalation = ptr.To(false)
	}
	if out.Capabilities == nil {
		out.Capabilities = &corev1.Capabilities{}
	}
	if !slices.Contains(out.Capabilities.Drop, "ALL") {
		out.Capabilities.Drop = append(slices.Clone(out.Capabilities.Drop), "ALL")
	}
	if out.SeccompProfile == nil && !podSeccomp {
		out.SeccompProfile = &corev1.SeccompProfile{Type: corev1.SeccompProfileTypeRuntimeDefault}
	}
	return out
}
