package render

import (
	"encoding/json"
	"fmt"
	"strings"

	sigsyaml "sigs.k8s.io/yaml"

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
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && readsAsNonString(n.Value) {
		n.Style = yaml.DoubleQuotedStyle
	}
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

// readsAsNonString reports whether a plain scalar would not read back as this
// string under YAML 1.1, which kubectl and most Kubernetes tooling use
// (sigs.k8s.io/yaml): "yes", "on", "y", "0777", "1:20" and the like. Such
// strings are quoted; YAML 1.2 tools read them the same either way.
func readsAsNonString(s string) bool {
	if s == "" || len(s) > 64 || !strings.ContainsRune(yaml11Risky, rune(s[0])) {
		return false
	}
	if !yaml11Word[strings.ToLower(s)] && strings.Trim(s, yaml11NumberChars) != "" {
		return false // neither a boolean or null word nor made of number characters
	}
	j, err := sigsyaml.YAMLToJSON([]byte(s))
	if err != nil {
		return true
	}
	var back string
	return json.Unmarshal(j, &back) != nil || back != s
}

// yaml11Risky holds the first characters of every YAML 1.1 boolean, null
// and number.
const yaml11Risky = "0123456789+-.~yYnNoOtTfF"

// yaml11NumberChars are the characters YAML 1.1 numbers are made of (ints in
// bases 2, 8, 10, 16 and 60, floats, .inf, .nan).
const yaml11NumberChars = "0123456789+-._:eExXoObBaAcCdDfFiInN"

// yaml11Word are the YAML 1.1 booleans and nulls, lowercased.
var yaml11Word = map[string]bool{"y": true, "n": true, "yes": true, "no": true, "on": true, "off": true,
	"true": true, "false": true, "null": true, "~": true}
