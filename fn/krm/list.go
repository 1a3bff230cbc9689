package krm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/servicespec/servicespec/fn/yamlenc"
)

// ResourceList is a ResourceList read from its text.
type ResourceList struct {
	Items []*Item
	// FunctionConfig is nil when the list has none.
	FunctionConfig *Item
}

// InputError is an input that is not a ResourceList this function can read;
// its message says why in a user's words.
type InputError struct{ msg string }

func (e *InputError) Error() string { return e.msg }

func inputErrorf(format string, args ...any) error {
	return &InputError{fmt.Sprintf(format, args...)}
}

// ReadResourceList reads a ResourceList. Canonical text is split by lines;
// anything else is parsed whole, as the SDK parses it. The items keep
// pointing into in, which must not change afterwards.
func ReadResourceList(in []byte) (*ResourceList, error) {
	rl, ok := splitResourceList(in)
	if ok && parseAll(rl.Items) != nil {
		// An item that does not parse alone (an alias of an anchor in another
		// item, or broken YAML): the whole list tells which.
		ok = false
	}
	if !ok {
		var err error
		if rl, err = parseResourceList(in); err != nil {
			return nil, err
		}
	}
	for _, it := range rl.Items {
		it.file, it.index = it.Path(), it.Index()
	}
	if fc := rl.FunctionConfig; fc != nil {
		fc.file, fc.index = fc.Path(), fc.Index()
	}
	return rl, nil
}

// parseAll parses, on every core, the items whose header needs their tree.
func parseAll(items []*Item) error {
	var failed atomic.Value
	Parallel(len(items), func(i int) {
		if err := items[i].parse(); err != nil {
			failed.Store(err)
		}
	})
	if err, ok := failed.Load().(error); ok {
		return err
	}
	return nil
}

// Parallel runs f(0..n-1) on GOMAXPROCS goroutines, the caller's among them.
func Parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	work := func() {
		for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
			f(i)
		}
	}
	// The caller is one of the workers: its stack has already grown, where
	// a new goroutine's would grow (and be copied) again.
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
}

// splitResourceList splits a ResourceList written in block style at
// column 0 with its items as "- " entries at column 0 (what kpt, kustomize
// and the SDK write). ok is false for any other layout. It works on byte
// offsets; only each item's own lines are cut apart, on every core.
func splitResourceList(in []byte) (*ResourceList, bool) {
	if !bytes.HasSuffix(in, []byte("\n")) || bytes.IndexByte(in, '\r') >= 0 {
		return nil, false
	}
	rl := &ResourceList{}
	seen := map[string]bool{}
	kind := ""
	for pos := 0; pos < len(in); {
		line := lineAt(in, pos)
		if isComment(line) {
			if len(rl.Items) > 0 {
				return nil, false // it might be the last item's foot comment
			}
			pos += len(line) // a comment on a top-level key: the SDK does not write it back
			continue
		}
		key, rest, ok := topLevelKey(line)
		if !ok || seen[key] {
			return nil, false
		}
		seen[key] = true
		start := pos + len(line)
		end := blockEnd(in, start, 0, true)
		switch key {
		case "kind":
			kind, ok = rest, end == start
		case "items":
			rl.Items, ok = splitItems(in[start:end], rest)
		case "functionConfig":
			rl.FunctionConfig, ok = configItem(in[start:end], rest)
		}
		if !ok {
			return nil, false
		}
		pos = end
	}
	return rl, kind == "ResourceList"
}

// lineAt is the line starting at pos, with its "\n".
func lineAt(in []byte, pos int) []byte {
	i := bytes.IndexByte(in[pos:], '\n')
	return in[pos : pos+i+1]
}

func isComment(l []byte) bool { return len(l) > 0 && l[0] == '#' }

// splitLines cuts text into lines that keep their "\n".
func splitLines(in []byte) [][]byte {
	lines := make([][]byte, 0, bytes.Count(in, []byte("\n")))
	for len(in) > 0 {
		i := bytes.IndexByte(in, '\n')
		lines = append(lines, in[:i+1])
		in = in[i+1:]
	}
	return lines
}

