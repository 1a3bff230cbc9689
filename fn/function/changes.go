package function

import (
	"fmt"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/krm"
)

// comparePrevious compares this run's outputs with the earlier ones (the
// items about to be pruned). An output whose text is the earlier one's, the
// steady state of every re-render, costs a comparison of bytes; only a
// changed object is parsed, to warn about changes a cluster cannot apply
// in place and about objects edited by hand since servicespec wrote them.
func comparePrevious(sources []*source, outs []*output, previous []*krm.Item, r *report) {
	byID := make(map[string]*krm.Item, len(previous))
	byOwner := map[string][]*krm.Item{}
	for _, p := range previous {
		byID[objectID(&p.Header)] = p
		owner, _ := ownerOf(p)
		byOwner[owner] = append(byOwner[owner], p)
	}
	bySource := map[*source][]*output{}
	for _, o := range outs {
		bySource[o.from] = append(bySource[o.from], o)
	}
	for _, s := range sources {
		if s.isApp() {
			continue
		}
		for _, msg := range lifecycleChanges(byOwner[console.GeneratedFrom(s.item.Namespace, s.item.Name)], bySource[s]) {
			r.warningAt(s.item, field.NewPath("spec"), msg)
		}
	}
	followed := map[*krm.Item]bool{}
	for _, o := range outs {
		p, ok := byID[objectID(&o.item.Header)]
		if !ok {
			continue
		}
		followed[p] = true
		if krm.SameContent(p, o.item) {
			continue
		}
		if old, k, ok := decodeTyped(p); ok {
			if k.Changes != nil {
				for _, msg := range k.Changes(old, o.obj) {
					r.warningAt(o.from.item, field.NewPath("spec"), msg)
				}
			}
			warnHandEdit(p, old, r)
		}
	}
	for _, p := range previous {
		if !followed[p] {
			if old, _, ok := decodeTyped(p); ok {
				warnHandEdit(p, old, r)
			}
		}
	}
}

// warnHandEdit warns when an earlier output no longer has the content its
// digest recorded: someone edited it, and the edit is lost now.
func warnHandEdit(p *krm.Item, old runtime.Object, r *report) {
	recorded, ok := p.Annotation(api.AnnotationDigest)
	if !ok || recorded == contentDigest(old) {
		return
	}
	owner, _ := ownerOf(p)
	r.warningAt(p, nil, fmt.Sprintf(
		"was edited by hand since servicespec generated it (from the ServiceSpec %s): it is generated again and the edit is lost; make the change in the ServiceSpec instead",
		owner))
}

// isWorkload: the item is of a generated kind that runs the pods.
func isWorkload(h *krm.Header) bool {
	k := console.KindOf(h.GroupVersionKind())
	return k != nil && k.Workload
}
