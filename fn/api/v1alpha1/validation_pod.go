package v1alpha1

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/servicespec/servicespec/fn/kubesphere"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

var (
	pullPolicies = []corev1.PullPolicy{corev1.PullAlways, corev1.PullIfNotPresent, corev1.PullNever}
	accessModes  = []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce, corev1.ReadOnlyMany,
		corev1.ReadWriteMany, corev1.ReadWriteOncePod}
	dnsPolicies = []corev1.DNSPolicy{corev1.DNSClusterFirst, corev1.DNSClusterFirstWithHostNet,
		corev1.DNSDefault, corev1.DNSNone}
	schedulingStrategies = []SchedulingStrategy{DefaultScheduling, Decentralized, Centralized}
)

// validatePodTemplate checks everything that goes into the pod template.
func validatePodTemplate(sp *ServiceSpecSpec, owners AnnotationOwners) field.ErrorList {
	volumes, errs := validateVolumes(sp)
	names := map[string]*field.Path{}
	if len(sp.Containers) == 0 {
		errs = append(errs, field.Required(specPath.Child("containers"), "at least one container"))
	}
	grace := *sp.Pod.TerminationGracePeriodSeconds
	for i := range sp.Containers {
		cp := specPath.Child("containers").Index(i)
		errs = append(errs, validateContainer(&sp.Containers[i], cp, names, volumes, sp.SyncHostTimezone)...)
		errs = append(errs, validatePassThrough(workerFields(&sp.Containers[i]), grace, cp)...)
		errs = append(errs, validateLogPaths(sp.Containers[i].VolumeMounts, cp.Child("volumeMounts"), volumes, sp.LogCollection)...)
	}
	for i := range sp.InitContainers {
		cp := specPath.Child("initContainers").Index(i)
		errs = append(errs, validateInitContainer(&sp.InitContainers[i], cp, names, volumes)...)
		errs = append(errs, validatePassThrough(initFields(&sp.InitContainers[i]), grace, cp)...)
	}
	errs = append(errs, validatePodPassThrough(sp)...)
	errs = append(errs, validateScheduling(sp.Scheduling)...)
	errs = append(errs, validatePodSettings(sp, owners)...)
	return append(errs, validateStrategy(sp.Type, sp.Strategy)...)
}

// validateVolumes checks spec.volumes and spec.volumeClaimTemplates and
// returns the names a container may mount.
func validateVolumes(sp *ServiceSpecSpec) (map[string]bool, field.ErrorList) {
	var errs field.ErrorList
	seen := map[string]*field.Path{}
	addName := func(name string, p *field.Path) {
		errs = append(errs, invalid(p, name, validation.IsDNS1123Label(name))...)
		if first, ok := seen[name]; ok {
			errs = append(errs, field.Duplicate(p, fmt.Sprintf("%s (also the name of %s)", name, first)))
			return
		}
		seen[name] = p
	}
	if sp.SyncHostTimezone {
		seen[kubesphere.HostTimeVolume] = specPath.Child("syncHostTimezone")
	}
	for i, v := range sp.Volumes {
		addName(v.Name, specPath.Child("volumes").Index(i).Child("name"))
	}
	for i := range sp.VolumeClaimTemplates {
		errs = append(errs, validateClaimTemplate(&sp.VolumeClaimTemplates[i], specPath.Child("volumeClaimTemplates").Index(i), addName)...)
	}
	names := map[string]bool{}
	for n := range seen {
		names[n] = true
	}
	return names, errs
}

