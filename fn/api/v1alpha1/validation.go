package v1alpha1

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"unicode/utf8"

	"github.com/servicespec/servicespec/fn/kubesphere"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Name limits (docs/reference.md, on metadata.name). A StatefulSet's pods carry the label
// controller-revision-hash=<sts>-<10 chars>, which must fit in 63.
const (
	maxNameLength         = 63
	maxStatelessWorkload  = 63
	maxStatefulWorkload   = 52
	maxPairedServiceName  = 63 - len(kubesphere.HeadlessSuffix)
	maxAliasLength        = 63
	maxDescriptionLength  = 256
	minStickyTimeout      = 1
	maxStickyTimeout      = 86400
	minNodePort           = 30000
	maxNodePort           = 32767
	notWithHeadlessAccess = "is not allowed with access: Headless"
)

// aliasPattern is the console's PATTERN_ALIAS_NAME: letters, digits and CJK
// characters with inner hyphens. No apimachinery helper covers it.
var aliasPattern = regexp.MustCompile(`^[a-zA-Z0-9\x{4e00}-\x{9fa5}]([a-zA-Z0-9\x{4e00}-\x{9fa5}-]*[a-zA-Z0-9\x{4e00}-\x{9fa5}])?$`)

var (
	specPath = field.NewPath("spec")
	allTypes = []ServiceType{Stateless, Stateful, External, Workload}
)

// Validate checks a defaulted ServiceSpec and returns every problem found,
// each with the path of the field at fault.
func Validate(s *ServiceSpec, owners AnnotationOwners) field.ErrorList {
	errs := validateObjectMeta(&s.ObjectMeta, validation.IsDNS1035Label)
	sp := &s.Spec
	if !slices.Contains(allTypes, sp.Type) {
		if sp.Type == "" {
			return append(errs, field.Required(specPath.Child("type"), "one of Stateless, Stateful, External, Workload"))
		}
		return append(errs, field.NotSupported(specPath.Child("type"), sp.Type, allTypes))
	}
	errs = append(errs, validateFieldsForType(sp)...)
	errs = append(errs, validateCommon(sp, owners)...)
	if sp.Placement != nil {
		errs = append(errs, validatePlacement(sp)...)
	}
	switch sp.Type {
	case Stateless, Stateful:
		errs = append(errs, validateWorkloadNames(s, owners)...)
		errs = append(errs, validatePodTemplate(sp, owners)...)
		errs = append(errs, validateWorkloadPorts(sp)...)
		errs = append(errs, validateAccess(sp, owners)...)
		errs = append(errs, validateBeyondConsole(sp)...)
		errs = append(errs, validateMembership(sp)...)
		if sp.Release != nil && sp.Type == Stateless {
			errs = append(errs, validateRelease(s)...)
		}
	case External:
		errs = append(errs, validateExternalName(sp.ExternalName)...)
	case Workload:
		errs = append(errs, validateWorkloadTarget(sp)...)
		errs = append(errs, validateDirectPorts(sp, specPath.Child("ports"))...)
		errs = append(errs, validateAccess(sp, owners)...)
	}
	return errs
}

// validateObjectMeta checks the name (required, by nameRule: a Service
// name is a DNS-1035 label, an app's a DNS-1123 label) and the namespace.
func validateObjectMeta(m *metav1.ObjectMeta, nameRule func(string) []string) field.ErrorList {
	var errs field.ErrorList
	meta := field.NewPath("metadata")
	if m.Name == "" {
		errs = append(errs, field.Required(meta.Child("name"), ""))
	} else {
		errs = append(errs, invalid(meta.Child("name"), m.Name, nameRule(m.Name))...)
	}
	if m.Namespace != "" {
		errs = append(errs, invalid(meta.Child("namespace"), m.Namespace, validation.IsDNS1123Label(m.Namespace))...)
	}
	return errs
}

// fieldRule says which types accept a field (the README's table of fields,
// whose types column schemas/types_test.go checks against this table).
type fieldRule struct {
	name  string
	isSet func(*ServiceSpecSpec) bool
	types []ServiceType
}

