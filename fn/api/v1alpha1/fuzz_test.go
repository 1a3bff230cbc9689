package v1alpha1

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/servicespec/servicespec/fn/internal/typedjson"
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
		checkFillsAsEncodingJSON(t, data)
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
		for _, e := range Validate(s, AnnotationOwners{}) {
			if e.Field == "" {
				t.Errorf("validation error without a field: %v", e)
			}
		}
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

// checkFillsAsEncodingJSON: what the checker keeps of the data fills a
// ServiceSpec through typedjson exactly as encoding/json fills it from the
// same data's text.
func checkFillsAsEncodingJSON(t *testing.T, data []byte) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return
	}
	if _, ok := v.(map[string]any); !ok {
		return
	}
	clean := (&checker{}).check(v, reflect.TypeFor[ServiceSpec]())
	got, err := typedjson.FromValue[ServiceSpec](clean)
	want := new(ServiceSpec)
	wantErr := json.Unmarshal(mustJSON(t, clean), want)
	if (err == nil) != (wantErr == nil) || err == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("typedjson fills %+v (%v), encoding/json %+v (%v)", got, err, want, wantErr)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
