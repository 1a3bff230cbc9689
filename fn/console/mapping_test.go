package console

import (
	"cmp"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// Every field of ServiceSpec and AppSpec is wired both ways: a mapping
// writes it into an object and a mapping reads it back, or the mappings
// say why not. What is wired is learned from the mappings themselves
// (Wiring, AppWiring), so a field added to the types and mapped nowhere
// fails here, by its path.
func TestEveryFieldIsWired(t *testing.T) {
	for _, c := range []struct {
		kind   string
		typ    reflect.Type
		wiring map[string]fieldWiring
	}{
		{"ServiceSpec", reflect.TypeFor[api.ServiceSpecSpec](), wiring()},
		{"AppSpec", reflect.TypeFor[api.AppSpecSpec](), appWiring()},
	} {
		used := map[string]bool{}
		for _, path := range specFields(c.typ, "") {
			for p := range c.wiring {
				if p == path || strings.HasPrefix(path, p+".") {
					used[p] = true
				}
			}
			w, ok := wiringOf(c.wiring, path)
			if !ok {
				t.Errorf("%s spec.%s: no mapping writes or reads it; map it in fn/console (docs/design.md, \"Adding a field\"), or mark why it needs none", c.kind, path)
				continue
			}
			switch {
			case w.Structural != "":
				continue
			case !w.Written:
				t.Errorf("%s spec.%s: no mapping writes it (render)", c.kind, path)
			case !w.Read && w.Unread == "":
				t.Errorf("%s spec.%s: no mapping reads it back (import)", c.kind, path)
			}
		}
		// A mapping that names no field of the types is stale.
		for f := range c.wiring {
			if !used[f] {
				t.Errorf("%s: a mapping names spec.%s, which is no field of the type", c.kind, f)
			}
		}
	}
}

// The completeness test fails, naming the field, for a field that nothing
// maps: checked here on a type that adds one to ServiceSpecSpec.
func TestAnUnwiredFieldIsNamed(t *testing.T) {
	type withExtra struct {
		api.ServiceSpecSpec `json:",inline"`
		Extra               string `json:"extra,omitempty"`
	}
	var unwired []string
	for _, path := range specFields(reflect.TypeFor[withExtra](), "") {
		if _, ok := wiringOf(wiring(), path); !ok {
			unwired = append(unwired, path)
		}
	}
	if !slices.Equal(unwired, []string{"extra"}) {
		t.Errorf("unwired fields %v, want [extra]", unwired)
	}
}

// wiringOf is what the mappings say of a path and of its ancestors (a
// mapping of a field maps what is under it); false when they name none.
func wiringOf(wiring map[string]fieldWiring, path string) (fieldWiring, bool) {
	var out fieldWiring
	at := ""
	for p := path; p != ""; {
		if w, ok := wiring[p]; ok {
			out.Written, out.Read = out.Written || w.Written, out.Read || w.Read
			out.Unread = cmp.Or(out.Unread, w.Unread)
			out.Structural = cmp.Or(out.Structural, w.Structural)
			at = cmp.Or(at, p)
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return out, at != ""
}

// specFields are the JSON paths of a spec type's leaf fields, sorted: the
// fields of servicespec's own struct types are walked into (a field of a
// Kubernetes type is copied whole, a leaf).
func specFields(t reflect.Type, prefix string) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice || ft.Kind() == reflect.Map {
			ft = ft.Elem()
		}
		own := ft.Kind() == reflect.Struct && ft.PkgPath() == reflect.TypeFor[api.ServiceSpec]().PkgPath()
		if name == "" { // inlined
			if ft.Kind() == reflect.Struct {
				out = append(out, specFields(ft, prefix)...)
			}
			continue
		}
		path := prefix + name
		if own {
			out = append(out, specFields(ft, path+".")...)
		} else {
			out = append(out, path)
		}
	}
	sort.Strings(out)
	return out
}