// refusalReasons say why the other types refuse a field, where the type
// alone does not.
var refusalReasons = map[string]string{
	"release": "KubeSphere's grayscale release runs on Deployments only: the console's release form refuses any other workload, and the service mesh builds a service's version subsets from its Deployments, so a Strategy over StatefulSets would route to subsets nobody creates",
}

var (
	workloadTypes = []ServiceType{Stateless, Stateful}
	serviceTypes  = []ServiceType{Stateless, Stateful, Workload}
)

// fieldRules has an entry for every field of ServiceSpecSpec but the type
// itself (TestEveryFieldHasATypeRule): adding a field means saying which
// types take it; nil types: every type, as the field reference says.
var fieldRules = []fieldRule{
	{"alias", func(s *ServiceSpecSpec) bool { return s.Alias != "" }, nil},
	{"description", func(s *ServiceSpecSpec) bool { return s.Description != "" }, nil},
	{"creator", func(s *ServiceSpecSpec) bool { return s.Creator != "" }, nil},
	{"labels", func(s *ServiceSpecSpec) bool { return s.Labels != nil }, nil},
	{"serviceAnnotations", func(s *ServiceSpecSpec) bool { return s.ServiceAnnotations != nil }, nil},
	{"version", func(s *ServiceSpecSpec) bool { return s.Version != "" }, workloadTypes},
	{"replicas", func(s *ServiceSpecSpec) bool { return s.Replicas != nil }, workloadTypes},
	{"annotations", func(s *ServiceSpecSpec) bool { return s.Annotations != nil }, workloadTypes},
	{"containers", func(s *ServiceSpecSpec) bool { return s.Containers != nil }, workloadTypes},
	{"initContainers", func(s *ServiceSpecSpec) bool { return s.InitContainers != nil }, workloadTypes},
	{"volumes", func(s *ServiceSpecSpec) bool { return s.Volumes != nil }, workloadTypes},
	{"syncHostTimezone", func(s *ServiceSpecSpec) bool { return s.SyncHostTimezone }, workloadTypes},
	{"logCollection", func(s *ServiceSpecSpec) bool { return s.LogCollection != nil }, workloadTypes},
	{"scheduling", func(s *ServiceSpecSpec) bool { return s.Scheduling != nil }, workloadTypes},
	{"pod", func(s *ServiceSpecSpec) bool { return s.Pod != nil }, workloadTypes},
	{"strategy", func(s *ServiceSpecSpec) bool { return s.Strategy != nil }, workloadTypes},
	{"volumeClaimTemplates", func(s *ServiceSpecSpec) bool { return s.VolumeClaimTemplates != nil }, []ServiceType{Stateful}},
	{"access", func(s *ServiceSpecSpec) bool { return s.Access != "" }, serviceTypes},
	{"stickySession", func(s *ServiceSpecSpec) bool { return s.StickySession != nil }, serviceTypes},
	{"ports", func(s *ServiceSpecSpec) bool { return s.Ports != nil }, serviceTypes},
	{"externalAccess", func(s *ServiceSpecSpec) bool { return s.ExternalAccess != nil }, serviceTypes},
	{"externalName", func(s *ServiceSpecSpec) bool { return s.ExternalName != "" }, []ServiceType{External}},
	{"selector", func(s *ServiceSpecSpec) bool { return s.Selector != nil }, []ServiceType{Workload}},
	{"workloadRef", func(s *ServiceSpecSpec) bool { return s.WorkloadRef != nil }, []ServiceType{Workload}},
	{"autoscaling", func(s *ServiceSpecSpec) bool { return s.Autoscaling != nil }, workloadTypes},
	{"disruptionBudget", func(s *ServiceSpecSpec) bool { return s.DisruptionBudget != nil }, workloadTypes},
	{"serviceMesh", func(s *ServiceSpecSpec) bool { return s.ServiceMesh != nil }, workloadTypes},
	{"securityProfile", func(s *ServiceSpecSpec) bool { return s.SecurityProfile != "" }, workloadTypes},
	{"rolloutOnConfigChange", func(s *ServiceSpecSpec) bool { return s.RolloutOnConfigChange }, workloadTypes},
	{"app", func(s *ServiceSpecSpec) bool { return s.App != "" }, workloadTypes},
	{"release", func(s *ServiceSpecSpec) bool { return s.Release != nil }, []ServiceType{Stateless}},
	{"placement", func(s *ServiceSpecSpec) bool { return s.Placement != nil }, allTypes},
}

