package kinds

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
)

var service = &Kind{
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