// topLevelKey reads "key: value" or "key:" at column 0.
func topLevelKey(line []byte) (key, rest string, ok bool) {
	k, v, found := splitKey(string(bytes.TrimSuffix(line, []byte("\n"))))
	return k, v, found && plainKey(k)
}

// splitItems cuts the items block ("- " entries at column 0) into items.
func splitItems(block []byte, rest string) ([]*Item, bool) {
	if rest == "[]" && len(block) == 0 {
		return []*Item{}, true
	}
	if rest != "" || len(block) == 0 {
		return nil, false
	}
	var spans [][2]int
	for pos := 0; pos < len(block); {
		if !bytes.HasPrefix(block[pos:], []byte("- ")) {
			return nil, false
		}
		end := blockEnd(block, pos+len(lineAt(block, pos)), 0, false)
		if lastLineIsComment(block[pos:end]) {
			return nil, false // which node it belongs to depends on what follows
		}
		spans = append(spans, [2]int{pos, end})
		pos = end
	}
	// Scanning the items is the costly part of reading: do it on every core.
	items := make([]*Item, len(spans))
	Parallel(len(spans), func(k int) { items[k] = newTextItem(block[spans[k][0]:spans[k][1]:spans[k][1]], 2) })
	return items, true
}

// lastLineIsComment: the text's last line that is not blank is a comment.
func lastLineIsComment(text []byte) bool {
	for rest := bytes.TrimRight(text, "\n"); len(rest) > 0; rest = bytes.TrimRight(rest, "\n") {
		i := bytes.LastIndexByte(rest, '\n')
		if t := bytes.TrimLeft(rest[i+1:], " "); len(t) > 0 {
			return t[0] == '#'
		}
		if i < 0 {
			break
		}
		rest = rest[:i]
	}
	return false
}

// configItem reads the functionConfig block (indented by two).
func configItem(block []byte, rest string) (*Item, bool) {
	if rest == "{}" && len(block) == 0 {
		return nil, true
	}
	if rest != "" || len(block) == 0 {
		return nil, false
	}
	var doc bytes.Buffer
	for _, l := range splitLines(block) {
		if !bytes.HasPrefix(l, []byte("  ")) && len(l) > 1 {
			return nil, false
		}
		doc.Write(l[min(2, len(l)-1):])
	}
	n, err := parseDocument(doc.Bytes())
	if err != nil || n.Kind != yaml.MappingNode {
		return nil, false
	}
	return NewNodeItem(n), true
}

// parseResourceList parses the whole list, as the SDK does.
func parseResourceList(in []byte) (*ResourceList, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(in))
	if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
		return nil, inputErrorf("the input holds no YAML document; the function reads a ResourceList (kind: ResourceList, apiVersion: config.kubernetes.io/v1)")
	} else if err != nil {
		return nil, inputErrorf("the input is not valid YAML: %v%s", err, yamlHint(in))
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, inputErrorf("the input holds more than one YAML document; a KRM function reads one ResourceList")
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, inputErrorf("the input is not a ResourceList: it is not a mapping with kind: ResourceList")
	}
	root := doc.Content[0]
	if k := stringField(root, "kind"); k != "ResourceList" {
		return nil, inputErrorf("the input is a %q, but a KRM function expects a ResourceList (kind: ResourceList, apiVersion: config.kubernetes.io/v1)", k)
	}
	rl := &ResourceList{}
	if fc := entryValue(root, "functionConfig"); fc != nil && !isNull(fc) {
		if fc.Kind != yaml.MappingNode {
			return nil, inputErrorf("the ResourceList's functionConfig is a %s; it must be an object", nodeKindName(fc))
		}
		rl.FunctionConfig = NewNodeItem(fc)
	}
	items := entryValue(root, "items")
	switch {
	case items == nil:
		return rl, nil // a generator's input may have none
	case isNull(items):
		return nil, inputErrorf("the ResourceList's items is null; it must be a list (items: [] when there are none)")
	case items.Kind != yaml.SequenceNode:
		return nil, inputErrorf("the ResourceList's items is a %s; it must be a list of objects", nodeKindName(items))
	}
	for i, n := range items.Content {
		if n.Kind != yaml.MappingNode {
			return nil, inputErrorf("item %d of the ResourceList is a %s; every item must be an object with apiVersion, kind and metadata", i, nodeKindName(n))
		}
		rl.Items = append(rl.Items, NewNodeItem(n))
	}
	if err := expandForeignAliases(rl.Items); err != nil {
		return nil, err
	}
	return rl, nil
}

