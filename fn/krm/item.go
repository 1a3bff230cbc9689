package krm

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// Item is one object. Its Header is always known; its node tree is parsed
// when something asks for it. An item is not safe for concurrent use, but
// different items may be used from different goroutines.
type Item struct {
	Header

	file  string // where results point: the path annotation, or the file it was read from
	index int    // the document's index in that file; -1 if unknown
	line  int    // the line of that file where the item's text starts; 0 if unknown (see Line)

	// text is the item's text when it is canonical (what the SDK writes
	// for it); entry tells its form: an entry of a ResourceList's items
	// ("- " and two-space indentation) or a document.
	text  []byte
	entry bool
	// source is the text of an item that is not canonical (in the same form
	// as text would be), parsed on demand; nil for items that came as nodes.
	source []byte

	node    *yaml.Node // the object's mapping node, once parsed
	changed bool       // the node was changed: it is encoded, not copied
}

// File is the file the item came from (or will be written to), "" if none.
func (it *Item) File() string { return it.file }

// FileIndex is the item's index in its file; -1 if unknown.
func (it *Item) FileIndex() int { return it.index }

// SetFile records where the item goes.
func (it *Item) SetFile(file string, index int) { it.file, it.index = file, index }

// Canonical reports whether the item is written as its text.
func (it *Item) Canonical() bool { return it.text != nil && !it.changed }

// Text is the item's text as a document, when canonical.
func (it *Item) Text() []byte {
	if it.text == nil || !it.entry {
		return it.text
	}
	return toDocument(it.text)
}

// newTextItem makes an item of its text in a ResourceList (entry form,
// base 2) or a stream (document form, base 0).
func newTextItem(text []byte, base int) *Item {
	it := &Item{index: -1, entry: base == 2}
	if h, ok := scan(text, base); ok {
		it.Header, it.text = h, text
	} else {
		it.source = text
	}
	return it
}

// NewNodeItem makes an item of a parsed object.
func NewNodeItem(n *yaml.Node) *Item {
	return &Item{Header: headerOf(n), node: n, index: -1}
}

// NewGenerated makes an item of an object's canonical text (as the typed
// encoder writes it: an entry of a ResourceList's items, or a document)
// and its header.
func NewGenerated(h Header, text []byte, entry bool) *Item {
	return &Item{Header: h, text: text, entry: entry, index: -1}
}

// ErrNotAnObject is returned for an item that is not a mapping.
var ErrNotAnObject = errors.New("not an object (a mapping with apiVersion, kind and metadata)")

// Node parses the item if it was not parsed yet and returns its mapping.
func (it *Item) Node() (*yaml.Node, error) {
	if it.node != nil {
		return it.node, nil
	}
	src := it.source
	if src == nil {
		src = it.text
	}
	parse := parseDocument
	if it.entry {
		parse = parseEntry
	}
	n, err := parse(src)
	if err != nil {
		return nil, err
	}
	if n.Kind != yaml.MappingNode {
		return nil, ErrNotAnObject
	}
	it.node = n
	if it.source != nil {
		it.Header = headerOf(n)
	}
	return n, nil
}

// parse reads a non-canonical item's header, which needs its tree.
func (it *Item) parse() error {
	if it.text != nil || it.node != nil {
		return nil
	}
	_, err := it.Node()
	return err
}

// parseEntry parses the text of one items entry in the context of a
// sequence, so that comments attach as they do in the whole list.
func parseEntry(entry []byte) (*yaml.Node, error) {
	doc, err := decodeOne(append([]byte("items:\n"), entry...))
	if err != nil {
		return nil, err
	}
	if len(doc.Content) != 1 || len(doc.Content[0].Content) != 2 || doc.Content[0].Content[1].Kind != yaml.SequenceNode {
		return nil, ErrNotAnObject
	}
	seq := doc.Content[0].Content[1]
	if len(seq.Content) != 1 {
		return nil, ErrNotAnObject
	}
	return seq.Content[0], nil
}

// parseDocument parses one YAML document.
func parseDocument(doc []byte) (*yaml.Node, error) {
	n, err := decodeOne(doc)
	if err != nil {
		return nil, err
	}
	if n.Kind != yaml.DocumentNode || len(n.Content) != 1 {
		return nil, ErrNotAnObject
	}
	return n.Content[0], nil
}

