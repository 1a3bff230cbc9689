// Command schemagen turns the CRD that controller-gen generates from the Go
// types into a strict JSON Schema for editors and validators:
//
//	go run ./fn/internal/schemagen schemas/servicespec.dev_servicespecs.yaml schemas/servicespec.schema.json
//	go run ./fn/internal/schemagen schemas/servicespec.dev_appspecs.yaml schemas/appspec.schema.json
//
// It closes every object that lists its properties (additionalProperties:
// false, as the decoder rejects unknown fields), spells int-or-string as
// anyOf, describes apiVersion, kind and metadata, which a CRD leaves open,
// and refuses, for each spec.type, the fields that type does not accept
// (the same table the function validates with), and the fields no render
// can honour (api.RefusedFields, which the function refuses too), so that
// editors flag them before a render.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"sigs.k8s.io/yaml"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// schema is a JSON Schema document: an open-ended tree, read from the CRD.
type schema = map[string]any

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: schemagen CRD_YAML OUT_JSON")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "schemagen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var crd struct {
		Spec struct {
			Names struct {
				Kind string `json:"kind"`
			} `json:"names"`
			Versions []struct {
				Name   string `json:"name"`
				Schema struct {
					OpenAPIV3Schema schema `json:"openAPIV3Schema"`
				} `json:"schema"`
			} `json:"versions"`
		} `json:"spec"`
	}
	if err := yaml.Unmarshal(raw, &crd); err != nil { // only the schema is read
		return err
	}
	if len(crd.Spec.Versions) != 1 {
		return fmt.Errorf("%s: want exactly one version, found %d", in, len(crd.Spec.Versions))
	}
	s := crd.Spec.Versions[0].Schema.OpenAPIV3Schema
	kind := crd.Spec.Names.Kind
	convert(s)
	props := s["properties"].(schema)
	props["apiVersion"] = schema{"const": "servicespec.dev/" + crd.Spec.Versions[0].Name}
	props["kind"] = schema{"const": kind}
	props["metadata"] = metadataSchema(kind)
	if kind == api.Kind {
		spec := props["spec"].(schema)
		spec["allOf"] = typeRules(spec)
		if err := refuse(props, api.RefusedFields); err != nil {
			return fmt.Errorf("%s: %w", in, err)
		}
	}
	s["required"] = []any{"apiVersion", "kind", "metadata", "spec"}
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = "https://servicespec.dev/schemas/v1alpha1/" + filepath.Base(out)
	s["title"] = kind
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return err
	}
	return os.WriteFile(out, buf.Bytes(), 0o644)
}

// convert rewrites the Kubernetes OpenAPI extensions into plain JSON Schema.
func convert(s schema) {
	if s["x-kubernetes-int-or-string"] == true {
		delete(s, "type")
		s["anyOf"] = []any{schema{"type": "integer"}, schema{"type": "string"}}
	}
	for k := range s {
		if len(k) > 2 && k[:2] == "x-" {
			delete(s, k)
		}
	}
	if props, ok := s["properties"].(schema); ok {
		if _, set := s["additionalProperties"]; !set {
			s["additionalProperties"] = false
		}
		for _, p := range props {
			convert(p.(schema))
		}
	}
	if items, ok := s["items"].(schema); ok {
		convert(items)
	}
	if ap, ok := s["additionalProperties"].(schema); ok {
		convert(ap)
	}
}

// metadataSchema describes metadata: a ServiceSpec is named as its Service
// (a DNS-1035 label), an AppSpec as its Application (a DNS-1123 label).
func metadataSchema(kind string) schema {
	stringMap := schema{"type": "object", "additionalProperties": schema{"type": "string"}}
	name := schema{
		"description": "The Service name: a DNS-1035 label.",
		"type":        "string", "maxLength": 63, "pattern": "^[a-z]([-a-z0-9]*[a-z0-9])?$",
	}
	if kind == api.AppKind {
		name = schema{
			"description": "The app's name: a DNS-1123 label.",
			"type":        "string", "maxLength": 63, "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
		}
	}
	return schema{
		"type":     "object",
		"required": []any{"name"},
		"properties": schema{
			"name": name,
			"namespace": schema{
				"description": "Copied onto every generated object.",
				"type":        "string", "maxLength": 63, "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
			},
			"labels":      stringMap,
			"annotations": stringMap,
		},
	}
}

// typeRules are the spec's per-type rules: for each type, an if/then that
// forbids the fields it does not accept (a boolean or string field may
// still hold its zero value, which the function treats as unset), plus the
// table's "required" and "exactly one" cells and the Stateful exposure rule.
func typeRules(spec schema) []any {
	props := spec["properties"].(schema)
	var rules []any
	for _, t := range props["type"].(schema)["enum"].([]any) {
		forbidden := schema{}
		for _, name := range slices.Sorted(maps.Keys(props)) {
			accepting := api.AcceptingTypes(name)
			if accepting == nil || slices.Contains(accepting, api.ServiceType(t.(string))) {
				continue
			}
			forbidden[name] = unsetOnly(props[name].(schema))
		}
		then := schema{"properties": forbidden}
		switch api.ServiceType(t.(string)) {
		case api.External:
			then["required"] = []any{"externalName"}
		case api.Workload:
			then["oneOf"] = []any{schema{"required": []any{"selector"}}, schema{"required": []any{"workloadRef"}}}
		}
		rules = append(rules, schema{"if": typeIs(t), "then": then})
	}
	// A Stateful service is exposed only through its virtual IP.
	return append(rules, schema{
		"if":   schema{"allOf": []any{typeIs(string(api.Stateful)), schema{"not": schema{"required": []any{"access"}, "properties": schema{"access": schema{"const": string(api.VirtualIP)}}}}}},
		"then": schema{"properties": schema{"externalAccess": unsetOnly(props["externalAccess"].(schema))}},
	})
}

// refuse replaces the schema of each refused field (a dotted path from the
// object's top) by one no value matches, whose description says why.
func refuse(props schema, refused map[string]string) error {
	for _, path := range slices.Sorted(maps.Keys(refused)) {
		steps := strings.Split(path, ".")
		at := props
		for _, step := range steps[:len(steps)-1] {
			next, ok := at[step].(schema)
			if !ok {
				return fmt.Errorf("no field %s to refuse", path)
			}
			if at, ok = next["properties"].(schema); !ok {
				return fmt.Errorf("no field %s to refuse", path)
			}
		}
		last := steps[len(steps)-1]
		if _, ok := at[last]; !ok {
			return fmt.Errorf("no field %s to refuse", path)
		}
		at[last] = schema{"description": "Refused: " + refused[path] + ".", "not": schema{}}
	}
	return nil
}

func typeIs(t any) schema {
	return schema{"required": []any{"type"}, "properties": schema{"type": schema{"const": t}}}
}

// unsetOnly is the schema of a field that must be absent, or hold the zero
// value of a boolean or string.
func unsetOnly(field schema) any {
	switch field["type"] {
	case "boolean":
		return schema{"const": false}
	case "string":
		return schema{"const": ""}
	}
	return false
}
