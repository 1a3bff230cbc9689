package v1alpha1

import (
	"encoding/json"
	"testing"
)

// FuzzDecode feeds arbitrary JSON to the decoder, then defaults and
// validates what it returns. Nothing may panic, every error must name a
// field, and a spec that decoded cleanly must survive a JSON round trip
// unchanged (the decoder drops nothing it accepted).
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"apiVersion":"servicespec.dev/v1alpha1","kind":"ServiceSpec","metadata":{"name":"web"},"spec":{"type":"Stateless","containers":[{"image":"nginx","ports":[{"containerPort":80,"servicePort":80}]}]}}`))
	f.Add([]byte(`{"metadata":{"name":"db","labels":{"a":true}},"spec":{"type":"External","externalName":"db.example.com","replica":2}}`))
	f.Add([]byte(`{"spec":{"type":"Workload","selector":{"app":"web"},"ports":[{"port":"80"},{"port":81,"targetPort":"http"}]}}`))
	f.Add([]byte(`{"spec":{"type":"Stateful","strategy":{"maxSurge":"25%"},"volumeClaimTemplates":[{"name":"d","size":"1Gi"}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, errs := Decode(data)
		for _, e := range errs {
			if e.Field == "" {
				t.Errorf("error without a field: %v", e)
			}
		}
		if s == nil {
			return
		}
		clean := len(errs) == 0
		SetDefaults(s)
		for _, e := range Validate(s) {
			if e.Field == "" {
				t.Errorf("validation error without a field: %v", e)
			}
		}
		_ = Warnings(s)
		if !clean {
			return
		}
		again, errs := Decode(mustJSON(t, s))
		if len(errs) > 0 {
			t.Fatalf("a decoded spec does not decode again: %v", errs)
		}
		if string(mustJSON(t, again)) != string(mustJSON(t, s)) {
			t.Errorf("round trip changed the spec")
		}
	})
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
