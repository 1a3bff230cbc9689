package v1alpha1

import (
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// Group, Version and Kind of the ServiceSpec API.
const (
	Group   = "servicespec.dev"
	Version = "v1alpha1"
	Kind    = "ServiceSpec"
)

// GroupVersion is the API group and version of ServiceSpec.
var GroupVersion = schema.GroupVersion{Group: Group, Version: Version}

// ServiceSpec describes one KubeSphere service. At render time it expands into
// the objects the KubeSphere console's "Create Service" wizard creates for the
// same form: a Deployment or StatefulSet named <name>-<version> plus a Service
// named <name>, or a Service alone.
//
// metadata.name is the Service name (a DNS-1035 label). metadata.namespace, when
// set, is copied onto every generated object. The ServiceSpec's own labels and
// annotations are never copied onto outputs.
//
// +kubebuilder:object:root=true
// +kubebuilder:resource:path=servicespecs,scope=Namespaced
type ServiceSpec struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the service form.
	Spec ServiceSpecSpec `json:"spec"`
}

// ServiceType is the kind of service, as the console's create-service tiles name it.
// +kubebuilder:validation:Enum=Stateless;Stateful;External;Workload
type ServiceType string

// The four service types.
const (
	// Stateless generates a Deployment <name>-<version> and a Service <name>
	// (kubesphere.io/serviceType: statelessservice).
	Stateless ServiceType = "Stateless"
	// Stateful generates a StatefulSet <name>-<version> and a headless Service
	// <name> (kubesphere.io/serviceType: statefulservice).
	Stateful ServiceType = "Stateful"
	// External generates a Service of type ExternalName
	// (kubesphere.io/serviceType: externalservice).
	External ServiceType = "External"
	// Workload generates a Service over the pods of a workload in the resource
	// list or over a given selector (the console's "specify workload").
	Workload ServiceType = "Workload"
)

// HasWorkload reports whether the service type generates its own workload
// (Stateless and Stateful).
func (t ServiceType) HasWorkload() bool { return t == Stateless || t == Stateful }

// AccessType is how clients inside the cluster reach the service.
// +kubebuilder:validation:Enum=VirtualIP;Headless
type AccessType string

// The two access types.
const (
	// VirtualIP gives the Service a cluster IP.
	VirtualIP AccessType = "VirtualIP"
	// Headless gives the Service no cluster IP (clusterIP: None); clients
	// resolve the pod IPs directly.
	Headless AccessType = "Headless"
)