func validateClaimTemplate(c *VolumeClaimTemplate, p *field.Path, addName func(string, *field.Path)) field.ErrorList {
	var errs field.ErrorList
	addName(c.Name, p.Child("name"))
	if c.StorageClassName != nil && *c.StorageClassName != "" {
		errs = append(errs, invalid(p.Child("storageClassName"), *c.StorageClassName, validation.IsDNS1123Subdomain(*c.StorageClassName))...)
	}
	for j, m := range c.AccessModes {
		if !slices.Contains(accessModes, m) {
			errs = append(errs, field.NotSupported(p.Child("accessModes").Index(j), m, accessModes))
		}
	}
	errs = append(errs, validateClaimSize(c.Size, p.Child("size"))...)
	errs = append(errs, metav1validation.ValidateLabels(c.Labels, p.Child("labels"))...)
	return append(errs, validateAnnotations(c.Annotations, nil, p.Child("annotations"))...)
}

func validateClaimSize(size string, p *field.Path) field.ErrorList {
	if q, err := resource.ParseQuantity(size); err != nil {
		return field.ErrorList{field.Invalid(p, size, "must be a quantity such as 10Gi")}
	} else if q.Sign() <= 0 {
		return field.ErrorList{field.Invalid(p, size, "must be greater than zero")}
	}
	return nil
}

func validateContainer(c *Container, p *field.Path, names map[string]*field.Path, volumes map[string]bool, hostTime bool) field.ErrorList {
	errs := validateContainerName(c.Name, p.Child("name"), names)
	if c.Image == "" {
		errs = append(errs, field.Required(p.Child("image"), ""))
	}
	if !slices.Contains(pullPolicies, c.ImagePullPolicy) {
		errs = append(errs, field.NotSupported(p.Child("imagePullPolicy"), c.ImagePullPolicy, pullPolicies))
	}
	if c.ImagePullSecret != "" {
		errs = append(errs, invalid(p.Child("imagePullSecret"), c.ImagePullSecret, validation.IsDNS1123Subdomain(c.ImagePullSecret))...)
	}
	errs = append(errs, validateEnv(c.Env, p.Child("env"))...)
	return append(errs, validateMounts(CoreVolumeMounts(c.VolumeMounts), p.Child("volumeMounts"), volumes, hostTime)...)
}

func validateInitContainer(c *corev1.Container, p *field.Path, names map[string]*field.Path, volumes map[string]bool) field.ErrorList {
	var errs field.ErrorList
	if c.Name == "" {
		errs = append(errs, field.Required(p.Child("name"), "init containers have no default name"))
	} else {
		errs = append(errs, validateContainerName(c.Name, p.Child("name"), names)...)
	}
	if c.Image == "" {
		errs = append(errs, field.Required(p.Child("image"), ""))
	}
	if !slices.Contains(pullPolicies, c.ImagePullPolicy) {
		errs = append(errs, field.NotSupported(p.Child("imagePullPolicy"), c.ImagePullPolicy, pullPolicies))
	}
	errs = append(errs, validateEnv(c.Env, p.Child("env"))...)
	return append(errs, validateMounts(c.VolumeMounts, p.Child("volumeMounts"), volumes, false)...)
}

func validateContainerName(name string, p *field.Path, names map[string]*field.Path) field.ErrorList {
	if name == "" {
		return nil // a default name from an empty metadata.name, which is reported there
	}
	errs := invalid(p, name, validation.IsDNS1123Label(name))
	if first, ok := names[name]; ok {
		errs = append(errs, field.Duplicate(p, fmt.Sprintf("%s (also the name of %s)", name, first)))
	} else {
		names[name] = p
	}
	return errs
}

func validateEnv(env []corev1.EnvVar, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, e := range env {
		np := p.Index(i).Child("name")
		if e.Name == "" {
			errs = append(errs, field.Required(np, ""))
			continue
		}
		errs = append(errs, invalid(np, e.Name, validation.IsEnvVarName(e.Name))...)
	}
	return errs
}

func validateMounts(mounts []corev1.VolumeMount, p *field.Path, volumes map[string]bool, hostTime bool) field.ErrorList {
	var errs field.ErrorList
	for i, m := range mounts {
		mp := p.Index(i)
		if !volumes[m.Name] {
			errs = append(errs, field.NotFound(mp.Child("name"), m.Name))
		}
		if m.MountPath == "" {
			errs = append(errs, field.Required(mp.Child("mountPath"), ""))
		}
		if hostTime && m.MountPath == kubesphere.LocaltimePath {
			errs = append(errs, field.Duplicate(mp.Child("mountPath"), kubesphere.LocaltimePath+" (mounted by spec.syncHostTimezone)"))
		}
	}
	return errs
}

