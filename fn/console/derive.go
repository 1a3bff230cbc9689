package console

import api "github.com/servicespec/servicespec/fn/api/v1alpha1"

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