// ServiceSpecSpec is the service form. Which fields a type accepts is fixed:
// a field set on a type that does not accept it is an error.
type ServiceSpecSpec struct {
	// Type is the kind of service: Stateless, Stateful, External or Workload.
	// +required
	Type ServiceType `json:"type"`

	// Alias is a display name, written to the Service annotation
	// kubesphere.io/alias-name. Letters, digits, CJK characters and inner
	// hyphens; at most 63 characters.
	// +optional
	// +kubebuilder:validation:MaxLength=63
	Alias string `json:"alias,omitempty"`

	// Description is written to the Service annotation kubesphere.io/description.
	// At most 256 characters.
	// +optional
	// +kubebuilder:validation:MaxLength=256
	Description string `json:"description,omitempty"`

	// Creator is written to the annotation kubesphere.io/creator on the Service,
	// the workload and the pod template (the console writes the user's login
	// name there). Omitted when empty.
	// +optional
	Creator string `json:"creator,omitempty"`

	// Version is the value of the label "version" and the suffix of the workload
	// name <name>-<version>. Lowercase letters and digits, 1 to 16 characters.
	// Defaults to v1. Stateless and Stateful only.
	// +optional
	// +kubebuilder:validation:Pattern=`^[a-z0-9]{1,16}$`
	Version string `json:"version,omitempty"`

	// Replicas is the workload's number of pods. Defaults to 1. Stateless and
	// Stateful only.
	// +optional
	// +kubebuilder:validation:Minimum=0
	Replicas *int32 `json:"replicas,omitempty"`

	// Labels are extra labels on the Service, the workload and the pod template.
	// They never go into selectors. The keys app and version are reserved.
	// +optional
	Labels map[string]string `json:"labels,omitempty"`

	// Annotations are extra annotations on the workload. Stateless and Stateful only.
	// +optional
	Annotations map[string]string `json:"annotations,omitempty"`

	// ServiceAnnotations are extra annotations on the Service (on the
	// virtual-IP Service when a Stateful service has two). A key that
	// externalAccess also writes is an error.
	// +optional
	ServiceAnnotations map[string]string `json:"serviceAnnotations,omitempty"`

	// Containers are the pod's worker containers; at least one. Stateless and
	// Stateful only.
	// +optional
	Containers []Container `json:"containers,omitempty"`

	// InitContainers are the pod's init containers; their ports are never
	// exposed. Stateless and Stateful only.
	// +optional
	InitContainers []corev1.Container `json:"initContainers,omitempty"`

	// Volumes are the pod's volumes. Stateless and Stateful only.
	// +optional
	Volumes []corev1.Volume `json:"volumes,omitempty"`

	// VolumeClaimTemplates become the StatefulSet's volumeClaimTemplates.
	// Stateful only.
	// +optional
	VolumeClaimTemplates []VolumeClaimTemplate `json:"volumeClaimTemplates,omitempty"`

	// LogCollection turns on the console's collection of log files on
	// volumes (KubeSphere's logging sidecar): the pod template gets
	// kubesphere.io/collectSavedLog: "true", and the worker containers'
	// volumeMounts[].logPaths say which files to collect. Stateless and
	// Stateful only.
	// +optional
	LogCollection *LogCollection `json:"logCollection,omitempty"`

	// SyncHostTimezone mounts the node's /etc/localtime read-only into every
	// container (a hostPath volume named host-time), as the console's
	// "Synchronize Host Timezone" does. Stateless and Stateful only.
	// +optional
	SyncHostTimezone bool `json:"syncHostTimezone,omitempty"`

	// Scheduling places the pods. Stateless and Stateful only.
	// +optional
	Scheduling *Scheduling `json:"scheduling,omitempty"`

	// Pod holds pod-level settings. Stateless and Stateful only.
	// +optional
	Pod *PodSettings `json:"pod,omitempty"`

	// Strategy is the workload's update strategy. Stateless and Stateful only.
	// +optional
	Strategy *Strategy `json:"strategy,omitempty"`

	// Access is VirtualIP or Headless (clusterIP: None). Defaults to Headless
	// for Stateful (one headless Service named as the StatefulSet's
	// serviceName) and VirtualIP for Stateless and Workload.
	// +optional
	Access AccessType `json:"access,omitempty"`

	// ExternalAccess exposes the Service outside the cluster as a NodePort or
	// LoadBalancer Service. Not with Headless access.
	// +optional
	ExternalAccess *ExternalAccess `json:"externalAccess,omitempty"`

	// StickySession keeps a client on one pod (sessionAffinity: ClientIP).
	// +optional
	StickySession *StickySession `json:"stickySession,omitempty"`

	// Ports are Service ports written directly. For Workload services they are
	// the Service's ports (derived from workloadRef when absent). For Stateless
	// and Stateful services they are an alternative to containers[].ports[].servicePort.
	// +optional
	Ports []ServicePort `json:"ports,omitempty"`

	// ExternalName is the DNS name an External service points to. Required for
	// External, and External only. A trailing dot is allowed.
	// +optional
	ExternalName string `json:"externalName,omitempty"`

	// Selector selects the pods of a Workload service. Workload only; exactly
	// one of selector and workloadRef.
	// +optional
	Selector map[string]string `json:"selector,omitempty"`

	// WorkloadRef names an apps/v1 workload in the same resource list whose pod
	// template labels become the Service selector. Workload only; exactly one
	// of selector and workloadRef.
	// +optional
	WorkloadRef *WorkloadRef `json:"workloadRef,omitempty"`

	// Autoscaling adds an autoscaling/v2 HorizontalPodAutoscaler named like
	// the workload and scaling it (scaleTargetRef of the workload's kind),
	// writes kubesphere.io/relatedHPA on the workload, and leaves replicas out
	// of the workload so that GitOps does not fight the autoscaler.
	// Stateless and Stateful only.
	// +optional
	Autoscaling *Autoscaling `json:"autoscaling,omitempty"`

	// DisruptionBudget adds a policy/v1 PodDisruptionBudget named like the
	// workload, selecting its pods. A budget that can block every eviction is
	// a warning. Stateless and Stateful only.
	// +optional
	DisruptionBudget *DisruptionBudget `json:"disruptionBudget,omitempty"`

	// ServiceMesh puts the service in the KubeSphere service mesh (Istio).
	// Stateless and Stateful only.
	// +optional
	ServiceMesh *ServiceMesh `json:"serviceMesh,omitempty"`

	// SecurityProfile applies a Pod Security Standards profile. Restricted
	// sets runAsNonRoot, allowPrivilegeEscalation: false, capabilities drop
	// ALL and seccompProfile RuntimeDefault on every container and init
	// container, keeping stricter values the user set; a value that
	// contradicts the profile (privileged, root, added capabilities other
	// than NET_BIND_SERVICE, Unconfined seccomp, hostPath volumes,
	// syncHostTimezone) is an error. Stateless and Stateful only.
	// +optional
	SecurityProfile SecurityProfile `json:"securityProfile,omitempty"`

	// RolloutOnConfigChange writes the pod template annotation
	// servicespec.dev/config-hash: a SHA-256 of the ConfigMaps and Secrets
	// the pods reference (env, envFrom, volumes) that are in the resource
	// list, so that changing one rolls the pods. References to objects not in
	// the list are listed in an info result; nothing is looked up elsewhere.
	// Stateless and Stateful only.
	// +optional
	RolloutOnConfigChange bool `json:"rolloutOnConfigChange,omitempty"`

	// App names the AppSpec (a composed app, in the same namespace) this
	// service belongs to: its workload, pods and Service carry the app's
	// labels app.kubernetes.io/name and app.kubernetes.io/version (also in
	// their selectors, as the console merges them), and the app's
	// governance decides their service-mesh annotations. Stateless and
	// Stateful only, as the console's composed apps offer.
	// +optional
	App string `json:"app,omitempty"`

	// Release is a grayscale release of the service: a second version
	// beside spec.version and the Strategy that shares the traffic between
	// them. Needs an app with governance (serviceMesh.enabled). Stateless
	// only: KubeSphere's grayscale release runs on Deployments.
	// +optional
	Release *Release `json:"release,omitempty"`

	// Placement places the service in member clusters of a KubeSphere
	// multi-cluster project: it renders the console's kubefed objects
	// (FederatedDeployment, FederatedStatefulSet, FederatedService) in place
	// of the plain ones, or, rendered for one cluster, the plain objects that
	// cluster receives.
	// +optional
	Placement *Placement `json:"placement,omitempty"`
}

