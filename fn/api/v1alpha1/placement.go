package v1alpha1

// ClusterSpec is the spec one member cluster runs: the spec with that
// cluster's replicas, container changes and claim template changes (the
// spec itself when the cluster has no overrides). s must be defaulted.
func ClusterSpec(s *ServiceSpec, cluster string) *ServiceSpec {
	o, ok := s.Spec.Placement.Overrides[cluster]
	if !ok {
		return s
	}
	out := s.DeepCopy()
	sp := &out.Spec
	if o.Replicas != nil {
		sp.Replicas = o.Replicas
	}
	sp.Containers = MergeContainers(sp.Containers, o.Containers)
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
func mergeClaim(c *VolumeClaimTemplate, ch VolumeClaimTemplate) {
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
func Placed(s *ServiceSpec, cluster string) bool {
	for _, c := range s.Spec.Placement.Clusters {
		if c == cluster {
			return true
		}
	}
	return false
}
