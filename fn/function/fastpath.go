package function

import (
	"bytes"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/kio/kioutil"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// FastRun is the function for canonical ResourceList text (what kpt,
// kustomize and the SDK write). Only the items the function reads or changes
// are parsed; every other item is copied to the output as its original text,
// which for canonical text is byte for byte what parsing and re-encoding
// would give. ok is false when the input is not provably canonical, when
// the run finds errors, or when an unparsed item might matter; the caller
// then runs the full path, which produces the same bytes for canonical input.
func FastRun(in []byte, stderr io.Writer) (out []byte, ok bool) {
	tl, ok := splitResourceList(in)
	if !ok {
		return nil, false
	}
	rl := &fn.ResourceList{FunctionConfig: fn.NewEmptyKubeObject()}
	if tl.functionConfig != nil {
		cfg, err := fn.ParseKubeObject(tl.functionConfig)
		if err != nil {
			return nil, false
		}
		rl.FunctionConfig = cfg
	}
	parsed, ok := parseRelevant(tl.items, rl.FunctionConfig)
	if !ok {
		return nil, false
	}
	for _, p := range parsed {
		if p != nil {
			rl.Items = append(rl.Items, p)
		}
	}
	var summary bytes.Buffer
	if ok, _ := (Processor{Stderr: &summary}).Process(rl); !ok {
		return nil, false
	}
	merged, ok := merge(tl.items, parsed, rl.Items)
	if !ok {
		return nil, false
	}
	out, ok = emit(merged, rl)
	if ok && stderr != nil {
		_, _ = stderr.Write(summary.Bytes())
	}
	return out, ok
}

// parseRelevant parses the items the function looks at: ServiceSpecs,
// earlier outputs, items whose metadata the scan did not fully read, and
// those the specs make relevant (workloads for workloadRef, ConfigMaps and
// Secrets for rolloutOnConfigChange, Services with a service type, items in
// generated files). The result is parallel to items; nil means unparsed.
func parseRelevant(items []*textItem, cfg *fn.KubeObject) ([]*fn.KubeObject, bool) {
	parsed := make([]*fn.KubeObject, len(items))
	if !parseItems(items, parsed, (*textItem).alwaysRelevant) {
		return nil, false
	}
	need := specNeeds{}
	need.add(cfg)
	for _, o := range parsed {
		need.add(o)
	}
	ok := parseItems(items, parsed, func(it *textItem) bool { return need.relevant(it) })
	return parsed, ok
}

// parseItems parses, on every core, the items not parsed yet that want
// says to parse. Parsing is independent per item; the order is kept.
func parseItems(items []*textItem, parsed []*fn.KubeObject, want func(*textItem) bool) bool {
	var failed atomic.Bool
	parallel(len(items), func(i int) {
		if parsed[i] != nil || !want(items[i]) {
			return
		}
		o, err := fn.ParseKubeObject(itemDocument(items[i].text))
		if err != nil {
			failed.Store(true)
			return
		}
		parsed[i] = o
	})
	return !failed.Load()
}

// parallel runs f(0..n-1) on GOMAXPROCS goroutines.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
}

func (it *textItem) alwaysRelevant() bool {
	_, owned := it.annotations[api.AnnotationGeneratedFrom]
	return !it.hasMetadata || !it.metadataUnderstood || owned || it.apiVersion == "" || it.kind == "" ||
		strings.HasPrefix(it.apiVersion, api.Group+"/") || strings.HasSuffix(it.annotationPath(), GeneratedFileSuffix)
}

func (it *textItem) annotationPath() string {
	if p := it.annotations[kioutil.PathAnnotation]; p != "" {
		return p
	}
	return it.annotations[LegacyPathAnnotation]
}

// specNeeds records which other items the ServiceSpecs read.
type specNeeds struct{ workloads, configs bool }

func (n *specNeeds) add(o *fn.KubeObject) {
	if o == nil || o.GroupKind().Group != api.Group {
		return
	}
	// A value of the wrong type counts as set: the run will report it.
	if _, found, err := o.NestedStringMap("spec", "workloadRef"); found || err != nil {
		n.workloads = true
	}
	if v, found, err := o.NestedBool("spec", "rolloutOnConfigChange"); (found && v) || err != nil {
		n.configs = true
	}
}

