package function

import (
	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// duplicateKeys finds every mapping key written twice. YAML forbids them
// and the JSON conversion stops at the first with a message that names a
// line of the whole ResourceList; this names the field instead.
func duplicateKeys(n *yaml.Node, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			errs = append(errs, duplicateKeys(c, p)...)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			errs = append(errs, duplicateKeys(c, p.Index(i))...)
		}
	case yaml.MappingNode:
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i].Value
			kp := childOf(p, key)
			if seen[key] {
				errs = append(errs, field.Duplicate(kp, key+" (the key is written twice)"))
				continue
			}
			seen[key] = true
			errs = append(errs, duplicateKeys(n.Content[i+1], kp)...)
		}
	}
	return errs
}

func childOf(p *field.Path, name string) *field.Path {
	if p == nil {
		return field.NewPath(name)
	}
	return p.Child(name)
}
