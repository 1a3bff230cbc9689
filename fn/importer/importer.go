package importer

import (
	"fmt"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"

	sm "github.com/servicespec/servicespec/fn/api/servicemesh/v1alpha2"
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/krm"
)

// Result is what an import made of its input.
type Result struct {
	// Apps are the AppSpecs, one per composed app converted, in input order.
	Apps []*api.AppSpec
	// Specs are the ServiceSpecs, one per service converted, in input order.
	Specs []*api.ServiceSpec
	// Rest are every other object, cleaned of what the server adds, in
	// input order: the objects of services that could not be converted
	// and everything that is not a service's.
	Rest []*krm.Item
	// Left says, for each service or workload that was not converted, why.
	Left []string
	// Controlled counts, by kind, the objects left out because a
	// controller owns them (ReplicaSets, Pods, EndpointSlices...).
	Controlled map[string]int
	// Tracking counts, by the kind of mark, the objects whose GitOps
	// tracking metadata (Argo CD's, Flux's) was left out.
	Tracking map[string]int
}

// Import converts the services the console made among the objects (the
// items of a kind: List are read as objects by the reader). Objects a
// controller owns are left out, and an object given twice counts once
// (twice with different content is an error).
func Import(items []*krm.Item) (*Result, error) {
	items, controlled, err := leaveOutControlled(items)
	if err != nil {
		return nil, err
	}
	objs, kept, tracked, err := readObjects(items)
	if err != nil {
		return nil, err
	}
	apps := recognizeApps(objs)
	services, left := recognize(objs, apps)
	res := &Result{Left: left, Controlled: controlled, Tracking: tracked}
	specs := map[*service]*api.ServiceSpec{}
	for _, s := range services {
		spec, err := convert(s)
		if err != nil {
			res.Left = append(res.Left, leave(s, fmt.Sprintf("%v%s", err, hint(err))))
			continue
		}
		s.converted, specs[s] = true, spec
	}
	res.Apps, res.Left = convertApps(objs, apps, res.Left)
	for _, s := range services {
		if s.converted {
			res.Specs = append(res.Specs, specs[s])
		}
	}
	res.Left = append(res.Left, unconverted(objs, services, apps)...)
	for i, o := range objs {
		if !o.used {
			res.Rest = append(res.Rest, kept[i])
		}
	}
	return res, nil
}

// leave puts a service's objects back among the objects passed through.
func leave(s *service, why string) string {
	for _, o := range s.objects() {
		o.used = false
	}
	s.converted = false
	return fmt.Sprintf("%s: not converted, left as it is: %s", s.svc, why)
}

// convertApps proves every composed app with the members that converted,
// in input order. An app that cannot be expressed stays as it is, and so
// do its members (a ServiceSpec cannot name a missing app).
func convertApps(objs []*object, apps map[string]*app, left []string) ([]*api.AppSpec, []string) {
	var out []*api.AppSpec
	for _, o := range objs {
		a := apps[appKey(o.namespace, o.name)]
		if a == nil || a.application != o {
			continue
		}
		if err := proveApp(a); err != nil {
			left = append(left, fmt.Sprintf("%s: not converted, left as it is: %v", o, err))
			for _, s := range a.members {
				if s.converted {
					left = append(left, leave(s, "its app "+a.spec.Name+" stays as it is"))
				}
			}
			continue
		}
		a.application.used = true
		if a.ingress != nil {
			a.ingress.used = true
		}
		out = append(out, minimizeApp(a.spec))
	}
	return out, left
}

// convert builds, proves and minimizes the spec of one service.
func convert(s *service) (*api.ServiceSpec, error) {
	spec, err := build(s)
	if err != nil {
		return nil, err
	}
	if err := placement(spec, s); err != nil {
		return nil, err
	}
	if err := prove(spec, s); err != nil {
		return nil, err
	}
	return minimize(spec, s), nil
}

