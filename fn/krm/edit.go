package krm

import (
	"bytes"
	"strings"

	"github.com/servicespec/servicespec/fn/yamlenc"
)

// setAnnotationText sets an annotation in an item's canonical text where
// the SDK would set it in the tree (replacing the value of the key, or
// appending the key to metadata.annotations, created at the end of
// metadata when absent), so that the item is written without an encoder.
// false: the text is not in a form this edit knows; use the tree.
func setAnnotationText(text []byte, entry bool, key, value string) ([]byte, bool) {
	if !plainKey(key) {
		return nil, false
	}
	v, ok := yamlenc.AppendValue(nil, value)
	if !ok {
		return nil, false
	}
	t := textLines{lines: splitLines(text), entry: entry}
	if entry {
		t.base = 2
	}
	meta, ok := t.find(0, len(t.lines), t.base, "metadata")
	if !ok || t.content(meta) != "metadata:" {
		return nil, false
	}
	metaEnd := t.blockEnd(meta)
	entryLine := []byte(strings.Repeat(" ", t.base+4) + key + ": " + string(v) + "\n")
	ann, ok := t.find(meta+1, metaEnd, t.base+2, "annotations")
	if !ok {
		block := append([]byte(strings.Repeat(" ", t.base+2)+"annotations:\n"), entryLine...)
		return splice(t.lines, metaEnd, metaEnd, block), true
	}
	if t.content(ann) != "annotations:" {
		return nil, false // flow style: let the encoder write it
	}
	end := t.blockEnd(ann)
	at, found := t.find(ann+1, end, t.base+4, key)
	if !found {
		return splice(t.lines, end, end, entryLine), true
	}
	if at+1 < end && t.indent(at+1) > t.base+4 || strings.HasPrefix(t.content(at), key+": |") {
		return nil, false // a block scalar value
	}
	replaced, ok := replaceValue(t.content(at), key, value)
	if !ok {
		return nil, false
	}
	return splice(t.lines, at, at+1, []byte(strings.Repeat(" ", t.base+4)+replaced+"\n")), true
}

// textLines are the lines of a canonical item, read by indentation.
type textLines struct {
	lines [][]byte
	entry bool
	base  int
}

func (t textLines) indent(i int) int {
	if i == 0 && t.entry {
		return 2 // "- " stands for the indentation of the first key
	}
	return indentOf(string(t.lines[i]))
}

func (t textLines) content(i int) string {
	return strings.TrimSuffix(string(t.lines[i][t.indent(i):]), "\n")
}

// find is the line in [from, to) of the key at that indentation.
func (t textLines) find(from, to, indent int, key string) (int, bool) {
	for i := from; i < to; i++ {
		if c := t.content(i); t.indent(i) == indent && (c == key+":" || strings.HasPrefix(c, key+": ")) {
			return i, true
		}
	}
	return 0, false
}

// blockEnd is the line after the block of the key on line start.
func (t textLines) blockEnd(start int) int {
	at := t.indent(start)
	for j := start + 1; j < len(t.lines); j++ {
		if len(t.lines[j]) > 1 && t.indent(j) <= at {
			return j
		}
	}
	return len(t.lines)
}

// replaceValue writes a new value into "key: value # comment" the way the
// SDK replaces a value node: keeping the old node's quoting style and its
// comment.
func replaceValue(line, key, value string) (string, bool) {
	old, comment := splitComment(strings.TrimPrefix(line, key+": "))
	var v []byte
	switch {
	case strings.HasPrefix(old, "'") && yamlenc.WritesSingleQuoted(value):
		v = []byte("'" + strings.ReplaceAll(value, "'", "''") + "'")
	case strings.HasPrefix(old, "'") || strings.HasPrefix(old, "\""):
		v = yamlenc.AppendDoubleQuoted(nil, value)
	default:
		var ok bool
		if v, ok = yamlenc.AppendValue(nil, value); !ok {
			return "", false
		}
	}
	return key + ": " + string(v) + comment, true
}

// splice replaces lines[from:to] with insert.
func splice(lines [][]byte, from, to int, insert []byte) []byte {
	var out bytes.Buffer
	for _, l := range lines[:from] {
		out.Write(l)
	}
	out.Write(insert)
	for _, l := range lines[to:] {
		out.Write(l)
	}
	return out.Bytes()
}
