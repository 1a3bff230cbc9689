package function

import (
	"fmt"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// generatedKinds are the kinds servicespec generates. Only an item of one of
// these kinds that carries servicespec.dev/generated-from is provably an
// earlier output, and only such an item is ever pruned.
var generatedKinds = map[schema.GroupVersionKind]bool{
	{Group: "apps", Version: "v1", Kind: "Deployment"}:                     true,
	{Group: "apps", Version: "v1", Kind: "StatefulSet"}:                    true,
	{Version: "v1", Kind: "Service"}:                                       true,
	{Group: "autoscaling", Version: "v2", Kind: "HorizontalPodAutoscaler"}: true,
	{Group: "policy", Version: "v1", Kind: "PodDisruptionBudget"}:          true,
}

// hasOwnerAnnotation reports whether the item carries
// servicespec.dev/generated-from, whatever its value.
func hasOwnerAnnotation(o *fn.KubeObject) bool {
	_, found, _ := o.NestedString("metadata", "annotations", api.AnnotationGeneratedFrom)
	return found
}

// isPrunable: the item is an earlier output, to be replaced by this run's.
func isPrunable(o *fn.KubeObject) bool {
	return hasOwnerAnnotation(o) && generatedKinds[o.GroupVersionKind()]
}

// warnForeignOwnership names every kept item that carries the ownership
// annotation: it was copied there (from a generated object, say), and
// servicespec keeps it rather than delete what it cannot have made.
func warnForeignOwnership(kept fn.KubeObjects, r *report) {
	p := field.NewPath("metadata", "annotations").Key(api.AnnotationGeneratedFrom)
	for _, o := range kept {
		if !hasOwnerAnnotation(o) {
			continue
		}
		what := fmt.Sprintf("servicespec does not generate %s %s objects", o.GetAPIVersion(), o.GetKind())
		if inOurGroup(o) {
			what = "a ServiceSpec is never an output"
		}
		r.warningAt(o, p, what+", so this object is kept, not pruned; remove the annotation (it was probably copied from a generated object)")
	}
}
