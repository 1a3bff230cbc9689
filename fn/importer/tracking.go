package importer

import (
	"github.com/kptdev/krm-functions-sdk/go/fn"
)

// GitOps tools mark what they apply, and kustomize what it built: Argo CD with its tracking annotation
// (annotation tracking, the default since 3.0) or its instance label (label
// tracking), Flux with the name and namespace of the Kustomization or
// HelmRelease that applied the object. Such marks say which tool owns a
// live object; written into Git they would make the tool see its own
// tracking in the desired state. import leaves them out.
const (
	argoTrackingAnnotation = "argocd.argoproj.io/tracking-id"
	// argoInstanceLabel is Argo CD's default tracking label
	// (application.instanceLabelKey).
	argoInstanceLabel = "app.kubernetes.io/instance"
)

// buildMetadata are the annotations kustomize writes when a kustomization
// asks for build metadata (buildMetadata: [originAnnotations,
// transformerAnnotations]): where the object came from and what changed
// it. They describe a build, not the object, and servicespec writes the
// origin of its outputs itself.
var buildMetadata = []string{"config.kubernetes.io/origin", "alpha.config.kubernetes.io/transformations"}

// fluxLabels are the labels Flux's controllers set on what they apply.
var fluxLabels = []string{
	"kustomize.toolkit.fluxcd.io/name", "kustomize.toolkit.fluxcd.io/namespace",
	"helm.toolkit.fluxcd.io/name", "helm.toolkit.fluxcd.io/namespace",
}

// tracking removes GitOps tracking metadata and counts what it removed,
// by the kind of mark.
type tracking struct {
	// podValues are the values of app.kubernetes.io/instance found on a
	// pod template or in a selector anywhere in the input. Argo CD's label
	// tracking sets the label on each object's own metadata only, never on
	// a pod template or a selector; a user's label, or a Helm chart's,
	// reaches the pods (a chart's selector and pod labels usually carry
	// it). So a value that some pod template or selector carries is the
	// user's, and is kept everywhere; any other is Argo CD's.
	podValues map[string]bool
	removed   map[string]int
}

// newTracking reads which app.kubernetes.io/instance values the input's
// pod templates and selectors carry.
func newTracking(objs []*fn.KubeObject) *tracking {
	t := &tracking{podValues: map[string]bool{}, removed: map[string]int{}}
	for _, o := range objs {
		for _, path := range [][]string{
			{"spec", "template", "metadata", "labels"},
			{"spec", "selector", "matchLabels"},
			{"spec", "selector"},                                           // a Service's selector
			{"spec", "template", "spec", "template", "metadata", "labels"}, // a federated workload's pod template
			{"spec", "template", "spec", "selector", "matchLabels"},
			{"spec", "template", "spec", "selector"},
		} {
			if v, ok, _ := o.NestedString(append(path, argoInstanceLabel)...); ok {
				t.podValues[v] = true
			}
		}
	}
	return t
}

// strip removes the tracking metadata from an object's own metadata (and
// a labels or annotations map it leaves empty).
func (t *tracking) strip(o *fn.KubeObject) error {
	if _, ok := o.GetAnnotations()[argoTrackingAnnotation]; ok {
		if err := removeMeta(o, "annotations", argoTrackingAnnotation); err != nil {
			return err
		}
		t.removed["Argo CD's annotation "+argoTrackingAnnotation]++
	}
	built := false
	for _, a := range buildMetadata {
		if _, ok := o.GetAnnotations()[a]; ok {
			if err := removeMeta(o, "annotations", a); err != nil {
				return err
			}
			built = true
		}
	}
	if built {
		t.removed["kustomize's build metadata (config.kubernetes.io/origin, alpha.config.kubernetes.io/transformations)"]++
	}
	labels := o.GetLabels()
	if v, ok := labels[argoInstanceLabel]; ok && !t.podValues[v] {
		if err := removeMeta(o, "labels", argoInstanceLabel); err != nil {
			return err
		}
		t.removed["Argo CD's label "+argoInstanceLabel]++
	}
	flux := false
	for _, l := range fluxLabels {
		if _, ok := labels[l]; ok {
			if err := removeMeta(o, "labels", l); err != nil {
				return err
			}
			flux = true
		}
	}
	if flux {
		t.removed["Flux's labels kustomize.toolkit.fluxcd.io/ (or helm.toolkit.fluxcd.io/) name and namespace"]++
	}
	return nil
}

// removeMeta removes a key of metadata.labels or metadata.annotations, and
// the map when that leaves it empty.
func removeMeta(o *fn.KubeObject, field, key string) error {
	if _, err := o.RemoveNestedField("metadata", field, key); err != nil {
		return err
	}
	if m, _, _ := o.NestedStringMap("metadata", field); len(m) == 0 {
		_, err := o.RemoveNestedField("metadata", field)
		return err
	}
	return nil
}
