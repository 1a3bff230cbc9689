package console

import (
	"fmt"
	"maps"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// Workload is what a Workload service needs to know about the workload it
// fronts: its pod template labels and its worker containers' ports.
type Workload struct {
	PodLabels map[string]string
	Ports     []corev1.ContainerPort
}

// Workloads finds the apps/v1 workloads of a kind, namespace and name in the
// resource list (passthrough items and workloads generated in this run).
type Workloads interface {
	Find(kind, namespace, name string) []Workload
}

// generatorsHint explains why a workloadRef cannot resolve under kustomize
// generators, the one place where that is expected.
const generatorsHint = "; under kustomize generators: the function sees only its own config, so use transformers: for a workloadRef"

// WorkloadService is a Workload ("specify workload") service: a Service over
// a selector or over the pods of a workload in the resource list. The
// console writes no kubesphere.io/serviceType for it.
func WorkloadService(s *service, workloads Workloads) (*corev1.Service, field.ErrorList) {
	sp := &s.Spec
	// A selector and ports the spec gives are its mappings' (serviceMappings);
	// here, what a workloadRef resolves to.
	var selector map[string]string
	var ports []corev1.ServicePort
	if ref := sp.WorkloadRef; ref != nil {
		w, err := resolve(s, ref, workloads)
		if err != nil {
			return nil, field.ErrorList{err}
		}
		selector = w.PodLabels
		if len(sp.Ports) == 0 {
			ports = derivedPorts(w.Ports)
			if len(ports) == 0 && sp.Access != api.Headless {
				return nil, field.ErrorList{field.Required(field.NewPath("spec", "ports"),
					fmt.Sprintf("%s %q has no container ports to derive Service ports from; set spec.ports or access: Headless", ref.Kind, ref.Name))}
			}
		}
	}
	return &corev1.Service{
		TypeMeta:   serviceTypeMeta,
		ObjectMeta: objectMeta(s, s.Name, objectLabels(s), serviceAnnotations(s)),
		Spec:       exposedServiceSpec(s, maps.Clone(selector), ports),
	}, nil
}

func resolve(s *service, ref *api.WorkloadRef, workloads Workloads) (Workload, *field.Error) {
	p := field.NewPath("spec", "workloadRef")
	var found []Workload
	if workloads != nil {
		found = workloads.Find(string(ref.Kind), s.Namespace, ref.Name)
	}
	where := "without a namespace"
	if s.Namespace != "" {
		where = fmt.Sprintf("in namespace %q", s.Namespace)
	}
	switch {
	case len(found) == 0:
		return Workload{}, field.NotFound(p, fmt.Sprintf("no apps/v1 %s named %q %s in the resource list%s", ref.Kind, ref.Name, where, generatorsHint))
	case len(found) > 1:
		return Workload{}, field.Invalid(p, ref.Name, fmt.Sprintf("%d apps/v1 %s objects named %q %s are in the resource list; the reference is ambiguous", len(found), ref.Kind, ref.Name, where))
	case len(found[0].PodLabels) == 0:
		return Workload{}, field.Invalid(p, ref.Name, fmt.Sprintf("%s %q has no spec.template.metadata.labels to select its pods by", ref.Kind, ref.Name))
	}
	return found[0], nil
}

// derivedPorts are the Service ports of a workloadRef without spec.ports:
// one per container port, named as the port or <lower(protocol)>-<port>,
// de-duplicated by (port, protocol).
func derivedPorts(ports []corev1.ContainerPort) []corev1.ServicePort {
	var out []corev1.ServicePort
	seen := map[string]bool{}
	for _, p := range ports {
		protocol := p.Protocol
		if protocol == "" {
			protocol = corev1.ProtocolTCP
		}
		key := fmt.Sprintf("%d/%s", p.ContainerPort, protocol)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, corev1.ServicePort{
			Name: servicePortName(p), Protocol: protocol,
			Port: p.ContainerPort, TargetPort: intstr.FromInt32(p.ContainerPort),
		})
	}
	return out
}

// servicePortName is the name a Service port derived from a workload's
// container port gets: the port's own name, or <lower(protocol)>-<port>.
func servicePortName(p corev1.ContainerPort) string {
	if p.Name != "" {
		return p.Name
	}
	protocol := p.Protocol
	if protocol == "" {
		protocol = corev1.ProtocolTCP
	}
	return fmt.Sprintf("%s-%d", strings.ToLower(string(protocol)), p.ContainerPort)
}
