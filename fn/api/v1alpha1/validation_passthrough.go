package v1alpha1

import (
	"slices"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/servicespec/servicespec/fn/internal/corevalidation"
)

// containerFields are the core/v1 fields a worker or init container passes
// through unchanged, which the API server checks by its own rules.
// +kubebuilder:object:generate=false
type containerFields struct {
	envFrom                             []corev1.EnvFromSource
	env                                 []corev1.EnvVar
	resources                           *corev1.ResourceRequirements
	resizePolicy                        []corev1.ContainerResizePolicy
	mounts                              []corev1.VolumeMount
	liveness, readiness, startup        *corev1.Probe
	lifecycle                           *corev1.Lifecycle
	securityContext                     *corev1.SecurityContext
	terminationMessagePolicy            corev1.TerminationMessagePolicy
	initWithoutRestart, initWithRestart bool
}

var terminationMessagePolicies = []corev1.TerminationMessagePolicy{corev1.TerminationMessageReadFile, corev1.TerminationMessageFallbackToLogsOnError}

func workerFields(c *Container) containerFields {
	return containerFields{envFrom: c.EnvFrom, env: c.Env, resources: c.Resources, resizePolicy: c.ResizePolicy,
		mounts: CoreVolumeMounts(c.VolumeMounts), liveness: c.LivenessProbe, readiness: c.ReadinessProbe, startup: c.StartupProbe,
		lifecycle: c.Lifecycle, securityContext: c.SecurityContext, terminationMessagePolicy: c.TerminationMessagePolicy}
}

func initFields(c *corev1.Container) containerFields {
	sidecar := c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways
	return containerFields{envFrom: c.EnvFrom, env: c.Env, resources: &c.Resources, resizePolicy: c.ResizePolicy,
		mounts: c.VolumeMounts, liveness: c.LivenessProbe, readiness: c.ReadinessProbe, startup: c.StartupProbe,
		lifecycle: c.Lifecycle, securityContext: c.SecurityContext, terminationMessagePolicy: c.TerminationMessagePolicy,
		initWithoutRestart: !sidecar, initWithRestart: sidecar}
}

// validatePassThrough checks a container's pass-through fields.
func validatePassThrough(c containerFields, gracePeriod int64, p *field.Path) field.ErrorList {
	errs := corevalidation.EnvValueFrom(c.env, p.Child("env"))
	errs = append(errs, corevalidation.EnvFrom(c.envFrom, p.Child("envFrom"))...)
	errs = append(errs, corevalidation.Resources(c.resources, p.Child("resources"))...)
	errs = append(errs, corevalidation.ResizePolicy(c.resizePolicy, p.Child("resizePolicy"))...)
	privileged := c.securityContext != nil && c.securityContext.Privileged != nil && *c.securityContext.Privileged
	errs = append(errs, corevalidation.VolumeMounts(c.mounts, privileged, p.Child("volumeMounts"))...)
	errs = append(errs, corevalidation.SecurityContext(c.securityContext, p.Child("securityContext"))...)
	if t := c.terminationMessagePolicy; t != "" && !slices.Contains(terminationMessagePolicies, t) {
		errs = append(errs, field.NotSupported(p.Child("terminationMessagePolicy"), t, terminationMessagePolicies))
	}
	if c.initWithoutRestart {
		return append(errs, forbidOnPlainInit(c, p)...)
	}
	errs = append(errs, corevalidation.Probe(c.liveness, corevalidation.Liveness, p.Child("livenessProbe"))...)
	errs = append(errs, corevalidation.Probe(c.readiness, corevalidation.Readiness, p.Child("readinessProbe"))...)
	errs = append(errs, corevalidation.Probe(c.startup, corevalidation.Startup, p.Child("startupProbe"))...)
	return append(errs, corevalidation.Lifecycle(c.lifecycle, gracePeriod, p.Child("lifecycle"))...)
}

// forbidOnPlainInit reports probes and hooks on an init container that runs
// to completion: only a sidecar (restartPolicy: Always) may have them.
func forbidOnPlainInit(c containerFields, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, f := range []struct {
		name string
		set  bool
	}{{"lifecycle", c.lifecycle != nil}, {"livenessProbe", c.liveness != nil},
		{"readinessProbe", c.readiness != nil}, {"startupProbe", c.startup != nil}} {
		if f.set {
			errs = append(errs, field.Forbidden(p.Child(f.name), "may be set only on a sidecar init container (restartPolicy: Always)"))
		}
	}
	return errs
}

// validatePodPassThrough checks the pod-level pass-through fields.
func validatePodPassThrough(sp *ServiceSpecSpec) field.ErrorList {
	pod, pp := sp.Pod, specPath.Child("pod")
	errs := corevalidation.PodSecurityContext(pod.SecurityContext, pp.Child("securityContext"))
	errs = append(errs, corevalidation.HostAliases(pod.HostAliases, pp.Child("hostAliases"))...)
	errs = append(errs, corevalidation.DNSConfig(pod.DNSConfig, pod.DNSPolicy, pp.Child("dnsConfig"))...)
	if s := sp.Scheduling; s != nil {
		sc := specPath.Child("scheduling")
		errs = append(errs, corevalidation.Tolerations(s.Tolerations, sc.Child("tolerations"))...)
		errs = append(errs, corevalidation.TopologySpreadConstraints(s.TopologySpreadConstraints, sc.Child("topologySpreadConstraints"))...)
		errs = append(errs, corevalidation.Affinity(s.Affinity, sc.Child("affinity"))...)
	}
	for i := range sp.Volumes {
		errs = append(errs, corevalidation.VolumeSource(&sp.Volumes[i].VolumeSource, specPath.Child("volumes").Index(i))...)
	}
	return errs
}
