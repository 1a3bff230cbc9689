package importer

import (
	"fmt"
	"maps"
	"slices"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	kubefed "github.com/servicespec/servicespec/fn/api/kubefed/v1beta1"
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/kubesphere"
)

// A federated object of a multi-cluster project is read as the plain
// object it stands for (its template under its name, with its own
// annotations, which is where the console writes them), so that a
// federated service is recognized and built as a plain one; its placement
// and each cluster's overrides then become spec.placement, and the proof
// renders the federated objects and compares them with the ones here.

// federation is what a federated object adds to its plain view.
type federation struct {
	obj       runtime.Object // the federated object, typed
	clusters  []string
	overrides []kubefed.Override
}

// federatedView returns the plain view of a federated object and its
// federation; nil when the object is not federated.
func federatedView(obj runtime.Object) (runtime.Object, *federation) {
	f, ok := obj.(kubefed.Federated)
	if !ok {
		return nil, nil
	}
	plain := f.Plain()
	m := plain.(metav1.Object)
	m.SetAnnotations(withOuter(m.GetAnnotations(), f.GetAnnotations()))
	return plain, &federation{obj: obj, clusters: f.Clusters(), overrides: f.Overrides()}
}

// withOuter merges the federated object's annotations over the template's,
// without the ones that only say which workload a federated Service fronts.
func withOuter(template, outer map[string]string) map[string]string {
	out := maps.Clone(template)
	if out == nil {
		out = map[string]string{}
	}
	maps.Copy(out, without(outer, kubesphere.AnnotationWorkloadName, kubesphere.AnnotationWorkloadModule))
	return nonEmpty(out)
}

// placement sets spec.placement from the service's federated objects: the
// clusters they share and, for each cluster whose overrides change
// anything, what its own copy of the service changes (read by building
// the service from the objects the cluster receives).
func placement(spec *api.ServiceSpec, s *service) error {
	objs := s.objects()
	federated := 0
	for _, o := range objs {
		if o.fed != nil {
			federated++
		}
	}
	switch {
	case federated == 0:
		return nil
	case federated < len(objs):
		return fmt.Errorf("some of its objects are federated and some are not")
	}
	clusters := objs[0].fed.clusters
	for _, o := range objs[1:] {
		if !slices.Equal(o.fed.clusters, clusters) {
			return fmt.Errorf("%s is placed in %v, but %s in %v: a ServiceSpec places all of a service's objects alike", objs[0], clusters, o, o.fed.clusters)
		}
	}
	p := &api.Placement{Clusters: clusters}
	for _, c := range clusters {
		o, err := clusterOverride(spec, s, c)
		if err != nil {
			return fmt.Errorf("cluster %s: %w", c, err)
		}
		if o != nil {
			if p.Overrides == nil {
				p.Overrides = map[string]api.ClusterOverride{}
			}
			p.Overrides[c] = *o
		}
	}
	spec.Spec.Placement = p
	return nil
}

// clusterOverride builds the service as one cluster receives it and
// returns what differs from the spec; nil when the cluster has no
// overrides.
func clusterOverride(spec *api.ServiceSpec, s *service, cluster string) (*api.ClusterOverride, error) {
	shadow := *s
	changed := false
	for _, slot := range []**object{&shadow.workload, &shadow.svc, &shadow.headless} {
		o := *slot
		if o == nil {
			continue
		}
		ops := kubefed.OverridesOf(o.fed.overrides, cluster)
		if len(ops) == 0 {
			continue
		}
		changed = true
		out := o.typed.DeepCopyObject()
		if err := kubefed.ApplyOverrides(o.typed, ops, out); err != nil {
			return nil, fmt.Errorf("%s: %w", o, err)
		}
		patched := *o
		patched.typed = out
		*slot = &patched
	}
	if !changed {
		return nil, nil
	}
	there, err := build(&shadow)
	if err != nil {
		return nil, err
	}
	return console.ClusterOverrideOf(spec, there)
}

// plainKind is the kind an object is recognized as: a federated object's
// plain kind.
func plainKind(o *object) string {
	return o.typed.GetObjectKind().GroupVersionKind().Kind
}

// written is the object as it is here: the federated object itself for a
// federated one.
func written(o *object) runtime.Object {
	if o.fed != nil {
		return o.fed.obj
	}
	return o.typed
}
