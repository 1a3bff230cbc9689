package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"

	"k8s.io/apimachinery/pkg/runtime"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
)

// prove renders the spec and requires every object of the service back,
// equal once normalized, and nothing more.
func prove(spec *api.ServiceSpec, s *service) error {
	hash := ""
	if spec.Spec.RolloutOnConfigChange {
		hash = configHash(s)
	}
	var app *api.AppSpec // the app the spec names, as the function would find it
	if s.app != nil && spec.Spec.App == s.app.spec.Name {
		app = s.app.spec.DeepCopy()
		api.SetAppDefaults(app)
	}
	rendered, err := renderSpec(spec, app, hash, releaseConfigHash(s))
	if err != nil {
		return err
	}
	imported := s.objects()
	if len(rendered) != len(imported) {
		return fmt.Errorf("it would render %d objects, not the %d that are here (%s)", len(rendered), len(imported), describeAll(rendered))
	}
	for _, r := range rendered {
		o := find(imported, r)
		if o == nil {
			return fmt.Errorf("it would render %s, which is not here", describe(r))
		}
		if err := sameObject(r, written(o), s.live()); err != nil {
			return fmt.Errorf("%s: %w", describe(r), err)
		}
	}
	return nil
}

// renderSpec renders a copy of the spec as the function would: defaulted,
// and only when valid.
func renderSpec(spec *api.ServiceSpec, app *api.AppSpec, hash, releaseHash string) ([]runtime.Object, error) {
	s := spec.DeepCopy()
	api.SetDefaults(s)
	errs := console.Validate(s)
	if app != nil && len(errs) == 0 {
		errs = api.ValidateMember(s, app)
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("the spec it would need is not valid: %v", errs.ToAggregate())
	}
	objs, errs := console.Objects(s, console.Inputs{ConfigHash: hash, ReleaseConfigHash: releaseHash, App: app})
	if len(errs) > 0 {
		return nil, errs.ToAggregate()
	}
	return objs, nil
}

// configHash is the workload's config hash as it is: a render computes it
// from the ConfigMaps and Secrets the import passes through unchanged.
func configHash(s *service) string {
	if s.workload == nil {
		return ""
	}
	return podAnnotations(s.workload.typed)[api.AnnotationConfigHash]
}

// releaseConfigHash is the release workload's config hash as it is.
func releaseConfigHash(s *service) string {
	if s.release == nil {
		return ""
	}
	return podAnnotations(s.release.typed)[api.AnnotationConfigHash]
}

func find(objs []*object, r runtime.Object) *object {
	kind, ns, name := identity(r)
	for _, o := range objs {
		if o.kind == kind && o.namespace == ns && o.name == name {
			return o
		}
	}
	return nil
}

// sameObject compares a rendered object with an imported one and names
// the first field where they differ. Objects read back from a cluster are
// compared once both are normalized. A manifest as its author wrote it may
// leave out what the render spells out when that is the server's default
// (the server fills it in on apply); what the author did write must be
// rendered as written, so that an import keeps it.
func sameObject(rendered, imported runtime.Object, live bool) error {
	a, err := normalized(rendered, live)
	if err != nil {
		return err
	}
	b, err := normalized(imported, live)
	if err != nil {
		return err
	}
	if bytes.Equal(a, b) {
		return nil
	}
	var av, bv any
	_ = json.Unmarshal(a, &av)
	_ = json.Unmarshal(b, &bv)
	if live {
		return fmt.Errorf("%s", difference("", av, bv))
	}
	u, err := normalized(rendered, true)
	if err != nil {
		return err
	}
	var uv any
	_ = json.Unmarshal(u, &uv)
	if d := authoredDifference("", av, uv, bv); d != "" {
		return fmt.Errorf("%s", d)
	}
	return nil
}

// authoredDifference compares the rendered value (and the same with the
// server's defaults removed) with what the author wrote: every written
// field must be rendered alike; a rendered field the author left out must
// be a default.
func authoredDifference(path string, rendered, undefaulted, written any) string {
	rm, rok := rendered.(map[string]any)
	wm, wok := written.(map[string]any)
	if rok && wok {
		um, _ := undefaulted.(map[string]any)
		for _, k := range sortedKeys(rm, wm) {
			p := join(path, k)
			w, wrote := wm[k]
			switch r, rendersIt := rm[k]; {
			case wrote && !rendersIt:
				return fmt.Sprintf("%s is %s here, but a ServiceSpec would render it absent", p, orAbsent(mustJSON(w)))
			case wrote:
				if d := authoredDifference(p, r, um[k], w); d != "" {
					return d
				}
			case !isEmpty(um[k]):
				return fmt.Sprintf("%s is absent here, but a ServiceSpec would render %s", p, orAbsent(mustJSON(r)))
			}
		}
		return ""
	}
	rl, rok := rendered.([]any)
	wl, wok := written.([]any)
	if rok && wok && len(rl) == len(wl) {
		ul, _ := undefaulted.([]any)
		for i := range rl {
			var u any
			if i < len(ul) {
				u = ul[i]
			}
			if d := authoredDifference(fmt.Sprintf("%s[%d]", path, i), rl[i], u, wl[i]); d != "" {
				return d
			}
		}
		return ""
	}
	return difference(path, rendered, written)
}

func sortedKeys(maps ...map[string]any) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range maps {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

// isEmpty is a value a default removal left behind: absent, null, or an
// empty object.
func isEmpty(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case map[string]any:
		for _, e := range t {
			if !isEmpty(e) {
				return false
			}
		}
		return true
	}
	return false
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// difference describes where two JSON values first differ.
func difference(path string, rendered, imported any) string {
	rm, rok := rendered.(map[string]any)
	im, iok := imported.(map[string]any)
	if rok && iok {
		for _, k := range sortedKeys(rm, im) {
			if d := difference(join(path, k), rm[k], im[k]); d != "" {
				return d
			}
		}
		return ""
	}
	rl, rok := rendered.([]any)
	il, iok := imported.([]any)
	if rok && iok && len(rl) == len(il) {
		for i := range rl {
			if d := difference(fmt.Sprintf("%s[%d]", path, i), rl[i], il[i]); d != "" {
				return d
			}
		}
		return ""
	}
	ra, _ := json.Marshal(rendered)
	ia, _ := json.Marshal(imported)
	if bytes.Equal(ra, ia) {
		return ""
	}
	return fmt.Sprintf("%s is %s here, but a ServiceSpec would render %s", path, orAbsent(ia), orAbsent(ra))
}

func orAbsent(b []byte) string {
	if string(b) == "null" {
		return "absent"
	}
	const max = 120
	if len(b) > max {
		return string(b[:max]) + "…"
	}
	return string(b)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func identity(obj runtime.Object) (kind, namespace, name string) {
	kind = obj.GetObjectKind().GroupVersionKind().Kind
	if m, ok := obj.(interface {
		GetNamespace() string
		GetName() string
	}); ok {
		return kind, m.GetNamespace(), m.GetName()
	}
	return kind, "", ""
}

func describe(obj runtime.Object) string {
	kind, ns, name := identity(obj)
	return kind + " " + ns + "/" + name
}

func describeAll(objs []runtime.Object) string {
	var out []string
	for _, o := range objs {
		out = append(out, describe(o))
	}
	slices.Sort(out)
	return fmt.Sprint(out)
}

func podAnnotations(obj runtime.Object) map[string]string {
	if t := console.PodTemplate(obj); t != nil {
		return t.Annotations
	}
	return nil
}
