package console

import (
	"reflect"

	corev1 "k8s.io/api/core/v1"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/kubesphere"
)

// A worker container both ways: the fields Container shares with
// corev1.Container are copied as they are, so that a field added to both
// needs no code here; ports and volume mounts are the console's models,
// resources are optional here, and the pull secret is a pod annotation
// (podAnnotationMappings).

// containers converts the worker containers. Ports lose servicePort (a
// console artefact the API server drops) and get their Kubernetes protocol.
func containers(sp *api.ServiceSpecSpec) []corev1.Container {
	out := make([]corev1.Container, 0, len(sp.Containers))
	for _, c := range sp.Containers {
		k := corev1.Container{Ports: containerPorts(c.Ports), VolumeMounts: api.CoreVolumeMounts(c.VolumeMounts)}
		copyToCore(&c, &k)
		if c.Resources != nil {
			k.Resources = *c.Resources
		}
		out = append(out, k)
	}
	return out
}

// workerContainers are the containers in the spec's model.
func workerContainers(cs []corev1.Container) []api.Container {
	out := make([]api.Container, 0, len(cs))
	for _, c := range cs {
		var k api.Container
		copyFromCore(&k, &c)
		if !isEmptyResources(c.Resources) {
			k.Resources = &c.Resources
		}
		for _, p := range c.Ports {
			k.Ports = append(k.Ports, api.ContainerPort{Name: p.Name, Protocol: ProtocolOf(p.Name, p.Protocol), ContainerPort: p.ContainerPort})
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

func containerPorts(ports []api.ContainerPort) []corev1.ContainerPort {
	var out []corev1.ContainerPort
	for _, p := range ports {
		out = append(out, corev1.ContainerPort{Name: p.Name, ContainerPort: p.ContainerPort, Protocol: kubesphere.KubernetesProtocol(p.Protocol)})
	}
	return out
}

// coreFieldPairs pairs each field of Container with the corev1.Container
// field of the same name and type, by index: the fields copied as they
// are. Ports, volume mounts (the console's models), resources (optional
// here) and the pull secret (a pod annotation) differ, and are mapped by
// hand.
var coreFieldPairs = func() [][2]int {
	ours, core := reflect.TypeFor[api.Container](), reflect.TypeFor[corev1.Container]()
	var pairs [][2]int
	for i := range ours.NumField() {
		f := ours.Field(i)
		if c, ok := core.FieldByName(f.Name); ok && c.Type == f.Type && len(c.Index) == 1 {
			pairs = append(pairs, [2]int{i, c.Index[0]})
		}
	}
	return pairs
}()

// copyToCore copies the fields Container shares with corev1.Container.
func copyToCore(c *api.Container, k *corev1.Container) {
	from, to := reflect.ValueOf(c).Elem(), reflect.ValueOf(k).Elem()
	for _, p := range coreFieldPairs {
		to.Field(p[1]).Set(from.Field(p[0]))
	}
}

// copyFromCore copies the fields corev1.Container shares with Container.
func copyFromCore(c *api.Container, k *corev1.Container) {
	from, to := reflect.ValueOf(k).Elem(), reflect.ValueOf(c).Elem()
	for _, p := range coreFieldPairs {
		to.Field(p[0]).Set(from.Field(p[1]))
	}
}
