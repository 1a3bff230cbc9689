package kubesphere

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
)

func TestKubernetesProtocol(t *testing.T) {
	for in, want := range map[string]corev1.Protocol{
		"HTTP": corev1.ProtocolTCP, "GRPC": corev1.ProtocolTCP, "TLS": corev1.ProtocolTCP, "TCP": corev1.ProtocolTCP,
		"UDP": corev1.ProtocolUDP, "SCTP": corev1.ProtocolSCTP, "": corev1.ProtocolTCP,
	} {
		if got := KubernetesProtocol(in); got != want {
			t.Errorf("KubernetesProtocol(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWorkloadName(t *testing.T) {
	if got := WorkloadName("web", "v1"); got != "web-v1" {
		t.Errorf("WorkloadName = %q, want web-v1", got)
	}
}

func TestReleaseProtocol(t *testing.T) {
	for name, want := range map[string]string{
		"http-80": ReleaseHTTP, "HTTP": ReleaseHTTP, "http2-1": ReleaseHTTP, "grpc": ReleaseHTTP,
		"https-443": ReleaseTCP, "httpx": ReleaseTCP, "tcp-5432": ReleaseTCP, "": ReleaseTCP,
	} {
		if got := ReleaseProtocol(name); got != want {
			t.Errorf("ReleaseProtocol(%q) = %q, want %q", name, got, want)
		}
	}
}
