package v1alpha1

import (
	"net"
	"slices"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

var (
	accessTypes      = []AccessType{VirtualIP, Headless}
	exposureTypes    = []ExposureType{NodePort, LoadBalancer}
	openELBModes     = []OpenELBMode{"layer2", "bgp", "vip"}
	trafficPolicies  = []corev1.ServiceExternalTrafficPolicy{corev1.ServiceExternalTrafficPolicyCluster, corev1.ServiceExternalTrafficPolicyLocal}
	loadBalancerOnly = "only a LoadBalancer Service takes this field"
)

// validateAccess checks access, externalAccess and stickySession.
func validateAccess(sp *ServiceSpecSpec, owners AnnotationOwners) field.ErrorList {
	var errs field.ErrorList
	if !slices.Contains(accessTypes, sp.Access) {
		errs = append(errs, field.NotSupported(specPath.Child("access"), sp.Access, accessTypes))
	}
	if st := sp.StickySession; st != nil && st.TimeoutSeconds != nil {
		if t := *st.TimeoutSeconds; t < minStickyTimeout || t > maxStickyTimeout {
			errs = append(errs, field.Invalid(specPath.Child("stickySession", "timeoutSeconds"), t,
				validation.InclusiveRangeError(minStickyTimeout, maxStickyTimeout)))
		}
	}
	ea := sp.ExternalAccess
	if ea == nil {
		return errs
	}
	p := specPath.Child("externalAccess")
	switch {
	case sp.Type == Stateful && sp.Access != VirtualIP:
		errs = append(errs, field.Forbidden(p, "a Stateful service takes externalAccess only with access: VirtualIP (its headless Service cannot be exposed)"))
	case sp.Access == Headless:
		errs = append(errs, field.Forbidden(p, notWithHeadlessAccess))
	}
	return append(errs, validateExternalAccess(sp, owners, p)...)
}

func validateExternalAccess(sp *ServiceSpecSpec, owners AnnotationOwners, p *field.Path) field.ErrorList {
	ea := sp.ExternalAccess
	var errs field.ErrorList
	if !slices.Contains(exposureTypes, ea.Type) {
		if ea.Type == "" {
			errs = append(errs, field.Required(p.Child("type"), "NodePort or LoadBalancer"))
		} else {
			errs = append(errs, field.NotSupported(p.Child("type"), ea.Type, exposureTypes))
		}
	}
	lb := ea.Type == LoadBalancer
	if o := ea.OpenELB; o != nil {
		op := p.Child("openELB")
		errs = append(errs, forbidIfSet(op, !lb, loadBalancerOnly)...)
		if o.Mode != "" && !slices.Contains(openELBModes, o.Mode) {
			errs = append(errs, field.NotSupported(op.Child("mode"), o.Mode, openELBModes))
		}
		if o.Eip != "" {
			errs = append(errs, invalid(op.Child("eip"), o.Eip, validation.IsDNS1123Subdomain(o.Eip))...)
		}
	}
	errs = append(errs, validateAnnotations(ea.Annotations, owned(owners.ExternalAccess, sp), p.Child("annotations"))...)
	if ea.ExternalTrafficPolicy != "" && !slices.Contains(trafficPolicies, ea.ExternalTrafficPolicy) {
		errs = append(errs, field.NotSupported(p.Child("externalTrafficPolicy"), ea.ExternalTrafficPolicy, trafficPolicies))
	}
	rp := p.Child("loadBalancerSourceRanges")
	errs = append(errs, forbidIfSet(rp, !lb && len(ea.LoadBalancerSourceRanges) > 0, loadBalancerOnly)...)
	for i, r := range ea.LoadBalancerSourceRanges {
		if _, _, err := net.ParseCIDR(r); err != nil {
			errs = append(errs, field.Invalid(rp.Index(i), r, "must be a CIDR such as 10.0.0.0/8 or 2001:db8::/32"))
		}
	}
	if c := ea.LoadBalancerClass; c != nil {
		cp := p.Child("loadBalancerClass")
		errs = append(errs, forbidIfSet(cp, !lb, loadBalancerOnly)...)
		errs = append(errs, invalid(cp, *c, validation.IsQualifiedName(*c))...)
	}
	return errs
}
