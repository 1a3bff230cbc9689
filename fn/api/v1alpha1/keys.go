package v1alpha1

import (
	"strings"
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

// AnnotationOwners say, for one spec, which annotations servicespec writes
// on the Service, the workload and the pod template, each key mapped to the
// spec field that writes it. Validation refuses those keys in the user's own
// annotations of the same object (ExternalAccess: those that
// spec.externalAccess.annotations may not set). Package console, which writes them,
// provides them (console.Validate); a nil function owns nothing.
// +kubebuilder:object:generate=false
type AnnotationOwners struct {
	Service, ExternalAccess, Workload, Pod func(*ServiceSpecSpec) map[string]string
}

func owned(f func(*ServiceSpecSpec) map[string]string, sp *ServiceSpecSpec) map[string]string {
	if f == nil {
		return nil
	}
	return f(sp)
}