// decodeOne decodes a text that must hold one YAML document: text a reader
// cannot read after the document is an error, not a part to ignore.
func decodeOne(src []byte) (*yaml.Node, error) {
	var n yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&n); err != nil {
		return nil, err
	}
	var after yaml.Node
	switch err := dec.Decode(&after); {
	case err == nil:
		return nil, errors.New("more than one YAML document where one was expected")
	case !errors.Is(err, io.EOF):
		return nil, err
	}
	return &n, nil
}

// Object is the item as an SDK object (the same tree: changes through it
// are changes of the item; call MarkChanged after them).
func (it *Item) Object() (*fn.KubeObject, error) {
	n, err := it.Node()
	if err != nil {
		return nil, err
	}
	return fn.MoveToKubeObject(yaml.NewRNode(n)), nil
}

// MarkChanged records that the item's tree was changed: it is encoded
// again when written, and its header is read again.
func (it *Item) MarkChanged() {
	it.changed = true
	if it.node != nil {
		it.Header = headerOf(it.node)
	}
}

// SetAnnotation sets one annotation (as the SDK sets it). A canonical item
// is edited as text, which writes what the SDK would.
func (it *Item) SetAnnotation(key, value string) error {
	if it.Canonical() && it.node == nil {
		if text, ok := setAnnotationText(it.text, it.entry, key, value); ok {
			it.text = text
			it.setHeaderAnnotation(key, value)
			return nil
		}
	}
	o, err := it.Object()
	if err != nil {
		return err
	}
	if err := o.SetAnnotation(key, value); err != nil {
		return err
	}
	it.MarkChanged()
	return nil
}

// setHeaderAnnotation records an annotation set as text.
func (it *Item) setHeaderAnnotation(key, value string) {
	a := slices.Clone(it.Annotations)
	i := slices.IndexFunc(a, func(x Annotation) bool { return x.Key == key })
	if i >= 0 {
		a[i].Value = value
	} else {
		a = append(a, Annotation{key, value})
	}
	it.Annotations = a
	if key == LocalConfigAnnotation {
		it.LocalConfigExact = value == "true" // the text edit writes it quoted
	}
}

// RemoveAnnotations removes the annotations for which drop is true, and the
// annotations map when nothing else is left in it.
func (it *Item) RemoveAnnotations(drop func(key string) bool) error {
	o, err := it.Object()
	if err != nil {
		return err
	}
	for k := range o.GetAnnotations() {
		if drop(k) {
			if err := o.RemoveAnnotation(k); err != nil {
				return err
			}
		}
	}
	if len(o.GetAnnotations()) == 0 {
		if _, err := o.RemoveNestedField("metadata", "annotations"); err != nil {
			return err
		}
	}
	it.MarkChanged()
	return nil
}

// encodedDocument is the item as a document: its text, or its tree as the
// SDK encodes it.
func (it *Item) encodedDocument() ([]byte, error) {
	if it.Canonical() {
		return it.Text(), nil
	}
	o, err := it.Object()
	if err != nil {
		return nil, err
	}
	return []byte(o.String()), nil
}

// encodedEntry is the item as an entry of a ResourceList's items. An item
// that is not canonical is encoded inside a one-entry items list, so that
// its comments and styles come out as the SDK writes them in the list.
func (it *Item) encodedEntry() ([]byte, error) {
	if it.Canonical() {
		if it.entry {
			return it.text, nil
		}
		return toEntry(it.text), nil
	}
	n, err := it.Node()
	if err != nil {
		return nil, err
	}
	list := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: "items"},
		{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{n}},
	}}
	var out bytes.Buffer
	enc := yaml.NewEncoder(&out)
	if err := enc.Encode(list); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	entry, ok := bytes.CutPrefix(out.Bytes(), []byte("items:\n"))
	if !ok {
		return nil, fmt.Errorf("krm: unexpected encoding of %s", it.describe())
	}
	return entry, nil
}

// describe names the item in messages.
func (it *Item) describe() string {
	switch {
	case it.Kind != "" && it.Name != "":
		return fmt.Sprintf("%s %s", it.Kind, qualified(it.Namespace, it.Name))
	case it.Kind != "":
		return "a " + it.Kind + " without a name"
	}
	return "an item"
}

func qualified(namespace, name string) string {
	if namespace == "" {
		return name
	}
	return namespace + "/" + name
}
