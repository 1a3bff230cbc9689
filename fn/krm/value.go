package krm

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/servicespec/servicespec/fn/yamlenc"
)

// ValueError is a problem converting an item to data, at the place it
// happens (a key written twice, aliases that expand too far...).
type ValueError struct {
	Path   Path
	Key    string // the key written twice, for Duplicate
	Detail string
	// Duplicate: a key written twice (the first value is kept).
	Duplicate bool
}

func (e *ValueError) Error() string {
	if len(e.Path) == 0 {
		return e.Detail
	}
	return e.Path.Field().String() + ": " + e.Detail
}

// Path is where a value sits in an item's data: keys and list indexes.
// Only the item's type tells a struct field from a map key, so a caller
// that knows the type writes it as a field.Path itself.
type Path []Step

// Step is one key, or one list index (Index >= 0).
type Step struct {
	Key   string
	Index int
}

// child is the path one key further.
func (p Path) child(key string) Path { return append(p[:len(p):len(p)], Step{Key: key, Index: -1}) }

// index is the path one list index further.
func (p Path) index(i int) Path { return append(p[:len(p):len(p)], Step{Index: i}) }

// String writes the path as validation writes paths: .key for a plain
// key (an identifier), [key] for any other (an annotation's), [i] for an
// index.
func (p Path) String() string {
	var out string
	for _, s := range p {
		if s.Index >= 0 {
			out += "[" + strconv.Itoa(s.Index) + "]"
		} else {
			out = FieldPath(out, s.Key)
		}
	}
	return out
}

// FieldPath is a path one key further, as Path.String writes it.
func FieldPath(p, key string) string {
	switch {
	case !identifier(key):
		return p + "[" + key + "]"
	case p == "":
		return key
	}
	return p + "." + key
}

// identifier reports whether a key is written .key.
func identifier(k string) bool {
	for i, c := range k {
		letter := c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return k != ""
}

// Field writes the path with every key as a field name.
func (p Path) Field() *field.Path {
	var f *field.Path
	for _, s := range p {
		switch {
		case s.Index >= 0:
			f = f.Index(s.Index)
		case f == nil:
			f = field.NewPath(s.Key)
		default:
			f = f.Child(s.Key)
		}
	}
	return f
}

// ValueErrors are every key written twice in an item (the first value of
// each is kept).
type ValueErrors []*ValueError

func (e ValueErrors) Error() string {
	msgs := make([]string, len(e))
	for i, x := range e {
		msgs[i] = x.Error()
	}
	return strings.Join(msgs, "; ")
}

// Value converts the item to JSON-like data, as a YAML reader does:
// map[string]any, []any, string, int64, uint64, float64, bool and nil,
// with aliases and merge keys resolved. Keys written twice are an error at
// their path. Aliases may expand the tree by a bounded amount only, so an
// "alias bomb" costs little: the expansion is measured in nodes and in the
// bytes of the scalars it produces.
func (it *Item) Value() (map[string]any, error) {
	if it.text != nil && it.node == nil {
		base := 0
		if it.entry {
			base = 2
		}
		return textValue(it.text, base)
	}
	n, err := it.Node()
	if err != nil {
		return nil, err
	}
	size := treeSize(n)
	c := &converter{nodes: maxExpansion + 2*size.nodes, bytes: maxExpansionBytes + 4*size.bytes}
	v, err := c.value(n, nil)
	if err != nil {
		return nil, err
	}
	if len(c.duplicates) > 0 {
		return nil, c.duplicates
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, ErrNotAnObject
	}
	return m, nil
}

// As decodes the item's data into a Go type by its json tags, as the SDK's
// KubeObject.As does: the one typed view of an item. Unknown fields are
// ignored.
func (it *Item) As(ptr any) error {
	v, err := it.Value()
	if err != nil {
		return err
	}
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, ptr)
}

// The expansion allowed on top of (twice) the tree itself.
const (
	maxExpansion      = 100_000
	maxExpansionBytes = 8 << 20
)

type sizes struct{ nodes, bytes int }

// treeSize counts the nodes and scalar bytes of a tree, not following aliases.
func treeSize(n *yaml.Node) sizes {
	s := sizes{nodes: 1, bytes: len(n.Value)}
	for _, c := range n.Content {
		cs := treeSize(c)
		s.nodes += cs.nodes
		s.bytes += cs.bytes
	}
	return s
}

type converter struct {
	nodes, bytes int // what is left of the budget
	active       []*yaml.Node
	// outer is the path of the outermost alias being expanded: where the
	// expansion that ran out of budget is written.
	outer      Path
	duplicates ValueErrors
}

func (c *converter) spend(n *yaml.Node, p Path) error {
	c.nodes--
	c.bytes -= len(n.Value)
	if c.nodes < 0 || c.bytes < 0 {
		if c.outer != nil {
			p = c.outer
		}
		return &ValueError{Path: p, Detail: "its aliases expand to far more data than the document holds (an \"alias bomb\"); write the values out"}
	}
	return nil
}

