package console

import (
	"maps"
	"strconv"

	appv1beta1 "github.com/servicespec/servicespec/fn/api/app/v1beta1"
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/kubesphere"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// componentKinds are the kinds the console's composed app lists as its
// components, in the console's order.
var componentKinds = []metav1.GroupKind{
	{Group: "", Kind: "Service"},
	{Group: "apps", Kind: "Deployment"},
	{Group: "apps", Kind: "StatefulSet"},
	{Group: "networking.k8s.io", Kind: "Ingress"},
	{Group: "servicemesh.kubesphere.io", Kind: "Strategy"},
	{Group: "servicemesh.kubesphere.io", Kind: "ServicePolicy"},
}

// Application is the app.k8s.io/v1beta1 Application of a composed app, as
// the console's Create Composed App form writes it: labelled and selecting
// by the app's name and version, owning what it selects (addOwnerRef), its
// governance, description and creator as annotations. The console lists
// componentKinds once a service is added, so an app without members has
// none.
func Application(a *api.AppSpec, hasMembers bool) *appv1beta1.Application {
	sp := &a.Spec
	annotations := map[string]string{kubesphere.AnnotationServiceMesh: strconv.FormatBool(api.Governed(a))}
	if sp.Description != "" {
		annotations[kubesphere.AnnotationDescription] = sp.Description
	}
	if sp.Alias != "" {
		annotations[kubesphere.AnnotationAlias] = sp.Alias
	}
	maps.Copy(annotations, creatorAnnotation(sp.Creator))
	out := &appv1beta1.Application{
		TypeMeta:   metav1.TypeMeta{APIVersion: appv1beta1.GroupVersion.String(), Kind: "Application"},
		ObjectMeta: ownedMeta(a.Namespace, a.Name, a.Name, appLabels(a), annotations),
		Spec: appv1beta1.ApplicationSpec{
			Selector:    &metav1.LabelSelector{MatchLabels: appLabels(a)},
			AddOwnerRef: true,
		},
	}
	if hasMembers {
		out.Spec.ComponentGroupKinds = componentKinds
	}
	if sp.Icon != "" {
		out.Spec.Descriptor = &appv1beta1.Descriptor{Icons: []appv1beta1.ImageSpec{{Source: sp.Icon}}}
	}
	return out
}

// application is a composed app's Application. Its status is the
// controller's; nothing else is defaulted.
var applicationKind = &Kind{
	GVK:       appv1beta1.GroupVersion.WithKind("Application"),
	New:       func() runtime.Object { return &appv1beta1.Application{} },
	Undefault: func(runtime.Object) {},
}
