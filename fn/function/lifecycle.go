package function

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"

	sm "github.com/servicespec/servicespec/fn/api/servicemesh/v1alpha2"
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/krm"
	"github.com/servicespec/servicespec/fn/kubesphere"
)

// strategyKind is the GVK of a release's Strategy.
var strategyKind = console.ReleaseKind().GVK

// serviceState is what a service's outputs say of it in one render: its
// workloads by name (the running one and, during a release, the new one)
// and its Strategy.
type serviceState struct {
	workloads map[string]string // name → kind
	strategy  *krm.Header
}

func stateOf(headers []*krm.Header) serviceState {
	st := serviceState{workloads: map[string]string{}}
	for _, h := range headers {
		switch {
		case isWorkload(h):
			st.workloads[h.Name] = h.Kind
		case h.GroupVersionKind() == strategyKind:
			st.strategy = h
		}
	}
	return st
}

// lifecycleChanges says what the cluster will do when a service's new
// outputs replace its earlier ones: a workload of another kind replaces
// every pod, a renamed StatefulSet starts with empty volumes, and each
// step of a grayscale release (start, traffic moved, paused, promoted,
// rolled back) moves traffic and creates or deletes a workload. It reads
// the headers of the outputs; a Strategy is parsed only when it changed.
func lifecycleChanges(old []*krm.Item, now []*output) []string {
	oldHeaders := make([]*krm.Header, len(old))
	for i, p := range old {
		oldHeaders[i] = &p.Header
	}
	newHeaders := make([]*krm.Header, len(now))
	var newStrategy *output
	for i, o := range now {
		newHeaders[i] = &o.item.Header
		if o.item.GroupVersionKind() == strategyKind {
			newStrategy = o
		}
	}
	before, after := stateOf(oldHeaders), stateOf(newHeaders)
	if len(before.workloads) == 0 || len(after.workloads) == 0 {
		return nil
	}
	var oldStrategy *krm.Item
	for _, p := range old {
		if p.GroupVersionKind() == strategyKind {
			oldStrategy = p
		}
	}
	switch {
	case oldStrategy == nil && newStrategy == nil:
		return workloadChanges(before, after)
	case oldStrategy == nil:
		return []string{releaseStarts(after, newStrategy.obj.(*sm.Strategy))}
	case newStrategy == nil:
		return append([]string{releaseEnds(before, after, oldStrategy)}, promotionRestarts(old, now)...)
	}
	if krm.SameContent(oldStrategy, newStrategy.item) {
		return nil
	}
	return releaseMoves(oldStrategy, newStrategy.obj.(*sm.Strategy))
}

// workloadChanges compares a service's one workload before and after.
func workloadChanges(before, after serviceState) []string {
	bName, bKind := only(before.workloads)
	aName, aKind := only(after.workloads)
	switch {
	case bKind != aKind:
		return []string{fmt.Sprintf("the workload changes from %s %s to %s %s: applying creates the new one and pruning deletes the old one, so every pod is replaced",
			bKind, bName, aKind, aName)}
	case bName != aName:
		if k := console.WorkloadKindNamed(aKind); k != nil && k.RenameNote != "" {
			return []string{fmt.Sprintf("the %s is renamed from %s to %s (spec.version changed): %s", aKind, bName, aName, k.RenameNote)}
		}
	}
	return nil
}

// only is the one workload of a state (any, if there are more).
func only(workloads map[string]string) (name, kind string) {
	for n, k := range workloads {
		if name == "" || n < name {
			name, kind = n, k
		}
	}
	return name, kind
}

// releaseStarts: the new version's workload is created beside the running
// one and the Strategy starts sharing the traffic.
func releaseStarts(after serviceState, strategy *sm.Strategy) string {
	next := strategy.Annotations[kubesphere.AnnotationNewWorkloadName]
	msg := fmt.Sprintf("the grayscale release starts: %s %s is created beside %s, and the Strategy %s sends %s%s",
		after.workloads[next], next, strategy.Annotations[kubesphere.AnnotationOldWorkloadName], strategy.Name,
		traffic(strategy), whenApplied(strategy.Spec.StrategyPolicy, next))
	return msg
}

// releaseEnds: the Strategy is deleted; the workload the spec no longer
// renders is pruned. A promotion keeps the new version, a rollback the
// running one.
func releaseEnds(before, after serviceState, oldStrategy *krm.Item) string {
	var st sm.Strategy
	_ = oldStrategy.As(&st) // an unreadable Strategy names no workload: the general message below
	st.Name = oldStrategy.Name
	oldName := st.Annotations[kubesphere.AnnotationOldWorkloadName]
	newName := st.Annotations[kubesphere.AnnotationNewWorkloadName]
	_, keptNew := after.workloads[newName]
	_, keptOld := after.workloads[oldName]
	switch {
	case keptNew && !keptOld:
		return fmt.Sprintf("the grayscale release is promoted: the Strategy %s is deleted and %s is pruned, so all traffic goes to %s",
			st.Name, oldName, newName)
	case keptOld && !keptNew:
		return fmt.Sprintf("the grayscale release is rolled back: the Strategy %s is deleted and %s is pruned, so all traffic goes back to %s",
			st.Name, newName, oldName)
	}
	return fmt.Sprintf("the grayscale release ends: the Strategy %s is deleted; the workloads are now %s (were %s)",
		st.Name, names(after.workloads), names(before.workloads))
}

