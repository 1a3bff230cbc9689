package importer

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"

	"github.com/servicespec/servicespec/fn/krm"
)

// Which of the input objects an import works on: a controller's objects
// are left out (they are made again from their owner), and an object read
// twice counts once when both copies agree.

// controlled reports whether a controller owns the object: an owner
// reference with controller: true (a Deployment's ReplicaSets and their
// Pods, a Service's EndpointSlices, a CronJob's Jobs). Committing it would
// fight its controller.
func controlled(o *fn.KubeObject) bool {
	refs, _, _ := o.NestedSlice("metadata", "ownerReferences")
	for _, r := range refs {
		if c, _, _ := r.NestedBool("controller"); c {
			return true
		}
	}
	return false
}

// selectObjects drops the controlled objects (counted by kind in left) and
// the second copy of an object read twice; two copies that differ are an
// error naming the object and both sources.
func selectObjects(items []*krm.Item) (kept []*krm.Item, left map[string]int, err error) {
	left = map[string]int{}
	first := map[string]*krm.Item{}
	firstContent := map[string]string{}
	for _, it := range items {
		o, err := it.Object()
		if err != nil {
			return nil, nil, err
		}
		if controlled(o) {
			left[o.GetKind()]++
			continue
		}
		id := objectKey(o)
		content, err := cleanedContent(o)
		if err != nil {
			return nil, nil, err
		}
		if prev, seen := first[id]; seen {
			if firstContent[id] != content {
				return nil, nil, fmt.Errorf("%s %s is in the input twice, with different content: in %s and in %s; give one of them",
					o.GetKind(), qualifiedName(o), sourceOf(prev), sourceOf(it))
			}
			continue
		}
		first[id], firstContent[id] = it, content
		kept = append(kept, it)
	}
	return kept, left, nil
}

// objectKey identifies an object: its API group, kind, namespace and name.
func objectKey(o *fn.KubeObject) string {
	return o.GroupKind().Group + "\x00" + o.GetKind() + "\x00" + o.GetNamespace() + "\x00" + o.GetName()
}

// cleanedContent is an object without what the server adds, to compare
// two copies read at different times.
func cleanedContent(o *fn.KubeObject) (string, error) {
	c := o.Copy()
	if _, err := clean(c); err != nil {
		return "", err
	}
	return c.String(), nil
}

func qualifiedName(o *fn.KubeObject) string {
	if o.GetNamespace() == "" {
		return o.GetName()
	}
	return o.GetNamespace() + "/" + o.GetName()
}

func sourceOf(it *krm.Item) string {
	if it.File() == "" {
		return "the input"
	}
	return fmt.Sprintf("%s (document %d)", it.File(), it.FileIndex()+1)
}

// LeftOut says which controlled objects an import left out, by kind.
func LeftOut(left map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(left)) {
		parts = append(parts, fmt.Sprintf("%d %s", left[k], k))
	}
	return strings.Join(parts, ", ")
}
