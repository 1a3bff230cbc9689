package function

import (
	"fmt"

	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/servicespec/servicespec/fn/krm"
	"github.com/servicespec/servicespec/fn/kubesphere"
)

// knownServiceTypes are the kubesphere.io/serviceType values KubeSphere
// understands ("None" is documented for hand-written Services).
var knownServiceTypes = map[string]bool{"statelessservice": true, "statefulservice": true, "externalservice": true, "None": true}

// warnUnknownServiceTypes checks hand-written Services: they pass through
// untouched, but a serviceType value KubeSphere does not know draws a warning.
func warnUnknownServiceTypes(kept []*krm.Item, r *report) {
	for _, it := range kept {
		if it.APIVersion != "v1" || it.Kind != "Service" {
			continue
		}
		v, ok := it.Annotation(kubesphere.AnnotationServiceType)
		if !ok || knownServiceTypes[v] {
			continue
		}
		r.warningAt(it, field.NewPath("metadata", "annotations").Key(kubesphere.AnnotationServiceType),
			fmt.Sprintf("%q is not a service type KubeSphere knows (statelessservice, statefulservice, externalservice or None); the console will show this Service as a custom one", v))
	}
}
