package function

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/internal/typedjson"
	"github.com/servicespec/servicespec/fn/krm"
)

// source is one ServiceSpec or AppSpec found in the ResourceList, with the
// item it was read from (an item, or the functionConfig when no item has
// its name).
type source struct {
	item *krm.Item
	spec *api.ServiceSpec // a ServiceSpec, defaulted; nil for an AppSpec or when it failed to decode
	app  *api.AppSpec     // an AppSpec, defaulted; nil for a ServiceSpec or when it failed to decode
	// value is the spec's data, kept to compare the functionConfig with an
	// item of the same name.
	value map[string]any
}

func (s *source) key() string { return s.item.Kind + "/" + s.item.Namespace + "/" + s.item.Name }

// isApp: the source is an AppSpec.
func (s *source) isApp() bool { return s.item.Kind == api.AppKind }

// collectSpecs finds and decodes every ServiceSpec, on every core, and
// the cluster to render for. The same namespace/name in the functionConfig
// and the items counts once; when they differ the item wins, with a
// warning.
func collectSpecs(items []*krm.Item, cfg *krm.Item, cluster string, r *report) ([]*source, string) {
	var found []*source
	for _, it := range items {
		if inOurGroup(it) && checkKind(it, r) {
			found = append(found, &source{item: it})
		}
	}
	c, cfgCluster := readFunctionConfig(cfg, r)
	cluster = clusterOf(cluster, cfgCluster, cfg, r)
	if c != nil {
		found = append(found, &source{item: c})
	}
	reports := make([]report, len(found))
	// The data is kept only to compare the functionConfig with an item.
	krm.Parallel(len(found), func(i int) { found[i].decode(&reports[i], c != nil) })
	for i := range reports {
		r.merge(&reports[i])
	}
	sources := dedupe(found, cfg, r)
	if cluster != "" && !r.failed() {
		warnUnplacedCluster(sources, cluster, r)
	}
	return sources, cluster
}

// dedupe keeps one source per namespace/name, sorted by it.
func dedupe(found []*source, cfg *krm.Item, r *report) []*source {
	byKey := map[string]*source{}
	var order []string
	for _, s := range found {
		first, dup := byKey[s.key()]
		switch {
		case !dup:
			byKey[s.key()] = s
			order = append(order, s.key())
		case s.item == cfg:
			if !sameSpec(first, s) {
				r.warningAt(first.item, field.NewPath("spec"),
					"the functionConfig holds a different ServiceSpec with the same namespace and name; the item wins")
			}
		default:
			r.errorAt(s.item, field.Duplicate(field.NewPath("metadata", "name"),
				fmt.Sprintf("%s (a %s with this namespace and name is already in %s)", s.item.Name, s.item.Kind, describeFile(first.item))))
		}
	}
	slices.Sort(order)
	out := make([]*source, 0, len(order))
	for _, k := range order {
		out = append(out, byKey[k])
	}
	return out
}

// checkKind accepts servicespec.dev/v1alpha1 ServiceSpec and AppSpec and
// reports any other kind or version of our group.
func checkKind(it *krm.Item, r *report) bool {
	switch {
	case it.Kind != api.Kind && it.Kind != api.AppKind:
		r.errorAt(it, field.NotSupported(field.NewPath("kind"), it.Kind, []string{api.Kind, api.AppKind}))
		return false
	case it.APIVersion != api.GroupVersion.String():
		r.errorAt(it, field.NotSupported(field.NewPath("apiVersion"), it.APIVersion, []string{api.GroupVersion.String()}))
		return false
	}
	return true
}

// readFunctionConfig returns the functionConfig when it is a ServiceSpec,
// or the cluster a ConfigMap's data.cluster names. An absent
// functionConfig and an empty ConfigMap (kpt's function-input) mean "no
// config"; anything else is an error.
func readFunctionConfig(cfg *krm.Item, r *report) (*krm.Item, string) {
	switch {
	case cfg == nil || isEmptyObject(cfg):
		return nil, ""
	case cfg.Kind == "ConfigMap" && cfg.APIVersion == "v1":
		return nil, configMapCluster(cfg, r)
	case inOurGroup(cfg):
		if checkKind(cfg, r) {
			return cfg, ""
		}
		return nil, ""
	}
	r.errorAt(cfg, field.Invalid(field.NewPath("kind"), cfg.APIVersion+"/"+cfg.Kind,
		"the functionConfig must be a servicespec.dev/v1alpha1 ServiceSpec or AppSpec, a ConfigMap, or absent"))
	return nil, ""
}