// Container is a worker container: every corev1.Container field, except that
// ports follow the console's port model, plus imagePullSecret.
type Container struct {
	// Name of the container. Defaults to <name> for the first container and
	// <name>-<index> for the others.
	// +optional
	Name string `json:"name,omitempty"`
	// Image is the container image. Required in spec.containers; a
	// container change (of a release or of a cluster) may leave it out.
	// +optional
	Image string `json:"image,omitempty"`
	// ImagePullSecret names a Secret used to pull this container's image. It is
	// added to the pod's imagePullSecrets and recorded in the pod annotation
	// kubesphere.io/imagepullsecrets.
	// +optional
	ImagePullSecret string `json:"imagePullSecret,omitempty"`
	// Ports are the container's ports; a port with a servicePort is exposed on
	// the Service.
	// +optional
	Ports []ContainerPort `json:"ports,omitempty"`
	// +optional
	Command []string `json:"command,omitempty"`
	// +optional
	Args []string `json:"args,omitempty"`
	// +optional
	WorkingDir string `json:"workingDir,omitempty"`
	// +optional
	EnvFrom []corev1.EnvFromSource `json:"envFrom,omitempty"`
	// +optional
	Env []corev1.EnvVar `json:"env,omitempty"`
	// +optional
	Resources *corev1.ResourceRequirements `json:"resources,omitempty"`
	// +optional
	ResizePolicy []corev1.ContainerResizePolicy `json:"resizePolicy,omitempty"`
	// +optional
	RestartPolicy *corev1.ContainerRestartPolicy `json:"restartPolicy,omitempty"`
	// +optional
	RestartPolicyRules []corev1.ContainerRestartRule `json:"restartPolicyRules,omitempty"`
	// VolumeMounts are corev1 volume mounts, each with optional logPaths.
	// +optional
	VolumeMounts []VolumeMount `json:"volumeMounts,omitempty"`
	// +optional
	VolumeDevices []corev1.VolumeDevice `json:"volumeDevices,omitempty"`
	// +optional
	LivenessProbe *corev1.Probe `json:"livenessProbe,omitempty"`
	// +optional
	ReadinessProbe *corev1.Probe `json:"readinessProbe,omitempty"`
	// +optional
	StartupProbe *corev1.Probe `json:"startupProbe,omitempty"`
	// +optional
	Lifecycle *corev1.Lifecycle `json:"lifecycle,omitempty"`
	// +optional
	TerminationMessagePath string `json:"terminationMessagePath,omitempty"`
	// +optional
	TerminationMessagePolicy corev1.TerminationMessagePolicy `json:"terminationMessagePolicy,omitempty"`
	// ImagePullPolicy is Always, IfNotPresent or Never. Defaults to IfNotPresent.
	// +optional
	// +kubebuilder:validation:Enum=Always;IfNotPresent;Never
	ImagePullPolicy corev1.PullPolicy `json:"imagePullPolicy,omitempty"`
	// +optional
	SecurityContext *corev1.SecurityContext `json:"securityContext,omitempty"`
	// +optional
	Stdin bool `json:"stdin,omitempty"`
	// +optional
	StdinOnce bool `json:"stdinOnce,omitempty"`
	// +optional
	TTY bool `json:"tty,omitempty"`
}

