package yamlenc

import (
	"errors"
	"slices"
	"sync"
)

// ErrUnsupported marks data this package does not write exactly as the
// SDK's encoder would; encode it through the SDK instead.
var ErrUnsupported = errors.New("yamlenc: not written by the typed encoder")

// tokenPool recycles token arrays: every generated object needs one, only
// while it is written.
var tokenPool = sync.Pool{New: func() any { return new([]token) }}

// maxSimpleKey is the longest key (in bytes) yaml.v3 writes as "key: ";
// longer keys become complex "? key" entries.
const maxSimpleKey = 128

// Options are the rules of one encoding beyond yaml.v3's own.
type Options struct {
	// Drop leaves a mapping entry out, given its key and its value.
	Drop func(key string, value Value) bool
	// Quote double-quotes a string that yaml.v3 would write unquoted.
	Quote func(s string) bool
	// TypeMetaFirst writes apiVersion first in a mapping whose first two
	// entries are kind and apiVersion (the Go field order of TypeMeta).
	TypeMetaFirst bool
	// Annotations are added to the document's metadata.annotations, which
	// must be there (a generated object always has servicespec's own): each
	// at its place in key order when Sorted, after the others otherwise.
	Annotations []Annotation
	// Digest, when its Key is set, adds an annotation with a digest of
	// part of the document (see Digest).
	Digest Digest
	// Indent shifts every line right, and Dash starts the first line with
	// "- ": with both (2, true) the document is written as an entry of a
	// ResourceList's items, as the SDK writes it there.
	Indent int
	Dash   bool
}

// Value is a mapping entry's value, as Options.Drop sees it.
type Value struct {
	e *emitter
	i int
}

// IsObject reports whether the value is an object.
func (v Value) IsObject() bool { return v.e.toks[v.i].kind == tokObject }

// IsEmptyObject reports whether the value is an object with no entries
// that are written.
func (v Value) IsEmptyObject() bool { return v.e.isEmptyObject(v.i) }

// Annotation is one extra metadata.annotations entry.
type Annotation struct {
	Key, Value string
	Sorted     bool
}

// Encode writes the JSON object js as one YAML document. digest is the
// value of the digest annotation, when opts asks for one.
func Encode(js []byte, opts Options) (text []byte, digest string, err error) {
	pooled := tokenPool.Get().(*[]token)
	defer tokenPool.Put(pooled)
	toks, err := tokenizeInto(*pooled, js)
	*pooled = toks
	if err != nil {
		return nil, "", err
	}
	if toks[0].kind != tokObject {
		return nil, "", errors.New("yamlenc: the document is not a JSON object")
	}
	if opts.Digest.Key != "" {
		if digest, err = digestTokens(js, toks, opts.Digest); err != nil {
			return nil, "", err
		}
		opts.Annotations = append([]Annotation{{Key: opts.Digest.Key, Value: digest, Sorted: true}}, opts.Annotations...)
	}
	e := &emitter{in: js, toks: toks, opts: opts, out: make([]byte, 0, len(js)+len(js)/4)}
	if err := e.document(); err != nil {
		return nil, "", err
	}
	return e.out, digest, nil
}

type emitter struct {
	in   []byte
	toks []token
	opts Options
	out  []byte
}

// entry is one mapping entry that is written: its key and the index of
// its value token, or an extra annotation (value < 0).
type entry struct {
	key   string
	value int
	extra string
}

func (e *emitter) document() error {
	entries, err := e.entries(0, nil)
	if err != nil {
		return err
	}
	if e.opts.Dash {
		e.out = append(e.out, "- "...)
	} else {
		e.out = appendSpaces(e.out, e.opts.Indent)
	}
	if len(entries) == 0 {
		e.out = append(e.out, "{}\n"...)
		return nil
	}
	return e.mapping(entries, e.opts.Indent, []string{}, true)
}

// entries lists the entries of the object at toks[i] that are written, in
// the order they are written. path is the object's path of keys from the
// document (nil below the top level's direct children when unused).
func (e *emitter) entries(i int, path []string) ([]entry, error) {
	obj := e.toks[i]
	out := make([]entry, 0, obj.count)
	for k, n := i+1, 0; n < obj.count; n++ {
		key, err := unquote(e.in[e.toks[k].start:e.toks[k].end])
		if err != nil {
			return nil, err
		}
		v := k + 1
		k = e.toks[v].next
		if e.opts.Drop != nil && e.opts.Drop(key, Value{e, v}) {
			continue
		}
		out = append(out, entry{key: key, value: v})
	}
	if e.opts.TypeMetaFirst && len(out) >= 2 && out[0].key == "kind" && out[1].key == "apiVersion" {
		out[0], out[1] = out[1], out[0]
	}
	if len(path) == 2 && path[0] == "metadata" && path[1] == "annotations" {
		out = e.withExtraAnnotations(out)
	}
	return out, nil
}

func (e *emitter) withExtraAnnotations(out []entry) []entry {
	for _, a := range e.opts.Annotations {
		x := entry{key: a.Key, value: -1, extra: a.Value}
		at := len(out)
		if a.Sorted {
			at, _ = slices.BinarySearchFunc(out, a.Key, func(en entry, k string) int {
				switch {
				case en.value < 0 || en.key > k:
					return 1
				case en.key < k:
					return -1
				}
				return 0
			})
		}
		out = slices.Insert(out, at, x)
	}
	return out
}

