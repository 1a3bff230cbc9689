package v1alpha1

import (
	"encoding/json"
	"maps"
)

// MergeContainers applies container changes by name: every field a change
// sets replaces the field of the container of that name (the fields it
// leaves out are kept). A change naming no container is ignored
// (validation reports it).
func MergeContainers(base, changes []Container) []Container {
	out := make([]Container, len(base))
	for i, c := range base {
		out[i] = c
		for _, ch := range changes {
			if ch.Name == c.Name {
				out[i] = mergeContainer(c, ch)
			}
		}
	}
	return out
}

// mergeContainer overlays the fields a change sets, by their JSON names:
// the change's JSON holds exactly the fields it sets (every field of
// Container is omitempty), so that a field added to Container is merged
// with no code to change here.
func mergeContainer(base, change Container) Container {
	var b, c map[string]json.RawMessage
	if json.Unmarshal(containerJSON(base), &b) != nil || json.Unmarshal(containerJSON(change), &c) != nil {
		return base
	}
	maps.Copy(b, c)
	var out Container
	if json.Unmarshal(containerJSON(b), &out) != nil {
		return base
	}
	return out
}

func containerJSON(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // Container always marshals: it holds no channels, funcs or cycles
	}
	return data
}

// firstServicePortName is the name of the Service's first port: the first
// container port with a servicePort, or the first of spec.ports.
func firstServicePortName(sp *ServiceSpecSpec) string {
	for _, c := range sp.Containers {
		for _, p := range c.Ports {
			if p.ServicePort != nil {
				return p.Name
			}
		}
	}
	if len(sp.Ports) > 0 {
		return sp.Ports[0].Name
	}
	return ""
}

// Governed reports whether the app has governance (serviceMesh.enabled).
func Governed(a *AppSpec) bool {
	return a.Spec.ServiceMesh != nil && a.Spec.ServiceMesh.Enabled
}
