package console

import (
	"fmt"
	"maps"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/kubesphere"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// Service is the Service <name> of a Stateless or Stateful service. It
// selects {app} so that it fronts every version of the app. A Stateful
// service's Service is headless unless access is VirtualIP.
func Service(s *service) *corev1.Service {
	spec := exposedServiceSpec(s, nil, nil) // its selector and ports are mappings'
	return &corev1.Service{
		TypeMeta:   serviceTypeMeta,
		ObjectMeta: objectMeta(s, s.Name, objectLabels(s), serviceAnnotations(s)),
		Spec:       spec,
	}
}

// GoverningService is <name>-headless, the headless Service a Stateful
// service with a virtual IP also gets, so that its pods keep stable DNS names.
func GoverningService(s *service) *corev1.Service {
	return &corev1.Service{
		TypeMeta:   serviceTypeMeta,
		ObjectMeta: objectMeta(s, headlessServiceName(s), objectLabels(s), governingAnnotations(s)),
		Spec: corev1.ServiceSpec{
			ClusterIP:       corev1.ClusterIPNone,
			Selector:        serviceSelector(s),
			Ports:           withoutNodePorts(servicePorts(&s.Spec)),
			SessionAffinity: corev1.ServiceAffinityNone,
		},
	}
}

var serviceTypeMeta = metav1.TypeMeta{APIVersion: "v1", Kind: "Service"}

// exposedServiceSpec applies access, externalAccess and stickySession.
func exposedServiceSpec(s *service, selector map[string]string, ports []corev1.ServicePort) corev1.ServiceSpec {
	spec := corev1.ServiceSpec{Selector: selector, Ports: ports, SessionAffinity: corev1.ServiceAffinityNone}
	writeAll(s, &spec, serviceMappings)
	return spec
}

// serviceMappings make the spec of the Service <name>: its ports, its
// selector (a Workload service's; the others select {app}), how it is
// reached (access, external access) and its session affinity.
var serviceMappings = []mapping[*corev1.ServiceSpec]{
	{fields: []string{"ports", "containers.ports"}, why: "a Service port per container port with a servicePort, with its Kubernetes protocol", write: func(s *service, spec *corev1.ServiceSpec) {
		switch {
		case s.Spec.Type.HasWorkload():
			spec.Ports = servicePorts(&s.Spec)
		case len(s.Spec.Ports) > 0:
			spec.Ports = directPorts(s.Spec.Ports)
		}
	}, read: func(spec *corev1.ServiceSpec, sp *api.ServiceSpecSpec) error {
		if sp.Type.HasWorkload() {
			readServicePorts(sp, spec.Ports)
		} else {
			sp.Ports = readDirectPorts(spec.Ports)
		}
		return nil
	}},
	{from: "metadata.name", why: "the console's Service selects every version of the app: {app: <name>}", write: func(s *service, spec *corev1.ServiceSpec) {
		if s.Spec.Type.HasWorkload() {
			spec.Selector = serviceSelector(s)
		}
	}},
	// A workloadRef is resolved to its pods' labels (WorkloadService): it
	// cannot be told from a selector written as it is.
	{fields: []string{"selector"}, write: func(s *service, spec *corev1.ServiceSpec) {
		if s.Spec.Type == api.Workload && s.Spec.Selector != nil {
			spec.Selector = maps.Clone(s.Spec.Selector)
		}
	}, read: func(spec *corev1.ServiceSpec, sp *api.ServiceSpecSpec) error {
		if sp.Type == api.Workload {
			sp.Selector = maps.Clone(spec.Selector)
		}
		return nil
	}},
	{fields: []string{"access"}, write: func(s *service, spec *corev1.ServiceSpec) {
		if s.Spec.Access == api.Headless {
			spec.ClusterIP = corev1.ClusterIPNone
		}
	}, read: func(spec *corev1.ServiceSpec, sp *api.ServiceSpecSpec) error {
		sp.Access = api.VirtualIP
		if spec.ClusterIP == corev1.ClusterIPNone {
			sp.Access = api.Headless
		}
		return nil
	}},
	{fields: []string{"stickySession"}, why: "the console writes sessionAffinity None unless the session is sticky (ClientIP)", write: func(s *service, spec *corev1.ServiceSpec) {
		spec.SessionAffinity = corev1.ServiceAffinityNone
		if st := s.Spec.StickySession; st != nil && st.Enabled {
			spec.SessionAffinity = corev1.ServiceAffinityClientIP
			spec.SessionAffinityConfig = &corev1.SessionAffinityConfig{ClientIP: &corev1.ClientIPConfig{TimeoutSeconds: st.TimeoutSeconds}}
		}
	}, read: func(spec *corev1.ServiceSpec, sp *api.ServiceSpecSpec) error {
		if spec.SessionAffinity == corev1.ServiceAffinityClientIP {
			sp.StickySession = &api.StickySession{Enabled: true}
			if c := spec.SessionAffinityConfig; c != nil && c.ClientIP != nil {
				sp.StickySession.TimeoutSeconds = c.ClientIP.TimeoutSeconds
			}
		}
		return nil
	}},
	// OpenELB's own settings are annotations (openELBMapping); import moves
	// them out of spec.serviceAnnotations here, where it knows the Service
	// is exposed.
	{fields: []string{"externalAccess"}, write: func(s *service, spec *corev1.ServiceSpec) {
		if ea := s.Spec.ExternalAccess; ea != nil {
			spec.Type = corev1.ServiceType(ea.Type)
			spec.ExternalTrafficPolicy = ea.ExternalTrafficPolicy
			spec.LoadBalancerSourceRanges = ea.LoadBalancerSourceRanges
			spec.LoadBalancerClass = ea.LoadBalancerClass
		}
	}, read: func(spec *corev1.ServiceSpec, sp *api.ServiceSpecSpec) error {
		switch spec.Type {
		case corev1.ServiceTypeNodePort, corev1.ServiceTypeLoadBalancer:
			ea := &api.ExternalAccess{Type: api.ExposureType(spec.Type), ExternalTrafficPolicy: spec.ExternalTrafficPolicy,
				LoadBalancerSourceRanges: spec.LoadBalancerSourceRanges, LoadBalancerClass: spec.LoadBalancerClass}
			ea.OpenELB, sp.ServiceAnnotations = readOpenELB(sp.ServiceAnnotations)
			sp.ExternalAccess = ea
		}
		return nil
	}},
}

// ReadService reads the spec of a service's Service: ports, selector,
// access, external access and the sticky session. Its annotations and, for
// a service with a workload, the workload's containers must be read first.
func ReadService(spec *corev1.ServiceSpec, sp *api.ServiceSpecSpec) error {
	return readAll(spec, sp, serviceMappings)
}

// readOpenELB moves the OpenELB annotations out of the Service annotations.
func readOpenELB(annotations map[string]string) (*api.OpenELB, map[string]string) {
	if annotations[kubesphere.AnnotationOpenELB] != kubesphere.OpenELBValue {
		return nil, annotations
	}
	o := &api.OpenELB{Eip: annotations[kubesphere.AnnotationOpenELBEip], Mode: api.OpenELBMode(annotations[kubesphere.AnnotationOpenELBProtocol])}
	rest := maps.Clone(annotations)
	for _, k := range []string{kubesphere.AnnotationOpenELB, kubesphere.AnnotationOpenELBEip, kubesphere.AnnotationOpenELBProtocol} {
		delete(rest, k)
	}
	return o, nonEmpty(rest)
}

// serviceTypeAnnotation is the console's kubesphere.io/serviceType of each
// type; it writes none on a Service over an existing workload.
var serviceTypeAnnotation = map[api.ServiceType]string{
	api.Stateless: kubesphere.ServiceTypeStateless,
	api.Stateful:  kubesphere.ServiceTypeStateful,
	api.External:  kubesphere.ServiceTypeExternal,
}

// serviceAnnotations are the console's Service annotations plus the user's.
func serviceAnnotations(s *service) map[string]string {
	return writeAnnotations(s, serviceAnnotationMappings)
}

// openELBAnnotations are the Service annotations that select OpenELB (nil
// without OpenELB).
func openELBAnnotations(o *api.OpenELB) map[string]string {
	if o == nil {
		return nil
	}
	a := map[string]string{kubesphere.AnnotationOpenELB: kubesphere.OpenELBValue}
	if o.Mode != "" {
		a[kubesphere.AnnotationOpenELBProtocol] = string(o.Mode)
	}
	if o.Eip != "" {
		a[kubesphere.AnnotationOpenELBEip] = o.Eip
	}
	return a
}

func governingAnnotations(s *service) map[string]string {
	return writeAnnotations(s, governingAnnotationMappings)
}

// withoutNodePorts: a headless Service is never exposed on the nodes (the
// API server refuses a nodePort on it); the virtual-IP Service of the pair
// carries spec.ports' nodePorts.
func withoutNodePorts(ports []corev1.ServicePort) []corev1.ServicePort {
	for i := range ports {
		ports[i].NodePort = 0
	}
	return ports
}

var serviceKind = &Kind{
	explain: func(s *service, obj runtime.Object) []anchored {
		switch svc := obj.(*corev1.Service); {
		case svc.Spec.Type == corev1.ServiceTypeExternalName:
			return servicePlaces(serviceAnnotationMappings, externalNameMappings)
		case svc.Name != s.Name:
			return servicePlaces(governingAnnotationMappings, serviceMappings)
		case s.Spec.WorkloadRef != nil:
			// What the reference resolves to, at render time.
			resolved := []string{"selector"}
			if len(s.Spec.Ports) == 0 {
				resolved = append(resolved, "ports")
			}
			return append([]anchored{{"spec", func(*service) []written {
				return []written{{paths: resolved, fields: []string{"workloadRef"}, why: "the pod labels and container ports of the workload it names"}}
			}}}, servicePlaces(serviceAnnotationMappings, serviceMappings)...)
		}
		return servicePlaces(serviceAnnotationMappings, serviceMappings)
	},
	GVK: corev1.SchemeGroupVersion.WithKind("Service"),
	New: func() runtime.Object { return &corev1.Service{} },
	Undefault: func(obj runtime.Object) {
		svc := obj.(*corev1.Service)
		svc.Status = corev1.ServiceStatus{}
		undefaultServiceSpec(&svc.Spec)
	},
	Changes: func(old, now runtime.Object) []string {
		o, n := old.(*corev1.Service), now.(*corev1.Service)
		var msgs []string
		headless := func(s *corev1.Service) bool { return s.Spec.ClusterIP == corev1.ClusterIPNone }
		if headless(o) != headless(n) {
			msgs = append(msgs, fmt.Sprintf("Service %s switches between a cluster IP and clusterIP: None, which cannot change in place: delete the Service first", n.Name))
		}
		if !equality.Semantic.DeepEqual(o.Spec.LoadBalancerClass, n.Spec.LoadBalancerClass) {
			msgs = append(msgs, fmt.Sprintf("Service %s: spec.loadBalancerClass changes, and it is immutable: delete the Service first", n.Name))
		}
		return msgs
	},
}

func undefaultServiceSpec(s *corev1.ServiceSpec) {
	if s.Type == corev1.ServiceTypeClusterIP {
		s.Type = ""
	}
	if s.SessionAffinity == corev1.ServiceAffinityNone {
		s.SessionAffinity = ""
	}
	if p := s.InternalTrafficPolicy; p != nil && *p == corev1.ServiceInternalTrafficPolicyCluster {
		s.InternalTrafficPolicy = nil
	}
	if s.ExternalTrafficPolicy == corev1.ServiceExternalTrafficPolicyCluster {
		s.ExternalTrafficPolicy = ""
	}
	if a := s.AllocateLoadBalancerNodePorts; a != nil && *a {
		s.AllocateLoadBalancerNodePorts = nil
	}
	for i := range s.Ports {
		p := &s.Ports[i]
		if p.Protocol == corev1.ProtocolTCP {
			p.Protocol = ""
		}
		if p.TargetPort == intstr.FromInt32(p.Port) {
			p.TargetPort = intstr.IntOrString{}
		}
	}
}
