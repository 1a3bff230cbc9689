package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/function"
	"github.com/servicespec/servicespec/fn/krm"
)

// explainMode is render's --explain: "" (off), "text" (a comment on every
// line servicespec wrote) or "json" (one record per field).
type explainMode string

func (m *explainMode) String() string { return string(*m) }

// IsBoolFlag lets --explain stand alone.
func (m *explainMode) IsBoolFlag() bool { return true }

func (m *explainMode) Set(v string) error {
	switch v {
	case "true", "text":
		*m = "text"
	case "json":
		*m = "json"
	case "false":
		*m = ""
	default:
		return fmt.Errorf("want --explain, --explain=text or --explain=json, not %q", v)
	}
	return nil
}

// explainedStream writes the items as render does, each line servicespec
// wrote ending in a comment that says where it comes from.
func explainedStream(items []*krm.Item, explained map[*krm.Item][]function.Explanation) ([]byte, error) {
	sorted := append([]*krm.Item(nil), items...)
	krm.Sort(sorted)
	stream, err := krm.WriteStream(sorted)
	if err != nil || len(sorted) == 0 {
		return stream, err
	}
	// The stream's documents, in the same order: a line --- at the start
	// is only ever a document's end (a block scalar's lines are indented).
	docs := strings.Split(string(stream), "\n---\n")
	if len(docs) != len(sorted) {
		return nil, fmt.Errorf("the stream holds %d documents, not %d", len(docs), len(sorted))
	}
	out := make([][]byte, len(sorted))
	errs := make([]error, len(sorted))
	krm.Parallel(len(sorted), func(i int) {
		doc := []byte(docs[i])
		if i < len(docs)-1 {
			doc = append(doc, '\n')
		}
		out[i] = doc
		if ex, ok := explained[sorted[i]]; ok {
			out[i], errs[i] = commented(doc, ex)
		}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return bytes.Join(out, []byte("---\n")), nil
}

// commented appends to each line of a document that holds a field's value
// the source of that field. A block scalar's lines get none: its key's
// line carries it.
func commented(doc []byte, ex []function.Explanation) ([]byte, error) {
	var root yaml.Node
	if !canonicalDoc(doc) {
		if err := yaml.Unmarshal(doc, &root); err != nil {
			return nil, err
		}
	}
	byPath := make(map[string]function.Explanation, len(ex))
	for _, e := range ex {
		byPath[e.Path] = e
	}
	comments := map[int]string{}
	note := func(path string, line int) {
		if e, ok := byPath[path]; ok && comments[line] == "" {
			comments[line] = sourceText(e)
		}
	}
	if !walkCanonical(doc, note) {
		walkValues(&root, "", note)
	}
	lines := bytes.SplitAfter(doc, []byte("\n"))
	var out bytes.Buffer
	for i, l := range lines {
		c, ok := comments[i+1]
		if !ok {
			out.Write(l)
			continue
		}
		out.Write(bytes.TrimSuffix(l, []byte("\n")))
		out.WriteString("  # " + c + "\n")
	}
	return out.Bytes(), nil
}

// walkValues calls f with the path and line of every scalar and empty
// collection of a YAML tree.
func walkValues(n *yaml.Node, path string, f func(string, int)) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			walkValues(c, path, f)
		}
	case yaml.MappingNode:
		if len(n.Content) == 0 {
			f(path, n.Line)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			walkValues(n.Content[i+1], console.FieldPath(path, n.Content[i].Value), f)
		}
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			f(path, n.Line)
		}
		for i, c := range n.Content {
			walkValues(c, path+"["+strconv.Itoa(i)+"]", f)
		}
	case yaml.ScalarNode:
		f(path, n.Line)
	}
}

// sourceText is an explanation as a comment.
func sourceText(e function.Explanation) string {
	switch e.Kind {
	case "spec", "app", "release", "override":
		return e.Field + "  " + position(e)
	case "default":
		return "default: " + e.Field + " (not written in the spec)"
	case "derived":
		switch {
		case e.Field != "" && e.Why != "":
			return "from " + e.Field + ": " + e.Why
		case e.Field != "":
			return "from " + e.Field
		}
		return e.Why
	}
	return e.Why
}

func position(e function.Explanation) string {
	if e.Line == 0 || e.File == "" {
		return "position unknown"
	}
	return e.File + ":" + strconv.Itoa(e.Line)
}

// explainedJSON is one record per field of every generated item.
func explainedJSON(items []*krm.Item, explained map[*krm.Item][]function.Explanation) ([]byte, error) {
	type record struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Namespace  string `json:"namespace,omitempty"`
		Name       string `json:"name"`
		Path       string `json:"path"`
		Source     string `json:"source"`
		Field      string `json:"field,omitempty"`
		File       string `json:"file,omitempty"`
		Line       int    `json:"line,omitempty"`
		Why        string `json:"why,omitempty"`
		Spec       string `json:"spec"`
	}
	sorted := append([]*krm.Item(nil), items...)
	krm.Sort(sorted)
	records := []record{}
	for _, it := range sorted {
		for _, e := range explained[it] {
			records = append(records, record{APIVersion: it.APIVersion, Kind: it.Kind, Namespace: it.Namespace, Name: it.Name,
				Path: e.Path, Source: e.Kind, Field: e.Field, File: e.File, Line: e.Line, Why: e.Why, Spec: e.Spec})
		}
	}
	return json.MarshalIndent(records, "", "  ")
}

// canonicalDoc reports whether walkCanonical reads a document: block
// style as servicespec writes it, with no block scalars.
func canonicalDoc(doc []byte) bool {
	return walkCanonical(doc, func(string, int) {})
}

