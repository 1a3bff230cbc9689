package console

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"k8s.io/apimachinery/pkg/api/equality"
)

// How the console derives the spec of what it runs beside a service: the
// new version of a grayscale release, and a member cluster's copy of a
// placed service.

// ReleaseSpec is the spec of the new version of a release, as the console
// derives the new workload from the running one: the same spec with the
// release's version, replicas and container changes. It has no
// autoscaler, disruption budget or release of its own: the console gives
// the new workload none. s must be defaulted.
func ReleaseSpec(s *api.ServiceSpec) *api.ServiceSpec {
	out := s.DeepCopy()
	sp, r := &out.Spec, s.Spec.Release
	sp.Version = r.Version
	sp.Replicas = r.Replicas
	sp.Autoscaling = nil
	sp.DisruptionBudget = nil
	sp.Release = nil
	sp.Containers = api.MergeContainers(sp.Containers, r.Containers)
	return out
}

// ClusterSpec is the spec one member cluster runs: the spec with that
// cluster's replicas, container changes and claim template changes (the
// spec itself when the cluster has no overrides). s must be defaulted.
func ClusterSpec(s *api.ServiceSpec, cluster string) *api.ServiceSpec {
	o, ok := s.Spec.Placement.Overrides[cluster]
	if !ok {
		return s
	}
	out := s.DeepCopy()
	sp := &out.Spec
	if o.Replicas != nil {
		sp.Replicas = o.Replicas
	}
	sp.Containers = api.MergeContainers(sp.Containers, o.Containers)
	for _, ch := range o.VolumeClaimTemplates {
		for i := range sp.VolumeClaimTemplates {
			if sp.VolumeClaimTemplates[i].Name == ch.Name {
				mergeClaim(&sp.VolumeClaimTemplates[i], ch)
			}
		}
	}
	return out
}

// mergeClaim applies the size, class and access modes a change sets.
func mergeClaim(c *api.VolumeClaimTemplate, ch api.VolumeClaimTemplate) {
	if ch.Size != "" {
		c.Size = ch.Size
	}
	if ch.StorageClassName != nil {
		c.StorageClassName = ch.StorageClassName
	}
	if ch.AccessModes != nil {
		c.AccessModes = ch.AccessModes
	}
}

// Placed reports whether a placed service runs in a cluster.
func Placed(s *api.ServiceSpec, cluster string) bool {
	for _, c := range s.Spec.Placement.Clusters {
		if c == cluster {
			return true
		}
	}
	return false
}

// clusterOverrideOf is what a cluster's spec changes of the spec, the
// inverse of ClusterSpec: replicas,
// containers (the fields that differ, by name) and claim templates.
func clusterOverrideOf(spec, there *api.ServiceSpec) (*api.ClusterOverride, error) {
	o := &api.ClusterOverride{}
	if !equality.Semantic.DeepEqual(spec.Spec.Replicas, there.Spec.Replicas) {
		o.Replicas = there.Spec.Replicas
	}
	if len(spec.Spec.Containers) != len(there.Spec.Containers) {
		return nil, fmt.Errorf("its overrides add or remove containers")
	}
	for i, c := range there.Spec.Containers {
		ch, err := containerChange(spec.Spec.Containers[i], c)
		if err != nil {
			return nil, err
		}
		if ch != nil {
			o.Containers = append(o.Containers, *ch)
		}
	}
	for i, c := range there.Spec.VolumeClaimTemplates {
		b := spec.Spec.VolumeClaimTemplates[i]
		ch := api.VolumeClaimTemplate{Name: c.Name}
		if c.Size != b.Size {
			ch.Size = c.Size
		}
		if !equality.Semantic.DeepEqual(c.StorageClassName, b.StorageClassName) {
			ch.StorageClassName = c.StorageClassName
		}
		if !slices.Equal(c.AccessModes, b.AccessModes) {
			ch.AccessModes = c.AccessModes
		}
		if !equality.Semantic.DeepEqual(ch, api.VolumeClaimTemplate{Name: c.Name}) {
			o.VolumeClaimTemplates = append(o.VolumeClaimTemplates, ch)
		}
	}
	return o, nil
}

// containerChange is the change of a container: its name and every field
// that differs; nil when none does. A field the cluster's container drops
// cannot be a change (an override replaces, it does not remove).
func containerChange(base, there api.Container) (*api.Container, error) {
	change, dropped, err := changedFields(base, there)
	if err != nil {
		return nil, err
	}
	if dropped != "" {
		return nil, fmt.Errorf("container %s has no %s in it, which an override cannot remove", base.Name, dropped)
	}
	if len(change) == 0 {
		return nil, nil
	}
	out, err := containerOf(change, there.Name)
	return &out, err
}

// releaseContainerChanges are the fields of each new container that differ from
// the running one's, by name. A field the new version drops cannot be
// expressed (a change only sets fields).
func releaseContainerChanges(running, next []api.Container) ([]api.Container, error) {
	if len(running) != len(next) {
		return nil, fmt.Errorf("the new version has %d containers, the running one %d: a release changes containers, it does not add or remove them", len(next), len(running))
	}
	var out []api.Container
	for i, n := range next {
		o := running[i]
		if o.Name != n.Name {
			return nil, fmt.Errorf("the new version's container %d is %s, the running one's %s", i, n.Name, o.Name)
		}
		change, dropped, err := changedFields(o, n)
		if err != nil {
			return nil, err
		}
		if dropped != "" {
			return nil, fmt.Errorf("the new version's container %s drops %s, which a release cannot express", n.Name, dropped)
		}
		if len(change) == 0 {
			continue
		}
		c, err := containerOf(change, n.Name)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// changedFields compares two containers in their JSON form: the fields of
// next that differ from base, and the first field (by name) base has and
// next lacks, "" when none.
func changedFields(base, next api.Container) (map[string]json.RawMessage, string, error) {
	var b, n map[string]json.RawMessage
	if err := unmarshalJSON(base, &b); err != nil {
		return nil, "", err
	}
	if err := unmarshalJSON(next, &n); err != nil {
		return nil, "", err
	}
	change := map[string]json.RawMessage{}
	for k, v := range n {
		if string(b[k]) != string(v) {
			change[k] = v
		}
	}
	for _, k := range slices.Sorted(maps.Keys(b)) {
		if _, ok := n[k]; !ok {
			return change, k, nil
		}
	}
	return change, "", nil
}

// containerOf is the container made of the changed fields, named.
func containerOf(change map[string]json.RawMessage, name string) (api.Container, error) {
	change["name"], _ = json.Marshal(name)
	var c api.Container
	err := unmarshalJSON(change, &c)
	return c, err
}

// unmarshalJSON converts between two JSON shapes of the same data.
func unmarshalJSON(from, to any) error {
	data, err := json.Marshal(from)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, to)
}
