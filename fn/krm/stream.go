package krm

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// Skipped is a document of a file that is not a Kubernetes object (no
// apiVersion and no kind: a CI workflow, a values file).
type Skipped struct {
	File  string
	Index int // the document's place in the file, from 0
}

// ReadDocuments splits a file of YAML documents into items, as kyaml's
// ByteReader does: "---" lines separate documents, empty documents are
// dropped, and a file that holds one List or ResourceList document stands
// for its items. Documents with neither apiVersion nor kind are skipped and
// returned in skipped; any other document that is not an object is an
// error, and so is YAML that does not parse.
func ReadDocuments(file string, data []byte) (items []*Item, skipped []Skipped, err error) {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	docs, err := splitDocuments(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	// A line break YAML knows and splitDocuments does not (a lone CR) would
	// put every line after it elsewhere: such a file's lines stay unknown.
	countLines := !bytes.ContainsRune(data, '\r')
	line, index := 1, 0
	for i, doc := range docs {
		start := line
		line += bytes.Count(doc, []byte("\n"))
		if i+1 < len(docs) {
			line++ // the document marker's line
		}
		it, err := documentItem(doc)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: document %d: %w", file, i+1, err)
		}
		if it == nil {
			continue
		}
		if len(docs) == 1 && isListKind(it) {
			items, err := listItems(file, it)
			if countLines {
				for _, e := range items {
					e.line = start
				}
			}
			return items, nil, err
		}
		if it.APIVersion == "" && it.Kind == "" {
			skipped = append(skipped, Skipped{File: file, Index: i})
			continue
		}
		if it.APIVersion == "" || it.Kind == "" {
			return nil, nil, fmt.Errorf("%s: document %d is not a Kubernetes object: it has no %s", file, i+1, missingField(it))
		}
		it.file, it.index = file, index
		if countLines {
			it.line = start
		}
		items = append(items, it)
		index++
	}
	return items, skipped, nil
}

func missingField(it *Item) string {
	if it.APIVersion == "" {
		return "apiVersion"
	}
	return "kind"
}

// documentItem makes an item of one document; nil for an empty document.
func documentItem(doc []byte) (*Item, error) {
	if len(bytes.TrimSpace(withoutComments(doc))) == 0 {
		// Comments only; a YAML reader still refuses some characters in them.
		return nil, emptyDocumentError(doc)
	}
	it := newTextItem(doc, 0)
	if err := it.parse(); err != nil {
		return nil, err
	}
	return it, nil
}

// emptyDocumentError is what a YAML reader says of a document of comments
// and blank lines: nothing, unless it holds what YAML refuses anywhere.
func emptyDocumentError(doc []byte) error {
	var n yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(doc)).Decode(&n); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

// withoutComments drops full-line comments, to tell an empty document.
func withoutComments(doc []byte) []byte {
	var out []byte
	for _, l := range splitLines(doc) {
		if len(bytes.TrimSpace(l)) > 0 && !isCommentLine(string(l)) {
			out = append(out, l...)
		}
	}
	return out
}

func isListKind(it *Item) bool {
	if it.Kind != "List" && it.Kind != "ResourceList" {
		return false
	}
	n, err := it.Node()
	return err == nil && entryValue(n, "items") != nil
}

// listItems are the items of a List document (kubectl get -o yaml).
func listItems(file string, list *Item) ([]*Item, error) {
	n, _ := list.Node()
	seq := entryValue(n, "items")
	if seq.Kind == yaml.ScalarNode && seq.Tag == "!!null" {
		return nil, nil // kubectl prints items: null for no objects
	}
	if seq.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s: the %s's items is a %s, not a list", file, list.Kind, nodeKindName(seq))
	}
	var items []*Item
	for i, e := range seq.Content {
		if e.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%s: item %d of the %s is a %s, not an object", file, i, list.Kind, nodeKindName(e))
		}
		it := NewNodeItem(e)
		it.file, it.index = file, i
		items = append(items, it)
	}
	return items, nil
}

// splitDocuments cuts a stream at its document markers (documentMarker;
// text after the marker must be a comment).
func splitDocuments(data []byte) ([][]byte, error) {
	var docs [][]byte
	prev := 0
	for _, loc := range documentMarker.FindAllIndex(data, -1) {
		rest := strings.TrimSpace(string(data[loc[0]+3 : loc[1]]))
		if rest != "" && !strings.HasPrefix(rest, "#") {
			return nil, fmt.Errorf("invalid document separator: %s", data[loc[0]:loc[1]])
		}
		docs = append(docs, data[prev:loc[0]])
		prev = min(loc[1]+1, len(data))
	}
	docs = append(docs, data[prev:])
	for i, d := range docs {
		if len(d) > 0 && d[len(d)-1] != '\n' {
			docs[i] = append(d[:len(d):len(d)], '\n')
		}
	}
	return docs, nil
}

// WriteStream writes items as a multi-document YAML stream, sorted as the
// SDK sorts them, each as its text when canonical and encoded by the SDK
// otherwise (on every core).
func WriteStream(items []*Item) ([]byte, error) {
	items = append([]*Item(nil), items...)
	Sort(items)
	docs, err := encodeAll(items, (*Item).encodedDocument)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	for i, d := range docs {
		if i > 0 {
			out.WriteString("---\n")
		}
		out.Write(d)
	}
	return out.Bytes(), nil
}
