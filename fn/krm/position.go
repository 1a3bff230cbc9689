package krm

import (
	"strconv"
	"strings"

	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// Line is the line, in the item's file, of the field a path names (as
// field.Path writes it: spec.containers[0].ports[1].name, labels[app]):
// the line of its key, or of the list entry. A field that is not written
// there (a required value left out) gives the line of the nearest part of
// the path that is. 0 when the line is unknown: the item did not come from
// a file read as is (a ResourceList sends its items as the orchestrator
// rewrote them) or cannot be parsed. An empty path is the object's first
// line.
func (it *Item) Line(path string) int {
	line, _ := it.lineOf(path)
	return line
}

// FieldLine is the line of the field a path names when the file writes
// that very field; 0 when it does not, or when the line is unknown.
func (it *Item) FieldLine(path string) int {
	if line, exact := it.lineOf(path); exact {
		return line
	}
	return 0
}

// lineOf is the line of the field or of its nearest written part, and
// whether the whole path was found.
func (it *Item) lineOf(path string) (int, bool) {
	if it.line <= 0 {
		return 0, false
	}
	n, err := it.Node()
	if err != nil {
		return 0, false
	}
	line, exact := n.Line, true
	for _, step := range SplitFieldPath(path) {
		n = resolved(n)
		next, at := childNode(n, step)
		if next == nil {
			exact = false
			break
		}
		n, line = next, at
	}
	if line <= 0 {
		return 0, false
	}
	return it.line + line - 1, exact
}

// childNode is the node under one step of a path, and the line that names
// it: a mapping key's line, or a list entry's own.
func childNode(n *yaml.Node, step string) (*yaml.Node, int) {
	switch n.Kind {
	case yaml.MappingNode:
		var found *yaml.Node
		var line int
		for i := 0; i+1 < len(n.Content) && found == nil; i += 2 {
			if k := n.Content[i]; k.Value == step {
				found, line = n.Content[i+1], k.Line // of a key written twice, the first is read
			}
		}
		if found == nil {
			for _, merged := range mergedMappings(n) {
				if v, l := childNode(merged, step); v != nil {
					return v, l
				}
			}
		}
		return found, line
	case yaml.SequenceNode:
		i, err := strconv.Atoi(step)
		if err != nil || i < 0 || i >= len(n.Content) {
			return nil, 0
		}
		e := n.Content[i]
		return e, e.Line
	}
	return nil, 0
}

// mergedMappings are the mappings a "<<" key merges into n.
func mergedMappings(n *yaml.Node) []*yaml.Node {
	var out []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Value != "<<" || k.Style != 0 {
			continue
		}
		v := resolved(n.Content[i+1])
		switch v.Kind {
		case yaml.MappingNode:
			out = append(out, v)
		case yaml.SequenceNode:
			for _, e := range v.Content {
				out = append(out, resolved(e))
			}
		}
	}
	return out
}

// resolved follows an alias to what it names.
func resolved(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// HoldsField reports whether an item's data (Item.Value) holds the field a
// path names (as field.Path writes it), whatever its value.
func HoldsField(data map[string]any, path string) bool {
	var v any = data
	for _, step := range SplitFieldPath(path) {
		switch x := v.(type) {
		case map[string]any:
			next, ok := x[step]
			if !ok {
				return false
			}
			v = next
		case []any:
			i, err := strconv.Atoi(step)
			if err != nil || i < 0 || i >= len(x) {
				return false
			}
			v = x[i]
		default:
			return false
		}
	}
	return true
}

// SplitFieldPath cuts a field path into its keys and indexes:
// a.b[0][key.with.dots].c → a, b, 0, key.with.dots, c.
func SplitFieldPath(p string) []string {
	var out []string
	for p != "" {
		switch p[0] {
		case '.':
			p = p[1:]
		case '[':
			end := strings.IndexByte(p, ']')
			if end < 0 {
				return append(out, p[1:])
			}
			out = append(out, p[1:end])
			p = p[end+1:]
		default:
			end := strings.IndexAny(p, ".[")
			if end < 0 {
				return append(out, p)
			}
			out = append(out, p[:end])
			p = p[end:]
		}
	}
	return out
}