// AcceptingTypes lists the service types that accept a spec field (by its
// JSON name); nil means every type does. The field reference is generated
// from it.
func AcceptingTypes(jsonName string) []ServiceType {
	for _, r := range fieldRules {
		if r.name == jsonName {
			return r.types
		}
	}
	return nil
}

func validateFieldsForType(sp *ServiceSpecSpec) field.ErrorList {
	var errs field.ErrorList
	for _, r := range fieldRules {
		if r.types != nil && r.isSet(sp) && !slices.Contains(r.types, sp.Type) {
			msg := fmt.Sprintf("type %s does not accept this field (accepted by %s)", sp.Type, joinTypes(r.types))
			if why := refusalReasons[r.name]; why != "" {
				msg += ": " + why
			}
			errs = append(errs, field.Forbidden(specPath.Child(r.name), msg))
		}
	}
	return errs
}

func joinTypes(types []ServiceType) string {
	s := ""
	for i, t := range types {
		if i > 0 {
			s += ", "
		}
		s += string(t)
	}
	return s
}

// validateCommon checks the fields every type accepts.
func validateCommon(sp *ServiceSpecSpec, owners AnnotationOwners) field.ErrorList {
	errs := validateAliasAndDescription(sp.Alias, sp.Description)
	errs = append(errs, validateExtraLabels(sp.Labels, specPath.Child("labels"))...)
	errs = append(errs, validateAnnotations(sp.ServiceAnnotations, owned(owners.Service, sp), specPath.Child("serviceAnnotations"))...)
	return errs
}

// validateAliasAndDescription checks spec.alias and spec.description.
func validateAliasAndDescription(alias, description string) field.ErrorList {
	var errs field.ErrorList
	if alias != "" {
		p := specPath.Child("alias")
		if n := utf8.RuneCountInString(alias); n > maxAliasLength {
			errs = append(errs, field.TooLong(p, alias, maxAliasLength))
		} else if !aliasPattern.MatchString(alias) {
			errs = append(errs, field.Invalid(p, alias,
				"must consist of letters, digits, Chinese characters and hyphens, and must not start or end with a hyphen"))
		}
	}
	if utf8.RuneCountInString(description) > maxDescriptionLength {
		errs = append(errs, field.TooLong(specPath.Child("description"), description, maxDescriptionLength))
	}
	return errs
}

// validateExtraLabels checks spec.labels: valid Kubernetes labels, without
// the keys the function writes itself.
func validateExtraLabels(labels map[string]string, p *field.Path) field.ErrorList {
	errs := metav1validation.ValidateLabels(labels, p)
	for _, k := range []string{kubesphere.LabelApp, kubesphere.LabelVersion} {
		if _, ok := labels[k]; ok {
			errs = append(errs, field.Forbidden(p.Key(k), "the label "+k+" is set by servicespec from metadata.name and spec.version"))
		}
	}
	return errs
}

// validateAnnotations checks an annotation map that goes onto an output.
// owners maps each key the function writes on that object to the field that
// writes it; the user may not set those keys here.
func validateAnnotations(annotations map[string]string, owners map[string]string, p *field.Path) field.ErrorList {
	errs := apivalidation.ValidateAnnotations(annotations, p)
	for _, k := range slices.Sorted(maps.Keys(annotations)) {
		if owner, ok := owners[k]; ok {
			errs = append(errs, field.Forbidden(p.Key(k), "this annotation is written by servicespec; set "+owner+" instead"))
		} else if forbiddenOnOutputs(k) {
			errs = append(errs, field.Forbidden(p.Key(k), "this annotation belongs to the KRM orchestrator and is never copied onto outputs"))
		}
	}
	return errs
}

