package console

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/kubesphere"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// podTemplate is the pod template of the workload. Its labels are the
// workload's labels plus spec.pod.labels; its annotations always include
// kubesphere.io/imagepullsecrets, as the console writes it, and the mesh's
// sidecar injection and the config hash when those are on.
func podTemplate(s *service, configHash string) corev1.PodTemplateSpec {
	sp := &s.Spec
	labels := objectLabels(s)
	maps.Copy(labels, sp.Pod.Labels)
	annotations := writeAnnotations(s, podAnnotationMappings)
	if configHash != "" {
		annotations[api.AnnotationConfigHash] = configHash
	}
	return corev1.PodTemplateSpec{
		ObjectMeta: metav1.ObjectMeta{Labels: labels, Annotations: annotations},
		Spec:       podSpec(s),
	}
}

func podSpec(s *service) corev1.PodSpec {
	sp, pod, sched := &s.Spec, s.Spec.Pod, s.Spec.Scheduling
	spec := corev1.PodSpec{
		Containers:                    secured(sp, containers(sp)),
		InitContainers:                secured(sp, initContainers(sp)),
		Volumes:                       volumes(sp),
		ServiceAccountName:            pod.ServiceAccountName,
		TerminationGracePeriodSeconds: pod.TerminationGracePeriodSeconds,
		ImagePullSecrets:              imagePullSecrets(sp),
		SecurityContext:               pod.SecurityContext,
		PriorityClassName:             pod.PriorityClassName,
		HostAliases:                   pod.HostAliases,
		DNSPolicy:                     pod.DNSPolicy,
		DNSConfig:                     pod.DNSConfig,
		RuntimeClassName:              pod.RuntimeClassName,
		NodeSelector:                  nonEmpty(sched.NodeSelector),
		Affinity:                      affinity(s),
		Tolerations:                   sched.Tolerations,
		TopologySpreadConstraints:     sched.TopologySpreadConstraints,
	}
	return spec
}

// containers converts the worker containers. Ports lose servicePort (a
// console artefact the API server drops) and get their Kubernetes protocol.
func containers(sp *api.ServiceSpecSpec) []corev1.Container {
	out := make([]corev1.Container, 0, len(sp.Containers))
	for _, c := range sp.Containers {
		k := corev1.Container{Ports: containerPorts(c.Ports), VolumeMounts: api.CoreVolumeMounts(c.VolumeMounts)}
		c.CopyToCore(&k)
		if c.Resources != nil {
			k.Resources = *c.Resources
		}
		if sp.SyncHostTimezone {
			k.VolumeMounts = append(slices.Clone(k.VolumeMounts), hostTimeMount())
		}
		out = append(out, k)
	}
	return out
}

func containerPorts(ports []api.ContainerPort) []corev1.ContainerPort {
	var out []corev1.ContainerPort
	for _, p := range ports {
		out = append(out, corev1.ContainerPort{Name: p.Name, ContainerPort: p.ContainerPort, Protocol: kubesphere.KubernetesProtocol(p.Protocol)})
	}
	return out
}

func initContainers(sp *api.ServiceSpecSpec) []corev1.Container {
	if !sp.SyncHostTimezone {
		return sp.InitContainers
	}
	out := slices.Clone(sp.InitContainers)
	for i := range out {
		out[i].VolumeMounts = append(slices.Clone(out[i].VolumeMounts), hostTimeMount())
	}
	return out
}

func hostTimeMount() corev1.VolumeMount {
	return corev1.VolumeMount{Name: kubesphere.HostTimeVolume, MountPath: kubesphere.LocaltimePath, ReadOnly: true}
}

func volumes(sp *api.ServiceSpecSpec) []corev1.Volume {
	if !sp.SyncHostTimezone {
		return sp.Volumes
	}
	hostTime := corev1.Volume{Name: kubesphere.HostTimeVolume, VolumeSource: corev1.VolumeSource{
		HostPath: &corev1.HostPathVolumeSource{Path: kubesphere.LocaltimePath},
	}}
	return append(slices.Clone(sp.Volumes), hostTime)
}

// imagePullSecretsAnnotation is the console's kubesphere.io/imagepullsecrets
// value: a JSON object from container name to pull secret, "{}" when none.
func imagePullSecretsAnnotation(cs []api.Container) string {
	m := map[string]string{}
	for _, c := range cs {
		if c.ImagePullSecret != "" {
			m[c.Name] = c.ImagePullSecret
		}
	}
	return jsonString(m)
}

// jsonString is the JSON text of a value made of strings, slices and maps
// (which always marshals; map keys come out sorted).
func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// imagePullSecrets is the sorted, de-duplicated union of
// spec.pod.imagePullSecrets and every container's imagePullSecret.
func imagePullSecrets(sp *api.ServiceSpecSpec) []corev1.LocalObjectReference {
	var names []string
	for _, r := range sp.Pod.ImagePullSecrets {
		names = append(names, r.Name)
	}
	for _, c := range sp.Containers {
		if c.ImagePullSecret != "" {
			names = append(names, c.ImagePullSecret)
		}
	}
	slices.Sort(names)
	var out []corev1.LocalObjectReference
	for _, n := range slices.Compact(names) {
		out = append(out, corev1.LocalObjectReference{Name: n})
	}
	return out
}

// affinity is the user's affinity, or the console preset for the
// Decentralized and Centralized strategies.
func affinity(s *service) *corev1.Affinity {
	sched := s.Spec.Scheduling
	terms := []corev1.WeightedPodAffinityTerm{{
		Weight: 100,
		PodAffinityTerm: corev1.PodAffinityTerm{
			LabelSelector: &metav1.LabelSelector{MatchLabels: versionLabels(s)},
			TopologyKey:   corev1.LabelHostname,
		},
	}}
	switch sched.Strategy {
	case api.Decentralized:
		return &corev1.Affinity{PodAntiAffinity: &corev1.PodAntiAffinity{PreferredDuringSchedulingIgnoredDuringExecution: terms}}
	case api.Centralized:
		return &corev1.Affinity{PodAffinity: &corev1.PodAffinity{PreferredDuringSchedulingIgnoredDuringExecution: terms}}
	}
	return sched.Affinity
}

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