// unconverted notes every object of a kind servicespec generates that no
// converted service or app took, and that no other note explains: the
// objects of a service that failed, an app that was not converted, and
// every Service (recognize notes each one it does not take). The note
// says why it stays as it is.
func unconverted(objs []*object, services []*service, apps map[string]*app) []string {
	explained := map[*object]bool{}
	for _, s := range services {
		for _, o := range s.objects() {
			explained[o] = true
		}
	}
	for _, a := range apps {
		explained[a.application] = true
		if a.ingress != nil {
			explained[a.ingress] = true
		}
	}
	idx := newIndex(objs)
	var out []string
	for _, o := range objs {
		if _, isService := o.typed.(*corev1.Service); o.used || explained[o] || o.typed == nil || isService {
			continue
		}
		out = append(out, fmt.Sprintf("%s: %s; left as it is", o, whyUnconverted(o, idx)))
	}
	return out
}

// whyUnconverted says, by kind, what the console makes around such an
// object that the input lacks.
func whyUnconverted(o *object, idx index) string {
	if st, ok := o.typed.(*sm.Strategy); ok {
		return strategyLeftAlone(o, st, idx)
	}
	if k := console.KindOf(o.typed.GetObjectKind().GroupVersionKind()); k != nil && k.ImportNote != "" {
		return k.ImportNote
	}
	return "no converted service or app has it"
}

// readObjects cleans every object (the reader has already expanded Lists),
// keeps one of two agreeing copies, and types the kinds a console-made
// service has. The items are edited in place, through their SDK view.
func readObjects(items []*krm.Item) ([]*object, []*krm.Item, map[string]int, error) {
	all := make([]*fn.KubeObject, len(items))
	for i, it := range items {
		m, err := it.Object()
		if err != nil {
			return nil, nil, nil, err
		}
		all[i] = m
	}
	track := newTracking(all)
	var objs []*object
	var kept []*krm.Item
	read := copies{}
	for i, it := range items {
		m := all[i]
		live, err := clean(m)
		if err != nil {
			return nil, nil, nil, err
		}
		if err := track.strip(m); err != nil {
			return nil, nil, nil, err
		}
		it.MarkChanged()
		again, err := read.seen(it, m)
		if err != nil {
			return nil, nil, nil, err
		}
		if again {
			continue
		}
		o := &object{source: source{file: it.File(), kind: m.GetKind(), namespace: m.GetNamespace(), name: m.GetName()}, live: live}
		o.typed = typed(m)
		if plain, fed := federatedView(o.typed); fed != nil {
			o.typed, o.fed = plain, fed
		}
		objs = append(objs, o)
		kept = append(kept, it)
	}
	return objs, kept, track.removed, nil
}

// typed decodes the kinds servicespec generates; nil for others, or when
// the object does not decode as its type.
func typed(ko *fn.KubeObject) runtime.Object {
	k := console.KindOf(ko.GroupVersionKind())
	if k == nil {
		return nil
	}
	obj := k.New()
	if err := ko.As(obj); err != nil {
		return nil
	}
	return obj
}

// Equivalent says whether a rendered object applies as the live object is:
// equal once both are cleaned of what the server adds and, for the kinds a
// service has, of the server's defaults. It is the comparison an import
// proves its specs with, for tests that check a cluster round trip.
func Equivalent(rendered, live *fn.KubeObject) error {
	r, l := rendered.Copy(), live.Copy()
	if err := strip(r); err != nil {
		return err
	}
	if err := strip(l); err != nil {
		return err
	}
	rt, lt := typed(r), typed(l)
	if rt != nil && lt != nil {
		return sameObject(rt, lt, true)
	}
	for _, o := range []*fn.KubeObject{r, l} {
		for _, a := range ownAnnotations {
			if _, err := o.RemoveNestedField("metadata", "annotations", a); err != nil {
				return err
			}
		}
	}
	if r.String() != l.String() {
		return fmt.Errorf("rendered:\n%s\nlive (cleaned):\n%s", r, l)
	}
	return nil
}

// hint explains the differences users meet most.
func hint(err error) string {
	if strings.Contains(err.Error(), "selector") {
		return " (a ServiceSpec selects exactly {app, version}: selectors are immutable, so it never adds labels to them)"
	}
	return ""
}
