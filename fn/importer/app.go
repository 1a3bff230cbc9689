package importer

import (
	"fmt"
	"slices"

	networkingv1 "k8s.io/api/networking/v1"

	appv1beta1 "github.com/servicespec/servicespec/fn/api/app/v1beta1"
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/kubesphere"
)

// app is a composed app found in the input: its Application, the Ingress
// its Route Settings made (when one fits), and the AppSpec that should
// render them.
type app struct {
	application, ingress *object
	spec                 *api.AppSpec
	members              []*service
}

func appKey(namespace, name string) string { return namespace + "/" + name }

// recognizeApps reads every Application as an AppSpec and finds the
// Ingress labelled with its labels, as the console's Create Composed App
// writes them.
func recognizeApps(objs []*object) map[string]*app {
	apps := map[string]*app{}
	for _, o := range objs {
		a, ok := o.typed.(*appv1beta1.Application)
		if !ok {
			continue
		}
		spec := console.ReadApplication(a)
		apps[appKey(o.namespace, o.name)] = &app{application: o, spec: spec}
	}
	for _, o := range objs {
		in, ok := o.typed.(*networkingv1.Ingress)
		if !ok {
			continue
		}
		a := apps[appKey(o.namespace, in.Labels[kubesphere.LabelAppName])]
		if a == nil || in.Labels[kubesphere.LabelAppVersion] != a.spec.Spec.Version || a.ingress != nil {
			continue
		}
		if routes := console.ReadRoutes(in); routes != nil {
			a.ingress, a.spec.Spec.Routes = o, routes
		}
	}
	return apps
}

// appOf is the app a console-made Service belongs to: its labels name an
// app of the input, with that app's version.
func appOf(apps map[string]*app, svc *object) *app {
	l := labelsOf(svc.typed)
	a := apps[appKey(svc.namespace, l[kubesphere.LabelAppName])]
	if a == nil || l[kubesphere.LabelAppVersion] != a.spec.Spec.Version {
		return nil
	}
	return a
}

// proveApp renders the AppSpec with the members that converted and
// requires the Application (and the Ingress, when routes were read) back.
// An Ingress that does not come back stays as it is, without routes.
func proveApp(a *app) error {
	hasMembers := slices.ContainsFunc(a.members, func(s *service) bool { return s.converted })
	if a.ingress != nil {
		if err := sameAll(a, hasMembers); err == nil {
			return nil
		}
		a.ingress, a.spec.Spec.Routes = nil, nil
	}
	return sameAll(a, hasMembers)
}

func sameAll(a *app, hasMembers bool) error {
	spec := a.spec.DeepCopy()
	api.SetAppDefaults(spec)
	if errs := api.ValidateApp(spec); len(errs) > 0 {
		return fmt.Errorf("the AppSpec it would need is not valid: %v", errs.ToAggregate())
	}
	imported := []*object{a.application}
	if a.ingress != nil {
		imported = append(imported, a.ingress)
	}
	live := slices.ContainsFunc(imported, func(o *object) bool { return o.live })
	rendered := console.AppObjects(spec, hasMembers)
	if len(rendered) != len(imported) {
		return fmt.Errorf("it would render %d objects, not %d", len(rendered), len(imported))
	}
	for _, r := range rendered {
		o := find(imported, r)
		if o == nil {
			return fmt.Errorf("it would render %s, which is not here", describe(r))
		}
		if err := sameObject(r, o.typed, live); err != nil {
			return fmt.Errorf("%s: %w", describe(r), err)
		}
	}
	return nil
}

// minimizeApp leaves out what the AppSpec's defaults give back.
func minimizeApp(a *api.AppSpec) *api.AppSpec {
	out := a.DeepCopy()
	if out.Spec.Version == api.DefaultVersion {
		out.Spec.Version = ""
	}
	if r := out.Spec.Routes; r != nil {
		if r.Name == out.Name+"-ingress" {
			r.Name = ""
		}
		for i := range r.Rules {
			rule := &r.Rules[i]
			if rule.Protocol == api.RouteHTTP {
				rule.Protocol = ""
			}
			for j := range rule.Paths {
				if rule.Paths[j].Path == "/" {
					rule.Paths[j].Path = ""
				}
			}
		}
	}
	return out
}
