package function

import (
	"strings"

	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/krm"
	"k8s.io/apimachinery/pkg/runtime"
)

// An Explanation says where one field of a generated item comes from.
type Explanation struct {
	// Path is the field in the item (spec.template.spec.containers[0].image).
	Path string
	// Kind is spec (a value the spec's file writes), app (an AppSpec's),
	// release (the spec's release's), override (a cluster's override),
	// default (a spec field the file leaves to its default), derived
	// (computed by a convention of the console, Why) or servicespec (its
	// own bookkeeping).
	Kind string
	// Field is the spec field it comes from, or the fields it is derived
	// from; File and Line are where the file writes that field (Line 0:
	// position unknown).
	Field, File string
	Line        int
	Why         string
	// Spec is the ServiceSpec the item was generated from, as
	// <namespace>/<name>.
	Spec string
}

// explainAll records where the fields of a spec's outputs come from.
func explainAll(s *source, in console.Inputs, outs []*output) {
	objs := make([]runtime.Object, len(outs))
	for i, o := range outs {
		objs[i] = o.obj
	}
	for i, e := range console.Explain(s.spec, in, objs) {
		outs[i].explained = e
	}
}

// explanations resolves, for every generated item, its fields' sources to
// the places in the spec's file.
func explanations(outs []*output) map[*krm.Item][]Explanation {
	out := map[*krm.Item][]Explanation{}
	data := map[*source]map[string]any{}
	for _, o := range outs {
		if o.explained == nil {
			continue
		}
		if _, ok := data[o.from]; !ok {
			data[o.from], _ = o.from.item.Value()
		}
		list := make([]Explanation, 0, len(o.explained))
		for _, e := range o.explained {
			list = append(list, explanationOf(o.from, data[o.from], e))
		}
		out[o.item] = list
	}
	return out
}

func explanationOf(s *source, data map[string]any, e console.Explained) Explanation {
	x := Explanation{Path: e.Path, Kind: string(e.Source.Kind), Field: e.Source.Field, Why: e.Source.Why,
		Spec: s.item.Namespace + "/" + s.item.Name}
	if e.Source.Kind != console.SourceSpec {
		return x
	}
	x.File = s.item.File()
	x.Line = s.item.FieldLine(e.Source.Field)
	switch {
	case !krm.HoldsField(data, e.Source.Field):
		x.Kind = "default"
	case s.isApp():
		x.Kind = "app"
	case strings.HasPrefix(e.Source.Field, "spec.release."):
		x.Kind = "release"
	case strings.HasPrefix(e.Source.Field, "spec.placement.overrides"):
		x.Kind = "override"
	}
	return x
}
