package v1alpha1

// Placement places a service in the member clusters of a KubeSphere
// multi-cluster project. The service then renders the kubefed objects the
// console's Create Service wizard writes in a federated project
// (FederatedDeployment or FederatedStatefulSet, and FederatedService) in
// place of the plain ones: the plain object as their template, the
// clusters, and each cluster's overrides. Rendered for one cluster
// (servicespec render --cluster NAME), a placed service gives the plain
// objects that cluster receives.
type Placement struct {
	// Clusters are the member clusters the service runs in; at least one,
	// each once.
	Clusters []string `json:"clusters"`

	// Overrides are what differs in a cluster, by cluster name (a cluster
	// of clusters).
	// +optional
	Overrides map[string]ClusterOverride `json:"overrides,omitempty"`
}

// ClusterOverride is what one cluster's copy of the service changes, as
// the console's per-cluster editors offer it.
type ClusterOverride struct {
	// Replicas of the workload in this cluster.
	// +optional
	// +kubebuilder:validation:Minimum=0
	Replicas *int32 `json:"replicas,omitempty"`

	// Containers change containers in this cluster, by name: each field
	// given replaces that field of the template's container (image, env,
	// resources, ports, ...). Only fields the template's container has can
	// be replaced (kubefed replaces, it does not add). New ports also
	// change the Service's ports in this cluster.
	// +optional
	Containers []Container `json:"containers,omitempty"`

	// VolumeClaimTemplates change volume claim templates in this cluster,
	// by name: size, storageClassName and accessModes. Stateful only.
	// +optional
	VolumeClaimTemplates []VolumeClaimTemplate `json:"volumeClaimTemplates,omitempty"`
}
