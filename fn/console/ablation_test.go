package console

import (
	"encoding/json"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/internal/specgen"
)

// The mappings tell the truth about the fields they write: for every field
// a mapping says it writes, some spec sets it and renders differently
// without it, or with the value another spec gives it (a field the spec
// cannot do without). A field a mapping names but never uses fails here,
// so the completeness test cannot be satisfied by naming fields.
func TestWrittenFieldsChangeTheOutput(t *testing.T) {
	var written []string
	for f, w := range wiring() {
		if w.Written && w.Structural == "" {
			written = append(written, f)
		}
	}
	sort.Strings(written)
	corpus := ablationCorpus(t)
	for _, f := range written {
		steps := strings.Split(f, ".")
		values := valuesOf(corpus, steps)
		set, proven := 0, false
		for _, raw := range corpus {
			without, ok := withoutField(raw, steps)
			if !ok {
				continue
			}
			set++
			a, okA := renderRaw(raw)
			if !okA {
				continue
			}
			for _, other := range append([]map[string]any{without}, withValues(raw, steps, values)...) {
				if b, okB := renderRaw(other); okB && !reflect.DeepEqual(a, b) {
					proven = true
					break
				}
			}
			if proven {
				break
			}
		}
		switch {
		case set == 0:
			t.Errorf("spec.%s: no spec of the corpus sets it (specgen, or ablationExtras)", f)
		case !proven:
			t.Errorf("spec.%s: a mapping says it writes it, but no spec of %d that set it rendered differently without it", f, set)
		}
	}
}

// ablationExtras set what the generated specs leave out.
var ablationExtras = []string{
	`{"type":"Stateless","alias":"shop","description":"the shop","creator":"admin","labels":{"tier":"web"},"serviceAnnotations":{"a":"b"},
	  "annotations":{"team":"a"},"rolloutOnConfigChange":true,"logCollection":{"enabled":true},"volumes":[{"name":"logs","emptyDir":{}}],
	  "containers":[{"name":"web","image":"nginx","imagePullSecret":"reg","ports":[{"containerPort":80,"servicePort":80}],
	    "volumeMounts":[{"name":"logs","mountPath":"/logs","logPaths":["/logs/*.log"]}]}],
	  "externalAccess":{"type":"LoadBalancer","annotations":{"x":"y"},"openELB":{"eip":"pool"}},
	  "pod":{"ipPool":"pool-a","labels":{"team":"a"},"annotations":{"note":"x"}}}`,
	`{"type":"Stateful","version":"v2","app":"shop","securityProfile":"Restricted","containers":[{"name":"db","image":"postgres","ports":[{"containerPort":5432,"servicePort":5432}]}],
	  "pod":{"priorityClassName":"high","runtimeClassName":"gvisor","serviceAccountName":"runner"}}`,
	`{"type":"Stateless","app":"shop","release":{"version":"v2","strategy":"Canary","weight":10},
	  "containers":[{"name":"web","image":"nginx","ports":[{"name":"http-80","containerPort":80,"servicePort":80}]}]}`,
	`{"type":"External","externalName":"db.example.com"}`,
	`{"type":"Workload","selector":{"app":"legacy"},"ports":[{"port":9000}]}`,
	`{"type":"Workload","selector":{"app":"other","tier":"db"},"ports":[{"port":5432}]}`,
}

// ablationCorpus is the valid generated specs and the extras, as JSON data.
func ablationCorpus(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, c := range specgen.Generate(1, 400) {
		if !c.Valid {
			continue
		}
		items := c.Items()
		if len(items) == 1 { // a workloadRef's workload would need the list
			out = append(out, items[0])
		}
	}
	for _, e := range ablationExtras {
		var spec map[string]any
		if err := json.Unmarshal([]byte(e), &spec); err != nil {
			t.Fatal(err)
		}
		out = append(out, map[string]any{"apiVersion": "servicespec.dev/v1alpha1", "kind": "ServiceSpec",
			"metadata": map[string]any{"name": "web", "namespace": "demo"}, "spec": spec})
	}
	return out
}

// valuesOf are the distinct values the corpus gives a field (its first
// occurrence in each spec), at most a few.
func valuesOf(corpus []map[string]any, steps []string) []any {
	var out []any
	seen := map[string]bool{}
	for _, raw := range corpus {
		if v, ok := first(raw["spec"], steps); ok {
			k, _ := json.Marshal(v)
			if !seen[string(k)] && len(out) < 4 {
				seen[string(k)] = true
				out = append(out, v)
			}
		}
	}
	return out
}

func first(v any, steps []string) (any, bool) {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if f, ok := first(e, steps); ok {
				return f, true
			}
		}
	case map[string]any:
		if len(steps) == 1 {
			f, ok := x[steps[0]]
			return f, ok
		}
		return first(x[steps[0]], steps[1:])
	}
	return nil, false
}

// withValues are copies of a spec's data with a field set to each value
// (in every item of the lists on its way).
func withValues(raw map[string]any, steps []string, values []any) []map[string]any {
	var out []map[string]any
	for _, v := range values {
		c, _ := withoutField(raw, nil)
		set(c["spec"], steps, v)
		out = append(out, c)
	}
	return out
}

func set(v any, steps []string, value any) {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			set(e, steps, value)
		}
	case map[string]any:
		if len(steps) == 1 {
			if _, ok := x[steps[0]]; ok {
				x[steps[0]] = value
			}
			return
		}
		set(x[steps[0]], steps[1:], value)
	}
}

// withoutField is a copy of a spec's data without a field (in every item
// of the lists on its way); false when the spec does not set it.
func withoutField(raw map[string]any, steps []string) (map[string]any, bool) {
	data, _ := json.Marshal(raw)
	var out map[string]any
	_ = json.Unmarshal(data, &out)
	if len(steps) == 0 {
		return out, true
	}
	return out, remove(out["spec"], steps)
}

func remove(v any, steps []string) bool {
	switch x := v.(type) {
	case []any:
		found := false
		for _, e := range x {
			found = remove(e, steps) || found
		}
		return found
	case map[string]any:
		if len(steps) == 1 {
			_, ok := x[steps[0]]
			delete(x, steps[0])
			return ok
		}
		return remove(x[steps[0]], steps[1:])
	}
	return false
}

// renderRaw renders a spec's data as the function would (a config hash
// stands in for the one the function computes); false when it is invalid.
func renderRaw(raw map[string]any) (any, bool) {
	data, _ := json.Marshal(raw)
	s, errs := api.Decode(data)
	if len(errs) > 0 {
		return nil, false
	}
	api.SetDefaults(s)
	if len(Validate(s)) > 0 {
		return nil, false
	}
	in := Inputs{}
	if s.Spec.RolloutOnConfigChange {
		in.ConfigHash = "hash"
	}
	in.App = governedApp(s)
	objs, errs := Objects(s, in)
	if len(errs) > 0 {
		return nil, false
	}
	var out []any
	for _, o := range objs {
		b, _ := json.Marshal(o)
		var v any
		_ = json.Unmarshal(b, &v)
		out = append(out, v)
	}
	return slices.Clip(out), true
}

// governedApp is, for a member of a composed app, that app with
// governance on (a release needs it); nil for a service of none.
func governedApp(s *api.ServiceSpec) *api.AppSpec {
	if s.Spec.App == "" {
		return nil
	}
	a := &api.AppSpec{Spec: api.AppSpecSpec{ServiceMesh: &api.ServiceMesh{Enabled: true}}}
	a.Name, a.Namespace = s.Spec.App, s.Namespace
	api.SetAppDefaults(a)
	return a
}