func validateWorkloadNames(s *ServiceSpec, owners AnnotationOwners) field.ErrorList {
	var errs field.ErrorList
	sp := &s.Spec
	vp := specPath.Child("version")
	versionMsgs := versionErrors(sp.Version)
	errs = append(errs, invalid(vp, sp.Version, versionMsgs)...)
	limit := maxStatelessWorkload
	if sp.Type == Stateful {
		limit = maxStatefulWorkload
	}
	// The workload's length says something only of a valid version.
	if name := kubesphere.WorkloadName(s.Name, sp.Version); s.Name != "" && len(versionMsgs) == 0 && len(name) > limit {
		errs = append(errs, field.Invalid(field.NewPath("metadata", "name"), s.Name,
			fmt.Sprintf("the %s name %q (<name>-<version>) is %d characters; it must be at most %d", workloadKindOf(sp.Type), name, len(name), limit)))
	}
	if sp.Type == Stateful && sp.Access == VirtualIP && len(s.Name) > maxPairedServiceName {
		errs = append(errs, field.Invalid(field.NewPath("metadata", "name"), s.Name,
			fmt.Sprintf("with access: VirtualIP a Stateful service also gets the Service %q, so the name must be at most %d characters", s.Name+kubesphere.HeadlessSuffix, maxPairedServiceName)))
	}
	if sp.Replicas != nil && *sp.Replicas < 0 {
		errs = append(errs, field.Invalid(specPath.Child("replicas"), *sp.Replicas, "must be greater than or equal to 0"))
	}
	errs = append(errs, validateAnnotations(sp.Annotations, owned(owners.Workload, sp), specPath.Child("annotations"))...)
	return errs
}

var versionPattern = regexp.MustCompile(`^[a-z0-9]{1,16}$`)

func versionErrors(v string) []string {
	if versionPattern.MatchString(v) {
		return nil
	}
	return []string{"must consist of 1 to 16 lowercase letters and digits (regex " + versionPattern.String() + ")"}
}

func workloadKindOf(t ServiceType) string {
	if t == Stateful {
		return "StatefulSet"
	}
	return "Deployment"
}

func validateExternalName(name string) field.ErrorList {
	p := specPath.Child("externalName")
	if name == "" {
		return field.ErrorList{field.Required(p, "the DNS name this External service points to")}
	}
	return invalid(p, name, validation.IsDNS1123Subdomain(TrimTrailingDot(name)))
}

// TrimTrailingDot removes one trailing dot of a fully qualified DNS name.
func TrimTrailingDot(name string) string {
	if len(name) > 0 && name[len(name)-1] == '.' {
		return name[:len(name)-1]
	}
	return name
}

func validateWorkloadTarget(sp *ServiceSpecSpec) field.ErrorList {
	var errs field.ErrorList
	switch {
	case sp.Selector == nil && sp.WorkloadRef == nil:
		errs = append(errs, field.Required(specPath.Child("selector"), "a Workload service needs exactly one of selector and workloadRef"))
	case sp.Selector != nil && sp.WorkloadRef != nil:
		errs = append(errs, field.Forbidden(specPath.Child("workloadRef"), "set exactly one of selector and workloadRef"))
	case sp.Selector != nil:
		p := specPath.Child("selector")
		if len(sp.Selector) == 0 {
			errs = append(errs, field.Required(p, "an empty selector would select every pod in the namespace"))
		}
		errs = append(errs, metav1validation.ValidateLabels(sp.Selector, p)...)
		if len(sp.Ports) == 0 && sp.Access != Headless {
			errs = append(errs, field.Required(specPath.Child("ports"), "a Workload service with a selector needs at least one port unless access is Headless"))
		}
	default:
		p := specPath.Child("workloadRef")
		kinds := []WorkloadKind{"Deployment", "StatefulSet", "DaemonSet"}
		if !slices.Contains(kinds, sp.WorkloadRef.Kind) {
			errs = append(errs, field.NotSupported(p.Child("kind"), sp.WorkloadRef.Kind, kinds))
		}
		if sp.WorkloadRef.Name == "" {
			errs = append(errs, field.Required(p.Child("name"), ""))
		} else {
			errs = append(errs, invalid(p.Child("name"), sp.WorkloadRef.Name, validation.IsDNS1123Subdomain(sp.WorkloadRef.Name))...)
		}
	}
	return errs
}

// invalid turns the messages of an apimachinery IsXxx helper into errors.
func invalid(p *field.Path, value any, msgs []string) field.ErrorList {
	var errs field.ErrorList
	for _, m := range msgs {
		errs = append(errs, field.Invalid(p, value, m))
	}
	return errs
}