// yamlHint explains the input characters behind parse errors that are
// hard to see: breaks YAML 1.1 readers take as line breaks (even inside
// comments), and mapping keys longer than YAML allows.
func yamlHint(in []byte) string {
	for _, c := range []struct{ char, name string }{{"\u0085", "NEL (U+0085)"}, {"\u2028", "LINE SEPARATOR (U+2028)"}, {"\u2029", "PARAGRAPH SEPARATOR (U+2029)"}} {
		if bytes.Contains(in, []byte(c.char)) {
			return " (the input contains " + c.name + ", which YAML reads as a line break, in comments too)"
		}
	}
	for _, l := range bytes.Split(in, []byte("\n")) {
		if k, _, ok := bytes.Cut(bytes.TrimLeft(l, " -"), []byte(": ")); ok && len(k) > 1024 {
			return fmt.Sprintf(" (a mapping key of %d characters: YAML allows at most 1024)", len(k))
		}
	}
	return ""
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

func nodeKindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	case yaml.AliasNode:
		return "alias"
	case yaml.ScalarNode:
		if isNull(n) {
			return "null"
		}
		return "scalar (" + strings.TrimPrefix(n.ShortTag(), "!!") + ")"
	}
	return "document"
}

// ErrAliasBomb is returned when the aliases of an item that refer to
// another item's anchors expand too far.
var ErrAliasBomb = errors.New("aliases expand to far more data than the input holds")

// expandForeignAliases writes out, in place, the aliases of an item that
// refer to anchors in other items: each item is written on its own and
// sorted, so such an alias could end up before its anchor, or in another
// file, where no reader resolves it.
func expandForeignAliases(items []*Item) error {
	for _, it := range items {
		own := map[*yaml.Node]bool{}
		var walk func(*yaml.Node)
		walk = func(n *yaml.Node) {
			own[n] = true
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(it.node)
		if !hasForeignAlias(it.node, own) {
			continue
		}
		budget := maxExpansion + 2*len(own)
		n, err := deepCopy(it.node, &budget)
		if err != nil {
			return inputErrorf("%s: %v", it.describe(), err)
		}
		*it.node = *n
		it.Header = headerOf(it.node)
	}
	return nil
}

func hasForeignAlias(n *yaml.Node, own map[*yaml.Node]bool) bool {
	if n.Kind == yaml.AliasNode && !own[n.Alias] {
		return true
	}
	for _, c := range n.Content {
		if hasForeignAlias(c, own) {
			return true
		}
	}
	return false
}

// deepCopy copies a tree with every alias replaced by a copy of what it
// names and no anchors.
func deepCopy(n *yaml.Node, budget *int) (*yaml.Node, error) {
	if *budget--; *budget < 0 {
		return nil, ErrAliasBomb
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return nil, fmt.Errorf("unknown alias *%s", n.Value)
		}
		return deepCopy(n.Alias, budget)
	}
	c := *n
	c.Anchor = ""
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, ch := range n.Content {
		cc, err := deepCopy(ch, budget)
		if err != nil {
			return nil, err
		}
		c.Content[i] = cc
	}
	return &c, nil
}

// tail encodes the part of a ResourceList after its items: functionConfig
// and results, as the SDK writes them. Results are written by the typed
// encoder (a run can have tens of thousands of them); the functionConfig,
// one object, by the SDK.
func tail(fc *Item, results fn.Results) ([]byte, error) {
	var out []byte
	if fc != nil {
		o, err := fc.Object()
		if err != nil {
			return nil, err
		}
		text, err := (&fn.ResourceList{FunctionConfig: o}).ToYAML()
		if err != nil {
			return nil, err
		}
		rest, ok := bytes.CutPrefix(text, []byte(header))
		if !ok {
			return nil, errors.New("krm: unexpected ResourceList encoding")
		}
		out = append(out, rest...)
	}
	if len(results) == 0 {
		return out, nil
	}
	entries := make([][]byte, len(results))
	errs := make([]error, len(results))
	Parallel(len(results), func(i int) { entries[i], errs[i] = resultEntry(results[i]) })
	out = append(out, "results:\n"...)
	for i, e := range entries {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out = append(out, e...)
	}
	return out, nil
}

