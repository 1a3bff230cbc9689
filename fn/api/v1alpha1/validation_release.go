package v1alpha1

import (
	"fmt"
	"slices"
	"strings"

	"github.com/servicespec/servicespec/fn/kubesphere"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

var (
	releasePath       = specPath.Child("release")
	releaseStrategies = []ReleaseStrategy{Canary, BlueGreen, Mirror}
	releasePolicies   = []ReleasePolicy{WaitForWorkloadReady, Immediately, Paused}
	reservedAppLabels = []string{kubesphere.LabelAppName, kubesphere.LabelAppVersion}
)

// validateMembership checks what joining a composed app asks of a service:
// the app's labels and its governance are the app's to set.
func validateMembership(sp *ServiceSpecSpec) field.ErrorList {
	if sp.App == "" {
		return nil
	}
	errs := invalid(specPath.Child("app"), sp.App, validation.IsDNS1123Label(sp.App))
	if sp.ServiceMesh != nil {
		errs = append(errs, field.Forbidden(specPath.Child("serviceMesh"),
			"a member of a composed app is governed by its app: set serviceMesh on the AppSpec "+sp.App))
	}
	for _, k := range reservedAppLabels {
		if _, ok := sp.Labels[k]; ok {
			errs = append(errs, field.Forbidden(specPath.Child("labels").Key(k), "the label "+k+" is set from the AppSpec "+sp.App))
		}
		if _, ok := sp.Pod.Labels[k]; ok {
			errs = append(errs, field.Forbidden(specPath.Child("pod", "labels").Key(k), "the label "+k+" is set from the AppSpec "+sp.App))
		}
	}
	return errs
}

// validateRelease checks a defaulted release of a Stateless service.
// Whether its app exists and is governed is checked where every spec is
// known (the function).
func validateRelease(s *ServiceSpec) field.ErrorList {
	sp, r := &s.Spec, s.Spec.Release
	var errs field.ErrorList
	if sp.App == "" {
		errs = append(errs, field.Required(specPath.Child("app"),
			"a grayscale release runs in a composed app with governance (serviceMesh.enabled): name its AppSpec"))
	}
	errs = append(errs, invalid(releasePath.Child("name"), r.Name, validation.IsDNS1123Subdomain(r.Name))...)
	errs = append(errs, validateReleaseVersion(s)...)
	if r.Replicas != nil && *r.Replicas < 0 {
		errs = append(errs, field.Invalid(releasePath.Child("replicas"), *r.Replicas, "must be greater than or equal to 0"))
	}
	errs = append(errs, validateReleaseContainers(sp)...)
	errs = append(errs, validateReleaseStrategy(sp)...)
	if !slices.Contains(releasePolicies, r.Policy) {
		errs = append(errs, field.NotSupported(releasePath.Child("policy"), r.Policy, releasePolicies))
	}
	return errs
}

func validateReleaseVersion(s *ServiceSpec) field.ErrorList {
	sp, r, p := &s.Spec, s.Spec.Release, releasePath.Child("version")
	switch r.Version {
	case "":
		return field.ErrorList{field.Required(p, "the new version, beside spec.version")}
	case sp.Version:
		return field.ErrorList{field.Invalid(p, r.Version, "must differ from spec.version: the release runs a second version beside it")}
	}
	if msgs := versionErrors(r.Version); len(msgs) > 0 {
		return invalid(p, r.Version, msgs)
	}
	if name := kubesphere.WorkloadName(s.Name, s.Spec.Release.Version); s.Name != "" && len(name) > maxStatelessWorkload {
		return field.ErrorList{field.Invalid(p, r.Version,
			fmt.Sprintf("the new Deployment name %q (<name>-<version>) is %d characters; it must be at most %d", name, len(name), maxStatelessWorkload))}
	}
	return nil
}

// validateReleaseContainers checks the container changes: each names a
// container of spec.containers, once, and sets valid fields; ports stay
// the service's (both versions serve the same Service).
func validateReleaseContainers(sp *ServiceSpecSpec) field.ErrorList {
	var errs field.ErrorList
	volumes, _ := validateVolumes(sp)
	seen := map[string]*field.Path{}
	grace := *sp.Pod.TerminationGracePeriodSeconds
	for i := range sp.Release.Containers {
		c := &sp.Release.Containers[i]
		cp := releasePath.Child("containers").Index(i)
		errs = append(errs, validateChangedContainerName(sp, c.Name, cp.Child("name"), seen)...)
		if c.Ports != nil {
			errs = append(errs, field.Forbidden(cp.Child("ports"), "both versions serve the Service's ports: change them in spec.containers"))
		}
		if c.ImagePullPolicy != "" && !slices.Contains(pullPolicies, c.ImagePullPolicy) {
			errs = append(errs, field.NotSupported(cp.Child("imagePullPolicy"), c.ImagePullPolicy, pullPolicies))
		}
		if c.ImagePullSecret != "" {
			errs = append(errs, invalid(cp.Child("imagePullSecret"), c.ImagePullSecret, validation.IsDNS1123Subdomain(c.ImagePullSecret))...)
		}
		errs = append(errs, validateEnv(c.Env, cp.Child("env"))...)
		errs = append(errs, validateMounts(CoreVolumeMounts(c.VolumeMounts), cp.Child("volumeMounts"), volumes, sp.SyncHostTimezone)...)
		errs = append(errs, validateLogPaths(c.VolumeMounts, cp.Child("volumeMounts"), volumes, sp.LogCollection)...)
		errs = append(errs, validatePassThrough(workerFields(c), grace, cp)...)
	}
	return errs
}

// validateReleaseStrategy checks which fields the strategy takes and their
// values, as the console's strategy forms allow them.
func validateReleaseStrategy(sp *ServiceSpecSpec) field.ErrorList {
	r := sp.Release
	var errs field.ErrorList
	if !slices.Contains(releaseStrategies, r.Strategy) {
		if r.Strategy == "" {
			return field.ErrorList{field.Required(releasePath.Child("strategy"), "one of Canary, BlueGreen, Mirror")}
		}
		return field.ErrorList{field.NotSupported(releasePath.Child("strategy"), r.Strategy, releaseStrategies)}
	}
	only := func(set bool, name string, strategy ReleaseStrategy) {
		if set && r.Strategy != strategy {
			errs = append(errs, field.Forbidden(releasePath.Child(name), fmt.Sprintf("only a %s release takes %s (this one is %s)", strategy, name, r.Strategy)))
		}
	}
	only(r.Weight != nil, "weight", Canary)
	only(r.Match != nil, "match", Canary)
	only(r.Governor != "", "governor", BlueGreen)
	if r.Weight != nil {
		errs = append(errs, validateWeight(r)...)
	}
	if r.Match != nil && r.Strategy == Canary {
		errs = append(errs, field.Forbidden(releasePath.Child("match"), RefusedFields["spec.release.match"]))
	}
	if r.Governor != "" && r.Strategy == BlueGreen && r.Governor != sp.Version && r.Governor != r.Version {
		errs = append(errs, field.NotSupported(releasePath.Child("governor"), r.Governor, []string{sp.Version, r.Version}))
	}
	if r.Strategy == Mirror {
		errs = append(errs, needsHTTP(sp, "strategy", r.Strategy, "Istio mirrors HTTP traffic only (a TCP route has no mirror)")...)
	}
	return errs
}

func validateWeight(r *Release) field.ErrorList {
	p := releasePath.Child("weight")
	if *r.Weight < 0 || *r.Weight > 100 {
		return field.ErrorList{field.Invalid(p, *r.Weight, "must be a percentage from 0 to 100")}
	}
	return nil
}

// RefusedFields are the fields the API names (the console's form has
// them) that no render can honour, each with why: validation refuses them
// with that reason, and the JSON Schema marks them refused with it.
var RefusedFields = map[string]string{"spec.release.match": matchRefused}

// matchRefused says why a Canary by content cannot be rendered. KubeSphere
// 3.4's Strategy CRD is generated from Istio's Go types, whose StringMatch
// is a oneof (exact, prefix or regex) that the schema cannot describe:
// every header, cookie and URI match is an object without properties, so
// the API server refuses exact/prefix/regex under strict field validation
// (kubectl apply and Argo CD by default) and drops them otherwise, leaving
// a match on the header's presence (kubesphere/kubesphere#3845; the
// console's own form meets it too).
const matchRefused = "a Canary by content cannot be applied to KubeSphere: its Strategy CRD has no schema for a request match's exact, prefix or regex, " +
	"so the API server refuses them under strict validation (kubectl apply, Argo CD) and drops them otherwise, leaving a match on the header's presence only " +
	"(kubesphere/kubesphere#3845); release by traffic instead (weight), or with BlueGreen"

// needsHTTP reports a release that needs HTTP routing on a service the
// console routes by TCP, at the field that asks for it, with its value.
func needsHTTP(sp *ServiceSpecSpec, fieldName string, value any, why string) field.ErrorList {
	if kubesphere.ReleaseProtocol(firstServicePortName(sp)) == kubesphere.ReleaseHTTP {
		return nil
	}
	return field.ErrorList{field.Invalid(releasePath.Child(fieldName), value, fmt.Sprintf(
		"%s, and the console routes this service by TCP: the name of its first Service port (%q) must start with http, http2 or grpc",
		why, firstServicePortName(sp)))}
}

// ValidateMember checks a defaulted, valid member of a composed app against
// its app (defaulted and valid): a release needs the app's governance, and
// under governance every Service port name needs an Istio protocol prefix.
func ValidateMember(s *ServiceSpec, app *AppSpec) field.ErrorList {
	var errs field.ErrorList
	if s.Spec.Release != nil && !Governed(app) {
		errs = append(errs, field.Invalid(releasePath, "", fmt.Sprintf(
			"a grayscale release needs its app's governance, and the AppSpec %s has none: set its spec.serviceMesh.enabled (the console lists only governed apps)", app.Name)))
	}
	if Governed(app) {
		errs = append(errs, validateMeshPortNames(&s.Spec)...)
	}
	return errs
}

// ValidateAppMembers checks what an app asks of its members: each path of
// its routes goes to a member and to one of its Service's ports; with
// governance the Ingress names the service's host in its namespace.
func ValidateAppMembers(app *AppSpec, members []*ServiceSpec) field.ErrorList {
	r := app.Spec.Routes
	if r == nil {
		return nil
	}
	var errs field.ErrorList
	if Governed(app) && app.Namespace == "" {
		errs = append(errs, field.Required(field.NewPath("metadata", "namespace"),
			"with governance the app's Ingress sets nginx.ingress.kubernetes.io/upstream-vhost to <service>.<namespace>.svc.cluster.local, which needs the namespace"))
	}
	byName := map[string]*ServiceSpec{}
	var names []string
	for _, m := range members {
		byName[m.Name] = m
		names = append(names, m.Name)
	}
	slices.Sort(names)
	for i, rule := range r.Rules {
		for j, rp := range rule.Paths {
			pp := specPath.Child("routes", "rules").Index(i).Child("paths").Index(j)
			m, ok := byName[rp.Service]
			if !ok {
				errs = append(errs, field.NotFound(pp.Child("service"), fmt.Sprintf("%s (the app's services: %s)", rp.Service, orNone(names))))
				continue
			}
			if ports := ServicePortNumbers(&m.Spec); !slices.Contains(ports, rp.Port) {
				errs = append(errs, field.NotFound(pp.Child("port"), fmt.Sprintf("%d (the ports of the Service %s: %v)", rp.Port, m.Name, ports)))
			}
		}
	}
	return errs
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// ServicePortNumbers are the port numbers of the Service of a Stateless
// or Stateful service, in order.
func ServicePortNumbers(sp *ServiceSpecSpec) []int32 {
	var out []int32
	for _, c := range sp.Containers {
		for _, p := range c.Ports {
			if p.ServicePort != nil {
				out = append(out, *p.ServicePort)
			}
		}
	}
	for _, p := range sp.Ports {
		out = append(out, p.Port)
	}
	return out
}
