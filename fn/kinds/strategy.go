package kinds

import (
	"k8s.io/apimachinery/pkg/runtime"

	sm "github.com/servicespec/servicespec/fn/api/servicemesh/v1alpha2"
)

// strategy is a grayscale release's Strategy. Its status is the
// controller's (and not typed); nothing else is defaulted.
var strategy = &Kind{
	GVK:       sm.GroupVersion.WithKind("Strategy"),
	New:       func() runtime.Object { return &sm.Strategy{} },
	Undefault: func(runtime.Object) {},
}