// walkCanonical calls f with the path and line of every value of a
// document written in the canonical block style (two-space indentation,
// compact sequences, flow style only for {} and []): the outputs
// servicespec writes. It reports false on any line it does not read (a
// block scalar, say): the caller then parses the document.
func walkCanonical(doc []byte, f func(string, int)) bool {
	w := canonicalWalker{f: f, pendingIndent: -1}
	for n, line := range strings.Split(strings.TrimSuffix(string(doc), "\n"), "\n") {
		if !w.line(n+1, line) {
			return false
		}
	}
	return w.pendingIndent < 0
}

// canonicalWalker reads a canonical document line by line.
type canonicalWalker struct {
	f     func(string, int)
	stack []canonicalLevel
	// pending is a key whose value starts on the next line, at its indent.
	pending       string
	pendingIndent int
}

type canonicalLevel struct {
	indent int
	path   string
	items  int // the next index, for a sequence
	seq    bool
}

func (w *canonicalWalker) line(n int, line string) bool {
	indent := len(line) - len(strings.TrimLeft(line, " "))
	text := line[indent:]
	if text == "" || strings.HasPrefix(text, "#") {
		return false
	}
	item := strings.HasPrefix(text, "- ") || text == "-"
	if !w.open(indent, item) {
		return false
	}
	w.close(indent, item)
	base := ""
	if len(w.stack) > 0 {
		base = w.stack[len(w.stack)-1].path
	}
	if item {
		var done, ok bool
		if base, text, indent, done, ok = w.item(n, indent, text); !ok || done {
			return ok
		}
	}
	key, value, ok := splitKey(text)
	if !ok {
		return false
	}
	path := console.FieldPath(base, key)
	switch {
	case value == "":
		w.pending, w.pendingIndent = path, indent
	case strings.ContainsAny(value[:1], "|>&*{[") && value != "{}" && value != "[]", strings.Contains(value, " #"):
		return false // a block scalar, an anchor, an alias, flow style, a comment
	default:
		w.f(path, n)
	}
	return true
}

// item reads a sequence entry: a scalar (done), or the first key of a map
// whose path, text and indent it returns.
func (w *canonicalWalker) item(n, indent int, text string) (base, rest string, at int, done, ok bool) {
	top := w.top()
	if top == nil || !top.seq || top.indent != indent {
		return "", "", 0, false, false
	}
	base = top.path + "[" + strconv.Itoa(top.items) + "]"
	top.items++
	text = strings.TrimPrefix(strings.TrimPrefix(text, "-"), " ")
	if text == "" {
		return "", "", 0, false, false
	}
	if !strings.Contains(text, ": ") && !strings.HasSuffix(text, ":") {
		if strings.ContainsAny(text[:1], "|>&*{[!") && text != "{}" && text != "[]" || strings.Contains(text, " #") {
			return "", "", 0, false, false
		}
		w.f(base, n) // a scalar item
		return base, text, indent, true, true
	}
	w.stack = append(w.stack, canonicalLevel{indent: indent + 2, path: base})
	return base, text, indent + 2, false, true
}

// open starts the map or the sequence a pending key's value is.
func (w *canonicalWalker) open(indent int, item bool) bool {
	if w.pendingIndent < 0 {
		return true
	}
	switch {
	case item && indent == w.pendingIndent:
		w.stack = append(w.stack, canonicalLevel{indent: indent, path: w.pending, seq: true})
	case !item && indent > w.pendingIndent:
		w.stack = append(w.stack, canonicalLevel{indent: indent, path: w.pending})
	default:
		return false
	}
	w.pendingIndent = -1
	return true
}

// close ends the maps and sequences a line is out of.
func (w *canonicalWalker) close(indent int, item bool) {
	for top := w.top(); top != nil; top = w.top() {
		out := indent < top.indent || indent == top.indent && top.seq != item
		if !out {
			return
		}
		w.stack = w.stack[:len(w.stack)-1]
	}
}

func (w *canonicalWalker) top() *canonicalLevel {
	if len(w.stack) == 0 {
		return nil
	}
	return &w.stack[len(w.stack)-1]
}

// splitKey splits "key: value" (the key plain or quoted).
func splitKey(text string) (key, value string, ok bool) {
	if text[0] == '"' || text[0] == '\'' {
		end := strings.IndexByte(text[1:], text[0])
		if end < 0 || text[0] == '"' && strings.Contains(text[1:end+1], "\\") || text[0] == '\'' && strings.HasPrefix(text[end+2:], "'") {
			return "", "", false
		}
		key, text = text[1:end+1], text[end+2:]
		switch {
		case text == ":":
			return key, "", true
		case strings.HasPrefix(text, ": "):
			return key, text[2:], true
		}
		return "", "", false
	}
	if k, ok := strings.CutSuffix(text, ":"); ok && !strings.Contains(k, ": ") {
		return k, "", true
	}
	k, v, ok := strings.Cut(text, ": ")
	return k, v, ok && !strings.ContainsAny(k[:1], "{[!&*?|>%@`")
}

// LineSources are, for each line of render's output, what render --explain
// adds to it: the source of the line's field, "" for a line without one.
func LineSources(plain, explained string) []string {
	p, e := strings.Split(plain, "\n"), strings.Split(explained, "\n")
	out := make([]string, len(p))
	if len(p) != len(e) {
		return out
	}
	for i := range p {
		if c, ok := strings.CutPrefix(e[i], p[i]+"  # "); ok {
			out[i] = c
		}
	}
	return out
}
