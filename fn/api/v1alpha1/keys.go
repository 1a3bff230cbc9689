package v1alpha1

import "strings"

// Label keys the console writes; the Service selects on LabelApp only.
// A composed app's members also carry, and select on, the app's name and
// version.
const (
	LabelApp        = "app"
	LabelVersion    = "version"
	LabelAppName    = "app.kubernetes.io/name"
	LabelAppVersion = "app.kubernetes.io/version"
)

// Annotation keys the console writes, and the function's own ownership key.
const (
	AnnotationServiceType      = "kubesphere.io/serviceType"
	AnnotationAlias            = "kubesphere.io/alias-name"
	AnnotationDescription      = "kubesphere.io/description"
	AnnotationCreator          = "kubesphere.io/creator"
	AnnotationImagePullSecrets = "kubesphere.io/imagepullsecrets"
	AnnotationGeneratedFrom    = Group + "/generated-from"
	AnnotationConfigHash       = Group + "/config-hash"
	AnnotationDigest           = Group + "/digest"
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

// ServiceTypeValue is the kubesphere.io/serviceType value of each type; the
// console writes none for Workload services.
var ServiceTypeValue = map[ServiceType]string{
	Stateless: "statelessservice",
	Stateful:  "statefulservice",
	External:  "externalservice",
}

// forbiddenOnOutputs reports keys that belong to KRM orchestrators. kustomize
// drops any output carrying local-config, and path/index keys are the
// orchestrator's to set.
func forbiddenOnOutputs(key string) bool {
	return strings.HasPrefix(key, "internal.config.kubernetes.io/") ||
		strings.HasPrefix(key, "config.kubernetes.io/") ||
		strings.HasPrefix(key, "config.k8s.io/") ||
		key == AnnotationGeneratedFrom || key == AnnotationDigest
}

// serviceAnnotationOwners maps the annotations the function writes on the
// Service to the field that writes them.
func serviceAnnotationOwners(sp *ServiceSpecSpec) map[string]string {
	owners := map[string]string{
		AnnotationServiceType: "spec.type",
		AnnotationAlias:       "spec.alias",
		AnnotationDescription: "spec.description",
		AnnotationCreator:     "spec.creator",
		AnnotationServiceMesh: "spec.serviceMesh",
	}
	if sp.Placement != nil {
		owners[AnnotationWorkloadName] = "spec.placement"
		owners[AnnotationWorkloadModule] = "spec.placement"
	}
	if ea := sp.ExternalAccess; ea != nil {
		for k := range ea.Annotations {
			owners[k] = "spec.externalAccess.annotations"
		}
		for k := range openELBAnnotations(ea.OpenELB) {
			owners[k] = "spec.externalAccess.openELB"
		}
	}
	return owners
}

// workloadAnnotationOwners maps the annotations written on the workload.
func workloadAnnotationOwners() map[string]string {
	return map[string]string{
		AnnotationCreator:     "spec.creator",
		AnnotationRelatedHPA:  "spec.autoscaling",
		AnnotationServiceMesh: "spec.serviceMesh",
	}
}

// podAnnotationOwners maps the annotations written on the pod template.
// sidecar.istio.io/inject is only owned when the mesh is on: without it, a
// user may well set "false".
func podAnnotationOwners(sp *ServiceSpecSpec) map[string]string {
	owners := map[string]string{
		AnnotationCreator:          "spec.creator",
		AnnotationImagePullSecrets: "spec.containers[].imagePullSecret",
		AnnotationConfigHash:       "spec.rolloutOnConfigChange",
	}
	if sp.ServiceMesh != nil && sp.ServiceMesh.Enabled {
		owners[AnnotationIstioInject] = "spec.serviceMesh"
	}
	if len(sp.Volumes) > 0 || len(sp.VolumeClaimTemplates) > 0 {
		owners[AnnotationLogSidecar] = "spec.containers[].volumeMounts[].logPaths"
	}
	if sp.LogCollection != nil && sp.LogCollection.Enabled {
		owners[AnnotationCollectSavedLog] = "spec.logCollection"
	}
	if sp.Pod != nil && sp.Pod.IPPool != "" {
		owners[AnnotationIPv4Pools] = "spec.pod.ipPool"
	}
	return owners
}

// openELBAnnotations are the Service annotations that select OpenELB.
func openELBAnnotations(o *OpenELB) map[string]string {
	if o == nil {
		return nil
	}
	a := map[string]string{AnnotationOpenELB: OpenELBValue}
	if o.Mode != "" {
		a[AnnotationOpenELBProtocol] = string(o.Mode)
	}
	if o.Eip != "" {
		a[AnnotationOpenELBEip] = o.Eip
	}
	return a
}

// Annotations are the Service annotations that select OpenELB (nil for a nil OpenELB).
func (o *OpenELB) Annotations() map[string]string { return openELBAnnotations(o) }
