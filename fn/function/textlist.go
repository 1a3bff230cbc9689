package function

import (
	"bytes"
	"strings"
)

// The fast path reads a ResourceList as text: it finds where each item
// starts and ends and reads the few metadata fields the function needs,
// without building a node tree for items it does not change. It accepts only
// the canonical block layout that kyaml writes (what kpt, kustomize and the
// SDK emit), for which emitting an item's original text gives the same bytes
// as parsing and re-encoding it. Anything else returns ok=false and the
// caller falls back to the full parser.

// textList is a ResourceList split into its parts.
type textList struct {
	items          []*textItem
	functionConfig []byte // the functionConfig block, re-indented as a document; nil if absent
}

// textItem is one item: its text in the list (from "- " to the end of its
// last line) and what the line scan read from its metadata.
type textItem struct {
	text                            []byte
	apiVersion, kind, name, ns      string
	annotations                     map[string]string
	metadataUnderstood, hasMetadata bool
}

// splitResourceList splits canonical ResourceList text.
func splitResourceList(in []byte) (*textList, bool) {
	if !bytes.HasSuffix(in, []byte("\n")) || bytes.ContainsAny(in, "\t\r") {
		return nil, false
	}
	lines := splitLines(in)
	tl := &textList{}
	seen := map[string]bool{}
	for i := 0; i < len(lines); {
		key, rest, ok := topLevelKey(lines[i])
		if !ok || seen[key] {
			return nil, false
		}
		seen[key] = true
		end := blockEnd(lines, i+1)
		switch key {
		case "apiVersion":
			ok = rest == "config.kubernetes.io/v1" && end == i+1
		case "kind":
			ok = rest == "ResourceList" && end == i+1
		case "items":
			tl.items, ok = splitItems(lines[i+1:end], rest)
		case "functionConfig":
			tl.functionConfig, ok = configDocument(lines[i+1:end], rest)
		case "results":
			ok = true // replaced by this run's results
		default:
			ok = false
		}
		if !ok {
			return nil, false
		}
		i = end
	}
	return tl, seen["apiVersion"] && seen["kind"]
}

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
	s := strings.TrimSuffix(string(line), "\n")
	k, v, found := strings.Cut(s, ":")
	if !found || k == "" || !isPlainKey(k) {
		return "", "", false
	}
	if v != "" && !strings.HasPrefix(v, " ") {
		return "", "", false
	}
	return k, strings.TrimPrefix(v, " "), true
}

// blockEnd is the first line at or after i that starts at column 0 and is
// neither a sequence entry nor blank: the next top-level key.
func blockEnd(lines [][]byte, i int) int {
	for ; i < len(lines); i++ {
		if l := lines[i]; l[0] != ' ' && l[0] != '\n' && !bytes.HasPrefix(l, []byte("- ")) {
			return i
		}
	}
	return i
}

// splitItems cuts the items block ("- " entries at column 0) into items.
func splitItems(lines [][]byte, rest string) ([]*textItem, bool) {
	if rest == "[]" && len(lines) == 0 {
		return nil, true
	}
	if rest != "" {
		return nil, false
	}
	var items []*textItem
	for i := 0; i < len(lines); {
		if !bytes.HasPrefix(lines[i], []byte("- ")) {
			return nil, false
		}
		end := i + 1
		for end < len(lines) && (bytes.HasPrefix(lines[end], []byte("  ")) || len(lines[end]) == 1) {
			end++
		}
		if len(lines[end-1]) == 1 {
			return nil, false // a blank line after an item: the encoder would drop it
		}
		items = append(items, scanItem(lines[i:end]))
		i = end
	}
	return items, true
}

// configDocument turns the functionConfig block (indented by two) into a
// document of its own.
func configDocument(lines [][]byte, rest string) ([]byte, bool) {
	if rest == "{}" && len(lines) == 0 {
		return nil, true
	}
	if rest != "" {
		return nil, false
	}
	var doc bytes.Buffer
	for _, l := range lines {
		if !bytes.HasPrefix(l, []byte("  ")) {
			return nil, false
		}
		doc.Write(l[2:])
	}
	return doc.Bytes(), true
}