func (c *converter) value(n *yaml.Node, p Path) (any, error) {
	if err := c.spend(n, p); err != nil {
		return nil, err
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return c.value(n.Content[0], p)
	case yaml.AliasNode:
		return c.alias(n, p)
	case yaml.MappingNode:
		return c.mapping(n, p)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for i, e := range n.Content {
			v, err := c.value(e, p.index(i))
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.ScalarNode:
		return scalarValue(n, p)
	}
	return nil, &ValueError{Path: p, Detail: fmt.Sprintf("unexpected YAML node kind %d", n.Kind)}
}

func (c *converter) alias(n *yaml.Node, p Path) (any, error) {
	for _, a := range c.active {
		if a == n.Alias {
			return nil, &ValueError{Path: p, Detail: "the alias *" + n.Value + " refers to a value that contains it"}
		}
	}
	if n.Alias == nil {
		return nil, &ValueError{Path: p, Detail: "unknown alias *" + n.Value}
	}
	if len(c.active) == 0 {
		c.outer = p
	}
	c.active = append(c.active, n.Alias)
	defer func() { c.active = c.active[:len(c.active)-1] }()
	return c.value(n.Alias, p)
}

// mapping converts a mapping; "<<" merge keys bring in the entries of the
// mappings they name, which the mapping's own keys override.
func (c *converter) mapping(n *yaml.Node, p Path) (any, error) {
	out := make(map[string]any, len(n.Content)/2)
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Value == "<<" && (k.Tag == "!!merge" || k.Tag == "") {
			merges = append(merges, v)
			continue
		}
		key, err := keyString(k, p)
		if err != nil {
			return nil, err
		}
		kp := p.child(key)
		if _, dup := out[key]; dup {
			c.duplicates = append(c.duplicates, &ValueError{Path: kp, Key: key, Detail: "the key " + strconv.Quote(key) + " is written twice", Duplicate: true})
			continue
		}
		val, err := c.value(v, kp)
		if err != nil {
			return nil, err
		}
		out[key] = val
	}
	for _, m := range merges {
		if err := c.merge(out, m, p); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (c *converter) merge(into map[string]any, m *yaml.Node, p Path) error {
	target := m
	if m.Kind == yaml.AliasNode {
		target = m.Alias
	}
	var sources []*yaml.Node
	switch {
	case target != nil && target.Kind == yaml.MappingNode:
		sources = []*yaml.Node{m}
	case target != nil && target.Kind == yaml.SequenceNode:
		sources = target.Content
	default:
		return &ValueError{Path: p.child("<<"), Detail: "a merge key must name a mapping or a list of mappings"}
	}
	for _, s := range sources {
		v, err := c.value(s, p)
		if err != nil {
			return err
		}
		mm, ok := v.(map[string]any)
		if !ok {
			return &ValueError{Path: p.child("<<"), Detail: "a merge key must name a mapping or a list of mappings"}
		}
		for k, val := range mm {
			if _, set := into[k]; !set {
				into[k] = val
			}
		}
	}
	return nil
}

// keyString is a mapping key as text: keys are strings in JSON, so a key
// written as a number or a boolean keeps its spelling.
func keyString(k *yaml.Node, p Path) (string, error) {
	if k.Kind == yaml.AliasNode && k.Alias != nil {
		k = k.Alias
	}
	if k.Kind != yaml.ScalarNode {
		return "", &ValueError{Path: p, Detail: "a mapping key is itself a mapping or a list; keys must be strings"}
	}
	return k.Value, nil
}

// scalarValue is a scalar as the YAML reader resolves it.
func scalarValue(n *yaml.Node, p Path) (any, error) {
	v := n.Value
	switch n.ShortTag() {
	case "!!str":
		return v, nil
	case "!!null":
		return nil, nil
	case "!!bool":
		switch v {
		case "true", "True", "TRUE":
			return true, nil
		case "false", "False", "FALSE":
			return false, nil
		}
	case "!!int":
		if i, ok := yamlenc.ParseInt(v); ok {
			return i, nil
		}
	case "!!float":
		f, err := strconv.ParseFloat(strings.ReplaceAll(v, "_", ""), 64)
		if err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return f, nil
		}
		if f, ok := specialFloat(v); ok {
			return nil, &ValueError{Path: p, Detail: fmt.Sprintf("%v is not a number JSON can hold", f)}
		}
	case "!!timestamp":
		for _, f := range []string{"2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999", "2006-1-2"} {
			if t, err := time.Parse(f, v); err == nil {
				return t.UTC().Format(time.RFC3339Nano), nil
			}
		}
	case "!!binary":
		b, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(v), ""))
		if err == nil {
			return string(b), nil
		}
	default:
		return v, nil // an application tag: the value as written
	}
	return nil, &ValueError{Path: p, Detail: fmt.Sprintf("%q is not a valid %s", v, n.ShortTag())}
}

func specialFloat(v string) (float64, bool) {
	switch strings.ToLower(strings.TrimPrefix(v, "+")) {
	case ".inf":
		return math.Inf(1), true
	case "-.inf":
		return math.Inf(-1), true
	case ".nan":
		return math.NaN(), true
	}
	return 0, false
}