// validateLogPaths checks the log files a container's mounts collect:
// they need log collection on, a volume that exists, and no empty glob.
func validateLogPaths(mounts []VolumeMount, p *field.Path, volumes map[string]bool, lc *LogCollection) field.ErrorList {
	var errs field.ErrorList
	for i, m := range mounts {
		if m.LogPaths == nil {
			continue
		}
		lp := p.Index(i).Child("logPaths")
		switch {
		case lc == nil || !lc.Enabled:
			errs = append(errs, field.Forbidden(lp, "needs spec.logCollection.enabled: true"))
		case !volumes[m.Name]:
			errs = append(errs, field.Invalid(lp, m.LogPaths, fmt.Sprintf("collects from volume %q, which the pod does not have", m.Name)))
		}
		if len(m.LogPaths) == 0 {
			errs = append(errs, field.Required(lp, "at least one path when set"))
		}
		for j, path := range m.LogPaths {
			if strings.TrimSpace(path) == "" {
				errs = append(errs, field.Required(lp.Index(j), "a log file path or glob, relative to the mount path"))
			}
		}
	}
	return errs
}

func validateScheduling(s *Scheduling) field.ErrorList {
	var errs field.ErrorList
	p := specPath.Child("scheduling")
	if !slices.Contains(schedulingStrategies, s.Strategy) {
		errs = append(errs, field.NotSupported(p.Child("strategy"), s.Strategy, schedulingStrategies))
	}
	if s.Affinity != nil && s.Strategy != DefaultScheduling {
		errs = append(errs, field.Forbidden(p.Child("affinity"),
			fmt.Sprintf("strategy %s writes the affinity itself; use strategy Default to pass an affinity through", s.Strategy)))
	}
	return append(errs, metav1validation.ValidateLabels(s.NodeSelector, p.Child("nodeSelector"))...)
}

func validatePodSettings(sp *ServiceSpecSpec, owners AnnotationOwners) field.ErrorList {
	var errs field.ErrorList
	pod, p := sp.Pod, specPath.Child("pod")
	errs = append(errs, invalid(p.Child("serviceAccountName"), pod.ServiceAccountName, validation.IsDNS1123Subdomain(pod.ServiceAccountName))...)
	for i, s := range pod.ImagePullSecrets {
		errs = append(errs, invalid(p.Child("imagePullSecrets").Index(i).Child("name"), s.Name, validation.IsDNS1123Subdomain(s.Name))...)
	}
	if g := pod.TerminationGracePeriodSeconds; *g < 0 {
		errs = append(errs, field.Invalid(p.Child("terminationGracePeriodSeconds"), *g, "must be greater than or equal to 0"))
	}
	if pod.PriorityClassName != "" {
		errs = append(errs, invalid(p.Child("priorityClassName"), pod.PriorityClassName, validation.IsDNS1123Subdomain(pod.PriorityClassName))...)
	}
	if r := pod.RuntimeClassName; r != nil {
		errs = append(errs, invalid(p.Child("runtimeClassName"), *r, validation.IsDNS1123Subdomain(*r))...)
	}
	if pod.IPPool != "" {
		errs = append(errs, invalid(p.Child("ipPool"), pod.IPPool, validation.IsDNS1123Subdomain(pod.IPPool))...)
	}
	if pod.DNSPolicy != "" && !slices.Contains(dnsPolicies, pod.DNSPolicy) {
		errs = append(errs, field.NotSupported(p.Child("dnsPolicy"), pod.DNSPolicy, dnsPolicies))
	}
	errs = append(errs, validateExtraLabels(pod.Labels, p.Child("labels"))...)
	for _, k := range slices.Sorted(maps.Keys(pod.Labels)) {
		if _, ok := sp.Labels[k]; ok {
			errs = append(errs, field.Duplicate(p.Child("labels").Key(k), k+" (already set by spec.labels)"))
		}
	}
	return append(errs, validateAnnotations(pod.Annotations, owned(owners.Pod, sp), p.Child("annotations"))...)
}

