package v1alpha1

import (
	"fmt"
	"slices"

	"github.com/servicespec/servicespec/fn/kubesphere"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

var allProtocols = []Protocol{ProtocolGRPC, ProtocolHTTP, ProtocolHTTP2, ProtocolHTTPS, ProtocolMongo,
	ProtocolRedis, ProtocolTCP, ProtocolTLS, ProtocolUDP, ProtocolSCTP}

// servicePortSet tracks the Service ports seen so far, so that names and
// (port, protocol) pairs are unique across the whole Service.
type servicePortSet struct {
	names map[string]*field.Path
	pairs map[string]*field.Path
}

func newServicePortSet() *servicePortSet {
	return &servicePortSet{names: map[string]*field.Path{}, pairs: map[string]*field.Path{}}
}

func (s *servicePortSet) add(name string, port int32, protocol Protocol, namePath, portPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	if first, ok := s.names[name]; ok {
		errs = append(errs, field.Duplicate(namePath, fmt.Sprintf("%s (also the name of %s; set a distinct name)", name, first)))
	} else {
		s.names[name] = namePath
	}
	pair := fmt.Sprintf("%d/%s", port, kubesphere.KubernetesProtocol(protocol))
	if first, ok := s.pairs[pair]; ok {
		errs = append(errs, field.Duplicate(portPath, fmt.Sprintf("%s (already exposed by %s)", pair, first)))
	} else {
		s.pairs[pair] = portPath
	}
	return errs
}

// validateWorkloadPorts checks container ports and the Service ports of a
// Stateless or Stateful service.
func validateWorkloadPorts(sp *ServiceSpecSpec) field.ErrorList {
	var errs field.ErrorList
	svc := newServicePortSet()
	containerPortNames := map[string]*field.Path{}
	exposed := 0
	for i, c := range sp.Containers {
		for j, p := range c.Ports {
			pp := specPath.Child("containers").Index(i).Child("ports").Index(j)
			errs = append(errs, validateContainerPort(p, pp, containerPortNames)...)
			if p.ServicePort == nil {
				continue
			}
			exposed++
			errs = append(errs, invalid(pp.Child("servicePort"), *p.ServicePort, validation.IsValidPortNum(int(*p.ServicePort)))...)
			errs = append(errs, svc.add(p.Name, *p.ServicePort, p.Protocol, pp.Child("name"), pp.Child("servicePort"))...)
		}
	}
	portsPath := specPath.Child("ports")
	if exposed > 0 && len(sp.Ports) > 0 {
		errs = append(errs, field.Forbidden(portsPath, "use either containers[].ports[].servicePort or spec.ports, not both"))
	}
	for i, p := range sp.Ports {
		pp := portsPath.Index(i)
		errs = append(errs, validateServicePort(p, pp, sp.ExternalAccess != nil, svc)...)
		if p.TargetPort != nil && !targetsContainerPort(*p.TargetPort, sp.Containers) {
			errs = append(errs, field.Invalid(pp.Child("targetPort"), p.TargetPort.String(),
				"must be the number or the name of a port of spec.containers"))
		}
	}
	if exposed == 0 && len(sp.Ports) == 0 {
		errs = append(errs, field.Required(portsPath,
			"the Service needs at least one port: set containers[].ports[].servicePort or spec.ports"))
	}
	return errs
}

func validateContainerPort(p ContainerPort, pp *field.Path, seen map[string]*field.Path) field.ErrorList {
	var errs field.ErrorList
	if !slices.Contains(allProtocols, p.Protocol) {
		errs = append(errs, field.NotSupported(pp.Child("protocol"), p.Protocol, allProtocols))
	}
	errs = append(errs, invalid(pp.Child("containerPort"), p.ContainerPort, validation.IsValidPortNum(int(p.ContainerPort)))...)
	np := pp.Child("name")
	errs = append(errs, invalid(np, p.Name, validation.IsValidPortName(p.Name))...)
	if first, ok := seen[p.Name]; ok {
		errs = append(errs, field.Duplicate(np, fmt.Sprintf("%s (also the name of %s; port names are unique in the pod)", p.Name, first)))
	} else {
		seen[p.Name] = np
	}
	return errs
}

// validateDirectPorts checks spec.ports of a Workload service.
func validateDirectPorts(sp *ServiceSpecSpec, portsPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	svc := newServicePortSet()
	for i, p := range sp.Ports {
		pp := portsPath.Index(i)
		errs = append(errs, validateServicePort(p, pp, sp.ExternalAccess != nil, svc)...)
		if tp := p.TargetPort; tp != nil && tp.Type == intstr.String {
			errs = append(errs, invalid(pp.Child("targetPort"), tp.StrVal, validation.IsValidPortName(tp.StrVal))...)
		}
	}
	return errs
}

func validateServicePort(p ServicePort, pp *field.Path, externallyAccessible bool, svc *servicePortSet) field.ErrorList {
	var errs field.ErrorList
	if !slices.Contains(allProtocols, p.Protocol) {
		errs = append(errs, field.NotSupported(pp.Child("protocol"), p.Protocol, allProtocols))
	}
	errs = append(errs, invalid(pp.Child("port"), p.Port, validation.IsValidPortNum(int(p.Port)))...)
	errs = append(errs, invalid(pp.Child("name"), p.Name, validation.IsDNS1123Label(p.Name))...)
	if tp := p.TargetPort; tp != nil && tp.Type == intstr.Int {
		errs = append(errs, invalid(pp.Child("targetPort"), tp.IntVal, validation.IsValidPortNum(int(tp.IntVal)))...)
	}
	if p.NodePort != 0 {
		np := pp.Child("nodePort")
		switch {
		case !externallyAccessible:
			errs = append(errs, field.Forbidden(np, "a node port needs spec.externalAccess (NodePort or LoadBalancer)"))
		case p.NodePort < minNodePort || p.NodePort > maxNodePort:
			errs = append(errs, field.Invalid(np, p.NodePort, validation.InclusiveRangeError(minNodePort, maxNodePort)))
		}
	}
	return append(errs, svc.add(p.Name, p.Port, p.Protocol, pp.Child("name"), pp.Child("port"))...)
}

// targetsContainerPort reports whether a Service targetPort names or numbers a
// worker container port.
func targetsContainerPort(tp intstr.IntOrString, containers []Container) bool {
	for _, c := range containers {
		for _, p := range c.Ports {
			if (tp.Type == intstr.Int && tp.IntVal == p.ContainerPort) || (tp.Type == intstr.String && tp.StrVal == p.Name) {
				return true
			}
		}
	}
	return false
}
