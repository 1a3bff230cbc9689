package function

import (
	"fmt"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"k8s.io/apimachinery/pkg/util/validation/field"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// knownServiceTypes are the kubesphere.io/serviceType values KubeSphere
// understands ("None" is documented for hand-written Services).
var knownServiceTypes = map[string]bool{"statelessservice": true, "statefulservice": true, "externalservice": true, "None": true}

// warnUnknownServiceTypes checks hand-written Services: they pass through
// untouched, but a serviceType value KubeSphere does not know draws a warning.
func warnUnknownServiceTypes(kept fn.KubeObjects, r *report) {
	for _, o := range kept.Where(fn.IsGroupVersionKind(serviceGVK)) {
		v, ok := o.GetAnnotations()[api.AnnotationServiceType]
		if !ok || knownServiceTypes[v] {
			continue
		}
		r.warningAt(o, field.NewPath("metadata", "annotations").Key(api.AnnotationServiceType),
			fmt.Sprintf("%q is not a service type KubeSphere knows (statelessservice, statefulservice, externalservice or None); the console will show this Service as a custom one", v))
	}
}