// configMapCluster reads a functionConfig ConfigMap: its one option is
// data.cluster, the member cluster to render for.
func configMapCluster(cfg *krm.Item, r *report) string {
	v, err := cfg.Value()
	if err != nil {
		r.errorsAt(cfg, valueErrors(cfg.Kind, err))
		return ""
	}
	data, _ := v["data"].(map[string]any)
	var cluster string
	for _, k := range slices.Sorted(maps.Keys(data)) {
		value, isString := data[k].(string)
		switch {
		case k != "cluster":
			r.errorAt(cfg, field.Forbidden(field.NewPath("data").Key(k), "servicespec's one option is data.cluster, the member cluster to render placed services for"))
		case !isString:
			r.errorAt(cfg, field.Invalid(field.NewPath("data", "cluster"), data[k], "must be a string: the member cluster to render for"))
		default:
			cluster = value
		}
	}
	return cluster
}

// clusterOf is the cluster to render for: the one the caller names or the
// functionConfig's, which must then agree; a DNS-1123 subdomain, as
// cluster names are.
func clusterOf(opt, cfg string, cfgItem *krm.Item, r *report) string {
	cluster := cmp.Or(opt, cfg)
	switch {
	case opt != "" && cfg != "" && opt != cfg:
		r.errorAt(cfgItem, field.Invalid(field.NewPath("data", "cluster"), cfg, fmt.Sprintf("the command line renders for cluster %s", opt)))
	case opt != "":
		for _, msg := range validation.IsDNS1123Subdomain(opt) {
			r.add(nil, fn.Error, "", fmt.Sprintf("the cluster %q: %s", opt, msg))
		}
	case cfg != "":
		r.errorsAt(cfgItem, invalidIf(field.NewPath("data", "cluster"), cfg, validation.IsDNS1123Subdomain(cfg)))
	}
	return cluster
}

// warnUnplacedCluster: rendering for a cluster no ServiceSpec places a
// service in is most likely a misspelt name.
func warnUnplacedCluster(sources []*source, cluster string, r *report) {
	var named []string
	for _, s := range sources {
		if s.isApp() || s.spec == nil || s.spec.Spec.Placement == nil {
			continue
		}
		if console.Placed(s.spec, cluster) {
			return
		}
		named = append(named, s.spec.Spec.Placement.Clusters...)
	}
	slices.Sort(named)
	placed := "none: no ServiceSpec has a placement"
	if len(named) > 0 {
		placed = strings.Join(slices.Compact(named), ", ")
	}
	r.add(nil, fn.Warning, "", fmt.Sprintf(
		"no ServiceSpec places a service in cluster %s (the clusters placed: %s): it receives only the services without a placement",
		cluster, placed))
}

func invalidIf(p *field.Path, v string, msgs []string) field.ErrorList {
	var errs field.ErrorList
	for _, m := range msgs {
		errs = append(errs, field.Invalid(p, v, m))
	}
	return errs
}

// isEmptyObject: the functionConfig is {} (the SDK's "no config").
func isEmptyObject(it *krm.Item) bool {
	n, err := it.Node()
	return err == nil && len(n.Content) == 0
}

// sameSpec compares the spec of two sources (kustomize and kpt add their own
// annotations to the copies they send).
func sameSpec(a, b *source) bool {
	return a.value != nil && b.value != nil && reflect.DeepEqual(a.value["spec"], b.value["spec"])
}

// decode turns the item into a defaulted ServiceSpec or AppSpec,
// reporting decode and validation errors and warnings.
func (s *source) decode(r *report, keepValue bool) {
	v, err := s.item.Value()
	if err != nil {
		r.errorsAt(s.item, valueErrors(s.item.Kind, err))
		return
	}
	if keepValue {
		s.value = v
	}
	if s.isApp() {
		s.app = decodeValid(s, v, r, api.DecodeAppValue, api.SetAppDefaults, api.ValidateApp)
		return
	}
	spec := decodeValid(s, v, r, api.DecodeValue, api.SetDefaults, console.Validate)
	if spec == nil {
		return
	}
	for _, w := range console.Warnings(spec) {
		r.warningAt(s.item, w.Field, w.Message)
	}
	s.spec = spec
}

