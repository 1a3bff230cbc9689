package function

import (
	"encoding/json"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/runtime"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/krm"
	"github.com/servicespec/servicespec/fn/yamlenc"
)

// digest is the digest servicespec writes on every output that goes to a
// file, so that a re-render can tell an object edited by hand from one it
// wrote: a digest of the object's spec, without the labels, annotations,
// label selectors and pod metadata that kpt functions such as set-labels
// and set-annotations add to generated objects after servicespec (those
// are not hand edits to warn about).
var digest = yamlenc.Digest{Key: api.AnnotationDigest, Of: "spec", Skip: func(key string) bool {
	switch key {
	case "selector", "labelSelector", "labels", "annotations", "metadata":
		return true
	}
	return false
}}

// contentDigest is the digest of an object, as Encode writes it.
func contentDigest(obj runtime.Object) string {
	js, err := json.Marshal(obj)
	if err != nil {
		return ""
	}
	v, err := yamlenc.JSONDigest(js, digest)
	if err != nil {
		return ""
	}
	return v
}

// decodeTyped reads an earlier output into its k8s.io/api type; false
// when it is not one of the kinds servicespec generates or does not fit.
func decodeTyped(it *krm.Item) (runtime.Object, bool) {
	var obj runtime.Object
	switch it.GroupVersionKind() {
	case appsv1.SchemeGroupVersion.WithKind("Deployment"):
		obj = &appsv1.Deployment{}
	case appsv1.SchemeGroupVersion.WithKind("StatefulSet"):
		obj = &appsv1.StatefulSet{}
	case corev1.SchemeGroupVersion.WithKind("Service"):
		obj = &corev1.Service{}
	case policyv1.SchemeGroupVersion.WithKind("PodDisruptionBudget"):
		obj = &policyv1.PodDisruptionBudget{}
	case autoscalingv2.SchemeGroupVersion.WithKind("HorizontalPodAutoscaler"):
		obj = &autoscalingv2.HorizontalPodAutoscaler{}
	default:
		return nil, false
	}
	v, err := it.Value()
	if err != nil {
		return nil, false
	}
	data, err := json.Marshal(v)
	if err != nil || json.Unmarshal(data, obj) != nil {
		return nil, false
	}
	return obj, true
}
