package v1alpha1

import (
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// The options beyond the console's Service wizard (the README's table of fields).

// validateBeyondConsole checks autoscaling, disruptionBudget, serviceMesh
// and securityProfile of a Stateless or Stateful service.
func validateBeyondConsole(sp *ServiceSpecSpec) field.ErrorList {
	var errs field.ErrorList
	errs = append(errs, validateAutoscaling(sp.Autoscaling, specPath.Child("autoscaling"))...)
	errs = append(errs, validateDisruptionBudget(sp.DisruptionBudget, specPath.Child("disruptionBudget"))...)
	if sp.ServiceMesh != nil && sp.ServiceMesh.Enabled {
		errs = append(errs, validateMeshPortNames(sp)...)
	}
	switch sp.SecurityProfile {
	case "":
	case Restricted:
		errs = append(errs, validateSecurityProfile(sp)...)
	default:
		errs = append(errs, field.NotSupported(specPath.Child("securityProfile"), sp.SecurityProfile, []SecurityProfile{Restricted}))
	}
	return errs
}

func validateAutoscaling(a *Autoscaling, p *field.Path) field.ErrorList {
	if a == nil {
		return nil
	}
	var errs field.ErrorList
	minReplicas := int32(1)
	if a.MinReplicas != nil {
		minReplicas = *a.MinReplicas
		if minReplicas < 1 {
			errs = append(errs, field.Invalid(p.Child("minReplicas"), minReplicas, "must be at least 1"))
		}
	}
	switch {
	case a.MaxReplicas == 0:
		errs = append(errs, field.Required(p.Child("maxReplicas"), "the upper bound of the autoscaler"))
	case a.MaxReplicas < minReplicas:
		errs = append(errs, field.Invalid(p.Child("maxReplicas"), a.MaxReplicas, fmt.Sprintf("must be at least minReplicas (%d)", minReplicas)))
	}
	if a.TargetCPUUtilizationPercentage == nil && a.TargetMemoryUtilizationPercentage == nil {
		errs = append(errs, field.Required(p.Child("targetCPUUtilizationPercentage"),
			"set a CPU or a memory target (or both); without one the API server would add its own default"))
	}
	for name, v := range map[string]*int32{
		"targetCPUUtilizationPercentage":    a.TargetCPUUtilizationPercentage,
		"targetMemoryUtilizationPercentage": a.TargetMemoryUtilizationPercentage,
	} {
		if v != nil && *v < 1 {
			errs = append(errs, field.Invalid(p.Child(name), *v, "must be at least 1"))
		}
	}
	return errs
}

func validateDisruptionBudget(b *DisruptionBudget, p *field.Path) field.ErrorList {
	if b == nil {
		return nil
	}
	switch {
	case b.MinAvailable == nil && b.MaxUnavailable == nil:
		return field.ErrorList{field.Required(p.Child("minAvailable"), "set exactly one of minAvailable and maxUnavailable")}
	case b.MinAvailable != nil && b.MaxUnavailable != nil:
		return field.ErrorList{field.Forbidden(p.Child("maxUnavailable"), "set exactly one of minAvailable and maxUnavailable")}
	case b.MinAvailable != nil:
		return validateBudgetValue(*b.MinAvailable, p.Child("minAvailable"))
	}
	return validateBudgetValue(*b.MaxUnavailable, p.Child("maxUnavailable"))
}

func validateBudgetValue(v intstr.IntOrString, p *field.Path) field.ErrorList {
	errs := validateIntOrPercent(&v, p)
	if len(errs) == 0 && v.Type == intstr.String {
		if pct, _ := intstr.GetScaledValueFromIntOrPercent(&v, 100, false); pct > 100 {
			errs = append(errs, field.Invalid(p, v.String(), "must not be greater than 100%"))
		}
	}
	return errs
}

// istioProtocols are the port-name prefixes Istio selects a protocol by.
var istioProtocols = []string{"grpc", "grpc-web", "http", "http2", "https", "mongo", "mysql", "redis", "tcp", "tls", "udp"}

// validateMeshPortNames requires Istio-readable names on every port the
// Service exposes.
func validateMeshPortNames(sp *ServiceSpecSpec) field.ErrorList {
	var errs field.ErrorList
	check := func(name string, p *field.Path) {
		if !istioPortName(name) {
			errs = append(errs, field.Invalid(p, name, "with serviceMesh the name must be <protocol> or <protocol>-<suffix>, protocol one of "+strings.Join(istioProtocols, ", ")))
		}
	}
	for i, c := range sp.Containers {
		for j, port := range c.Ports {
			if port.ServicePort != nil {
				check(port.Name, specPath.Child("containers").Index(i).Child("ports").Index(j).Child("name"))
			}
		}
	}
	for i, port := range sp.Ports {
		check(port.Name, specPath.Child("ports").Index(i).Child("name"))
	}
	return errs
}

func istioPortName(name string) bool {
	return slices.ContainsFunc(istioProtocols, func(proto string) bool {
		return name == proto || strings.HasPrefix(name, proto+"-")
	})
}

// restrictedVolumeSources are the volume types the Pod Security Standards
// restricted level allows.
func restrictedVolume(v corev1.VolumeSource) bool {
	return v.ConfigMap != nil || v.CSI != nil || v.DownwardAPI != nil || v.EmptyDir != nil || v.Ephemeral != nil ||
		v.PersistentVolumeClaim != nil || v.Projected != nil || v.Secret != nil || v.Image != nil
}

// validateSecurityProfile refuses every value that contradicts the
// restricted profile; the values it leaves unset are filled in by render.
func validateSecurityProfile(sp *ServiceSpecSpec) field.ErrorList {
	var errs field.ErrorList
	if sp.SyncHostTimezone {
		errs = append(errs, field.Forbidden(specPath.Child("syncHostTimezone"),
			"mounts a hostPath volume, which the Restricted security profile does not allow"))
	}
	for i, v := range sp.Volumes {
		if !restrictedVolume(v.VolumeSource) {
			errs = append(errs, field.Forbidden(specPath.Child("volumes").Index(i),
				"the Restricted security profile allows configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes only"))
		}
	}
	if sp.Pod != nil && sp.Pod.SecurityContext != nil {
		errs = append(errs, validateRestrictedPodContext(sp.Pod.SecurityContext, specPath.Child("pod", "securityContext"))...)
	}
	for i, c := range sp.Containers {
		errs = append(errs, validateRestrictedContext(c.SecurityContext, specPath.Child("containers").Index(i).Child("securityContext"))...)
	}
	for i, c := range sp.InitContainers {
		errs = append(errs, validateRestrictedContext(c.SecurityContext, specPath.Child("initContainers").Index(i).Child("securityContext"))...)
	}
	return errs
}

const contradictsRestricted = "contradicts the Restricted security profile"

func validateRestrictedPodContext(sc *corev1.PodSecurityContext, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if sc.RunAsNonRoot != nil && !*sc.RunAsNonRoot {
		errs = append(errs, field.Forbidden(p.Child("runAsNonRoot"), contradictsRestricted))
	}
	if sc.RunAsUser != nil && *sc.RunAsUser == 0 {
		errs = append(errs, field.Forbidden(p.Child("runAsUser"), contradictsRestricted+" (0 is root)"))
	}
	return append(errs, validateRestrictedSeccomp(sc.SeccompProfile, p.Child("seccompProfile", "type"))...)
}

func validateRestrictedContext(sc *corev1.SecurityContext, p *field.Path) field.ErrorList {
	if sc == nil {
		return nil
	}
	var errs field.ErrorList
	if sc.Privileged != nil && *sc.Privileged {
		errs = append(errs, field.Forbidden(p.Child("privileged"), contradictsRestricted))
	}
	if sc.AllowPrivilegeEscalation != nil && *sc.AllowPrivilegeEscalation {
		errs = append(errs, field.Forbidden(p.Child("allowPrivilegeEscalation"), contradictsRestricted))
	}
	if sc.RunAsNonRoot != nil && !*sc.RunAsNonRoot {
		errs = append(errs, field.Forbidden(p.Child("runAsNonRoot"), contradictsRestricted))
	}
	if sc.RunAsUser != nil && *sc.RunAsUser == 0 {
		errs = append(errs, field.Forbidden(p.Child("runAsUser"), contradictsRestricted+" (0 is root)"))
	}
	if caps := sc.Capabilities; caps != nil {
		for i, c := range caps.Add {
			if c != "NET_BIND_SERVICE" {
				errs = append(errs, field.Forbidden(p.Child("capabilities", "add").Index(i), contradictsRestricted+" (only NET_BIND_SERVICE may be added)"))
			}
		}
	}
	return append(errs, validateRestrictedSeccomp(sc.SeccompProfile, p.Child("seccompProfile", "type"))...)
}

func validateRestrictedSeccomp(sp *corev1.SeccompProfile, p *field.Path) field.ErrorList {
	if sp != nil && sp.Type == corev1.SeccompProfileTypeUnconfined {
		return field.ErrorList{field.Forbidden(p, contradictsRestricted+" (use RuntimeDefault or Localhost)")}
	}
	return nil
}