// VolumeMount is a corev1.VolumeMount of a worker container, plus the log
// files KubeSphere's logging sidecar collects from it.
type VolumeMount struct {
	corev1.VolumeMount `json:",inline"`
	// LogPaths are globs of log files under the mount path to collect, as
	// the console's "collect logs on volumes" writes them into the pod
	// annotation logging.kubesphere.io/logsidecar-config. They need
	// spec.logCollection.enabled.
	// +optional
	LogPaths []string `json:"logPaths,omitempty"`
}

// CoreVolumeMounts are the mounts as corev1 has them, without logPaths.
func CoreVolumeMounts(mounts []VolumeMount) []corev1.VolumeMount {
	if mounts == nil {
		return nil
	}
	out := make([]corev1.VolumeMount, len(mounts))
	for i, m := range mounts {
		out[i] = m.VolumeMount
	}
	return out
}

// LogCollection is the console's disk log collection switch.
type LogCollection struct {
	// Enabled writes the pod annotation kubesphere.io/collectSavedLog: "true".
	// +optional
	Enabled bool `json:"enabled,omitempty"`
}

// Protocol is the console's port protocol (the Istio protocol list plus SCTP).
// The Kubernetes protocol is UDP for UDP, SCTP for SCTP and TCP otherwise.
// +kubebuilder:validation:Enum=GRPC;HTTP;HTTP2;HTTPS;MONGO;REDIS;TCP;TLS;UDP;SCTP
type Protocol string

// The port protocols.
const (
	ProtocolGRPC  Protocol = "GRPC"
	ProtocolHTTP  Protocol = "HTTP"
	ProtocolHTTP2 Protocol = "HTTP2"
	ProtocolHTTPS Protocol = "HTTPS"
	ProtocolMongo Protocol = "MONGO"
	ProtocolRedis Protocol = "REDIS"
	ProtocolTCP   Protocol = "TCP"
	ProtocolTLS   Protocol = "TLS"
	ProtocolUDP   Protocol = "UDP"
	ProtocolSCTP  Protocol = "SCTP"
)

