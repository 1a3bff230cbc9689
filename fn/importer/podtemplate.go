package importer

import (
	"maps"
	"slices"

	corev1 "k8s.io/api/core/v1"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/kubesphere"
)

// podTemplate reads the pod template into the spec: containers in the
// console's port model, volumes, pod settings and scheduling, and the pod
// annotations the console writes (pull secrets, log collection, IP pool,
// mesh injection) back into their fields.
// A member of a composed app takes its sidecar injection from the app.
func podTemplate(sp *api.ServiceSpecSpec, t corev1.PodTemplateSpec, workloadLabels map[string]string, member bool) error {
	pod := t.Spec
	annotations := maps.Clone(t.Annotations)
	sp.SyncHostTimezone = hostTime(&pod)
	sp.Containers = workerContainers(pod.Containers)
	sp.InitContainers = pod.InitContainers
	sp.Volumes = pod.Volumes
	owned := console.WrittenPodAnnotations(sp.ServiceMesh != nil || member)
	sp.Pod = &api.PodSettings{
		SecurityContext: pod.SecurityContext, ServiceAccountName: serviceAccount(pod), ImagePullSecrets: pod.ImagePullSecrets,
		TerminationGracePeriodSeconds: pod.TerminationGracePeriodSeconds, PriorityClassName: pod.PriorityClassName,
		Labels:      nonEmpty(withoutKeys(t.Labels, workloadLabels)),
		Annotations: nonEmpty(without(annotations, owned...)), HostAliases: pod.HostAliases,
		DNSPolicy: pod.DNSPolicy, DNSConfig: pod.DNSConfig, RuntimeClassName: pod.RuntimeClassName,
	}
	sp.Scheduling = &api.Scheduling{Strategy: api.DefaultScheduling, NodeSelector: pod.NodeSelector, Affinity: pod.Affinity,
		Tolerations: pod.Tolerations, TopologySpreadConstraints: pod.TopologySpreadConstraints}
	return console.ReadPodAnnotations(annotations, sp)
}

// serviceAccount is serviceAccountName, or the deprecated serviceAccount
// the console writes.
func serviceAccount(pod corev1.PodSpec) string {
	if pod.ServiceAccountName != "" {
		return pod.ServiceAccountName
	}
	return pod.DeprecatedServiceAccount
}

// hostTime recognizes syncHostTimezone: the host-time volume on
// /etc/localtime, mounted read-only there in every container. It removes
// them from the pod when it finds them.
func hostTime(pod *corev1.PodSpec) bool {
	i := slices.IndexFunc(pod.Volumes, func(v corev1.Volume) bool {
		return v.Name == kubesphere.HostTimeVolume && v.HostPath != nil && v.HostPath.Path == kubesphere.LocaltimePath
	})
	if i < 0 {
		return false
	}
	isMount := func(m corev1.VolumeMount) bool {
		return m.Name == kubesphere.HostTimeVolume && m.MountPath == kubesphere.LocaltimePath && m.ReadOnly
	}
	all := append(slices.Clone(pod.InitContainers), pod.Containers...)
	for _, c := range all {
		if !slices.ContainsFunc(c.VolumeMounts, isMount) {
			return false
		}
	}
	pod.Volumes = slices.Delete(slices.Clone(pod.Volumes), i, i+1)
	for _, cs := range []*[]corev1.Container{&pod.InitContainers, &pod.Containers} {
		*cs = slices.Clone(*cs)
		for j := range *cs {
			(*cs)[j].VolumeMounts = slices.DeleteFunc(slices.Clone((*cs)[j].VolumeMounts), isMount)
		}
	}
	return true
}

// workerContainers are the containers in the spec's model.
func workerContainers(cs []corev1.Container) []api.Container {
	out := make([]api.Container, 0, len(cs))
	for _, c := range cs {
		var k api.Container
		k.CopyFromCore(&c)
		if !isEmptyResources(c.Resources) {
			k.Resources = &c.Resources
		}
		for _, p := range c.Ports {
			k.Ports = append(k.Ports, api.ContainerPort{Name: p.Name, Protocol: protocolOf(p.Name, p.Protocol), ContainerPort: p.ContainerPort})
		}
		for _, m := range c.VolumeMounts {
			k.VolumeMounts = append(k.VolumeMounts, api.VolumeMount{VolumeMount: m})
		}
		out = append(out, k)
	}
	return out
}

func isEmptyResources(r corev1.ResourceRequirements) bool {
	return len(r.Limits) == 0 && len(r.Requests) == 0 && len(r.Claims) == 0
}

// servicePorts gives the worker containers' ports their servicePort when
// the Service's ports are exactly what those would render (in order, by
// name, to the container port); otherwise the Service's ports become
// spec.ports.
func servicePorts(sp *api.ServiceSpecSpec, ports []corev1.ServicePort) {
	type ref struct{ c, p int }
	var refs []ref
	for ci, c := range sp.Containers {
		for pi := range c.Ports {
			refs = append(refs, ref{ci, pi})
		}
	}
	var chosen []ref
	next := 0
	for _, sport := range ports {
		found := false
		for next < len(refs) {
			r := refs[next]
			next++
			cp := sp.Containers[r.c].Ports[r.p]
			if cp.Name == sport.Name && sport.TargetPort.IntVal == cp.ContainerPort && sport.TargetPort.StrVal == "" &&
				kubesphere.KubernetesProtocol(cp.Protocol) == protocolOrTCP(sport.Protocol) && sport.NodePort == 0 {
				chosen, found = append(chosen, r), true
				break
			}
		}
		if !found {
			sp.Ports = directPorts(ports)
			return
		}
	}
	for i, r := range chosen {
		sp.Containers[r.c].Ports[r.p].ServicePort = &ports[i].Port
	}
}

func protocolOrTCP(p corev1.Protocol) corev1.Protocol {
	if p == "" {
		return corev1.ProtocolTCP
	}
	return p
}

// withoutKeys drops the keys of b, with the values b has, from a.
func withoutKeys(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		if bv, ok := b[k]; !ok || bv != v {
			out[k] = v
		}
	}
	return out
}
