package kinds

import (
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// ingress is a composed app's Ingress.
var ingress = &Kind{
	GVK: networkingv1.SchemeGroupVersion.WithKind("Ingress"),
	New: func() runtime.Object { return &networkingv1.Ingress{} },
	Undefault: func(obj runtime.Object) {
		obj.(*networkingv1.Ingress).Status = networkingv1.IngressStatus{}
	},
	ImportNote: "no converted composed app has it (the console labels an app's Ingress with the app's labels)",
}
