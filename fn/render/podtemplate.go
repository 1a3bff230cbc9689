package render

import (
	"encoding/json"
	"maps"
	"slices"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/kubesphere"
)

// podTemplate is the pod template of the workload. Its labels are the
// workload's labels plus spec.pod.labels; its annotations always include
// kubesphere.io/imagepullsecrets, as the console writes it, and the mesh's
// sidecar injection and the config hash when those are on.
func podTemplate(s *service, configHash string) corev1.PodTemplateSpec {
	sp := &s.Spec
	labels := objectLabels(s)
	maps.Copy(labels, sp.Pod.Labels)
	annotations := map[string]string{kubesphere.AnnotationImagePullSecrets: imagePullSecretsAnnotation(sp.Containers)}
	maps.Copy(annotations, creatorAnnotation(s.Spec.Creator))
	maps.Copy(annotations, injectAnnotation(s))
	if configHash != "" {
		annotations[api.AnnotationConfigHash] = configHash
	}
	maps.Copy(annotations, logAnnotations(sp))
	if sp.Pod.IPPool != "" {
		annotations[kubesphere.AnnotationIPv4Pools] = jsonString([]string{sp.Pod.IPPool})
	}
	maps.Copy(annotations, sp.Pod.Annotations)
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
