package function

import (
	"github.com/kptdev/krm-functions-sdk/go/fn"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/servicespec/servicespec/fn/krm"
)

// Options configure one run of the function.
type Options struct {
	// ResourceList: the items are written back as a ResourceList (the KRM
	// function). The outputs of a ServiceSpec that comes from a file then go
	// to <its directory>/<name>.generated.yaml, with the digest that reveals
	// a later hand edit and a header saying the file is generated, and their
	// text takes the list's entry form. The render command writes a
	// manifest stream and no files.
	ResourceList bool
	// Cluster renders every placed service for this one member cluster:
	// the plain objects it receives, in place of the federated ones. A
	// functionConfig ConfigMap's data.cluster sets it too.
	Cluster string
	// Explain: say where every field of every output comes from
	// (Output.Explained).
	Explain bool
}

// Output is what one run produced.
type Output struct {
	// Items are the items to write, in the order the SDK's list would hold
	// them before sorting: the kept items as they came, then the outputs.
	// On error they are the input items, unchanged.
	Items []*krm.Item
	// Results are this run's results, sorted.
	Results fn.Results
	// OK is false when a result is an error.
	OK bool
	// Explained says, with Options.Explain, where each field of each
	// generated item comes from.
	Explained map[*krm.Item][]Explanation
}

// Run is the servicespec function: it finds the ServiceSpecs among the
// items (and in the functionConfig), validates all of them, and replaces the
// objects it generated before with a fresh render. Every item is read
// through its header; an item's tree is parsed only when this run needs
// its content.
func Run(items []*krm.Item, functionConfig *krm.Item, opts Options) Output {
	r := &report{}
	out, explained, ok := expand(items, functionConfig, opts, r)
	if !ok {
		out, explained = items, nil
	}
	return Output{Items: out, Results: r.sorted(), OK: ok, Explained: explained}
}

// expand computes the new item list; on error it returns false.
func expand(items []*krm.Item, cfg *krm.Item, opts Options, r *report) ([]*krm.Item, map[*krm.Item][]Explanation, bool) {
	sources, cluster := collectSpecs(items, cfg, opts.Cluster, r)
	kept, previous := splitOwned(items)
	// The specs that decoded and validated render even when others did not,
	// so that their own errors (a workloadRef, an app's routes) show at once.
	outs := renderAll(sources, kept, cluster, opts.Explain, r)
	if r.failed() {
		return nil, nil, false
	}
	place(outs, kept, opts.ResourceList, r)
	if r.failed() {
		return nil, nil, false
	}
	if err := encodeAll(outs, opts.ResourceList); err != nil {
		r.add(nil, fn.Error, "", "encoding the outputs: "+err.Error())
		return nil, nil, false
	}
	// Positions in the specs' files, before the specs are marked
	// local-config (which writes into them).
	var explained map[*krm.Item][]Explanation
	if opts.Explain {
		explained = explanations(outs)
	}
	comparePrevious(sources, outs, previous, r)
	warnUnknownServiceTypes(kept, r)
	warnForeignOwnership(kept, r)
	warnPrunedFromUserFiles(previous, r)
	if !markLocalConfig(kept, r) {
		return nil, nil, false
	}
	result := make([]*krm.Item, 0, len(kept)+len(outs))
	result = append(result, kept...)
	for _, o := range outs {
		result = append(result, o.item)
	}
	return result, explained, true
}

// markLocalConfig marks every ServiceSpec item config.kubernetes.io/local-config:
// it is never applied, and kept so that kpt does not delete its file.
func markLocalConfig(kept []*krm.Item, r *report) bool {
	for _, it := range kept {
		if !inOurGroup(it) || it.LocalConfigExact {
			continue
		}
		if err := it.SetAnnotation(krm.LocalConfigAnnotation, "true"); err != nil {
			r.errorAt(it, field.InternalError(field.NewPath("metadata", "annotations"), err))
			return false
		}
	}
	return true
}
