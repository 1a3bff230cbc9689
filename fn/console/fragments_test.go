package console

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// A fragment is one row of a kind's table of the console's conventions:
// spec fields, and what the object of the kind renders from them. Each row
// is checked both ways: rendered, the object holds the fragment; read back
// by the mappings, the spec holds the fields.
type fragment struct {
	name string
	// spec is JSON of spec fields, over a minimal valid spec of typ.
	spec string
	// object is JSON the rendered object of the kind must contain (maps
	// by key, lists item by item).
	object string
}

// checkFragments checks a kind's table.
func checkFragments(t *testing.T, kind string, typ api.ServiceType, rows []fragment) {
	t.Helper()
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			s := fragmentSpec(t, typ, row.spec)
			objs, errs := Objects(s, Inputs{})
			if len(errs) > 0 {
				t.Fatalf("render: %v", errs)
			}
			var obj runtime.Object
			for _, o := range objs {
				if o.GetObjectKind().GroupVersionKind().Kind == kind && obj == nil {
					obj = o
				}
			}
			if obj == nil {
				t.Fatalf("no %s rendered", kind)
			}
			if diff := contains(jsonOf(t, obj), jsonValue(t, row.object), ""); diff != "" {
				t.Errorf("rendered %s: %s", kind, diff)
			}
			back := readBack(t, s, objs)
			api.SetDefaults(back)
			if diff := contains(jsonOf(t, back)["spec"], jsonValue(t, row.spec), "spec"); diff != "" {
				t.Errorf("read back: %s", diff)
			}
		})
	}
}

// fragmentSpec is a defaulted, valid spec: the fields over a minimal spec
// of the type.
func fragmentSpec(t *testing.T, typ api.ServiceType, fields string) *api.ServiceSpec {
	t.Helper()
	base := map[api.ServiceType]string{
		api.Stateless: `{"type":"Stateless","containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80,"servicePort":80}]}]}`,
		api.Stateful:  `{"type":"Stateful","containers":[{"name":"db","image":"postgres:16","ports":[{"containerPort":5432,"servicePort":5432}]}]}`,
		api.External:  `{"type":"External","externalName":"db.example.com"}`,
		api.Workload:  `{"type":"Workload","selector":{"app":"web"},"ports":[{"port":80}]}`,
	}[typ]
	spec := jsonValue(t, base).(map[string]any)
	for k, v := range jsonValue(t, fields).(map[string]any) {
		spec[k] = v
	}
	data, _ := json.Marshal(map[string]any{"apiVersion": "servicespec.dev/v1alpha1", "kind": "ServiceSpec",
		"metadata": map[string]any{"name": "web", "namespace": "demo"}, "spec": spec})
	s, errs := api.Decode(data)
	if len(errs) > 0 {
		t.Fatalf("decode: %v", errs)
	}
	api.SetDefaults(s)
	if errs := Validate(s); len(errs) > 0 {
		t.Fatalf("validate: %v", errs)
	}
	return s
}

// readBack reads rendered objects into a spec with the mappings, as import
// does once it has grouped them.
func readBack(t *testing.T, s *api.ServiceSpec, objs []runtime.Object) *api.ServiceSpec {
	t.Helper()
	out := &api.ServiceSpec{ObjectMeta: metav1.ObjectMeta{Name: s.Name, Namespace: s.Namespace}}
	sp := &out.Spec
	sp.Type, sp.Version = s.Spec.Type, s.Spec.Version
	var svc runtime.Object
	for _, o := range objs {
		k := KindOf(o.GetObjectKind().GroupVersionKind())
		m := o.(metav1.Object)
		var err error
		switch {
		case k.ReadWorkload != nil:
			if err = k.ReadWorkload(o, sp, false); err == nil {
				err = ReadPodTemplate(PodTemplate(o), m.GetLabels(), false, sp)
			}
		case k.Companion != nil:
			err = k.Companion.Read(o, sp)
		case k == serviceKind && m.GetName() == s.Name:
			svc = o
		}
		if err != nil {
			t.Fatalf("read %s: %v", m.GetName(), err)
		}
	}
	if svc, ok := svc.(*corev1.Service); ok {
		if err := ReadServiceAnnotations(svc.Annotations, sp); err != nil {
			t.Fatal(err)
		}
		if err := ReadServiceLabels(svc.Labels, "", sp); err != nil {
			t.Fatal(err)
		}
		read := ReadService
		if sp.Type == api.External {
			read = ReadExternalName
		}
		if err := read(&svc.Spec, sp); err != nil {
			t.Fatal(err)
		}
		if len(objs) > 2 && sp.Type == api.Stateful {
			sp.Access = api.VirtualIP // the headless pair
		}
	}
	return out
}

func jsonOf(t *testing.T, v any) map[string]any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func jsonValue(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return v
}

// contains says how got misses want ("" when it does not).
func contains(got, want any, at string) string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s: %v, want an object", at, got)
		}
		for k, v := range w {
			if d := contains(g[k], v, at+"."+k); d != "" {
				return d
			}
		}
		return ""
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) < len(w) {
			return fmt.Sprintf("%s: %v, want at least %d items", at, got, len(w))
		}
		for i := range w {
			if d := contains(g[i], w[i], fmt.Sprintf("%s[%d]", at, i)); d != "" {
				return d
			}
		}
		return ""
	}
	if !reflect.DeepEqual(got, want) {
		return fmt.Sprintf("%s: %v, want %v", at, got, want)
	}
	return ""
}
