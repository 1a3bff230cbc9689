package function

import (
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/krm"
)

// ownerOf is the value of servicespec.dev/generated-from, if set.
func ownerOf(it *krm.Item) (string, bool) { return it.Annotation(api.AnnotationGeneratedFrom) }

// isPrunable: the item is an earlier output, to be replaced by this run's.
func isPrunable(it *krm.Item) bool {
	_, owned := ownerOf(it)
	return owned && console.KindOf(it.GroupVersionKind()) != nil
}

// splitOwned separates the earlier outputs from the items that stay.
func splitOwned(items []*krm.Item) (kept, previous []*krm.Item) {
	for _, it := range items {
		if isPrunable(it) {
			previous = append(previous, it)
		} else {
			kept = append(kept, it)
		}
	}
	return kept, previous
}

var ownerPath = field.NewPath("metadata", "annotations").Key(api.AnnotationGeneratedFrom)

// warnForeignOwnership names every kept item that carries the ownership
// annotation: it was copied there (from a generated object, say), and
// servicespec keeps it rather than delete what it cannot have made.
func warnForeignOwnership(kept []*krm.Item, r *report) {
	for _, it := range kept {
		if _, owned := ownerOf(it); !owned {
			continue
		}
		what := fmt.Sprintf("servicespec does not generate %s %s objects", it.APIVersion, it.Kind)
		if inOurGroup(it) {
			what = "a ServiceSpec is never an output"
		}
		r.warningAt(it, ownerPath, what+", so this object is kept, not pruned; remove the annotation (it was probably copied from a generated object)")
	}
}

// warnPrunedFromUserFiles names the earlier outputs found outside the files
// servicespec writes: they are removed (kpt deletes them from that file).
func warnPrunedFromUserFiles(previous []*krm.Item, r *report) {
	for _, it := range previous {
		if f := it.File(); f != "" && !strings.HasSuffix(f, GeneratedFileSuffix) {
			owner, _ := ownerOf(it)
			r.warningAt(it, ownerPath, fmt.Sprintf(
				"removed: it carries servicespec.dev/generated-from: %s, so it is an earlier output, but it is in %s, which servicespec does not write; its place is %s files",
				owner, f, GeneratedFileSuffix))
		}
	}
}

func inOurGroup(it *krm.Item) bool { return it.GroupVersionKind().Group == api.Group }
