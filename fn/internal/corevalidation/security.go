package corevalidation

import (
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

var (
	procMounts      = []corev1.ProcMountType{corev1.DefaultProcMount, corev1.UnmaskedProcMount}
	seccompTypes    = []corev1.SeccompProfileType{corev1.SeccompProfileTypeLocalhost, corev1.SeccompProfileTypeRuntimeDefault, corev1.SeccompProfileTypeUnconfined}
	appArmorTypes   = []corev1.AppArmorProfileType{corev1.AppArmorProfileTypeLocalhost, corev1.AppArmorProfileTypeRuntimeDefault, corev1.AppArmorProfileTypeUnconfined}
	fsGroupPolicies = []corev1.PodFSGroupChangePolicy{corev1.FSGroupChangeAlways, corev1.FSGroupChangeOnRootMismatch}
	groupsPolicies  = []corev1.SupplementalGroupsPolicy{corev1.SupplementalGroupsPolicyMerge, corev1.SupplementalGroupsPolicyStrict}
	seLinuxPolicies = []corev1.PodSELinuxChangePolicy{corev1.SELinuxChangePolicyMountOption, corev1.SELinuxChangePolicyRecursive}
)

// SecurityContext checks a container's security context.
func SecurityContext(sc *corev1.SecurityContext, p *field.Path) field.ErrorList {
	if sc == nil {
		return nil
	}
	errs := ids(p, sc.RunAsUser, sc.RunAsGroup)
	if pm := sc.ProcMount; pm != nil {
		switch {
		case !slices.Contains(procMounts, *pm):
			errs = append(errs, field.NotSupported(p.Child("procMount"), *pm, procMounts))
		case *pm == corev1.UnmaskedProcMount:
			// Unmasked needs a user namespace (hostUsers: false), which a
			// ServiceSpec does not set.
			errs = append(errs, field.Forbidden(p.Child("procMount"), "Unmasked needs the pod's hostUsers: false, which a ServiceSpec does not set"))
		}
	}
	errs = append(errs, seccomp(sc.SeccompProfile, p.Child("seccompProfile"))...)
	errs = append(errs, appArmor(sc.AppArmorProfile, p.Child("appArmorProfile"))...)
	if sc.AllowPrivilegeEscalation != nil && !*sc.AllowPrivilegeEscalation {
		if sc.Privileged != nil && *sc.Privileged {
			errs = append(errs, field.Invalid(p.Child("allowPrivilegeEscalation"), false, "cannot be false for a privileged container"))
		}
		if sc.Capabilities != nil && slices.Contains(sc.Capabilities.Add, "CAP_SYS_ADMIN") {
			errs = append(errs, field.Invalid(p.Child("allowPrivilegeEscalation"), false, "cannot be false with capability CAP_SYS_ADMIN added"))
		}
	}
	return append(errs, windows(sc.WindowsOptions, p.Child("windowsOptions"))...)
}

// PodSecurityContext checks the pod's security context.
func PodSecurityContext(sc *corev1.PodSecurityContext, p *field.Path) field.ErrorList {
	if sc == nil {
		return nil
	}
	errs := ids(p, sc.RunAsUser, sc.RunAsGroup)
	if sc.FSGroup != nil {
		errs = append(errs, invalid(p.Child("fsGroup"), *sc.FSGroup, validation.IsValidGroupID(*sc.FSGroup))...)
	}
	for i, g := range sc.SupplementalGroups {
		errs = append(errs, invalid(p.Child("supplementalGroups").Index(i), g, validation.IsValidGroupID(g))...)
	}
	errs = append(errs, sysctls(sc.Sysctls, p.Child("sysctls"))...)
	errs = append(errs, enum(p.Child("fsGroupChangePolicy"), sc.FSGroupChangePolicy, fsGroupPolicies)...)
	errs = append(errs, enum(p.Child("supplementalGroupsPolicy"), sc.SupplementalGroupsPolicy, groupsPolicies)...)
	errs = append(errs, enum(p.Child("seLinuxChangePolicy"), sc.SELinuxChangePolicy, seLinuxPolicies)...)
	errs = append(errs, seccomp(sc.SeccompProfile, p.Child("seccompProfile"))...)
	errs = append(errs, appArmor(sc.AppArmorProfile, p.Child("appArmorProfile"))...)
	return append(errs, windows(sc.WindowsOptions, p.Child("windowsOptions"))...)
}

func ids(p *field.Path, user, group *int64) field.ErrorList {
	var errs field.ErrorList
	if user != nil {
		errs = append(errs, invalid(p.Child("runAsUser"), *user, validation.IsValidUserID(*user))...)
	}
	if group != nil {
		errs = append(errs, invalid(p.Child("runAsGroup"), *group, validation.IsValidGroupID(*group))...)
	}
	return errs
}

// enum checks an optional field that takes one of a few values.
func enum[T ~string](p *field.Path, v *T, allowed []T) field.ErrorList {
	if v != nil && !slices.Contains(allowed, *v) {
		return field.ErrorList{field.NotSupported(p, *v, allowed)}
	}
	return nil
}

func seccomp(sp *corev1.SeccompProfile, p *field.Path) field.ErrorList {
	if sp == nil {
		return nil
	}
	var errs field.ErrorList
	switch {
	case sp.Type == "":
		errs = append(errs, field.Required(p.Child("type"), "type is required when seccompProfile is set"))
	case !slices.Contains(seccompTypes, sp.Type):
		errs = append(errs, field.NotSupported(p.Child("type"), sp.Type, seccompTypes))
	}
	lp := p.Child("localhostProfile")
	switch {
	case sp.Type == corev1.SeccompProfileTypeLocalhost && sp.LocalhostProfile == nil:
		errs = append(errs, field.Required(lp, "must be set when the type is Localhost"))
	case sp.Type == corev1.SeccompProfileTypeLocalhost:
		errs = append(errs, localPath(lp, *sp.LocalhostProfile)...)
	case sp.LocalhostProfile != nil:
		errs = append(errs, field.Forbidden(lp, "may be set only when the type is Localhost"))
	}
	return errs
}

func appArmor(ap *corev1.AppArmorProfile, p *field.Path) field.ErrorList {
	if ap == nil {
		return nil
	}
	lp := p.Child("localhostProfile")
	switch ap.Type {
	case corev1.AppArmorProfileTypeLocalhost:
		if ap.LocalhostProfile == nil || *ap.LocalhostProfile == "" {
			return field.ErrorList{field.Required(lp, "must be set when the type is Localhost")}
		}
		if strings.TrimSpace(*ap.LocalhostProfile) != *ap.LocalhostProfile {
			return field.ErrorList{field.Invalid(lp, *ap.LocalhostProfile, "must not be padded with whitespace")}
		}
		if len(*ap.LocalhostProfile) > 4095 {
			return field.ErrorList{field.TooLong(lp, "", 4095)}
		}
	case corev1.AppArmorProfileTypeRuntimeDefault, corev1.AppArmorProfileTypeUnconfined:
		if ap.LocalhostProfile != nil {
			return field.ErrorList{field.Forbidden(lp, "may be set only when the type is Localhost")}
		}
	case "":
		return field.ErrorList{field.Required(p.Child("type"), "type is required when appArmorProfile is set")}
	default:
		return field.ErrorList{field.NotSupported(p.Child("type"), ap.Type, appArmorTypes)}
	}
	return nil
}

func windows(w *corev1.WindowsSecurityContextOptions, p *field.Path) field.ErrorList {
	if w == nil {
		return nil
	}
	var errs field.ErrorList
	if n := w.GMSACredentialSpecName; n != nil {
		errs = append(errs, invalid(p.Child("gmsaCredentialSpecName"), *n, validation.IsDNS1123Subdomain(*n))...)
	}
	if s := w.GMSACredentialSpec; s != nil && (*s == "" || len(*s) > 64*1024) {
		errs = append(errs, field.Invalid(p.Child("gmsaCredentialSpec"), len(*s), "must be between 1 byte and 64 KiB long"))
	}
	return errs
}

// sysctls checks the names: lowercase dotted or slashed segments, at most
// 253 characters, each once.
func sysctls(list []corev1.Sysctl, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	seen := map[string]bool{}
	for i, s := range list {
		np := p.Index(i).Child("name")
		switch {
		case s.Name == "":
			errs = append(errs, field.Required(np, ""))
		case len(s.Name) > 253 || !validSysctlName(s.Name):
			errs = append(errs, field.Invalid(np, s.Name, "must be at most 253 characters of lowercase segments ([a-z0-9], '-' or '_' inside) separated by '.' or '/'"))
		case seen[s.Name]:
			errs = append(errs, field.Duplicate(np, s.Name))
		}
		seen[s.Name] = true
	}
	return errs
}

func validSysctlName(name string) bool {
	for _, seg := range strings.FieldsFunc(name, func(r rune) bool { return r == '.' || r == '/' }) {
		if !validSysctlSegment(seg) {
			return false
		}
	}
	// FieldsFunc drops empty segments: a leading, trailing or doubled
	// separator is not a valid name.
	return !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "/") &&
		!strings.HasSuffix(name, ".") && !strings.HasSuffix(name, "/") &&
		!strings.Contains(name, "..") && !strings.Contains(name, "//") &&
		!strings.Contains(name, "./") && !strings.Contains(name, "/.")
}

func validSysctlSegment(seg string) bool {
	for i := 0; i < len(seg); i++ {
		c := seg[i]
		alnum := c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
		if !alnum && (i == 0 || i == len(seg)-1 || (c != '-' && c != '_')) {
			return false
		}
	}
	return seg != ""
}
