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

// leaveOutControlled drops the objects a controller owns, counted by kind.
func leaveOutControlled(items []*krm.Item) (kept []*krm.Item, left map[string]int, err error) {
	left = map[string]int{}
	for _, it := range items {
		o, err := it.Object()
		if err != nil {
			return nil, nil, err
		}
		if controlled(o) {
			left[o.GetKind()]++
			continue
		}
		kept = append(kept, it)
	}
	return kept, left, nil
}

// copies remembers each object read, cleaned, to tell a second copy: it
// counts once when both agree, and is an error naming the object and both
// sources otherwise.
type copies map[string]struct {
	it      *krm.Item
	content string
}

// seen reports whether the cleaned object was read before.
func (c copies) seen(it *krm.Item, o *fn.KubeObject) (bool, error) {
	id, content := objectKey(o), o.String()
	first, ok := c[id]
	switch {
	case !ok:
		c[id] = struct {
			it      *krm.Item
			content string
		}{it, content}
		return false, nil
	case first.content != content:
		return false, fmt.Errorf("%s %s is in the input twice, with different content: in %s and in %s; give one of them",
			o.GetKind(), qualifiedName(o), sourceOf(first.it), sourceOf(it))
	}
	return true, nil
}

// objectKey identifies an object: its API group, kind, namespace and name.
func objectKey(o *fn.KubeObject) string {
	return o.GroupKind().Group + "\x00" + o.GetKind() + "\x00" + o.GetNamespace() + "\x00" + o.GetName()
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