// scanItem checks that every line of an item is canonical and reads its
// identity and annotations. An item that is not canonical is marked as not
// understood: the fast path then parses it like an item it changes.
func scanItem(lines [][]byte) *textItem {
	it := &textItem{metadataUnderstood: true, text: joinLines(lines)}
	c := canonicalChecker{}
	for i, raw := range lines {
		line := strings.TrimSuffix(string(raw), "\n")
		if i == 0 {
			line = "  " + line[2:] // the entry's first key sits at indent 2
		}
		next := ""
		if i+1 < len(lines) {
			next = strings.TrimSuffix(string(lines[i+1]), "\n")
		}
		if !c.line(line, next) {
			it.metadataUnderstood = false
			return it
		}
		it.read(line, c.path)
	}
	if !c.done() {
		it.metadataUnderstood = false
	}
	return it
}

// joinLines returns the text of consecutive lines of one input: they are
// adjacent slices of the same array, so one slice spans them.
func joinLines(lines [][]byte) []byte {
	n := 0
	for _, l := range lines {
		n += len(l)
	}
	return lines[0][:n]
}

// read records the metadata a line holds, by its path of keys.
func (it *textItem) read(line string, path []string) {
	if len(path) == 0 {
		return
	}
	_, value, _ := strings.Cut(strings.TrimLeft(strings.TrimPrefix(strings.TrimLeft(line, " "), "- "), " "), ": ")
	value = stripComment(value)
	switch len(path) {
	case 1:
		it.readTopLevel(path[0], value)
	case 2:
		if path[0] == "metadata" {
			it.readMetadata(path[1], value)
		}
	case 3:
		if path[0] == "metadata" && path[1] == "annotations" {
			if it.annotations == nil {
				it.annotations = map[string]string{}
			}
			if _, dup := it.annotations[path[2]]; dup {
				it.metadataUnderstood = false
			}
			it.annotations[path[2]] = scalarValue(value)
		}
	}
}

// set records a metadata value; a key written twice makes the item not
// understood (which occurrence the parser keeps is the parser's business).
func (it *textItem) set(field *string, value string) {
	if *field != "" {
		it.metadataUnderstood = false
	}
	*field = scalarValue(value)
}

func (it *textItem) readTopLevel(key, value string) {
	switch key {
	case "apiVersion":
		it.set(&it.apiVersion, value)
	case "kind":
		it.set(&it.kind, value)
	case "metadata":
		if it.hasMetadata {
			it.metadataUnderstood = false
		}
		it.hasMetadata = true
		if value != "" {
			it.metadataUnderstood = false
		}
	}
}

func (it *textItem) readMetadata(key, value string) {
	switch key {
	case "name":
		it.set(&it.name, value)
	case "namespace":
		it.set(&it.ns, value)
	case "annotations":
		if value != "" {
			it.metadataUnderstood = value == "{}"
		}
	}
}

// scalarValue decodes the scalars the checker lets through: plain, single
// quoted without escapes, double quoted without backslashes.
func scalarValue(v string) string {
	switch {
	case len(v) >= 2 && v[0] == '\'':
		return strings.ReplaceAll(v[1:len(v)-1], "''", "'")
	case len(v) >= 2 && v[0] == '"':
		return v[1 : len(v)-1]
	}
	return v
}

func stripComment(v string) string {
	if i := strings.Index(v, " #"); i >= 0 && !strings.HasPrefix(v, "'") && !strings.HasPrefix(v, "\"") {
		return v[:i]
	}
	if len(v) > 0 && (v[0] == '\'' || v[0] == '"') {
		if end := strings.LastIndexByte(v, v[0]); end > 0 {
			return v[:end+1]
		}
	}
	return v
}
