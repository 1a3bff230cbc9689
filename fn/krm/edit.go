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
// The parser says where metadata and its annotations are. false: the text
// is not in a form this edit knows (flow style, a block scalar value); use
// the tree.
func setAnnotationText(text []byte, entry bool, key, value string) ([]byte, bool) {
	if !plainKey(key) {
		return nil, false
	}
	v, ok := yamlenc.AppendValue(nil, value)
	if !ok {
		return nil, false
	}
	base := 0
	if entry {
		base = 2
	}
	l := textLayout(text, base)
	if l.metadata.to == 0 || !l.metadataBlock {
		return nil, false
	}
	lines := splitLines(text)
	entryLine := []byte(strings.Repeat(" ", base+4) + key + ": " + string(v) + "\n")
	if l.annotations.to == 0 {
		block := append([]byte(strings.Repeat(" ", base+2)+"annotations:\n"), entryLine...)
		return splice(lines, l.metadata.to, l.metadata.to, block), true
	}
	if !l.annotationsBlock {
		return nil, false // flow style: let the encoder write it
	}
	for _, a := range l.entries {
		if a.key != key {
			continue
		}
		line := strings.TrimSuffix(string(lines[a.from][base+4:]), "\n")
		if a.to-a.from > 1 || strings.HasPrefix(line, key+": |") {
			return nil, false // a block scalar value
		}
		replaced, ok := replaceValue(line, key, value)
		if !ok {
			return nil, false
		}
		return splice(lines, a.from, a.to, []byte(strings.Repeat(" ", base+4)+replaced+"\n")), true
	}
	return splice(lines, l.annotations.to, l.annotations.to, entryLine), true
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

// splice replaces lines[from:to] with insert. The first line of an entry
// keeps its "- ".
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
