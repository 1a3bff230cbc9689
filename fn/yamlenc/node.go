package yamlenc

import (
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// ToNode builds the yaml.v3 node tree of a JSON document: what the SDK
// encodes. (Reading JSON with a YAML parser would also work, but the
// parser folds the line breaks YAML 1.1 knows, NEL among them, into spaces
// inside quoted strings, which changes the data.)
func ToNode(js []byte) (*yaml.Node, error) {
	toks, err := tokenize(js)
	if err != nil {
		return nil, err
	}
	n, _, err := toNode(js, toks, 0)
	return n, err
}

func toNode(js []byte, toks []token, i int) (*yaml.Node, int, error) {
	t := toks[i]
	raw := string(js[t.start:t.end])
	switch t.kind {
	case tokObject, tokArray:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		if t.kind == tokArray {
			n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		}
		n.Content = make([]*yaml.Node, 0, 2*t.count)
		for k := i + 1; k < t.next; {
			c, next, err := toNode(js, toks, k)
			if err != nil {
				return nil, 0, err
			}
			n.Content = append(n.Content, c)
			k = next
		}
		return n, t.next, nil
	case tokString:
		s, err := unquote(js[t.start:t.end])
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}, i + 1, err
	case tokNumber:
		tag := "!!float"
		if _, ok := ParseInt(raw); ok {
			tag = "!!int" // as the resolver reads it back: int64, or uint64
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: raw}, i + 1, nil
	case tokTrue, tokFalse:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: raw}, i + 1, nil
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: raw}, i + 1, nil
}