// resultEntry writes one result as the SDK does: through JSON into a map
// whose keys it sorts as kyaml orders fields (the ones kyaml knows first,
// in its order; the others by name), with strings quoted as yaml.v3
// quotes Go strings (YAML 1.1 booleans and base-60 numbers too).
func resultEntry(r *fn.Result) ([]byte, error) {
	js, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal(js, &v); err != nil {
		return nil, err
	}
	js = appendKyamlOrdered(nil, v)
	opts := yamlenc.Options{Quote: yamlenc.QuotedAsGoString, Indent: 2, Dash: true}
	if !hasTabAndBreak(r) {
		text, _, err := yamlenc.Encode(js, opts)
		if !errors.Is(err, yamlenc.ErrUnsupported) {
			return text, err
		}
	}
	if text, err := resultThroughSDK(r); err == nil {
		return text, nil
	}
	// Text the SDK's encoder cannot write (it writes a literal block no YAML
	// reader reads back, with a tab where indentation is expected): every
	// string with a line break or a tab double-quoted.
	opts.Quote = func(s string) bool { return yamlenc.QuotedAsGoString(s) || strings.ContainsAny(s, "\n\t") }
	text, _, err := yamlenc.Encode(js, opts)
	return text, err
}

// hasTabAndBreak: a string of the result holds a tab and a line break, the
// text yaml.v3 writes as a literal block it sometimes cannot read back;
// the SDK's own encoder decides (a name in the input can hold one).
func hasTabAndBreak(r *fn.Result) bool {
	odd := func(s string) bool { return strings.Contains(s, "\t") && strings.Contains(s, "\n") }
	if odd(r.Message) {
		return true
	}
	if ref := r.ResourceRef; ref != nil && (odd(ref.Name) || odd(ref.Namespace) || odd(ref.Kind) || odd(ref.APIVersion)) {
		return true
	}
	return r.Field != nil && odd(r.Field.Path) || r.File != nil && odd(r.File.Path)
}

// resultThroughSDK is the SDK's encoding of one result, for the rare text
// the typed encoder does not write.
func resultThroughSDK(r *fn.Result) ([]byte, error) {
	out, err := (&fn.ResourceList{FunctionConfig: fn.NewEmptyKubeObject(), Results: fn.Results{r}}).ToYAML()
	if err != nil {
		return nil, err
	}
	entry, ok := bytes.CutPrefix(out, []byte(header+"results:\n"))
	if !ok {
		return nil, errors.New("krm: unexpected encoding of a result")
	}
	return entry, nil
}

// appendKyamlOrdered writes v as JSON with its object keys in kyaml's
// field order.
func appendKyamlOrdered(out []byte, v any) []byte {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return kyamlLess(keys[i], keys[j]) })
		out = append(out, '{')
		for i, k := range keys {
			if i > 0 {
				out = append(out, ',')
			}
			kb, _ := json.Marshal(k)
			out = append(append(out, kb...), ':')
			out = appendKyamlOrdered(out, x[k])
		}
		return append(out, '}')
	case []any:
		out = append(out, '[')
		for i, e := range x {
			if i > 0 {
				out = append(out, ',')
			}
			out = appendKyamlOrdered(out, e)
		}
		return append(out, ']')
	}
	b, _ := json.Marshal(v)
	return append(out, b...)
}

// kyamlLess is the order the SDK sorts a map's fields in.
func kyamlLess(a, b string) bool {
	ia, aKnown := yaml.FieldOrder[a]
	ib, bKnown := yaml.FieldOrder[b]
	switch {
	case aKnown && bKnown:
		return ia < ib
	case aKnown || bKnown:
		return aKnown
	}
	return a < b
}

const header = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n"
