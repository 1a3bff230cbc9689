package v1alpha1

import (
	"encoding/json"
	"maps"
	"strings"
)

// ReleaseSpec is the spec of the new version of a release, as the console
// derives the new workload from the running one: the same spec with the
// release's version, replicas and container changes. It has no
// autoscaler, disruption budget or release of its own: the console gives
// the new workload none. s must be defaulted.
func ReleaseSpec(s *ServiceSpec) *ServiceSpec {
	out := s.DeepCopy()
	sp, r := &out.Spec, s.Spec.Release
	sp.Version = r.Version
	sp.Replicas = r.Replicas
	sp.Autoscaling = nil
	sp.DisruptionBudget = nil
	sp.Release = nil
	sp.Containers = MergeContainers(sp.Containers, r.Containers)
	return out
}

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

// The traffic protocols of a release, as the console decides them.
const (
	ReleaseHTTP = "http"
	ReleaseTCP  = "tcp"
)

// ReleaseProtocol is how the console routes a release of the service: by
// HTTP when the name of the Service's first port starts with http, http2 or
// grpc (followed by "-" or nothing), by TCP otherwise. s must be defaulted.
func ReleaseProtocol(sp *ServiceSpecSpec) string {
	name := firstServicePortName(sp)
	prefix, _, _ := strings.Cut(strings.ToLower(name), "-")
	switch prefix {
	case "http", "http2", "grpc":
		return ReleaseHTTP
	}
	return ReleaseTCP
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
