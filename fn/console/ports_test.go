package console

import (
	"testing"

	corev1 "k8s.io/api/core/v1"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

func TestProtocolOf(t *testing.T) {
	for _, c := range []struct {
		name string
		k8s  corev1.Protocol
		want api.Protocol
	}{
		{"http-0", corev1.ProtocolTCP, api.ProtocolHTTP},
		{"grpc-web", "", api.ProtocolGRPC},
		{"udp-1", corev1.ProtocolUDP, api.ProtocolUDP},
		{"http-0", corev1.ProtocolUDP, api.ProtocolUDP}, // the name's protocol would render TCP
		{"metrics", corev1.ProtocolTCP, api.ProtocolTCP},
	} {
		if got := ProtocolOf(c.name, c.k8s); got != c.want {
			t.Errorf("%s/%s: %s, want %s", c.name, c.k8s, got, c.want)
		}
	}
}
