package console

import (
	"testing"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

func TestWarnings(t *testing.T) {
	for name, c := range map[string]struct {
		spec string
		path string
	}{
		"sticky on headless":                         {`{"type":"Workload","selector":{"app":"web"},"ports":[{"port":80}],"access":"Headless","stickySession":{"enabled":true}}`, "spec.stickySession"},
		"externalName is an IP":                      {`{"type":"External","externalName":"10.0.0.1"}`, "spec.externalName"},
		"annotations stay on the federated workload": {`{"type":"Stateless","containers":[{"image":"nginx","ports":[{"containerPort":80,"servicePort":80}]}],"annotations":{"a":"b"},"placement":{"clusters":["east"]}}`, "spec.annotations"},
		"a budget that blocks evictions":             {`{"type":"Stateless","replicas":2,"containers":[{"image":"nginx","ports":[{"containerPort":80,"servicePort":80}]}],"disruptionBudget":{"minAvailable":2}}`, "spec.disruptionBudget.minAvailable"},
	} {
		s, errs := api.Decode([]byte(`{"apiVersion":"servicespec.dev/v1alpha1","kind":"ServiceSpec","metadata":{"name":"web","namespace":"demo"},"spec":` + c.spec + `}`))
		if len(errs) > 0 {
			t.Fatalf("%s: %v", name, errs)
		}
		api.SetDefaults(s)
		if errs := Validate(s); len(errs) > 0 {
			t.Fatalf("%s: %v", name, errs)
		}
		ws := Warnings(s)
		if len(ws) != 1 || ws[0].Field.String() != c.path {
			t.Errorf("%s: warnings %v, want one at %s", name, ws, c.path)
		}
	}
}

// Warnings never panic, whatever a decoded spec holds (valid or not).
func FuzzWarnings(f *testing.F) {
	f.Add([]byte(`{"metadata":{"name":"web"},"spec":{"type":"Stateless","containers":[{"image":"nginx"}],"autoscaling":{"maxReplicas":3,"targetCPUUtilizationPercentage":50}}}`))
	f.Add([]byte(`{"spec":{"type":"Stateful","replicas":1,"disruptionBudget":{"minAvailable":"100%"},"placement":{"clusters":["a"]}}}`))
	f.Add([]byte(`{"spec":{"type":"External","externalName":"10.0.0.1."}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, _ := api.Decode(data)
		if s == nil {
			return
		}
		api.SetDefaults(s)
		_ = Warnings(s)
	})
}