// decodeValid decodes, defaults and validates a ServiceSpec or an AppSpec,
// reporting every error; nil when there is one. What did decode is
// validated too, so that every error shows at once; a field that failed
// to decode is not reported a second time.
func decodeValid[T any](s *source, v map[string]any, r *report, decode func(any) (*T, field.ErrorList),
	setDefaults func(*T), validate func(*T) field.ErrorList) *T {
	obj, decodeErrs := decode(v)
	r.errorsAt(s.item, decodeErrs)
	if obj == nil {
		return nil
	}
	setDefaults(obj)
	if errs := withoutPaths(validate(obj), decodeErrs); len(errs) > 0 || len(decodeErrs) > 0 {
		r.errorsAt(s.item, errs)
		return nil
	}
	return obj
}

// valueErrors turns the errors of reading an item's data into results at
// their fields: keys written twice, alias bombs, values YAML cannot hold.
func valueErrors(kind string, err error) field.ErrorList {
	var list krm.ValueErrors
	var one *krm.ValueError
	switch {
	case errors.As(err, &list):
		out := make(field.ErrorList, 0, len(list))
		for _, e := range list {
			out = append(out, valueError(kind, e))
		}
		return out
	case errors.As(err, &one):
		return field.ErrorList{valueError(kind, one)}
	}
	return field.ErrorList{{Type: field.ErrorTypeInvalid, Field: "<root>", BadValue: field.OmitValueType{}, Detail: err.Error()}}
}

func valueError(kind string, e *krm.ValueError) *field.Error {
	p := pathOrRoot(fieldPath(kind, e.Path))
	if e.Duplicate {
		return &field.Error{Type: field.ErrorTypeDuplicate, Field: p, BadValue: e.Key, Detail: "the key is written twice"}
	}
	return &field.Error{Type: field.ErrorTypeInvalid, Field: p, BadValue: field.OmitValueType{}, Detail: e.Detail}
}

func pathOrRoot(p *field.Path) string {
	if p == nil {
		return "<root>"
	}
	return p.String()
}

// withoutPaths drops the errors at or under a path already reported.
func withoutPaths(errs, reported field.ErrorList) field.ErrorList {
	if len(reported) == 0 {
		return errs
	}
	seen := make(map[string]bool, len(reported))
	for _, r := range reported {
		seen[r.Field] = true
	}
	var out field.ErrorList
	for _, e := range errs {
		if !underAny(e.Field, seen) {
			out = append(out, e)
		}
	}
	return out
}

// underAny reports whether p or one of its parents is in paths.
func underAny(p string, paths map[string]bool) bool {
	for {
		if paths[p] {
			return true
		}
		i := strings.LastIndexAny(p, ".[")
		if i <= 0 {
			return false
		}
		p = p[:i]
	}
}

// valid: the source decoded and validated.
func (s *source) valid() bool { return s.spec != nil || s.app != nil }

// namedApp is the app a ServiceSpec that did not decode names in its data,
// as far as it can be read ("" when none).
func (s *source) namedApp() string {
	v, err := s.item.Value()
	if err != nil {
		return ""
	}
	spec, _ := v["spec"].(map[string]any)
	app, _ := spec["app"].(string)
	return app
}

// fieldPath writes a path into a ServiceSpec's (or an AppSpec's) data as
// validation writes it: struct fields as .name, map keys as [key], list
// indexes as [i]. Only the type tells a field from a map key.
func fieldPath(kind string, steps krm.Path) *field.Path {
	var p *field.Path
	t := reflect.TypeFor[api.ServiceSpec]()
	if kind == api.AppKind {
		t = reflect.TypeFor[api.AppSpec]()
	}
	for _, s := range steps {
		for t != nil && t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch {
		case s.Index >= 0:
			p = p.Index(s.Index)
			if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
				t = t.Elem()
			} else {
				t = nil
			}
		case t != nil && t.Kind() == reflect.Map:
			p = p.Key(s.Key)
			t = t.Elem()
		default:
			if p == nil {
				p = field.NewPath(s.Key)
			} else {
				p = p.Child(s.Key)
			}
			if t != nil && t.Kind() == reflect.Struct {
				t, _ = typedjson.FieldType(t, s.Key)
			} else {
				t = nil
			}
		}
	}
	return p
}
