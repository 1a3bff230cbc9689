package console

import (
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/kubesphere"
)

// The console's port model, both ways: a worker container's port with a
// servicePort becomes a Service port named like it; spec.ports are the
// Service's ports as they are; a port's protocol is the console's (HTTP,
// GRPC, ...) in its name and Kubernetes' in the object.

// servicePorts are the Service ports of a Stateless or Stateful service: every
// worker-container port with a servicePort, or spec.ports.
func servicePorts(sp *api.ServiceSpecSpec) []corev1.ServicePort {
	var out []corev1.ServicePort
	for _, c := range sp.Containers {
		for _, p := range c.Ports {
			if p.ServicePort == nil {
				continue
			}
			out = append(out, corev1.ServicePort{
				Name: p.Name, Protocol: kubesphere.KubernetesProtocol(p.Protocol),
				Port: *p.ServicePort, TargetPort: intstr.FromInt32(p.ContainerPort),
			})
		}
	}
	return append(out, directPorts(sp.Ports)...)
}

func directPorts(ports []api.ServicePort) []corev1.ServicePort {
	var out []corev1.ServicePort
	for _, p := range ports {
		out = append(out, corev1.ServicePort{
			Name: p.Name, Protocol: kubesphere.KubernetesProtocol(p.Protocol),
			Port: p.Port, TargetPort: *p.TargetPort, NodePort: p.NodePort,
		})
	}
	return out
}

// readServicePorts gives the worker containers' ports their servicePort when
// the Service's ports are exactly what those would render (in order, by
// name, to the container port); otherwise the Service's ports become
// spec.ports.
func readServicePorts(sp *api.ServiceSpecSpec, ports []corev1.ServicePort) {
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
			sp.Ports = readDirectPorts(ports)
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

// readDirectPorts are a Service's ports as spec.ports.
func readDirectPorts(ports []corev1.ServicePort) []api.ServicePort {
	var out []api.ServicePort
	for _, p := range ports {
		out = append(out, api.ServicePort{Name: p.Name, Protocol: ProtocolOf(p.Name, p.Protocol), Port: p.Port,
			TargetPort: ptr.To(p.TargetPort), NodePort: p.NodePort})
	}
	return out
}

// ProtocolOf is the console protocol of a port: the protocol its name
// starts with (http-0, grpc-1), when that maps to its Kubernetes protocol,
// or the Kubernetes protocol itself.
func ProtocolOf(name string, k8s corev1.Protocol) api.Protocol {
	if k8s == "" {
		k8s = corev1.ProtocolTCP
	}
	prefix, _, _ := strings.Cut(name, "-")
	p := api.Protocol(strings.ToUpper(prefix))
	if kubesphere.KubernetesProtocol(p) == k8s && isConsoleProtocol(p) {
		return p
	}
	return api.Protocol(k8s)
}

func isConsoleProtocol(p api.Protocol) bool {
	switch p {
	case api.ProtocolGRPC, api.ProtocolHTTP, api.ProtocolHTTP2, api.ProtocolHTTPS, api.ProtocolMongo,
		api.ProtocolRedis, api.ProtocolTCP, api.ProtocolTLS, api.ProtocolUDP, api.ProtocolSCTP:
		return true
	}
	return false
}
