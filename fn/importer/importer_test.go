package importer

import (
	"testing"
)

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
