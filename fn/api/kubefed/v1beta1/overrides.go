package v1beta1

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	jsonpatch "gopkg.in/evanphx/json-patch.v4"
)

// ApplyOverrides applies one cluster's overrides to an object (the
// template as a cluster receives it) as kubefed's sync controller does: a
// JSON Patch whose operations default to replace, applied with the JSON
// Patch library kubefed uses. The patched object is decoded into out.
func ApplyOverrides(obj any, overrides []ClusterOverride, out any) error {
	ops := make([]map[string]any, 0, len(overrides))
	for _, o := range overrides {
		op := map[string]any{"op": o.Op, "path": o.Path}
		if o.Op == "" {
			op["op"] = "replace"
		}
		if len(o.Value.Raw) > 0 {
			op["value"] = json.RawMessage(o.Value.Raw)
		}
		ops = append(ops, op)
	}
	patchJSON, err := json.Marshal(ops)
	if err != nil {
		return err
	}
	patch, err := jsonpatch.DecodePatch(patchJSON)
	if err != nil {
		return err
	}
	doc, err := json.Marshal(obj)
	if err != nil {
		return err
	}
	patched, err := patch.Apply(doc)
	if err != nil {
		return fmt.Errorf("applying the overrides: %w", err)
	}
	return json.Unmarshal(patched, out)
}

// OverridesOf returns a cluster's overrides among an object's.
func OverridesOf(overrides []Override, cluster string) []ClusterOverride {
	for _, o := range overrides {
		if o.ClusterName == cluster {
			return o.ClusterOverrides
		}
	}
	return nil
}

// SortIndependent sorts a cluster's overrides by path when their order
// does not matter: no path is another's or lies under another's, so each
// operation touches what no other does and kubefed's patch gives the same
// object in any order. (The console writes a changed container's fields in
// the order its form gave them.) Overrides whose order matters are left.
func SortIndependent(ops []ClusterOverride) {
	paths := make([]string, len(ops))
	for i, o := range ops {
		paths[i] = o.Path
	}
	slices.Sort(paths)
	// A path's ancestors sort before it, but not always right before it
	// (/a, /a-b, /a/x): each is checked against every earlier one.
	for i := range paths {
		for _, earlier := range paths[:i] {
			if paths[i] == earlier || strings.HasPrefix(paths[i], earlier+"/") {
				return
			}
		}
	}
	slices.SortStableFunc(ops, func(a, b ClusterOverride) int { return strings.Compare(a.Path, b.Path) })
}
