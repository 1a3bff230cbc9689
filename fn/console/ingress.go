package console

import (
	"maps"
	"slices"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/kubesphere"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// Ingress is a composed app's Ingress, its routing rules as the console's
// Route Settings write them: labelled with the app's labels, every path of
// type ImplementationSpecific to a port number of a member's Service, the
// HTTPS rules' hosts grouped under their TLS Secret, and with governance
// the upstream-vhost of the first path's service, so that the mesh sees
// the service's host. The console's own fields in rules (protocol,
// secretName) are left out: the Ingress has none and the API server drops
// them.
func Ingress(a *api.AppSpec) *networkingv1.Ingress {
	r := a.Spec.Routes
	annotations := map[string]string{}
	if api.Governed(a) {
		first := r.Rules[0].Paths[0].Service
		annotations[kubesphere.AnnotationUpstreamVhost] = first + "." + a.Namespace + ".svc.cluster.local"
	}
	maps.Copy(annotations, creatorAnnotation(a.Spec.Creator))
	return &networkingv1.Ingress{
		TypeMeta:   metav1.TypeMeta{APIVersion: networkingv1.SchemeGroupVersion.String(), Kind: "Ingress"},
		ObjectMeta: ownedMeta(a.Namespace, a.Name, r.Name, appLabels(a), annotations),
		Spec:       networkingv1.IngressSpec{Rules: ingressRules(r.Rules), TLS: ingressTLS(r.Rules)},
	}
}

func ingressRules(rules []api.RouteRule) []networkingv1.IngressRule {
	out := make([]networkingv1.IngressRule, 0, len(rules))
	pathType := networkingv1.PathTypeImplementationSpecific
	for _, rule := range rules {
		var paths []networkingv1.HTTPIngressPath
		for _, p := range rule.Paths {
			paths = append(paths, networkingv1.HTTPIngressPath{
				Path:     p.Path,
				PathType: &pathType,
				Backend: networkingv1.IngressBackend{Service: &networkingv1.IngressServiceBackend{
					Name: p.Service, Port: networkingv1.ServiceBackendPort{Number: p.Port},
				}},
			})
		}
		out = append(out, networkingv1.IngressRule{Host: rule.Host,
			IngressRuleValue: networkingv1.IngressRuleValue{HTTP: &networkingv1.HTTPIngressRuleValue{Paths: paths}}})
	}
	return out
}

// ingressTLS groups the hosts of the HTTPS rules by Secret, in the order
// the rules name them, as the console does.
func ingressTLS(rules []api.RouteRule) []networkingv1.IngressTLS {
	var out []networkingv1.IngressTLS
	for _, rule := range rules {
		if rule.Protocol != api.RouteHTTPS {
			continue
		}
		i := slices.IndexFunc(out, func(t networkingv1.IngressTLS) bool { return t.SecretName == rule.SecretName })
		if i < 0 {
			out = append(out, networkingv1.IngressTLS{SecretName: rule.SecretName})
			i = len(out) - 1
		}
		if !slices.Contains(out[i].Hosts, rule.Host) {
			out[i].Hosts = append(out[i].Hosts, rule.Host)
		}
	}
	return out
}

// AppObjects expands one AppSpec: its Application and, with routes, its
// Ingress. The spec must be defaulted and valid.
func AppObjects(a *api.AppSpec, hasMembers bool) []runtime.Object {
	objs := []runtime.Object{Application(a, hasMembers)}
	if a.Spec.Routes != nil {
		objs = append(objs, routesMapping.build(a))
	}
	return objs
}

// routesMapping: spec.routes is the app's Ingress; import reads it back
// from an Ingress labelled with the app's labels.
var routesMapping = struct {
	field string
	build func(*api.AppSpec) *networkingv1.Ingress
	read  func(*networkingv1.Ingress) *api.AppRoutes
}{"routes", Ingress, readRoutes}

// ReadRoutes reads an Ingress as the app's routes (routesMapping).
func ReadRoutes(in *networkingv1.Ingress) *api.AppRoutes { return routesMapping.read(in) }

// readRoutes reads an Ingress as the app's routes; nil when its rules are
// not the console's (a backend other than a service port number, a path
// type other than ImplementationSpecific, TLS hosts without a rule).
func readRoutes(in *networkingv1.Ingress) *api.AppRoutes {
	r := &api.AppRoutes{Name: in.Name}
	secrets := map[string]string{}
	for _, t := range in.Spec.TLS {
		for _, h := range t.Hosts {
			secrets[h] = t.SecretName
		}
	}
	for _, rule := range in.Spec.Rules {
		if rule.HTTP == nil {
			return nil
		}
		out := api.RouteRule{Host: rule.Host, Protocol: api.RouteHTTP}
		if secret, ok := secrets[rule.Host]; ok {
			out.Protocol, out.SecretName = api.RouteHTTPS, secret
		}
		for _, p := range rule.HTTP.Paths {
			b := p.Backend.Service
			if b == nil || b.Port.Name != "" || p.PathType == nil || *p.PathType != networkingv1.PathTypeImplementationSpecific {
				return nil
			}
			out.Paths = append(out.Paths, api.RoutePath{Path: p.Path, Service: b.Name, Port: b.Port.Number})
		}
		r.Rules = append(r.Rules, out)
	}
	return r
}

// ingress is a composed app's Ingress.
var ingressKind = &Kind{
	GVK: networkingv1.SchemeGroupVersion.WithKind("Ingress"),
	New: func() runtime.Object { return &networkingv1.Ingress{} },
	Undefault: func(obj runtime.Object) {
		obj.(*networkingv1.Ingress).Status = networkingv1.IngressStatus{}
	},
	ImportNote: "no converted composed app has it (the console labels an app's Ingress with the app's labels)",
}