// ContainerPort is a container port in the console's port model.
type ContainerPort struct {
	// Name of the port: an IANA service name (at most 15 characters). Defaults
	// to <lower(protocol)>-<i>, where i is one running index over the ports of
	// all worker containers.
	// +optional
	Name string `json:"name,omitempty"`
	// Protocol defaults to HTTP.
	// +optional
	Protocol Protocol `json:"protocol,omitempty"`
	// ContainerPort is the port the container listens on, 1-65535.
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=65535
	ContainerPort int32 `json:"containerPort"`
	// ServicePort, when set, exposes this port on the Service with this port
	// number (targetPort is containerPort).
	// +optional
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=65535
	ServicePort *int32 `json:"servicePort,omitempty"`
}

// ServicePort is a Service port written directly.
type ServicePort struct {
	// Name of the port (a DNS-1123 label). Defaults to <lower(protocol)>-<port>.
	// +optional
	Name string `json:"name,omitempty"`
	// Protocol defaults to HTTP.
	// +optional
	Protocol Protocol `json:"protocol,omitempty"`
	// Port is the Service port, 1-65535.
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=65535
	Port int32 `json:"port"`
	// TargetPort is a container port number or name. Defaults to port. For
	// Stateless and Stateful services it must match a container port.
	// +optional
	TargetPort *intstr.IntOrString `json:"targetPort,omitempty"`
	// NodePort pins the node port (30000-32767); only with externalAccess.
	// +optional
	// +kubebuilder:validation:Minimum=30000
	// +kubebuilder:validation:Maximum=32767
	NodePort int32 `json:"nodePort,omitempty"`
}

// VolumeClaimTemplate is a StatefulSet volume claim template.
type VolumeClaimTemplate struct {
	// Name of the claim template (a DNS-1123 label); mount it by this name.
	Name string `json:"name"`
	// StorageClassName is passed through; empty means the cluster's default class.
	// +optional
	StorageClassName *string `json:"storageClassName,omitempty"`
	// AccessModes default to [ReadWriteOnce].
	// +optional
	AccessModes []corev1.PersistentVolumeAccessMode `json:"accessModes,omitempty"`
	// Size is the requested storage. Defaults to 10Gi.
	// +optional
	Size string `json:"size,omitempty"`
	// Labels on the claim template.
	// +optional
	Labels map[string]string `json:"labels,omitempty"`
	// Annotations on the claim template.
	// +optional
	Annotations map[string]string `json:"annotations,omitempty"`
}

// SchedulingStrategy is one of the console's scheduling presets.
// +kubebuilder:validation:Enum=Default;Decentralized;Centralized
type SchedulingStrategy string

// The scheduling presets.
const (
	// DefaultScheduling adds no affinity.
	DefaultScheduling SchedulingStrategy = "Default"
	// Decentralized prefers spreading the pods over nodes (podAntiAffinity).
	Decentralized SchedulingStrategy = "Decentralized"
	// Centralized prefers putting the pods on the same node (podAffinity).
	Centralized SchedulingStrategy = "Centralized"
)

// Scheduling places the pods.
type Scheduling struct {
	// Strategy is a console preset: Default (no affinity), Decentralized
	// (preferred podAntiAffinity over kubernetes.io/hostname, weight 100) or
	// Centralized (the same as podAffinity). Defaults to Default.
	// +optional
	Strategy SchedulingStrategy `json:"strategy,omitempty"`
	// NodeSelector is passed through to the pod.
	// +optional
	NodeSelector map[string]string `json:"nodeSelector,omitempty"`
	// Affinity is passed through to the pod; only with the Default strategy.
	// +optional
	Affinity *corev1.Affinity `json:"affinity,omitempty"`
	// Tolerations are passed through to the pod.
	// +optional
	Tolerations []corev1.Toleration `json:"tolerations,omitempty"`
	// TopologySpreadConstraints are passed through to the pod.
	// +optional
	TopologySpreadConstraints []corev1.TopologySpreadConstraint `json:"topologySpreadConstraints,omitempty"`
}

