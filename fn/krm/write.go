package krm

import (
	"bufio"
	"bytes"
	"io"
	"sort"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
)

// Sort orders items as the SDK does before it writes them (sort.Sort by
// apiVersion, kind, namespace and name), so that items with equal keys end
// up in the same order too.
func Sort(items []*Item) {
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = it.SortID()
	}
	sort.Sort(byID{items, keys})
}

// byID sorts items by their precomputed sort keys.
type byID struct {
	items []*Item
	keys  []string
}

func (b byID) Len() int           { return len(b.items) }
func (b byID) Less(i, j int) bool { return b.keys[i] < b.keys[j] }
func (b byID) Swap(i, j int) {
	b.items[i], b.items[j] = b.items[j], b.items[i]
	b.keys[i], b.keys[j] = b.keys[j], b.keys[i]
}

// WriteResourceList writes a ResourceList to w as the SDK writes it: the
// items sorted, each as its text when canonical and encoded by the SDK
// otherwise (on every core), then the functionConfig and the results.
// Everything is encoded before the first byte is written.
func WriteResourceList(w io.Writer, items []*Item, functionConfig *Item, results fn.Results) error {
	items = append([]*Item(nil), items...)
	Sort(items)
	entries, err := encodeAll(items, (*Item).encodedEntry)
	if err != nil {
		return err
	}
	rest, err := tail(functionConfig, results)
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(w, 1<<16)
	_, _ = out.WriteString(header)
	if len(items) > 0 {
		_, _ = out.WriteString("items:\n")
	}
	for _, e := range entries {
		_, _ = out.Write(e)
	}
	_, _ = out.Write(rest)
	return out.Flush() // the first write error, if any
}

// encodeAll encodes every item, on every core.
func encodeAll(items []*Item, encode func(*Item) ([]byte, error)) ([][]byte, error) {
	out := make([][]byte, len(items))
	errs := make([]error, len(items))
	Parallel(len(items), func(i int) { out[i], errs[i] = encode(items[i]) })
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// toEntry turns a document into an entry of a sequence: "- " before its
// first line, two spaces before the others (blank lines stay blank), as
// the SDK's encoder writes a mapping inside a compact sequence.
func toEntry(doc []byte) []byte {
	out := make([]byte, 0, len(doc)+2*bytes.Count(doc, []byte("\n"))+2)
	first := true
	for line := range strings.Lines(string(doc)) {
		switch {
		case first:
			out = append(out, "- "...)
			first = false
		case line != "\n":
			out = append(out, "  "...)
		}
		out = append(out, line...)
	}
	return out
}

// toDocument undoes toEntry.
func toDocument(entry []byte) []byte {
	out := make([]byte, 0, len(entry))
	for line := range strings.Lines(string(entry)) {
		if len(line) > 2 {
			line = line[2:]
		}
		out = append(out, line...)
	}
	return out
}
