package v1alpha1

import (
	"strings"

	"github.com/servicespec/servicespec/fn/kubesphere"
)

// servicespec's own annotations: the spec an output was generated from,
// the digest of what the function wrote (to tell hand edits) and the hash
// of the configuration a pod template rolls out on.
const (
	AnnotationGeneratedFrom = Group + "/generated-from"
	AnnotationConfigHash    = Group + "/config-hash"
	AnnotationDigest        = Group + "/digest"
)

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
		kubesphere.AnnotationServiceType: "spec.type",
		kubesphere.AnnotationAlias:       "spec.alias",
		kubesphere.AnnotationDescription: "spec.description",
		kubesphere.AnnotationCreator:     "spec.creator",
		kubesphere.AnnotationServiceMesh: "spec.serviceMesh",
	}
	if sp.Placement != nil {
		owners[kubesphere.AnnotationWorkloadName] = "spec.placement"
		owners[kubesphere.AnnotationWorkloadModule] = "spec.placement"
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
		kubesphere.AnnotationCreator:     "spec.creator",
		kubesphere.AnnotationRelatedHPA:  "spec.autoscaling",
		kubesphere.AnnotationServiceMesh: "spec.serviceMesh",
	}
}

// podAnnotationOwners maps the annotations written on the pod template.
// sidecar.istio.io/inject is only owned when the mesh is on: without it, a
// user may well set "false".
func podAnnotationOwners(sp *ServiceSpecSpec) map[string]string {
	owners := map[string]string{
		kubesphere.AnnotationCreator:          "spec.creator",
		kubesphere.AnnotationImagePullSecrets: "spec.containers[].imagePullSecret",
		AnnotationConfigHash:                  "spec.rolloutOnConfigChange",
	}
	if sp.ServiceMesh != nil && sp.ServiceMesh.Enabled {
		owners[kubesphere.AnnotationIstioInject] = "spec.serviceMesh"
	}
	if len(sp.Volumes) > 0 || len(sp.VolumeClaimTemplates) > 0 {
		owners[kubesphere.AnnotationLogSidecar] = "spec.containers[].volumeMounts[].logPaths"
	}
	if sp.LogCollection != nil && sp.LogCollection.Enabled {
		owners[kubesphere.AnnotationCollectSavedLog] = "spec.logCollection"
	}
	if sp.Pod != nil && sp.Pod.IPPool != "" {
		owners[kubesphere.AnnotationIPv4Pools] = "spec.pod.ipPool"
	}
	return owners
}

// openELBAnnotations are the Service annotations that select OpenELB.
func openELBAnnotations(o *OpenELB) map[string]string {
	if o == nil {
		return nil
	}
	a := map[string]string{kubesphere.AnnotationOpenELB: kubesphere.OpenELBValue}
	if o.Mode != "" {
		a[kubesphere.AnnotationOpenELBProtocol] = string(o.Mode)
	}
	if o.Eip != "" {
		a[kubesphere.AnnotationOpenELBEip] = o.Eip
	}
	return a
}

// Annotations are the Service annotations that select OpenELB (nil for a nil OpenELB).
func (o *OpenELB) Annotations() map[string]string { return openELBAnnotations(o) }
