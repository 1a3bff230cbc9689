package krm

import (
	"strconv"
	"strings"

	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/kustomize/kyaml/kio/kioutil"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// The legacy path, index and id keys. kyaml deprecates them, but kpt still
// reads and sends them and the contract writes both forms.
const (
	LegacyPathAnnotation  = "config.kubernetes.io/path"
	LegacyIndexAnnotation = "config.kubernetes.io/index"
	LegacyIDAnnotation    = "config.k8s.io/id"
	LocalConfigAnnotation = "config.kubernetes.io/local-config"
)

// Header is what is read of every item without parsing it: its identity
// and its annotations whose values are strings. Identity fields that are
// not strings read as "", as the SDK reads them.
type Header struct {
	APIVersion, Kind, Namespace, Name string
	Annotations                       []Annotation
	// LocalConfigExact: config.kubernetes.io/local-config is the string
	// "true", in quotes, so that setting it again changes no byte.
	LocalConfigExact bool
}

// Annotation is one metadata.annotations entry.
type Annotation struct{ Key, Value string }

// Annotation returns the value of an annotation and whether it is set.
func (h *Header) Annotation(key string) (string, bool) {
	for _, a := range h.Annotations {
		if a.Key == key {
			return a.Value, true
		}
	}
	return "", false
}

// GroupVersionKind of the item.
func (h *Header) GroupVersionKind() schema.GroupVersionKind {
	return schema.FromAPIVersionAndKind(h.APIVersion, h.Kind)
}

// Path is the item's path annotation, internal or legacy.
func (h *Header) Path() string {
	if p, _ := h.Annotation(kioutil.PathAnnotation); p != "" {
		return p
	}
	p, _ := h.Annotation(LegacyPathAnnotation)
	return p
}

// Index is the item's index annotation, internal or legacy; -1 if absent.
func (h *Header) Index() int {
	v, _ := h.Annotation(kioutil.IndexAnnotation)
	if v == "" {
		v, _ = h.Annotation(LegacyIndexAnnotation)
	}
	i, err := strconv.Atoi(v)
	if err != nil {
		return -1
	}
	return i
}

// IsLocalConfig is the SDK's test: the annotation is set to anything but
// "" or "false".
func (h *Header) IsLocalConfig() bool {
	v, _ := h.Annotation(LocalConfigAnnotation)
	return v != "" && v != "false"
}

// SortID is the key the SDK sorts items by.
func (h *Header) SortID() string {
	return h.APIVersion + " " + h.Kind + " " + h.Namespace + " " + h.Name
}

// IsOrchestratorAnnotation reports keys that belong to the KRM orchestrator
// (paths, indexes and ids of kpt and kustomize), not to the object.
func IsOrchestratorAnnotation(key string) bool {
	return strings.HasPrefix(key, "internal.config.kubernetes.io/") || strings.HasPrefix(key, "kustomize.config.k8s.io/") ||
		key == LegacyPathAnnotation || key == LegacyIndexAnnotation || key == LegacyIDAnnotation
}

// headerOf reads the header of a parsed item as the SDK reads it.
func headerOf(n *yaml.Node) Header {
	var h Header
	if n == nil || n.Kind != yaml.MappingNode {
		return h
	}
	h.APIVersion = stringField(n, "apiVersion")
	h.Kind = stringField(n, "kind")
	meta := entryValue(n, "metadata")
	if meta == nil || meta.Kind != yaml.MappingNode {
		return h
	}
	h.Name = stringField(meta, "name")
	h.Namespace = stringField(meta, "namespace")
	annotations := entryValue(meta, "annotations")
	if annotations == nil || annotations.Kind != yaml.MappingNode {
		return h
	}
	for i := 0; i+1 < len(annotations.Content); i += 2 {
		k, v := annotations.Content[i], annotations.Content[i+1]
		if k.Kind != yaml.ScalarNode || v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
			continue
		}
		if _, dup := h.Annotation(k.Value); dup {
			continue // the first one wins, as in the SDK's lookups
		}
		h.Annotations = append(h.Annotations, Annotation{k.Value, v.Value})
		if k.Value == LocalConfigAnnotation {
			h.LocalConfigExact = v.Value == "true" && (v.Style == yaml.DoubleQuotedStyle || v.Style == yaml.SingleQuotedStyle)
		}
	}
	return h
}

// entryValue is the value of a mapping's first entry with that key.
func entryValue(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// stringField is the value of a string-tagged scalar entry, "" otherwise.
func stringField(n *yaml.Node, key string) string {
	v := entryValue(n, key)
	if v == nil || v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
		return ""
	}
	return v.Value
}
