package render

import (
	"encoding/json"
	"fmt"

	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// Encode turns a typed object into a YAML node in the Go struct's field order
// (the order of the Kubernetes API reference), block style, without the
// fields the k8s.io/api types cannot omit by themselves.
func Encode(obj any) (*yaml.RNode, error) {
	b, err := json.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("encoding %T: %w", obj, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil { // JSON is YAML; key order is kept
		return nil, fmt.Errorf("encoding %T: %w", obj, err)
	}
	node := doc.Content[0]
	clean(node)
	return yaml.NewRNode(node), nil
}

// clean resets the JSON flow style to block style, drops status (generated
// objects never carry one, but k8s.io/api types always write it) and empty
// resources (a non-pointer struct field encoding/json writes as {}), and
// puts apiVersion before kind, as manifests are written.
func clean(n *yaml.Node) {
	n.Style = 0
	for _, c := range n.Content {
		clean(c)
	}
	if n.Kind != yaml.MappingNode {
		return
	}
	kept := n.Content[:0]
	for i := 0; i < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Value == "status" || (k.Value == "resources" && v.Kind == yaml.MappingNode && len(v.Content) == 0) {
			continue
		}
		kept = append(kept, k, v)
	}
	n.Content = kept
	if len(kept) >= 4 && kept[0].Value == "kind" && kept[2].Value == "apiVersion" {
		kept[0], kept[1], kept[2], kept[3] = kept[2], kept[3], kept[0], kept[1]
	}
}
