package importer

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
		if got := protocolOf(c.name, c.k8s); got != c.want {
			t.Errorf("%s/%s: %s, want %s", c.name, c.k8s, got, c.want)
		}
	}
}

// A manifest as written may leave out what the render spells out when it
// is the server's default, but what it writes must be rendered as written.
func TestAuthoredDifference(t *testing.T) {
	rendered := map[string]any{"replicas": 1.0, "selector": "x", "protocol": "TCP"}
	undefaulted := map[string]any{"selector": "x"}
	for _, c := range []struct {
		name    string
		written map[string]any
		differs bool
	}{
		{"defaults left out", map[string]any{"selector": "x"}, false},
		{"defaults written", map[string]any{"selector": "x", "replicas": 1.0, "protocol": "TCP"}, false},
		{"a value the render does not write", map[string]any{"selector": "x", "hostNetwork": true}, true},
		{"a different value", map[string]any{"selector": "y"}, true},
	} {
		if d := authoredDifference("", rendered, undefaulted, c.written); (d != "") != c.differs {
			t.Errorf("%s: difference %q", c.name, d)
		}
	}
}
