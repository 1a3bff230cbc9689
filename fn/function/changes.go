package function

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/render"
)

// warnUnappliable compares each spec's new outputs with the ones it
// generated before (the owned items about to be pruned) and warns about
// changes a cluster cannot apply in place.
func warnUnappliable(sources []*source, rendered map[*source]fn.KubeObjects, previous fn.KubeObjects, r *report) {
	for _, s := range sources {
		owner := render.GeneratedFrom(s.spec)
		var old fn.KubeObjects
		for _, o := range previous {
			if o.GetAnnotation(api.AnnotationGeneratedFrom) == owner {
				old = append(old, o)
			}
		}
		for _, msg := range unappliableChanges(old, rendered[s]) {
			r.warningAt(s.obj, field.NewPath("spec"), msg)
		}
	}
}

func unappliableChanges(old, now fn.KubeObjects) []string {
	var msgs []string
	oldWorkload, newWorkload := workloadOf(old), workloadOf(now)
	switch {
	case oldWorkload == nil || newWorkload == nil:
	case oldWorkload.GetKind() != newWorkload.GetKind():
		msgs = append(msgs, fmt.Sprintf("the workload changes from %s %s to %s %s: applying creates the new one and pruning deletes the old one, so every pod is replaced",
			oldWorkload.GetKind(), oldWorkload.GetName(), newWorkload.GetKind(), newWorkload.GetName()))
	case oldWorkload.GetName() != newWorkload.GetName() && newWorkload.GetKind() == "StatefulSet":
		msgs = append(msgs, fmt.Sprintf("the StatefulSet is renamed from %s to %s (spec.version changed): the new StatefulSet's pods get new, empty volumes; the old claims are left behind",
			oldWorkload.GetName(), newWorkload.GetName()))
	case oldWorkload.GetName() == newWorkload.GetName():
		msgs = append(msgs, immutableWorkloadFields(oldWorkload, newWorkload)...)
	}
	for _, svc := range now.Where(fn.IsGroupVersionKind(serviceGVK)) {
		for _, prev := range old.Where(fn.IsGroupVersionKind(serviceGVK)) {
			if prev.GetName() == svc.GetName() {
				msgs = append(msgs, immutableServiceFields(prev, svc)...)
			}
		}
	}
	return msgs
}

var serviceGVK = schema.GroupVersionKind{Version: "v1", Kind: "Service"}

func workloadOf(objs fn.KubeObjects) *fn.KubeObject {
	for _, o := range objs {
		if o.GetAPIVersion() == "apps/v1" && workloadKinds[o.GetKind()] {
			return o
		}
	}
	return nil
}

func immutableWorkloadFields(old, now *fn.KubeObject) []string {
	fields := [][]string{{"spec", "selector"}}
	if now.GetKind() == "StatefulSet" {
		fields = append(fields, []string{"spec", "serviceName"}, []string{"spec", "volumeClaimTemplates"})
	}
	var msgs []string
	for _, f := range fields {
		if !sameField(old, now, f...) {
			msgs = append(msgs, fmt.Sprintf("%s %s: %s changes, and it is immutable: the API server rejects the update; delete the %s first (its pods are replaced)",
				now.GetKind(), now.GetName(), dotted(f), now.GetKind()))
		}
	}
	return msgs
}

func immutableServiceFields(old, now *fn.KubeObject) []string {
	var msgs []string
	if isHeadless(old) != isHeadless(now) {
		msgs = append(msgs, fmt.Sprintf("Service %s switches between a cluster IP and clusterIP: None, which cannot change in place: delete the Service first", now.GetName()))
	}
	if !sameField(old, now, "spec", "loadBalancerClass") {
		msgs = append(msgs, fmt.Sprintf("Service %s: spec.loadBalancerClass changes, and it is immutable: delete the Service first", now.GetName()))
	}
	return msgs
}

func isHeadless(o *fn.KubeObject) bool {
	v, _, _ := o.NestedString("spec", "clusterIP")
	return v == "None"
}

// sameField compares a field's decoded values, so that YAML style (flow or
// block, quoting) does not count as a change.
func sameField(a, b *fn.KubeObject, path ...string) bool {
	return reflect.DeepEqual(fieldValue(a, path), fieldValue(b, path))
}

// fieldValue is the field's decoded value, nil when absent.
func fieldValue(o *fn.KubeObject, path []string) any {
	rn, err := o.CopyToResourceNode().Pipe(yaml.Lookup(path...))
	if err != nil || rn == nil {
		return nil
	}
	var v any
	if err := rn.YNode().Decode(&v); err != nil {
		return nil
	}
	return v
}

func dotted(path []string) string { return strings.Join(path, ".") }
