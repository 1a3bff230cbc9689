package console

import (
	"errors"
	"fmt"
	"maps"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/servicespec/servicespec/fn/internal/typedjson"
	"github.com/servicespec/servicespec/fn/yamlenc"
)

// Encode writes a generated object as YAML text: its fields in the Go
// struct's order (the order of the Kubernetes API reference), block style,
// without the fields the k8s.io/api types cannot omit by themselves (status,
// empty resources), apiVersion before kind, strings that YAML 1.1 would read
// as something else double-quoted. layout adds annotations and places the
// document (see yamlenc.Options: Annotations, Digest, Indent, Dash); its
// other fields are set here. The text is what the kpt SDK's encoder writes
// for the same object (EncodeNode). digest is the digest annotation's
// value, when layout asks for one.
func Encode(obj runtime.Object, layout yamlenc.Options) (text []byte, digest string, err error) {
	js, err := typedjson.Marshal(obj)
	if err != nil {
		return nil, "", fmt.Errorf("encoding %T: %w", obj, err)
	}
	opts := EncodingRules(layout.Annotations)
	opts.Indent, opts.Dash, opts.Digest = layout.Indent, layout.Dash, layout.Digest
	text, digest, err = yamlenc.Encode(js, opts)
	if errors.Is(err, yamlenc.ErrUnsupported) {
		return encodeThroughSDK(obj, js, layout)
	}
	return text, digest, err
}

// EncodingRules are servicespec's rules for generated objects on top of
// yaml.v3's own; Encode writes with them.
func EncodingRules(extra []yamlenc.Annotation) yamlenc.Options {
	return yamlenc.Options{
		Drop: func(key string, v yamlenc.Value) bool {
			return key == "status" && v.IsObject() || key == "resources" && v.IsEmptyObject()
		},
		Quote:         readsAsNonString,
		TypeMetaFirst: true,
		Annotations:   extra,
	}
}

// encodeThroughSDK is the SDK's encoding of the object, for the rare text
// the typed encoder does not write (a key over 128 bytes, say).
func encodeThroughSDK(obj runtime.Object, js []byte, layout yamlenc.Options) ([]byte, string, error) {
	extra := layout.Annotations
	var digest string
	if d := layout.Digest; d.Key != "" {
		var err error
		if digest, err = yamlenc.JSONDigest(js, d); err != nil {
			return nil, "", err
		}
		extra = append([]yamlenc.Annotation{{Key: d.Key, Value: digest, Sorted: true}}, extra...)
	}
	if hasSorted(extra) {
		obj = obj.DeepCopyObject()
		m, err := meta.Accessor(obj)
		if err != nil {
			return nil, "", err
		}
		a := maps.Clone(m.GetAnnotations())
		for _, x := range extra {
			if x.Sorted {
				a[x.Key] = x.Value
			}
		}
		m.SetAnnotations(a)
	}
	rn, err := EncodeNode(obj)
	if err != nil {
		return nil, "", err
	}
	o := fn.MoveToKubeObject(rn)
	for _, x := range extra {
		if !x.Sorted {
			if err := o.SetAnnotation(x.Key, x.Value); err != nil {
				return nil, "", err
			}
		}
	}
	return relayout([]byte(o.String()), layout), digest, nil
}

// relayout shifts a document's lines as layout asks (see yamlenc.Options).
func relayout(doc []byte, layout yamlenc.Options) []byte {
	if layout.Indent == 0 && !layout.Dash {
		return doc
	}
	out := make([]byte, 0, len(doc)+len(doc)/8)
	first := true
	for line := range strings.Lines(string(doc)) {
		switch {
		case first && layout.Dash:
			out = append(out, "- "...)
		case line != "\n":
			out = append(out, strings.Repeat(" ", layout.Indent)...)
		}
		first = false
		out = append(out, line...)
	}
	return out
}

func hasSorted(extra []yamlenc.Annotation) bool {
	for _, x := range extra {
		if x.Sorted {
			return true
		}
	}
	return false
}

// EncodeNode turns a typed object into a YAML node with the same content
// and styles as Encode writes; the SDK encodes it to the same text.
func EncodeNode(obj any) (*yaml.RNode, error) {
	b, err := typedjson.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("encoding %T: %w", obj, err)
	}
	node, err := yamlenc.ToNode(b)
	if err != nil {
		return nil, fmt.Errorf("encoding %T: %w", obj, err)
	}
	clean(node)
	return yaml.NewRNode(node), nil
}

// clean resets the JSON flow style to block style, drops status objects (a
// label named status is a string and stays) and empty resources, and puts
// apiVersion before kind.
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
		isMap := v.Kind == yaml.MappingNode
		if k.Value == "status" && isMap || k.Value == "resources" && isMap && len(v.Content) == 0 {
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
// (sigs.k8s.io/yaml): "yes", "on", "y", "0777", "1e3" and the like. Such strings are quoted; YAML 1.2 tools read them the same either
// way. This is YAML 1.1's resolver (go.yaml.in/yaml/v2), written out so that
// no document is parsed per string; a test holds it equal to a parse.
func readsAsNonString(s string) bool {
	if s == "" || len(s) > 64 || !strings.ContainsRune(yaml11Risky, rune(s[0])) {
		return false
	}
	if !yaml11Bool[s] && strings.Trim(s, yaml11NumberChars) != "" {
		return false // neither a boolean or null word nor made of number characters
	}
	switch {
	case s == "---" || s == "..." || s == "-" || strings.HasSuffix(s, ":"):
		return true // a document marker, a list or a mapping, not a scalar
	case yaml11Bool[s]:
		return true
	}
	// sigs.k8s.io/yaml hands timestamps back as the text they were written as.
	tag := yamlenc.PlainTag(s)
	return tag != "!!str" && tag != "!!timestamp"
}

// yaml11Risky holds the first characters of every YAML 1.1 boolean, null
// and number.
const yaml11Risky = "0123456789+-.~yYnNoOtTfF"

// yaml11NumberChars are the characters YAML 1.1 numbers are made of (ints in
// bases 2, 8, 10, 16, floats, .inf, .nan).
const yaml11NumberChars = "0123456789+-._:eExXoObBaAcCdDfFiInN"

// yaml11Bool are the YAML 1.1 booleans YAML 1.2 reads as strings (the 1.2
// ones, true and false, are quoted by yaml.v3 itself).
var yaml11Bool = map[string]bool{
	"y": true, "Y": true, "yes": true, "Yes": true, "YES": true, "n": true, "N": true, "no": true, "No": true, "NO": true,
	"on": true, "On": true, "ON": true, "off": true, "Off": true, "OFF": true,
	"true": true, "True": true, "TRUE": true, "false": true, "False": true, "FALSE": true,
	"~": true, "null": true, "Null": true, "NULL": true,
}