// validateStrategy checks the update strategy against the workload kind:
// RollingUpdate or Recreate for a Deployment, RollingUpdate or OnDelete for a
// StatefulSet.
func validateStrategy(t ServiceType, st *Strategy) field.ErrorList {
	var errs field.ErrorList
	p := specPath.Child("strategy")
	if t == Stateful {
		types := []UpdateStrategyType{RollingUpdate, OnDelete}
		if !slices.Contains(types, st.Type) {
			return append(errs, field.NotSupported(p.Child("type"), st.Type, types))
		}
		errs = append(errs, forbidIfSet(p.Child("maxSurge"), st.MaxSurge != nil, "a StatefulSet rolling update takes only partition")...)
		errs = append(errs, forbidIfSet(p.Child("maxUnavailable"), st.MaxUnavailable != nil, "a StatefulSet rolling update takes only partition")...)
		errs = append(errs, forbidIfSet(p.Child("partition"), st.Type == OnDelete && st.Partition != nil, "OnDelete takes no rolling-update fields")...)
		if st.Partition != nil && *st.Partition < 0 {
			errs = append(errs, field.Invalid(p.Child("partition"), *st.Partition, "must be greater than or equal to 0"))
		}
		return errs
	}
	types := []UpdateStrategyType{RollingUpdate, Recreate}
	if !slices.Contains(types, st.Type) {
		return append(errs, field.NotSupported(p.Child("type"), st.Type, types))
	}
	errs = append(errs, forbidIfSet(p.Child("partition"), st.Partition != nil, "partition applies to StatefulSets only")...)
	if st.Type == Recreate {
		errs = append(errs, forbidIfSet(p.Child("maxSurge"), st.MaxSurge != nil, "Recreate takes no rolling-update fields")...)
		return append(errs, forbidIfSet(p.Child("maxUnavailable"), st.MaxUnavailable != nil, "Recreate takes no rolling-update fields")...)
	}
	errs = append(errs, validateIntOrPercent(st.MaxSurge, p.Child("maxSurge"))...)
	errs = append(errs, validateIntOrPercent(st.MaxUnavailable, p.Child("maxUnavailable"))...)
	if len(errs) == 0 && isZero(st.MaxSurge) && isZero(st.MaxUnavailable) {
		errs = append(errs, field.Invalid(p.Child("maxUnavailable"), st.MaxUnavailable.String(), "may not be 0 when maxSurge is 0"))
	}
	if len(errs) == 0 && st.MaxUnavailable.Type == intstr.String {
		if v, _ := intstr.GetScaledValueFromIntOrPercent(st.MaxUnavailable, 100, true); v > 100 {
			errs = append(errs, field.Invalid(p.Child("maxUnavailable"), st.MaxUnavailable.String(), "must not be greater than 100%"))
		}
	}
	return errs
}

func forbidIfSet(p *field.Path, set bool, detail string) field.ErrorList {
	if !set {
		return nil
	}
	return field.ErrorList{field.Forbidden(p, detail)}
}

func validateIntOrPercent(v *intstr.IntOrString, p *field.Path) field.ErrorList {
	if v.Type == intstr.Int {
		if v.IntVal < 0 {
			return field.ErrorList{field.Invalid(p, v.IntVal, "must be greater than or equal to 0")}
		}
		return nil
	}
	return invalid(p, v.StrVal, validation.IsValidPercent(v.StrVal))
}

func isZero(v *intstr.IntOrString) bool {
	n, err := intstr.GetScaledValueFromIntOrPercent(v, 100, true)
	return err == nil && n == 0
}