func (n specNeeds) relevant(it *textItem) bool {
	switch {
	case it.apiVersion == "apps/v1" && workloadKinds[it.kind]:
		return n.workloads
	case it.apiVersion == "v1" && (it.kind == "ConfigMap" || it.kind == "Secret"):
		return n.configs
	case it.apiVersion == "v1" && it.kind == "Service":
		_, typed := it.annotations[api.AnnotationServiceType]
		return typed
	}
	return false
}

// itemDocument turns an item's text in the list into a document.
func itemDocument(text []byte) []byte {
	var doc bytes.Buffer
	doc.Grow(len(text))
	for _, l := range splitLines(text) {
		if len(l) > 2 {
			l = l[2:] // "- " on the first line, two spaces on the others
		}
		doc.Write(l)
	}
	return doc.Bytes()
}

// entry is one output item: parsed, or the original text of an unparsed one.
type entry struct {
	obj  *fn.KubeObject
	text []byte
	id   string // "apiVersion kind namespace name", the SDK's sort key
}

// merge rebuilds the list the full path would sort: the kept items in input
// order (unparsed ones as text), then the outputs. An unparsed item with the
// identity of an output would be a collision the run did not see: give up.
func merge(items []*textItem, parsed []*fn.KubeObject, processed fn.KubeObjects) ([]entry, bool) {
	var out []entry
	next := 0
	for i, it := range items {
		switch {
		case parsed[i] == nil:
			out = append(out, entry{text: it.text, id: sortID(it.apiVersion, it.kind, it.ns, it.name)})
		case !isPrunable(parsed[i]):
			out = append(out, objectEntry(processed[next]))
			next++
		}
	}
	ids := map[string]bool{}
	for _, e := range out {
		if e.obj == nil {
			ids[e.id] = true
		}
	}
	for _, o := range processed[next:] {
		e := objectEntry(o)
		if ids[e.id] {
			return nil, false
		}
		out = append(out, e)
	}
	return out, true
}

func objectEntry(o *fn.KubeObject) entry {
	return entry{obj: o, id: sortID(o.GetAPIVersion(), o.GetKind(), o.GetNamespace(), o.GetName())}
}

func sortID(apiVersion, kind, namespace, name string) string {
	return apiVersion + " " + kind + " " + namespace + " " + name
}

// byID sorts as the SDK's KubeObjects do (sort.Sort, the same comparison),
// so that equal keys end up in the same order too.
type byID []entry

func (b byID) Len() int           { return len(b) }
func (b byID) Less(i, j int) bool { return b[i].id < b[j].id }
func (b byID) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

// emit writes the list as the SDK would: parsed items through the SDK's own
// encoder (one item at a time, in the same sequence context), unparsed ones
// as their text, then the functionConfig and the results.
func emit(entries []entry, rl *fn.ResourceList) ([]byte, bool) {
	sort.Sort(byID(entries))
	// Encoding the parsed items is the costly part: do it on every core.
	docs := make([]string, len(entries))
	parallel(len(entries), func(i int) {
		if entries[i].obj != nil {
			docs[i] = entries[i].obj.String()
		}
	})
	var out bytes.Buffer
	out.WriteString("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n")
	if len(entries) > 0 {
		out.WriteString("items:\n")
	}
	for i, e := range entries {
		if e.obj == nil {
			out.Write(e.text)
			continue
		}
		writeEntry(&out, docs[i])
	}
	tail, err := (&fn.ResourceList{FunctionConfig: rl.FunctionConfig, Results: rl.Results}).ToYAML()
	if err != nil {
		return nil, false
	}
	tail, ok := bytes.CutPrefix(tail, []byte("apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n"))
	if !ok {
		return nil, false
	}
	out.Write(tail)
	return out.Bytes(), true
}

// writeEntry writes an object's document text as an entry of the items
// sequence: "- " before its first line, two spaces before the others, as
// the SDK's encoder writes a mapping inside a compact sequence.
func writeEntry(out *bytes.Buffer, doc string) {
	first := true
	for line := range strings.Lines(doc) {
		switch {
		case first:
			out.WriteString("- ")
			first = false
		case line != "\n":
			out.WriteString("  ")
		}
		out.WriteString(line)
	}
}
