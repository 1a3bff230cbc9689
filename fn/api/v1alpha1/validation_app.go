package v1alpha1

import (
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// ValidateApp checks a defaulted AppSpec and returns every problem found.
// Whether the services its routes name are its members is checked where
// all specs are known (the function).
func ValidateApp(a *AppSpec) field.ErrorList {
	errs := validateObjectMeta(&a.ObjectMeta, validation.IsDNS1123Label)
	sp := &a.Spec
	errs = append(errs, invalid(specPath.Child("version"), sp.Version, versionErrors(sp.Version))...)
	errs = append(errs, validateAliasAndDescription(sp.Alias, sp.Description)...)
	if r := sp.Routes; r != nil {
		errs = append(errs, validateRoutes(a.Name, r, specPath.Child("routes"))...)
	}
	return errs
}

func validateRoutes(app string, r *AppRoutes, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	// The default name is the app's: its errors are the name's.
	if r.Name != app+"-ingress" {
		errs = invalid(p.Child("name"), r.Name, validation.IsDNS1123Subdomain(r.Name))
	}
	if len(r.Rules) == 0 {
		errs = append(errs, field.Required(p.Child("rules"), "at least one routing rule"))
	}
	hosts := map[string]*field.Path{}
	for i := range r.Rules {
		rp := p.Child("rules").Index(i)
		rule := &r.Rules[i]
		errs = append(errs, validateRouteHost(rule.Host, rp.Child("host"), hosts)...)
		switch rule.Protocol {
		case RouteHTTP:
			if rule.SecretName != "" {
				errs = append(errs, field.Forbidden(rp.Child("secretName"), "only an HTTPS rule has a TLS Secret"))
			}
		case RouteHTTPS:
			if rule.SecretName == "" {
				errs = append(errs, field.Required(rp.Child("secretName"), "an HTTPS rule needs the TLS Secret of its host"))
			} else {
				errs = append(errs, invalid(rp.Child("secretName"), rule.SecretName, validation.IsDNS1123Subdomain(rule.SecretName))...)
			}
		default:
			errs = append(errs, field.NotSupported(rp.Child("protocol"), rule.Protocol, []RouteProtocol{RouteHTTP, RouteHTTPS}))
		}
		errs = append(errs, validateRoutePaths(rule.Paths, rp.Child("paths"))...)
	}
	return errs
}

func validateRouteHost(host string, p *field.Path, seen map[string]*field.Path) field.ErrorList {
	if host == "" {
		return field.ErrorList{field.Required(p, "the domain name the rule serves")}
	}
	if first, ok := seen[host]; ok {
		return field.ErrorList{field.Duplicate(p, fmt.Sprintf("%s (also the host of %s)", host, first))}
	}
	seen[host] = p
	if strings.HasPrefix(host, "*.") {
		return invalid(p, host, validation.IsWildcardDNS1123Subdomain(host))
	}
	return invalid(p, host, validation.IsDNS1123Subdomain(host))
}

func validateRoutePaths(paths []RoutePath, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if len(paths) == 0 {
		return field.ErrorList{field.Required(p, "at least one path")}
	}
	seen := map[string]*field.Path{}
	for j, rp := range paths {
		pp := p.Index(j)
		if !strings.HasPrefix(rp.Path, "/") {
			errs = append(errs, field.Invalid(pp.Child("path"), rp.Path, "must start with /"))
		}
		if first, ok := seen[rp.Path]; ok {
			errs = append(errs, field.Duplicate(pp.Child("path"), fmt.Sprintf("%s (also the path of %s)", rp.Path, first)))
		} else {
			seen[rp.Path] = pp
		}
		if rp.Service == "" {
			errs = append(errs, field.Required(pp.Child("service"), "the member service the path goes to"))
		} else {
			errs = append(errs, invalid(pp.Child("service"), rp.Service, validation.IsDNS1035Label(rp.Service))...)
		}
		errs = append(errs, invalid(pp.Child("port"), rp.Port, validation.IsValidPortNum(int(rp.Port)))...)
	}
	return errs
}
