package v1alpha1

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

var placementPath = specPath.Child("placement")

// validatePlacement checks the clusters and each cluster's overrides. Which
// template fields an override may replace is checked at render, where the
// template is known.
func validatePlacement(sp *ServiceSpecSpec) field.ErrorList {
	p := sp.Placement
	var errs field.ErrorList
	if len(p.Clusters) == 0 {
		errs = append(errs, field.Required(placementPath.Child("clusters"), "at least one member cluster"))
	}
	seen := map[string]bool{}
	for i, c := range p.Clusters {
		cp := placementPath.Child("clusters").Index(i)
		if seen[c] {
			errs = append(errs, field.Duplicate(cp, c))
			continue
		}
		seen[c] = true
		errs = append(errs, invalid(cp, c, validation.IsDNS1123Subdomain(c))...)
	}
	for _, name := range slices.Sorted(maps.Keys(p.Overrides)) {
		op := placementPath.Child("overrides").Key(name)
		if !seen[name] {
			errs = append(errs, field.NotFound(op, fmt.Sprintf("%s (an override for a cluster the service is not placed in; the clusters: %s)", name, orNone(p.Clusters))))
			continue
		}
		errs = append(errs, validateClusterOverride(sp, p.Overrides[name], op)...)
	}
	for _, f := range []struct {
		name string
		set  bool
	}{{"autoscaling", sp.Autoscaling != nil}, {"disruptionBudget", sp.DisruptionBudget != nil}, {"app", sp.App != ""}, {"release", sp.Release != nil}} {
		if f.set {
			errs = append(errs, field.Forbidden(specPath.Child(f.name), "not with placement: KubeSphere's multi-cluster projects federate no "+federatedLack[f.name]))
		}
	}
	return errs
}

// federatedLack says why a field does not go with placement.
var federatedLack = map[string]string{
	"autoscaling":      "HorizontalPodAutoscaler",
	"disruptionBudget": "PodDisruptionBudget",
	"app":              "composed app of servicespec yet (servicespec renders composed apps in single-cluster projects)",
	"release":          "grayscale release (the console offers none in a multi-cluster project)",
}

func validateClusterOverride(sp *ServiceSpecSpec, o ClusterOverride, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	workload := sp.Type.HasWorkload()
	if o.Replicas != nil {
		switch {
		case !workload:
			errs = append(errs, field.Forbidden(p.Child("replicas"), fmt.Sprintf("type %s has no workload", sp.Type)))
		case *o.Replicas < 0:
			errs = append(errs, field.Invalid(p.Child("replicas"), *o.Replicas, "must be greater than or equal to 0"))
		}
	}
	if o.Containers != nil && !workload {
		errs = append(errs, field.Forbidden(p.Child("containers"), fmt.Sprintf("type %s has no containers", sp.Type)))
	}
	if workload {
		errs = append(errs, validateOverrideContainers(sp, o.Containers, p.Child("containers"))...)
	}
	if o.VolumeClaimTemplates != nil && sp.Type != Stateful {
		errs = append(errs, field.Forbidden(p.Child("volumeClaimTemplates"), "only a Stateful service has volume claim templates"))
	} else {
		errs = append(errs, validateOverrideClaims(sp, o.VolumeClaimTemplates, p.Child("volumeClaimTemplates"))...)
	}
	return errs
}

// validateOverrideContainers: each change names a container of
// spec.containers, once, and sets valid values; the pull secret is the
// pod's (the console's per-cluster pull secret writes a path kubefed
// cannot apply), and so are the volumes.
func validateOverrideContainers(sp *ServiceSpecSpec, cs []Container, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	seen := map[string]*field.Path{}
	grace := *sp.Pod.TerminationGracePeriodSeconds
	for i := range cs {
		c := &cs[i]
		cp := p.Index(i)
		errs = append(errs, validateChangedContainerName(sp, c.Name, cp.Child("name"), seen)...)
		if c.ImagePullSecret != "" {
			errs = append(errs, field.Forbidden(cp.Child("imagePullSecret"), "a pull secret is the pod's: set it in spec.containers (the console's per-cluster pull secret writes a path kubefed cannot apply)"))
		}
		if c.ImagePullPolicy != "" && !slices.Contains(pullPolicies, c.ImagePullPolicy) {
			errs = append(errs, field.NotSupported(cp.Child("imagePullPolicy"), c.ImagePullPolicy, pullPolicies))
		}
		for j, port := range c.Ports {
			errs = append(errs, validateContainerPort(port, cp.Child("ports").Index(j), map[string]*field.Path{})...)
		}
		errs = append(errs, validateEnv(c.Env, cp.Child("env"))...)
		if c.VolumeMounts != nil {
			// The pod's volumes, and the log collection their mounts set up,
			// are the same in every cluster.
			errs = append(errs, field.Forbidden(cp.Child("volumeMounts"), "every cluster mounts the pod's volumes alike: change them in spec.containers"))
		}
		errs = append(errs, validatePassThrough(workerFields(c), grace, cp)...)
	}
	return errs
}

// validateChangedContainerName: a change (of a release or of a cluster)
// names a container of spec.containers, once.
func validateChangedContainerName(sp *ServiceSpecSpec, name string, p *field.Path, seen map[string]*field.Path) field.ErrorList {
	if name == "" {
		return field.ErrorList{field.Required(p, "the name of the container of spec.containers to change")}
	}
	if first, ok := seen[name]; ok {
		return field.ErrorList{field.Duplicate(p, fmt.Sprintf("%s (also changed by %s)", name, first))}
	}
	seen[name] = p
	var names []string
	for _, c := range sp.Containers {
		names = append(names, c.Name)
	}
	if !slices.Contains(names, name) {
		return field.ErrorList{field.NotFound(p, fmt.Sprintf("%s (the containers are %s)", name, strings.Join(names, ", ")))}
	}
	return nil
}

// validateOverrideClaims: each change names a volume claim template, once,
// and sets its size, class or access modes.
func validateOverrideClaims(sp *ServiceSpecSpec, claims []VolumeClaimTemplate, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	var names []string
	for _, c := range sp.VolumeClaimTemplates {
		names = append(names, c.Name)
	}
	seen := map[string]bool{}
	for i, c := range claims {
		cp := p.Index(i)
		switch {
		case c.Name == "":
			errs = append(errs, field.Required(cp.Child("name"), "the name of the volume claim template to change"))
		case seen[c.Name]:
			errs = append(errs, field.Duplicate(cp.Child("name"), c.Name))
		case !slices.Contains(names, c.Name):
			errs = append(errs, field.NotFound(cp.Child("name"), fmt.Sprintf("%s (the volume claim templates are %s)", c.Name, orNone(names))))
		}
		seen[c.Name] = true
		for _, f := range []struct {
			name string
			set  bool
		}{{"labels", c.Labels != nil}, {"annotations", c.Annotations != nil}} {
			if f.set {
				errs = append(errs, field.Forbidden(cp.Child(f.name), "a cluster changes a claim template's size, storageClassName and accessModes"))
			}
		}
		if c.Size != "" {
			errs = append(errs, validateClaimSize(c.Size, cp.Child("size"))...)
		}
		for j, m := range c.AccessModes {
			if !slices.Contains(accessModes, m) {
				errs = append(errs, field.NotSupported(cp.Child("accessModes").Index(j), m, accessModes))
			}
		}
	}
	return errs
}
