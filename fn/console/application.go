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
	out := &appv1beta1.Application{
		TypeMeta:   metav1.TypeMeta{APIVersion: appv1beta1.GroupVersion.String(), Kind: "Application"},
		ObjectMeta: ownedMeta(a.Namespace, a.Name, a.Name, nil, nil),
		Spec:       appv1beta1.ApplicationSpec{AddOwnerRef: true},
	}
	for _, m := range applicationMappings {
		m.write(a, out)
	}
	if hasMembers {
		out.Spec.ComponentGroupKinds = componentKinds
	}
	return out
}

// ReadApplication reads an Application in the AppSpec's model.
func ReadApplication(app *appv1beta1.Application) *api.AppSpec {
	a := &api.AppSpec{
		TypeMeta:   metav1.TypeMeta{APIVersion: api.Group + "/" + api.Version, Kind: api.AppKind},
		ObjectMeta: metav1.ObjectMeta{Name: app.Name, Namespace: app.Namespace},
	}
	for _, m := range applicationMappings {
		m.read(app, &a.Spec)
	}
	return a
}

// An appMapping carries AppSpec fields to the Application and back.
type appMapping struct {
	// fields are the AppSpec fields, as JSON paths under spec.
	fields []string
	// why says how the console derives what it writes (render --explain);
	// from names what it derives it from besides fields.
	why, from string
	write     func(a *api.AppSpec, app *appv1beta1.Application)
	read      func(app *appv1beta1.Application, sp *api.AppSpecSpec)
}

var applicationMappings = []appMapping{
	{fields: []string{"version"}, from: "metadata.name", why: "the app's labels {app.kubernetes.io/name, app.kubernetes.io/version}", write: func(a *api.AppSpec, app *appv1beta1.Application) {
		app.Labels = appLabels(a)
		app.Spec.Selector = &metav1.LabelSelector{MatchLabels: appLabels(a)}
	}, read: func(app *appv1beta1.Application, sp *api.AppSpecSpec) {
		sp.Version = app.Labels[kubesphere.LabelAppVersion]
	}},
	// The console writes the governance always, "false" when it is off.
	{fields: []string{"serviceMesh"}, why: "the app's governance, \"false\" when it is off", write: func(a *api.AppSpec, app *appv1beta1.Application) {
		app.Annotations[kubesphere.AnnotationServiceMesh] = strconv.FormatBool(api.Governed(a))
	}, read: func(app *appv1beta1.Application, sp *api.AppSpecSpec) {
		if app.Annotations[kubesphere.AnnotationServiceMesh] == "true" {
			sp.ServiceMesh = &api.ServiceMesh{Enabled: true}
		}
	}},
	appAnnotation("description", kubesphere.AnnotationDescription, func(sp *api.AppSpecSpec) *string { return &sp.Description }),
	appAnnotation("alias", kubesphere.AnnotationAlias, func(sp *api.AppSpecSpec) *string { return &sp.Alias }),
	appAnnotation("creator", kubesphere.AnnotationCreator, func(sp *api.AppSpecSpec) *string { return &sp.Creator }),
	{fields: []string{"icon"}, write: func(a *api.AppSpec, app *appv1beta1.Application) {
		if a.Spec.Icon != "" {
			app.Spec.Descriptor = &appv1beta1.Descriptor{Icons: []appv1beta1.ImageSpec{{Source: a.Spec.Icon}}}
		}
	}, read: func(app *appv1beta1.Application, sp *api.AppSpecSpec) {
		if d := app.Spec.Descriptor; d != nil && len(d.Icons) > 0 {
			sp.Icon = d.Icons[0].Source
		}
	}},
}

// appAnnotation is a string field the Application carries as an
// annotation when it is set.
func appAnnotation(name, key string, field func(*api.AppSpecSpec) *string) appMapping {
	return appMapping{fields: []string{name}, write: func(a *api.AppSpec, app *appv1beta1.Application) {
		maps.Copy(app.Annotations, unlessEmpty(key, *field(&a.Spec)))
	}, read: func(app *appv1beta1.Application, sp *api.AppSpecSpec) {
		*field(sp) = app.Annotations[key]
	}}
}

// application is a composed app's Application. Its status is the
// controller's; nothing else is defaulted.
var applicationKind = &Kind{
	GVK:       appv1beta1.GroupVersion.WithKind("Application"),
	New:       func() runtime.Object { return &appv1beta1.Application{} },
	Undefault: func(runtime.Object) {},
}