// PodSettings are pod-level settings.
type PodSettings struct {
	// +optional
	SecurityContext *corev1.PodSecurityContext `json:"securityContext,omitempty"`
	// ServiceAccountName defaults to "default".
	// +optional
	ServiceAccountName string `json:"serviceAccountName,omitempty"`
	// ImagePullSecrets are merged with containers[].imagePullSecret.
	// +optional
	ImagePullSecrets []corev1.LocalObjectReference `json:"imagePullSecrets,omitempty"`
	// TerminationGracePeriodSeconds defaults to 30.
	// +optional
	// +kubebuilder:validation:Minimum=0
	TerminationGracePeriodSeconds *int64 `json:"terminationGracePeriodSeconds,omitempty"`
	// +optional
	PriorityClassName string `json:"priorityClassName,omitempty"`
	// Labels on the pod template only. They must not repeat spec.labels, app or version.
	// +optional
	Labels map[string]string `json:"labels,omitempty"`
	// Annotations on the pod template only.
	// +optional
	Annotations map[string]string `json:"annotations,omitempty"`
	// +optional
	HostAliases []corev1.HostAlias `json:"hostAliases,omitempty"`
	// +optional
	// +kubebuilder:validation:Enum=ClusterFirst;ClusterFirstWithHostNet;Default;None
	DNSPolicy corev1.DNSPolicy `json:"dnsPolicy,omitempty"`
	// +optional
	DNSConfig *corev1.PodDNSConfig `json:"dnsConfig,omitempty"`
	// +optional
	RuntimeClassName *string `json:"runtimeClassName,omitempty"`
	// IPPool is the Calico IP pool the pods take their addresses from (the
	// console's "Pod IP pool"): the pod annotation
	// cni.projectcalico.org/ipv4pools: '["<pool>"]'.
	// +optional
	IPPool string `json:"ipPool,omitempty"`
}

// UpdateStrategyType is the workload's update strategy.
// +kubebuilder:validation:Enum=RollingUpdate;Recreate;OnDelete
type UpdateStrategyType string

// The update strategies.
const (
	// RollingUpdate replaces pods gradually (Deployment and StatefulSet).
	RollingUpdate UpdateStrategyType = "RollingUpdate"
	// Recreate stops every pod before starting new ones (Deployment only).
	Recreate UpdateStrategyType = "Recreate"
	// OnDelete replaces a pod only when it is deleted (StatefulSet only).
	OnDelete UpdateStrategyType = "OnDelete"
)

// Strategy is the workload's update strategy.
type Strategy struct {
	// Type is RollingUpdate (default) or Recreate for a Deployment, and
	// RollingUpdate (default) or OnDelete for a StatefulSet.
	// +optional
	Type UpdateStrategyType `json:"type,omitempty"`
	// MaxSurge of a Deployment rolling update: a number or a percentage.
	// Defaults to 25%.
	// +optional
	MaxSurge *intstr.IntOrString `json:"maxSurge,omitempty"`
	// MaxUnavailable of a Deployment rolling update: a number or a percentage.
	// Defaults to 25%. Not 0 when maxSurge is 0.
	// +optional
	MaxUnavailable *intstr.IntOrString `json:"maxUnavailable,omitempty"`
	// Partition of a StatefulSet rolling update. Defaults to 0.
	// +optional
	// +kubebuilder:validation:Minimum=0
	Partition *int32 `json:"partition,omitempty"`
}

// ExposureType is how the Service is exposed outside the cluster.
// +kubebuilder:validation:Enum=NodePort;LoadBalancer
type ExposureType string

// The exposure types.
const (
	NodePort     ExposureType = "NodePort"
	LoadBalancer ExposureType = "LoadBalancer"
)

// ExternalAccess exposes the Service outside the cluster.
type ExternalAccess struct {
	// Type is NodePort or LoadBalancer; it becomes the Service's spec.type.
	Type ExposureType `json:"type"`
	// Annotations are added to the Service (cloud load-balancer annotations).
	// +optional
	Annotations map[string]string `json:"annotations,omitempty"`
	// OpenELB writes the OpenELB annotations. LoadBalancer only.
	// +optional
	OpenELB *OpenELB `json:"openELB,omitempty"`
	// ExternalTrafficPolicy is Cluster or Local.
	// +optional
	// +kubebuilder:validation:Enum=Cluster;Local
	ExternalTrafficPolicy corev1.ServiceExternalTrafficPolicy `json:"externalTrafficPolicy,omitempty"`
	// LoadBalancerSourceRanges are the CIDRs allowed through a cloud load
	// balancer. LoadBalancer only.
	// +optional
	LoadBalancerSourceRanges []string `json:"loadBalancerSourceRanges,omitempty"`
	// LoadBalancerClass selects a load-balancer implementation. LoadBalancer only.
	// +optional
	LoadBalancerClass *string `json:"loadBalancerClass,omitempty"`
}

