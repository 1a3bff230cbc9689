package krm

import (
	"strconv"
	"strings"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/servicespec/servicespec/fn/yamlenc"
)

// textValue builds the data of a canonical item straight from its lines,
// without a node tree: the scanner has checked that the text is in the
// block layout this parser knows (and a test holds it equal to what a YAML
// reader makes of the same text).
func textValue(lines [][]byte, base int) (map[string]any, error) {
	p := &textParser{lines: make([]string, len(lines))}
	for i, l := range lines {
		s := textString(l[:len(l)-1])
		if i == 0 && base == 2 {
			s = "  " + s[2:]
		}
		p.lines[i] = s
	}
	m, err := p.mapping(base, nil)
	if err == nil && len(p.duplicates) > 0 {
		return nil, p.duplicates
	}
	return m, err
}

type textParser struct {
	lines      []string
	i          int
	duplicates ValueErrors // keys written twice; the first value is kept
}

func (p *textParser) duplicate(path Path, key string) {
	p.duplicates = append(p.duplicates, &ValueError{Path: path, Key: key, Detail: "the key " + strconv.Quote(key) + " is written twice", Duplicate: true})
}

// skipComments moves past comment lines.
func (p *textParser) skipComments() {
	for p.i < len(p.lines) && strings.HasPrefix(strings.TrimLeft(p.lines[p.i], " "), "#") {
		p.i++
	}
}

// mapping reads the entries whose keys sit at column indent.
func (p *textParser) mapping(indent int, path Path) (map[string]any, error) {
	m := map[string]any{}
	for {
		p.skipComments()
		if p.i >= len(p.lines) {
			return m, nil
		}
		line := p.lines[p.i]
		if indentOf(line) != indent || strings.HasPrefix(line[indent:], "- ") {
			return m, nil
		}
		if err := p.entry(m, line[indent:], indent, path); err != nil {
			return nil, err
		}
	}
}

// entry reads one "key: value" (and the lines of its value) into m.
func (p *textParser) entry(m map[string]any, content string, indent int, path Path) error {
	key, v, _ := splitKey(content)
	kp := path.child(key)
	p.i++
	val, err := p.value(v, indent, kp)
	if err != nil {
		return err
	}
	if _, dup := m[key]; dup {
		p.duplicate(kp, key)
		return nil
	}
	m[key] = val
	return nil
}

// value reads what follows "key:" or "- " whose key or dash is at column
// indent: a nested block, a literal block or a one-line scalar.
func (p *textParser) value(v string, indent int, path Path) (any, error) {
	if v == "" {
		p.skipComments()
		if p.i < len(p.lines) && strings.HasPrefix(p.lines[p.i][min(indent, len(p.lines[p.i])):], "- ") && indentOf(p.lines[p.i]) == indent {
			return p.sequence(indent, path)
		}
		return p.mapping(indent+2, path)
	}
	if strings.HasPrefix(v, "|") {
		return p.literal(v, indent+2), nil
	}
	text, _ := splitComment(v)
	return scalarData(text), nil
}

// sequence reads the "- " entries at column indent.
func (p *textParser) sequence(indent int, path Path) ([]any, error) {
	l := []any{}
	for {
		p.skipComments()
		if p.i >= len(p.lines) {
			return l, nil
		}
		line := p.lines[p.i]
		if indentOf(line) != indent || !strings.HasPrefix(line[indent:], "- ") {
			return l, nil
		}
		rest := line[indent+2:]
		ip := path.index(len(l))
		if k, _, isKey := splitKey(rest); isKey && k != "" && !strings.ContainsAny(rest[:1], "{['\"") {
			m := map[string]any{}
			if err := p.entry(m, rest, indent+2, ip); err != nil {
				return nil, err
			}
			more, err := p.mapping(indent+2, ip)
			if err != nil {
				return nil, err
			}
			for k, v := range more {
				if _, dup := m[k]; dup {
					p.duplicate(ip.child(k), k)
					continue
				}
				m[k] = v
			}
			l = append(l, m)
			continue
		}
		p.i++
		v, err := p.value(rest, indent, ip)
		if err != nil {
			return nil, err
		}
		l = append(l, v)
	}
}

// literal reads a literal block whose lines sit at column indent.
func (p *textParser) literal(indicator string, indent int) string {
	var b strings.Builder
	for ; p.i < len(p.lines); p.i++ {
		l := p.lines[p.i]
		if l == "" {
			b.WriteByte('\n')
			continue
		}
		if indentOf(l) < indent {
			break
		}
		b.WriteString(l[indent:])
		b.WriteByte('\n')
	}
	v := b.String()
	if strings.HasSuffix(indicator, "-") {
		v = strings.TrimSuffix(v, "\n")
	}
	return v
}

// scalarData is the data of a one-line canonical scalar or flow collection.
func scalarData(text string) any {
	switch text[0] {
	case '{', '[':
		v, _, _ := parseFlow(text)
		return resolveFlow(v)
	case '\'', '"':
		v, _, _ := canonicalScalar(text)
		return v
	}
	return plainScalar(text)
}

// resolveFlow turns the scalars of a parsed flow collection into data.
func resolveFlow(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = resolveFlow(e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = resolveFlow(e)
		}
		return x
	case flowScalar:
		if x.plain {
			return plainScalar(x.value)
		}
		return x.value
	}
	return v
}

// plainScalar resolves a plain scalar as the YAML reader does: null,
// booleans, numbers, timestamps (as text), and strings.
func plainScalar(s string) any {
	if yamlenc.PlainIsString(s) {
		return s
	}
	v, err := scalarValue(&yaml.Node{Kind: yaml.ScalarNode, Tag: yamlenc.PlainTag(s), Value: s}, nil)
	if err != nil {
		return s
	}
	return v
}
