package function

import (
	"k8s.io/apimachinery/pkg/runtime"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/internal/typedjson"
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
}, Unordered: func(key string) bool {
	// kubefed's override values are raw JSON: read back from a file, their
	// members come in another order than render wrote them.
	return key == "clusterOverrides"
}}

// contentDigest is the digest of an object, as Encode writes it.
func contentDigest(obj runtime.Object) string {
	js, err := typedjson.Marshal(obj)
	if err != nil {
		return ""
	}
	v, err := yamlenc.JSONDigest(js, digest)
	if err != nil {
		return ""
	}
	return v
}

// decodeTyped reads an earlier output into its Go type; false when it is
// not of a generated kind or does not fit its type.
func decodeTyped(it *krm.Item) (runtime.Object, *console.Kind, bool) {
	k := console.KindOf(it.GroupVersionKind())
	if k == nil {
		return nil, nil, false
	}
	obj := k.New()
	if it.As(obj) != nil {
		return nil, nil, false
	}
	return obj, k, true
}
