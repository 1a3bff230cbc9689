package kinds

import (
	"k8s.io/apimachinery/pkg/runtime"

	appv1beta1 "github.com/servicespec/servicespec/fn/api/app/v1beta1"
)

// application is a composed app's Application. Its status is the
// controller's; nothing else is defaulted.
var application = &Kind{
	GVK:       appv1beta1.GroupVersion.WithKind("Application"),
	New:       func() runtime.Object { return &appv1beta1.Application{} },
	Undefault: func(runtime.Object) {},
}
