package corevalidation

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// standardResources are the unprefixed resources a container may ask for,
// besides hugepages-<size>.
var standardResources = []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory, corev1.ResourceEphemeralStorage}

var (
	resizeResources = []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory}
	resizePolicies  = []corev1.ResourceResizeRestartPolicy{corev1.NotRequired, corev1.RestartContainer}
)

// Resources checks a container's requests and limits: known or fully
// qualified names, no negative amounts, whole numbers for extended
// resources, hugepages in whole pages and with cpu or memory, requests not
// above limits (equal to them for resources that cannot be overcommitted).
func Resources(r *corev1.ResourceRequirements, p *field.Path) field.ErrorList {
	if r == nil {
		return nil
	}
	var errs field.ErrorList
	hugepages, cpuOrMemory := false, false
	for _, side := range []struct {
		name string
		list corev1.ResourceList
	}{{"limits", r.Limits}, {"requests", r.Requests}} {
		for _, name := range slices.Sorted(maps.Keys(side.list)) {
			q := side.list[name]
			rp := p.Child(side.name).Key(string(name))
			errs = append(errs, resourceName(name, rp)...)
			errs = append(errs, quantity(name, q, rp)...)
			hugepages = hugepages || isHugepages(name)
			cpuOrMemory = cpuOrMemory || name == corev1.ResourceCPU || name == corev1.ResourceMemory
		}
	}
	for _, name := range slices.Sorted(maps.Keys(r.Requests)) {
		errs = append(errs, requestWithinLimit(name, r.Requests[name], r.Limits, p)...)
	}
	if hugepages && !cpuOrMemory {
		errs = append(errs, field.Forbidden(p, "hugepages need a cpu or memory request or limit too"))
	}
	return errs
}

// ResizePolicy checks the in-place resize policies.
func ResizePolicy(policies []corev1.ContainerResizePolicy, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	seen := map[corev1.ResourceName]bool{}
	for i, rp := range policies {
		ip := p.Index(i)
		if seen[rp.ResourceName] {
			errs = append(errs, field.Duplicate(ip.Child("resourceName"), rp.ResourceName))
		}
		seen[rp.ResourceName] = true
		if !slices.Contains(resizeResources, rp.ResourceName) {
			errs = append(errs, field.NotSupported(ip.Child("resourceName"), rp.ResourceName, resizeResources))
		}
		if !slices.Contains(resizePolicies, rp.RestartPolicy) {
			errs = append(errs, field.NotSupported(ip.Child("restartPolicy"), rp.RestartPolicy, resizePolicies))
		}
	}
	return errs
}

func resourceName(name corev1.ResourceName, p *field.Path) field.ErrorList {
	s := string(name)
	if msgs := validation.IsQualifiedName(s); len(msgs) > 0 {
		return invalid(p, s, msgs)
	}
	if !strings.Contains(s, "/") {
		if !slices.Contains(standardResources, name) && !isHugepages(name) {
			return field.ErrorList{field.Invalid(p, s, "must be cpu, memory, ephemeral-storage, hugepages-<size> or a fully qualified extended resource such as example.com/gpu")}
		}
		return nil
	}
	if isExtended(name) {
		return nil
	}
	if strings.Contains(s, corev1.ResourceDefaultNamespacePrefix) {
		return nil // kubernetes.io/... is native
	}
	return field.ErrorList{field.Invalid(p, s, "is not a valid extended resource name")}
}

// quantity checks one amount: not negative, whole for extended resources,
// whole pages for hugepages.
func quantity(name corev1.ResourceName, q resource.Quantity, p *field.Path) field.ErrorList {
	if q.Sign() < 0 {
		return field.ErrorList{field.Invalid(p, q.String(), "must be greater than or equal to 0")}
	}
	if isExtended(name) && q.MilliValue()%1000 != 0 {
		return field.ErrorList{field.Invalid(p, q.String(), "must be a whole number")}
	}
	if isHugepages(name) {
		size, err := resource.ParseQuantity(strings.TrimPrefix(string(name), corev1.ResourceHugePagesPrefix))
		if err != nil || size.Sign() <= 0 || size.MilliValue()%1000 != 0 {
			return field.ErrorList{field.Invalid(p, string(name), "must name a page size, such as hugepages-2Mi")}
		}
		if q.MilliValue()%1000 != 0 || q.Value()%size.Value() != 0 {
			return field.ErrorList{field.Invalid(p, q.String(), fmt.Sprintf("must be a whole number of %s pages", size.String()))}
		}
	}
	return nil
}

func requestWithinLimit(name corev1.ResourceName, req resource.Quantity, limits corev1.ResourceList, p *field.Path) field.ErrorList {
	rp := p.Child("requests").Key(string(name))
	limit, ok := limits[name]
	switch {
	case !ok && !overcommittable(name):
		return field.ErrorList{field.Required(p.Child("limits").Key(string(name)), "must be set (to the request) for a resource that cannot be overcommitted")}
	case !ok:
		return nil
	case !overcommittable(name) && req.Cmp(limit) != 0:
		return field.ErrorList{field.Invalid(rp, req.String(), fmt.Sprintf("must equal the limit (%s) for a resource that cannot be overcommitted", limit.String()))}
	case req.Cmp(limit) > 0:
		return field.ErrorList{field.Invalid(rp, req.String(), fmt.Sprintf("must be less than or equal to the limit (%s)", limit.String()))}
	}
	return nil
}

func isHugepages(name corev1.ResourceName) bool {
	return strings.HasPrefix(string(name), corev1.ResourceHugePagesPrefix)
}

// native resources are unprefixed or in the kubernetes.io namespace.
func native(name corev1.ResourceName) bool {
	return !strings.Contains(string(name), "/") || strings.Contains(string(name), corev1.ResourceDefaultNamespacePrefix)
}

// isExtended is a resource outside the kubernetes.io namespace whose quota
// name (requests.<name>) is a qualified name.
func isExtended(name corev1.ResourceName) bool {
	if native(name) || strings.HasPrefix(string(name), corev1.DefaultResourceRequestsPrefix) {
		return false
	}
	return len(validation.IsQualifiedName(corev1.DefaultResourceRequestsPrefix+string(name))) == 0
}

func overcommittable(name corev1.ResourceName) bool {
	return native(name) && !isHugepages(name)
}
