package function

import (
	"io"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/render"
)

// Processor is the KRM function. Stderr receives a readable line per result.
type Processor struct {
	Stderr io.Writer
}

// Process implements fn.ResourceListProcessor. It fails (returns false) when
// any error result was found, and then leaves rl.Items exactly as they came.
func (p Processor) Process(rl *fn.ResourceList) (bool, error) {
	r := &report{}
	out, ok := expand(rl, r)
	if ok {
		rl.Items = out
	}
	rl.Results = r.sorted() // this run's results only: a re-run must not accumulate them
	if p.Stderr != nil {
		r.summarize(p.Stderr)
	}
	return ok, nil
}

// expand computes the new item list. Nothing in rl is changed; on error the
// returned list is nil and ok is false.
func expand(rl *fn.ResourceList, r *report) (fn.KubeObjects, bool) {
	sources := collectSpecs(rl, r)
	for _, s := range sources {
		s.decode(r)
	}
	if r.failed() {
		return nil, false
	}
	kept, previous := splitOwned(rl.Items)
	rendered := renderAll(sources, kept, r)
	if r.failed() {
		return nil, false
	}
	warnUnappliable(sources, rendered, previous, r)
	warnUnknownServiceTypes(kept, r)
	warnForeignOwnership(kept, r)
	items := make(fn.KubeObjects, 0, len(kept)+len(rendered))
	for _, it := range kept {
		if inOurGroup(it) {
			it = it.Copy()
			_ = it.SetAnnotation(fn.KptLocalConfig, "true") // never applied; kept so kpt does not delete its file
		}
		items = append(items, it)
	}
	outputs := place(sources, rendered, kept, r)
	if r.failed() {
		return nil, false
	}
	return append(items, outputs...), true
}

// splitOwned separates the items this function generated before (of a kind
// it generates and carrying servicespec.dev/generated-from, whatever its
// value) from the rest.
func splitOwned(items fn.KubeObjects) (kept, owned fn.KubeObjects) {
	for _, it := range items {
		if isPrunable(it) {
			owned = append(owned, it)
		} else {
			kept = append(kept, it)
		}
	}
	return kept, owned
}

// renderAll renders and encodes every spec: workload-backed ones first, so
// that a Workload service can reference a workload generated in the same run.
func renderAll(sources []*source, kept fn.KubeObjects, r *report) map[*source]fn.KubeObjects {
	out := map[*source]fn.KubeObjects{}
	workloads := newWorkloadIndex(kept)
	configs := &lazyConfigIndex{items: kept}
	for _, pass := range []func(*source) bool{isWorkloadBacked, isWorkloadType} {
		for _, s := range sources {
			if !pass(s) {
				continue
			}
			in := render.Inputs{Workloads: workloads, ConfigHash: configHash(s, configs, r)}
			objs, errs := render.Objects(s.spec, in)
			r.errorsAt(s.obj, errs)
			out[s] = encodeAll(s, objs, r)
			workloads.add(out[s])
		}
	}
	return out
}

func isWorkloadType(s *source) bool   { return s.spec.Spec.Type == api.Workload }
func isWorkloadBacked(s *source) bool { return !isWorkloadType(s) }

func encodeAll(s *source, objs []runtime.Object, r *report) fn.KubeObjects {
	var out fn.KubeObjects
	for _, o := range objs {
		rn, err := render.Encode(o)
		if err != nil {
			r.errorAt(s.obj, field.InternalError(nil, err))
			continue
		}
		out = append(out, fn.MoveToKubeObject(rn))
	}
	return out
}