// releaseMoves: a step of a running release, as the Strategy shows it.
func releaseMoves(oldItem *krm.Item, st *sm.Strategy) []string {
	var old sm.Strategy
	if oldItem.As(&old) != nil {
		return nil
	}
	var msgs []string
	oldNew, newNew := old.Annotations[kubesphere.AnnotationNewWorkloadName], st.Annotations[kubesphere.AnnotationNewWorkloadName]
	if oldNew != newNew {
		msgs = append(msgs, fmt.Sprintf("the release's new version changes: %s is pruned and %s is created", oldNew, newNew))
	}
	paused := ""
	if st.Spec.StrategyPolicy == string(api.Paused) {
		paused = "; the policy is Paused, so KubeSphere applies no change until it is resumed"
	}
	if was, is := traffic(&old), traffic(st); was != is {
		msgs = append(msgs, fmt.Sprintf("traffic moves: the Strategy %s now sends %s (it sent %s)%s", st.Name, is, was, paused))
	}
	if was, is := old.Spec.StrategyPolicy, st.Spec.StrategyPolicy; was != is {
		msgs = append(msgs, policyChange(st.Name, was, is, newNew))
	}
	return msgs
}

// traffic says where a Strategy sends the traffic, as KubeSphere's
// controller applies it: a governor takes all of it.
func traffic(st *sm.Strategy) string {
	if st.Spec.Governor != "" {
		return "all traffic to " + st.Spec.Governor
	}
	vs := st.Spec.Template.Spec
	var routes []sm.HTTPRoute
	routes = append(routes, vs.HTTP...)
	for _, t := range vs.TCP {
		hr := sm.HTTPRoute{}
		for _, d := range t.Route {
			hr.Route = append(hr.Route, sm.HTTPRouteDestination(d))
		}
		routes = append(routes, hr)
	}
	switch {
	case len(routes) == 1 && routes[0].Mirror != nil && len(routes[0].Route) > 0:
		return fmt.Sprintf("all traffic to %s and a copy of it to %s", routes[0].Route[0].Destination.Subset, routes[0].Mirror.Subset)
	case len(routes) == 2 && len(routes[0].Match) > 0 && len(routes[0].Route) > 0 && len(routes[1].Route) > 0:
		return fmt.Sprintf("the requests that match to %s and the others to %s", routes[0].Route[0].Destination.Subset, routes[1].Route[0].Destination.Subset)
	case len(routes) == 1:
		var parts []string
		for _, d := range routes[0].Route {
			w := int32(100)
			if d.Weight != nil {
				w = *d.Weight
			}
			parts = append(parts, fmt.Sprintf("%d%% to %s", w, d.Destination.Subset))
		}
		return strings.Join(parts, " and ")
	}
	return "the traffic as its routes say"
}

// policyChange says what a new policy does to a running release.
func policyChange(strategy, was, is, next string) string {
	switch {
	case is == string(api.Paused):
		return fmt.Sprintf("the Strategy %s is paused (policy %s, was %s): KubeSphere applies no change of its traffic until it is resumed", strategy, is, was)
	case was == string(api.Paused):
		return fmt.Sprintf("the Strategy %s is resumed (policy %s, was %s): KubeSphere applies it%s", strategy, is, was, whenApplied(is, next))
	}
	return fmt.Sprintf("the Strategy %s's policy is now %s (was %s): KubeSphere applies it%s", strategy, is, was, whenApplied(is, next))
}

// whenApplied says when KubeSphere applies the Strategy.
func whenApplied(policy, next string) string {
	switch policy {
	case string(api.Paused):
		return " once resumed (the policy is Paused: KubeSphere applies no change)"
	case string(api.Immediately):
		return " at once (policy Immediately)"
	}
	return " once " + next + "'s pods are ready (policy WaitForWorkloadReady)"
}

func names(workloads map[string]string) string {
	return strings.Join(slices.Sorted(maps.Keys(workloads)), ", ")
}

// promotionRestarts warns when a promotion changes the pod template of the
// version it promotes (the running spec differs from what the release
// rendered, most often its image): the promoted pods are then replaced,
// with the old image unless release.containers went into spec.containers.
func promotionRestarts(old []*krm.Item, now []*output) []string {
	for _, o := range now {
		if !isWorkload(&o.item.Header) {
			continue
		}
		for _, p := range old {
			if p.Kind != o.item.Kind || p.Name != o.item.Name || krm.SameContent(p, o.item) {
				continue
			}
			before, _, ok := decodeTyped(p)
			if !ok {
				continue
			}
			a, b := console.PodTemplate(before), console.PodTemplate(o.obj)
			if a == nil || b == nil || equality.Semantic.DeepEqual(a, b) {
				continue
			}
			msg := fmt.Sprintf("%s's pod template is not what the release ran, so its pods are replaced", o.item.Name)
			if changes := imageChanges(a, b); changes != "" {
				msg += " (" + changes + "); to promote without a restart, copy release.containers into spec.containers"
			}
			return []string{msg}
		}
	}
	return nil
}

// imageChanges lists the containers whose image differs, by name.
func imageChanges(before, after *corev1.PodTemplateSpec) string {
	images := map[string]string{}
	for _, c := range before.Spec.Containers {
		images[c.Name] = c.Image
	}
	var out []string
	for _, c := range after.Spec.Containers {
		if was, ok := images[c.Name]; ok && was != c.Image {
			out = append(out, fmt.Sprintf("container %s: image %s instead of %s", c.Name, c.Image, was))
		}
	}
	return strings.Join(out, ", ")
}