// isEmptyObject: the value at toks[i] is an object with no entries written.
func (e *emitter) isEmptyObject(i int) bool {
	t := e.toks[i]
	if t.kind != tokObject {
		return false
	}
	if t.count == 0 || e.opts.Drop == nil {
		return t.count == 0
	}
	for k, n := i+1, 0; n < t.count; n++ {
		key, err := unquote(e.in[e.toks[k].start:e.toks[k].end])
		v := k + 1
		if err != nil || !e.opts.Drop(key, Value{e, v}) {
			return false
		}
		k = e.toks[v].next
	}
	return true
}

// mapping writes the entries of a block mapping whose keys sit at column
// indent. inSeqItem: the first key follows "- " on the current line.
func (e *emitter) mapping(entries []entry, indent int, path []string, inSeqItem bool) error {
	for n, en := range entries {
		if n > 0 || !inSeqItem {
			e.out = appendSpaces(e.out, indent)
		}
		if err := e.key(en.key); err != nil {
			return err
		}
		if en.value < 0 {
			e.out = append(e.out, ' ')
			if err := e.scalar(en.extra, indent+2); err != nil {
				return err
			}
			continue
		}
		if err := e.mappingValue(en.value, indent, childPath(path, en.key)); err != nil {
			return err
		}
	}
	return nil
}

// childPath extends a path of keys; only the first two levels are kept
// (the only path the options look at is metadata.annotations).
func childPath(path []string, key string) []string {
	if path == nil || len(path) >= 2 {
		return nil
	}
	return append(slices.Clip(path), key)
}

func (e *emitter) key(k string) error {
	if len(k) > maxSimpleKey || analyze(k).multiline || hasLineSeparator(k) {
		return ErrUnsupported
	}
	e.out = e.appendScalar(e.out, k, true)
	e.out = append(e.out, ':')
	return nil
}

// mappingValue writes what follows "key:" for the value at toks[i]; the key
// sits at column indent.
func (e *emitter) mappingValue(i, indent int, path []string) error {
	t := e.toks[i]
	switch t.kind {
	case tokObject:
		entries, err := e.entries(i, path)
		if err != nil {
			return err
		}
		if len(entries) == 0 {
			e.out = append(e.out, " {}\n"...)
			return nil
		}
		e.out = append(e.out, '\n')
		return e.mapping(entries, indent+2, path, false)
	case tokArray:
		if t.count == 0 {
			e.out = append(e.out, " []\n"...)
			return nil
		}
		e.out = append(e.out, '\n')
		return e.sequence(i, indent, false)
	}
	e.out = append(e.out, ' ')
	return e.scalarToken(t, indent+2)
}

// sequence writes the elements of the array at toks[i] as "- " entries at
// column indent (compact: at the column of the key that holds it).
// inSeqItem: the first "- " follows an outer "- " on the current line.
func (e *emitter) sequence(i, indent int, inSeqItem bool) error {
	arr := e.toks[i]
	for k, n := i+1, 0; n < arr.count; n++ {
		if n > 0 || !inSeqItem {
			e.out = appendSpaces(e.out, indent)
		}
		e.out = append(e.out, "- "...)
		if err := e.sequenceItem(k, indent); err != nil {
			return err
		}
		k = e.toks[k].next
	}
	return nil
}

func (e *emitter) sequenceItem(i, indent int) error {
	t := e.toks[i]
	switch t.kind {
	case tokObject:
		entries, err := e.entries(i, nil)
		if err != nil {
			return err
		}
		if len(entries) == 0 {
			e.out = append(e.out, "{}\n"...)
			return nil
		}
		return e.mapping(entries, indent+2, nil, true)
	case tokArray:
		if t.count == 0 {
			e.out = append(e.out, "[]\n"...)
			return nil
		}
		return e.sequence(i, indent+2, true)
	}
	return e.scalarToken(t, indent+2)
}

// scalarToken writes a scalar value and the line break after it; block
// scalar lines go to column indent.
func (e *emitter) scalarToken(t token, indent int) error {
	raw := e.in[t.start:t.end]
	if t.kind != tokString {
		e.out = append(append(e.out, raw...), '\n')
		return nil
	}
	s, err := unquote(raw)
	if err != nil {
		return err
	}
	return e.scalar(s, indent)
}

func (e *emitter) scalar(s string, indent int) error {
	if hasLineSeparator(s) {
		return ErrUnsupported
	}
	if chooseStyle(s, false, e.quote(s)) == literalStyle {
		out, ok := appendLiteral(e.out, s, indent)
		if !ok {
			return ErrUnsupported
		}
		e.out = out
		return nil
	}
	e.out = append(e.appendScalar(e.out, s, false), '\n')
	return nil
}

func (e *emitter) quote(s string) bool { return e.opts.Quote != nil && e.opts.Quote(s) }

// appendScalar writes a one-line scalar in the style yaml.v3 picks.
func (e *emitter) appendScalar(out []byte, s string, key bool) []byte {
	switch chooseStyle(s, key, e.quote(s)) {
	case singleQuotedStyle:
		return appendSingleQuoted(out, s)
	case doubleQuotedStyle:
		return appendDoubleQuoted(out, s)
	}
	return append(out, s...)
}
