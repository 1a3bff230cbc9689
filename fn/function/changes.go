package function

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/krm"
	"github.com/servicespec/servicespec/fn/render"
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
		for _, msg := range workloadChanges(byOwner[render.GeneratedFrom(s.spec)], bySource[s]) {
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
		if old, ok := decodeTyped(p); ok {
			for _, msg := range immutableChanges(old, o.obj) {
				r.warningAt(o.from.item, field.NewPath("spec"), msg)
			}
			warnHandEdit(p, old, r)
		}
	}
	for _, p := range previous {
		if !followed[p] {
			if old, ok := decodeTyped(p); ok {
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

// workloadChanges compares a spec's workload before and after: a change of
// kind replaces every pod, a renamed StatefulSet starts with empty volumes.
func workloadChanges(old []*krm.Item, now []*output) []string {
	var before *krm.Item
	for _, p := range old {
		if p.APIVersion == "apps/v1" && workloadKinds[p.Kind] {
			before = p
		}
	}
	var after *output
	for _, o := range now {
		if o.item.APIVersion == "apps/v1" && workloadKinds[o.item.Kind] {
			after = o
		}
	}
	if before == nil || after == nil {
		return nil
	}
	a := &after.item.Header
	switch {
	case before.Kind != a.Kind:
		return []string{fmt.Sprintf("the workload changes from %s %s to %s %s: applying creates the new one and pruning deletes the old one, so every pod is replaced",
			before.Kind, before.Name, a.Kind, a.Name)}
	case before.Name != a.Name && a.Kind == "StatefulSet":
		return []string{fmt.Sprintf("the StatefulSet is renamed from %s to %s (spec.version changed): the new StatefulSet's pods get new, empty volumes; the old claims are left behind",
			before.Name, a.Name)}
	}
	return nil
}

// immutableChanges lists the fields of an object that change and that the
// API server does not let change in place.
func immutableChanges(old, now runtime.Object) []string {
	same := equality.Semantic.DeepEqual
	var msgs []string
	immutable := func(kind, name, fieldName string, a, b any) {
		if !same(a, b) {
			msgs = append(msgs, fmt.Sprintf("%s %s: %s changes, and it is immutable: the API server rejects the update; delete the %s first (its pods are replaced)",
				kind, name, fieldName, kind))
		}
	}
	switch n := now.(type) {
	case *appsv1.Deployment:
		if o, ok := old.(*appsv1.Deployment); ok {
			immutable("Deployment", n.Name, "spec.selector", o.Spec.Selector, n.Spec.Selector)
		}
	case *appsv1.StatefulSet:
		if o, ok := old.(*appsv1.StatefulSet); ok {
			immutable("StatefulSet", n.Name, "spec.selector", o.Spec.Selector, n.Spec.Selector)
			immutable("StatefulSet", n.Name, "spec.serviceName", o.Spec.ServiceName, n.Spec.ServiceName)
			immutable("StatefulSet", n.Name, "spec.volumeClaimTemplates", claimTemplates(o), claimTemplates(n))
		}
	case *corev1.Service:
		if o, ok := old.(*corev1.Service); ok {
			msgs = append(msgs, serviceChanges(o, n)...)
		}
	}
	return msgs
}

// claimTemplates are a StatefulSet's volume claim templates as written.
func claimTemplates(s *appsv1.StatefulSet) []corev1.PersistentVolumeClaim {
	out := make([]corev1.PersistentVolumeClaim, 0, len(s.Spec.VolumeClaimTemplates))
	for _, c := range s.Spec.VolumeClaimTemplates {
		c.Status = corev1.PersistentVolumeClaimStatus{}
		out = append(out, c)
	}
	return out
}

func serviceChanges(old, now *corev1.Service) []string {
	var msgs []string
	headless := func(s *corev1.Service) bool { return s.Spec.ClusterIP == corev1.ClusterIPNone }
	if headless(old) != headless(now) {
		msgs = append(msgs, fmt.Sprintf("Service %s switches between a cluster IP and clusterIP: None, which cannot change in place: delete the Service first", now.Name))
	}
	if !equality.Semantic.DeepEqual(old.Spec.LoadBalancerClass, now.Spec.LoadBalancerClass) {
		msgs = append(msgs, fmt.Sprintf("Service %s: spec.loadBalancerClass changes, and it is immutable: delete the Service first", now.Name))
	}
	return msgs
}
