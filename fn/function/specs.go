package function

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"k8s.io/apimachinery/pkg/util/validation/field"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// source is one ServiceSpec found in the ResourceList, with the object it was
// read from (an item, or the functionConfig when no item has its name).
type source struct {
	obj  *fn.KubeObject
	item bool
	spec *api.ServiceSpec // defaulted; nil when it failed to decode
}

func (s *source) key() string { return s.obj.GetNamespace() + "/" + s.obj.GetName() }

// collectSpecs finds every ServiceSpec. The same namespace/name in the
// functionConfig and the items counts once; when they differ the item wins,
// with a warning.
func collectSpecs(rl *fn.ResourceList, r *report) []*source {
	byKey := map[string]*source{}
	var order []string
	for _, it := range rl.Items {
		if !inOurGroup(it) {
			continue
		}
		if !checkKind(it, r) {
			continue
		}
		s := &source{obj: it, item: true}
		if first, dup := byKey[s.key()]; dup {
			r.errorAt(it, field.Duplicate(field.NewPath("metadata", "name"),
				fmt.Sprintf("%s (a ServiceSpec with this namespace and name is already in %s)", it.GetName(), describeFile(first.obj))))
			continue
		}
		byKey[s.key()] = s
		order = append(order, s.key())
	}
	if cfg := functionConfigSpec(rl.FunctionConfig, r); cfg != nil {
		s := &source{obj: cfg}
		if item, ok := byKey[s.key()]; ok {
			if !sameSpec(item.obj, cfg) {
				r.warningAt(item.obj, field.NewPath("spec"),
					"the functionConfig holds a different ServiceSpec with the same namespace and name; the item wins")
			}
		} else {
			byKey[s.key()] = s
			order = append(order, s.key())
		}
	}
	slices.Sort(order)
	out := make([]*source, 0, len(order))
	for _, k := range order {
		out = append(out, byKey[k])
	}
	return out
}

func inOurGroup(o *fn.KubeObject) bool { return o.GroupKind().Group == api.Group }

// checkKind accepts servicespec.dev/v1alpha1 ServiceSpec and reports any
// other kind or version of our group.
func checkKind(o *fn.KubeObject, r *report) bool {
	switch {
	case o.GetKind() != api.Kind:
		r.errorAt(o, field.NotSupported(field.NewPath("kind"), o.GetKind(), []string{api.Kind}))
		return false
	case o.GetAPIVersion() != api.GroupVersion.String():
		r.errorAt(o, field.NotSupported(field.NewPath("apiVersion"), o.GetAPIVersion(), []string{api.GroupVersion.String()}))
		return false
	}
	return true
}

// functionConfigSpec returns the functionConfig when it is a ServiceSpec. An
// absent functionConfig and an empty ConfigMap (kpt's function-input) mean
// "no config"; anything else is an error.
func functionConfigSpec(cfg *fn.KubeObject, r *report) *fn.KubeObject {
	switch {
	case cfg == nil || cfg.IsEmpty():
		return nil
	case cfg.GetKind() == "ConfigMap" && cfg.GetAPIVersion() == "v1":
		if data, _, _ := cfg.NestedStringMap("data"); len(data) > 0 {
			r.errorAt(cfg, field.Forbidden(field.NewPath("data"),
				"servicespec takes no options: give it an empty ConfigMap, no functionConfig, or a ServiceSpec"))
		}
		return nil
	case inOurGroup(cfg):
		if checkKind(cfg, r) {
			return cfg
		}
		return nil
	}
	r.errorAt(cfg, field.Invalid(field.NewPath("kind"), cfg.GetAPIVersion()+"/"+cfg.GetKind(),
		"the functionConfig must be a servicespec.dev/v1alpha1 ServiceSpec, an empty ConfigMap, or absent"))
	return nil
}

// sameSpec compares the spec of two objects (kustomize and kpt add their own
// annotations to the copies they send).
func sameSpec(a, b *fn.KubeObject) bool {
	sa, errA := specJSON(a)
	sb, errB := specJSON(b)
	return errA == nil && errB == nil && bytes.Equal(sa, sb)
}

func specJSON(o *fn.KubeObject) ([]byte, error) {
	rn := o.CopyToResourceNode().Field("spec")
	if rn == nil {
		return nil, nil
	}
	return rn.Value.MarshalJSON()
}

// decode turns the object into a defaulted ServiceSpec, reporting decode and
// validation errors and warnings.
func (s *source) decode(r *report) {
	node := s.obj.CopyToResourceNode()
	if dups := duplicateKeys(node.YNode(), nil); len(dups) > 0 {
		r.errorsAt(s.obj, dups)
		return
	}
	data, err := node.MarshalJSON()
	if err != nil {
		r.errorAt(s.obj, field.InternalError(nil, err))
		return
	}
	spec, decodeErrs := api.Decode(data)
	r.errorsAt(s.obj, decodeErrs)
	if spec == nil {
		return
	}
	// Validate what did decode too, so that every error shows at once; a
	// field that failed to decode is not reported a second time.
	api.SetDefaults(spec)
	if errs := withoutPaths(api.Validate(spec), decodeErrs); len(errs) > 0 || len(decodeErrs) > 0 {
		r.errorsAt(s.obj, errs)
		return
	}
	for _, w := range api.Warnings(spec) {
		r.warningAt(s.obj, w.Field, w.Message)
	}
	s.spec = spec
}

// withoutPaths drops the errors at or under a path already reported.
func withoutPaths(errs, reported field.ErrorList) field.ErrorList {
	var out field.ErrorList
	for _, e := range errs {
		if !slices.ContainsFunc(reported, func(r *field.Error) bool { return isUnder(e.Field, r.Field) }) {
			out = append(out, e)
		}
	}
	return out
}

func isUnder(p, parent string) bool {
	return p == parent || strings.HasPrefix(p, parent+".") || strings.HasPrefix(p, parent+"[")
}
