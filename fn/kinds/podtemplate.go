package kinds

import (
	"reflect"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// PodTemplate is a workload's pod template (a Deployment's or a
// StatefulSet's); nil for any other object.
func PodTemplate(obj runtime.Object) *corev1.PodTemplateSpec {
	switch w := obj.(type) {
	case *appsv1.Deployment:
		return &w.Spec.Template
	case *appsv1.StatefulSet:
		return &w.Spec.Template
	}
	return nil
}

// undefaultPodTemplate removes the pod defaults the API server writes into
// every workload's template.
func undefaultPodTemplate(t *corev1.PodTemplateSpec) {
	t.CreationTimestamp = metav1.Time{}
	s := &t.Spec
	if s.RestartPolicy == corev1.RestartPolicyAlways {
		s.RestartPolicy = ""
	}
	if s.DNSPolicy == corev1.DNSClusterFirst {
		s.DNSPolicy = ""
	}
	if s.SchedulerName == corev1.DefaultSchedulerName {
		s.SchedulerName = ""
	}
	if s.SecurityContext != nil && reflect.DeepEqual(*s.SecurityContext, corev1.PodSecurityContext{}) {
		s.SecurityContext = nil
	}
	s.TerminationGracePeriodSeconds = unlessEqual(s.TerminationGracePeriodSeconds, int64(corev1.DefaultTerminationGracePeriodSeconds))
	// The deprecated serviceAccount (the console writes it) is copied from
	// serviceAccountName by the server, and the reverse.
	switch {
	case s.DeprecatedServiceAccount == "":
	case s.ServiceAccountName == "":
		s.ServiceAccountName, s.DeprecatedServiceAccount = s.DeprecatedServiceAccount, ""
	case s.DeprecatedServiceAccount == s.ServiceAccountName:
		s.DeprecatedServiceAccount = ""
	}
	if s.ServiceAccountName == "default" {
		s.ServiceAccountName = ""
	}
	if s.EnableServiceLinks != nil && *s.EnableServiceLinks {
		s.EnableServiceLinks = nil
	}
	for i := range s.Volumes {
		undefaultVolume(&s.Volumes[i].VolumeSource)
	}
	for i := range s.InitContainers {
		undefaultContainer(&s.InitContainers[i])
	}
	for i := range s.Containers {
		undefaultContainer(&s.Containers[i])
	}
}

func undefaultContainer(c *corev1.Container) {
	if c.TerminationMessagePath == corev1.TerminationMessagePathDefault {
		c.TerminationMessagePath = ""
	}
	if c.TerminationMessagePolicy == corev1.TerminationMessageReadFile {
		c.TerminationMessagePolicy = ""
	}
	if c.ImagePullPolicy == defaultPullPolicy(c.Image) {
		c.ImagePullPolicy = ""
	}
	for i := range c.Ports {
		if c.Ports[i].Protocol == corev1.ProtocolTCP {
			c.Ports[i].Protocol = ""
		}
	}
	for _, p := range []*corev1.Probe{c.LivenessProbe, c.ReadinessProbe, c.StartupProbe} {
		undefaultProbe(p)
	}
	for i := range c.Env {
		if f := c.Env[i].ValueFrom; f != nil && f.FieldRef != nil && f.FieldRef.APIVersion == "v1" {
			f.FieldRef.APIVersion = ""
		}
	}
}

// defaultPullPolicy is the server's: Always for an image without a tag or
// tagged latest, IfNotPresent otherwise.
func defaultPullPolicy(image string) corev1.PullPolicy {
	name := image
	if at := strings.Index(name, "@"); at >= 0 {
		return corev1.PullIfNotPresent
	}
	if slash := strings.LastIndex(name, "/"); slash >= 0 {
		name = name[slash+1:]
	}
	if colon := strings.LastIndex(name, ":"); colon < 0 || name[colon+1:] == "latest" {
		return corev1.PullAlways
	}
	return corev1.PullIfNotPresent
}

func undefaultProbe(p *corev1.Probe) {
	if p == nil {
		return
	}
	p.TimeoutSeconds = zeroIf(p.TimeoutSeconds, 1)
	p.PeriodSeconds = zeroIf(p.PeriodSeconds, 10)
	p.SuccessThreshold = zeroIf(p.SuccessThreshold, 1)
	p.FailureThreshold = zeroIf(p.FailureThreshold, 3)
	if h := p.HTTPGet; h != nil {
		if h.Scheme == corev1.URISchemeHTTP {
			h.Scheme = ""
		}
		if h.Path == "/" {
			h.Path = ""
		}
	}
}

func undefaultVolume(v *corev1.VolumeSource) {
	const defaultMode = corev1.ConfigMapVolumeSourceDefaultMode
	switch {
	case v.ConfigMap != nil:
		v.ConfigMap.DefaultMode = unlessEqual(v.ConfigMap.DefaultMode, defaultMode)
	case v.Secret != nil:
		v.Secret.DefaultMode = unlessEqual(v.Secret.DefaultMode, defaultMode)
	case v.DownwardAPI != nil:
		v.DownwardAPI.DefaultMode = unlessEqual(v.DownwardAPI.DefaultMode, defaultMode)
	case v.Projected != nil:
		v.Projected.DefaultMode = unlessEqual(v.Projected.DefaultMode, defaultMode)
	case v.HostPath != nil:
		if t := v.HostPath.Type; t != nil && *t == corev1.HostPathUnset {
			v.HostPath.Type = nil
		}
	}
}