// OpenELBMode is the OpenELB protocol.
// +kubebuilder:validation:Enum=layer2;bgp;vip
type OpenELBMode string

// OpenELB selects the OpenELB load balancer (lb.kubesphere.io/v1alpha1: openelb).
type OpenELB struct {
	// Eip names the OpenELB Eip object (eip.openelb.kubesphere.io/v1alpha2).
	// +optional
	Eip string `json:"eip,omitempty"`
	// Mode is layer2, bgp or vip (protocol.openelb.kubesphere.io/v1alpha1).
	// +optional
	Mode OpenELBMode `json:"mode,omitempty"`
}

// StickySession keeps a client on one pod.
type StickySession struct {
	// Enabled turns on sessionAffinity: ClientIP.
	Enabled bool `json:"enabled"`
	// TimeoutSeconds is the affinity timeout, 1-86400. Defaults to 10800.
	// +optional
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=86400
	TimeoutSeconds *int32 `json:"timeoutSeconds,omitempty"`
}

// WorkloadKind is the kind of workload a Workload service fronts.
// +kubebuilder:validation:Enum=Deployment;StatefulSet;DaemonSet
type WorkloadKind string

// WorkloadRef names an apps/v1 workload in the same resource list and namespace.
type WorkloadRef struct {
	// Kind is Deployment, StatefulSet or DaemonSet.
	Kind WorkloadKind `json:"kind"`
	// Name of the workload.
	Name string `json:"name"`
}

// Autoscaling configures the HorizontalPodAutoscaler. At least one target
// is required (an HPA without metrics would be defaulted by the server to
// 80% CPU, a diff GitOps tools would show forever).
type Autoscaling struct {
	// MinReplicas is the lower bound, at least 1. Defaults to 1.
	// +optional
	// +kubebuilder:validation:Minimum=1
	MinReplicas *int32 `json:"minReplicas,omitempty"`
	// MaxReplicas is the upper bound, at least minReplicas. Required.
	// +kubebuilder:validation:Minimum=1
	MaxReplicas int32 `json:"maxReplicas,omitempty"`
	// TargetCPUUtilizationPercentage is the average CPU utilization target,
	// in percent of the containers' CPU requests.
	// +optional
	// +kubebuilder:validation:Minimum=1
	TargetCPUUtilizationPercentage *int32 `json:"targetCPUUtilizationPercentage,omitempty"`
	// TargetMemoryUtilizationPercentage is the average memory utilization
	// target, in percent of the containers' memory requests.
	// +optional
	// +kubebuilder:validation:Minimum=1
	TargetMemoryUtilizationPercentage *int32 `json:"targetMemoryUtilizationPercentage,omitempty"`
}

// DisruptionBudget configures the PodDisruptionBudget: exactly one of
// minAvailable and maxUnavailable, each a number of pods or a percent.
type DisruptionBudget struct {
	// MinAvailable pods must stay up during voluntary disruptions.
	// +optional
	MinAvailable *intstr.IntOrString `json:"minAvailable,omitempty"`
	// MaxUnavailable pods may be down during voluntary disruptions.
	// +optional
	MaxUnavailable *intstr.IntOrString `json:"maxUnavailable,omitempty"`
}

// ServiceMesh marks the service for the service mesh.
type ServiceMesh struct {
	// Enabled writes servicemesh.kubesphere.io/enabled: "true" on the
	// workload and the Service and sidecar.istio.io/inject: "true" on the pod
	// template. Every Service port name must then start with a protocol Istio
	// knows (http, http2, https, grpc, grpc-web, mongo, mysql, redis, tcp,
	// tls, udp), alone or followed by -suffix.
	// +optional
	Enabled bool `json:"enabled,omitempty"`
}

// SecurityProfile is a Pod Security Standards profile.
// +kubebuilder:validation:Enum=Restricted
type SecurityProfile string

// Restricted is the Pod Security Standards "restricted" level.
const Restricted SecurityProfile = "Restricted"
