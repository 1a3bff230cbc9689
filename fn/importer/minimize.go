package importer

import (
	"bytes"
	"encoding/json"
	"slices"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// minimize removes every field of the spec that the defaults give back:
// top-down, a field (a whole subtree first) is left out when the spec
// still renders the same objects without it. What remains is the smallest
// spec the service needs.
func minimize(spec *api.ServiceSpec, s *service) *api.ServiceSpec {
	data, err := asData(spec)
	if err != nil {
		return spec
	}
	body, ok := data["spec"].(map[string]any)
	if !ok {
		return spec
	}
	still := func() bool {
		candidate, errs := api.DecodeValue(data)
		return len(errs) == 0 && prove(candidate, s) == nil
	}
	prune(body, still, true)
	out, errs := api.DecodeValue(data)
	if len(errs) > 0 {
		return spec
	}
	return out
}

// prune tries to leave out each key of m in turn, keeping what still needs.
// The spec's type is never left out.
func prune(m map[string]any, still func() bool, top bool) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if top && k == "type" {
			continue
		}
		v := m[k]
		delete(m, k)
		if still() {
			continue
		}
		m[k] = v
		descend(v, still)
	}
}

func descend(v any, still func() bool) {
	switch t := v.(type) {
	case map[string]any:
		prune(t, still, false)
	case []any:
		for _, e := range t {
			if em, ok := e.(map[string]any); ok {
				prune(em, still, false)
			}
		}
	}
}

// asData is the spec as JSON data, numbers kept exact.
func asData(spec *api.ServiceSpec) (map[string]any, error) {
	js, err := json.Marshal(spec)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.UseNumber()
	var data map[string]any
	return data, dec.Decode(&data)
}
