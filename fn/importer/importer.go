package importer

import (
	"fmt"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"k8s.io/apimachinery/pkg/runtime"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/kinds"
	"github.com/servicespec/servicespec/fn/krm"
)

// Result is what an import made of its input.
type Result struct {
	// Specs are the ServiceSpecs, one per service converted, in input order.
	Specs []*api.ServiceSpec
	// Rest are every other object, cleaned of what the server adds, in
	// input order: the objects of services that could not be converted
	// and everything that is not a service's.
	Rest []*fn.KubeObject
	// Left says, for each service or workload that was not converted, why.
	Left []string
}

// Import converts the services the console made among the objects (the
// items of a kind: List are read as objects by the reader).
func Import(items []*krm.Item) (*Result, error) {
	objs, kube, err := readObjects(items)
	if err != nil {
		return nil, err
	}
	services, left := recognize(objs)
	res := &Result{Left: left}
	for _, s := range services {
		spec, err := convert(s)
		if err != nil {
			for _, o := range s.objects() {
				o.used = false
			}
			res.Left = append(res.Left, fmt.Sprintf("%s: not converted, left as it is: %v%s", s.svc, err, hint(err)))
			continue
		}
		res.Specs = append(res.Specs, spec)
	}
	res.Left = append(res.Left, lonelyWorkloads(objs, services)...)
	for i, o := range objs {
		if !o.used {
			res.Rest = append(res.Rest, kube[i])
		}
	}
	return res, nil
}

// convert builds, proves and minimizes the spec of one service.
func convert(s *service) (*api.ServiceSpec, error) {
	spec, err := build(s)
	if err != nil {
		return nil, err
	}
	if err := prove(spec, s); err != nil {
		return nil, err
	}
	return minimize(spec, s), nil
}

// lonelyWorkloads notes the Deployments and StatefulSets no service took.
func lonelyWorkloads(objs []*object, services []*service) []string {
	failed := map[*object]bool{}
	for _, s := range services {
		for _, o := range s.objects() {
			failed[o] = !o.used
		}
	}
	var out []string
	for _, o := range objs {
		if o.used || failed[o] || (o.kind != "Deployment" && o.kind != "StatefulSet") {
			continue
		}
		out = append(out, fmt.Sprintf("%s: no console-made Service fronts it (the console makes a workload <name>-<version> with a Service <name> annotated kubesphere.io/serviceType); left as it is", o))
	}
	return out
}

// readObjects cleans every object (the reader has already expanded Lists)
// and types the kinds a console-made service has.
func readObjects(items []*krm.Item) ([]*object, []*fn.KubeObject, error) {
	var objs []*object
	var kube []*fn.KubeObject
	for _, it := range items {
		m, err := it.Object()
		if err != nil {
			return nil, nil, err
		}
		live, err := clean(m)
		if err != nil {
			return nil, nil, err
		}
		o := &object{source: source{file: it.File(), kind: m.GetKind(), namespace: m.GetNamespace(), name: m.GetName()}, live: live}
		o.typed = typed(m)
		objs = append(objs, o)
		kube = append(kube, m)
	}
	return objs, kube, nil
}

// typed decodes the kinds servicespec generates; nil for others, or when
// the object does not decode as its type.
func typed(ko *fn.KubeObject) runtime.Object {
	k := kinds.Of(ko.GroupVersionKind())
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
