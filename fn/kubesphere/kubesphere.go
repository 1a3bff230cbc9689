// Package kubesphere is KubeSphere's vocabulary: the label and annotation
// keys its console writes and its controllers read, the names it gives the
// objects of a service, and how its port protocols map onto Kubernetes'.
// It is what the API's validation, render and import must agree on, and
// depends on nothing of servicespec's; how each spec field becomes these
// keys and names is package console's.
package kubesphere

import (
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// Label keys the console writes; the Service selects on LabelApp only.
// A composed app's members also carry, and select on, the app's name and
// version.
const (
	LabelApp        = "app"
	LabelVersion    = "version"
	LabelAppName    = "app.kubernetes.io/name"
	LabelAppVersion = "app.kubernetes.io/version"
)

// Annotation keys the console writes.
const (
	AnnotationServiceType      = "kubesphere.io/serviceType"
	AnnotationAlias            = "kubesphere.io/alias-name"
	AnnotationDescription      = "kubesphere.io/description"
	AnnotationCreator          = "kubesphere.io/creator"
	AnnotationImagePullSecrets = "kubesphere.io/imagepullsecrets"
	AnnotationRelatedHPA       = "kubesphere.io/relatedHPA"
	AnnotationServiceMesh      = "servicemesh.kubesphere.io/enabled"
	AnnotationIstioInject      = "sidecar.istio.io/inject"
	AnnotationCollectSavedLog  = "kubesphere.io/collectSavedLog"
	AnnotationLogSidecar       = "logging.kubesphere.io/logsidecar-config"
	AnnotationIPv4Pools        = "cni.projectcalico.org/ipv4pools"

	// A composed app's Ingress, with governance on, keeps the Host header of
	// the service it routes to (so that the mesh sees the service's name).
	AnnotationUpstreamVhost = "nginx.ingress.kubernetes.io/upstream-vhost"
	// A grayscale release's Strategy records its two workloads, their kind
	// and the running workload's replicas, and the app's icon.
	AnnotationOldWorkloadName  = "servicemesh.kubesphere.io/oldWorkloadName"
	AnnotationNewWorkloadName  = "servicemesh.kubesphere.io/newWorkloadName"
	AnnotationWorkloadType     = "servicemesh.kubesphere.io/workloadType"
	AnnotationWorkloadReplicas = "servicemesh.kubesphere.io/workloadReplicas"
	AnnotationAppIcon          = "app.kubernetes.io/icon"
	// A federated Service records the workload it fronts, by name and by the
	// console's module (deployments or statefulsets).
	AnnotationWorkloadName   = "kubesphere.io/workloadName"
	AnnotationWorkloadModule = "kubesphere.io/workloadModule"

	AnnotationOpenELB         = "lb.kubesphere.io/v1alpha1"
	AnnotationOpenELBProtocol = "protocol.openelb.kubesphere.io/v1alpha1"
	AnnotationOpenELBEip      = "eip.openelb.kubesphere.io/v1alpha2"
	OpenELBValue              = "openelb"
)

// The kubesphere.io/serviceType of each kind of service the console makes;
// it writes none on a Service over an existing workload.
const (
	ServiceTypeStateless = "statelessservice"
	ServiceTypeStateful  = "statefulservice"
	ServiceTypeExternal  = "externalservice"
)

// Names the console gives the objects around a service.
const (
	// HeadlessSuffix names the governing headless Service <name>-headless
	// of a Stateful service with a virtual IP.
	HeadlessSuffix = "-headless"
	// HostTimeVolume is the volume that syncs the host's time zone;
	// LocaltimePath is where it is mounted in every container.
	HostTimeVolume = "host-time"
	LocaltimePath  = "/etc/localtime"
)

// WorkloadName is <name>-<version>, the console's name of a service's
// workload (and of its autoscaler and disruption budget).
func WorkloadName(name, version string) string { return name + "-" + version }

// KubernetesProtocol maps the console's protocol to the Service's: UDP and
// SCTP keep their names, every other protocol (HTTP, GRPC, TLS, …) runs
// over TCP.
func KubernetesProtocol[P ~string](p P) corev1.Protocol {
	switch corev1.Protocol(p) {
	case corev1.ProtocolUDP:
		return corev1.ProtocolUDP
	case corev1.ProtocolSCTP:
		return corev1.ProtocolSCTP
	}
	return corev1.ProtocolTCP
}

// The traffic protocols of a grayscale release, as the console decides
// them.
const (
	ReleaseHTTP = "http"
	ReleaseTCP  = "tcp"
)

// ReleaseProtocol is how the console routes a release of a service whose
// Service's first port has this name: by HTTP when the name starts with
// http, http2 or grpc (followed by "-" or nothing), by TCP otherwise.
func ReleaseProtocol(firstPortName string) string {
	prefix, _, _ := strings.Cut(strings.ToLower(firstPortName), "-")
	switch prefix {
	case "http", "http2", "grpc":
		return ReleaseHTTP
	}
	return ReleaseTCP
}
