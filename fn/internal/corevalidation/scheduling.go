package corevalidation

import (
	"fmt"
	"slices"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metav1validation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

var (
	tolerationOperators = []corev1.TolerationOperator{corev1.TolerationOpEqual, corev1.TolerationOpExists}
	taintEffects        = []corev1.TaintEffect{corev1.TaintEffectNoSchedule, corev1.TaintEffectPreferNoSchedule, corev1.TaintEffectNoExecute}
	unsatisfiable       = []corev1.UnsatisfiableConstraintAction{corev1.DoNotSchedule, corev1.ScheduleAnyway}
	inclusionPolicies   = []corev1.NodeInclusionPolicy{corev1.NodeInclusionPolicyHonor, corev1.NodeInclusionPolicyIgnore}
	selectorOperators   = []corev1.NodeSelectorOperator{corev1.NodeSelectorOpIn, corev1.NodeSelectorOpNotIn,
		corev1.NodeSelectorOpExists, corev1.NodeSelectorOpDoesNotExist, corev1.NodeSelectorOpGt, corev1.NodeSelectorOpLt}
	selectorOptions = metav1validation.LabelSelectorValidationOptions{}
)

// Tolerations checks each toleration: a label key, Equal or Exists (Exists
// for every key when the key is empty, and then no value), a known effect,
// tolerationSeconds only with NoExecute.
func Tolerations(tolerations []corev1.Toleration, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, t := range tolerations {
		tp := p.Index(i)
		if t.Key != "" {
			errs = append(errs, metav1validation.ValidateLabelName(t.Key, tp.Child("key"))...)
		}
		switch t.Operator {
		case corev1.TolerationOpEqual, "":
			if t.Key == "" {
				errs = append(errs, field.Invalid(tp.Child("operator"), t.Operator, "must be Exists when the key is empty (which matches every key)"))
			}
			errs = append(errs, invalid(tp.Child("value"), t.Value, validation.IsValidLabelValue(t.Value))...)
		case corev1.TolerationOpExists:
			if t.Value != "" {
				errs = append(errs, field.Invalid(tp.Child("value"), t.Value, "must be empty when the operator is Exists"))
			}
		default:
			errs = append(errs, field.NotSupported(tp.Child("operator"), t.Operator, tolerationOperators))
		}
		if t.Effect != "" && !slices.Contains(taintEffects, t.Effect) {
			errs = append(errs, field.NotSupported(tp.Child("effect"), t.Effect, taintEffects))
		}
		if t.TolerationSeconds != nil && t.Effect != corev1.TaintEffectNoExecute {
			errs = append(errs, field.Invalid(tp.Child("tolerationSeconds"), *t.TolerationSeconds, "may be set only with effect NoExecute"))
		}
	}
	return errs
}

// TopologySpreadConstraints checks each constraint.
func TopologySpreadConstraints(constraints []corev1.TopologySpreadConstraint, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	seen := map[string]bool{}
	for i, c := range constraints {
		cp := p.Index(i)
		if c.MaxSkew <= 0 {
			errs = append(errs, field.Invalid(cp.Child("maxSkew"), c.MaxSkew, "must be greater than 0"))
		}
		if c.TopologyKey == "" {
			errs = append(errs, field.Required(cp.Child("topologyKey"), ""))
		}
		if !slices.Contains(unsatisfiable, c.WhenUnsatisfiable) {
			errs = append(errs, field.NotSupported(cp.Child("whenUnsatisfiable"), c.WhenUnsatisfiable, unsatisfiable))
		}
		key := c.TopologyKey + "\x00" + string(c.WhenUnsatisfiable)
		if seen[key] {
			errs = append(errs, field.Duplicate(cp, fmt.Sprintf("{%s, %s} (each topologyKey and whenUnsatisfiable pair once)", c.TopologyKey, c.WhenUnsatisfiable)))
		}
		seen[key] = true
		if m := c.MinDomains; m != nil {
			if *m <= 0 {
				errs = append(errs, field.Invalid(cp.Child("minDomains"), *m, "must be greater than 0"))
			}
			if c.WhenUnsatisfiable != corev1.DoNotSchedule {
				errs = append(errs, field.Invalid(cp.Child("minDomains"), *m, "may be set only with whenUnsatisfiable DoNotSchedule"))
			}
		}
		errs = append(errs, enum(cp.Child("nodeAffinityPolicy"), c.NodeAffinityPolicy, inclusionPolicies)...)
		errs = append(errs, enum(cp.Child("nodeTaintsPolicy"), c.NodeTaintsPolicy, inclusionPolicies)...)
		errs = append(errs, matchLabelKeys(c.MatchLabelKeys, nil, c.LabelSelector, true, cp)...)
		errs = append(errs, metav1validation.ValidateLabelSelector(c.LabelSelector, selectorOptions, cp.Child("labelSelector"))...)
	}
	return errs
}

// matchLabelKeys checks the label keys a spread constraint or affinity
// term copies from the pod: label names, not also in the selector or in
// both lists.
func matchLabelKeys(match, mismatch []string, selector *metav1.LabelSelector, needSelector bool, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if len(match) > 0 && selector == nil && needSelector {
		errs = append(errs, field.Forbidden(p.Child("matchLabelKeys"), "may be set only with a labelSelector"))
	}
	inSelector := map[string]bool{}
	if selector != nil {
		for k := range selector.MatchLabels {
			inSelector[k] = true
		}
		for _, e := range selector.MatchExpressions {
			inSelector[e.Key] = true
		}
	}
	for _, list := range []struct {
		name string
		keys []string
	}{{"matchLabelKeys", match}, {"mismatchLabelKeys", mismatch}} {
		for i, k := range list.keys {
			kp := p.Child(list.name).Index(i)
			errs = append(errs, metav1validation.ValidateLabelName(k, kp)...)
			if inSelector[k] {
				errs = append(errs, field.Invalid(kp, k, "is also in the labelSelector"))
			}
			if list.name == "matchLabelKeys" && slices.Contains(mismatch, k) {
				errs = append(errs, field.Invalid(kp, k, "is also in mismatchLabelKeys"))
			}
		}
	}
	return errs
}

// Affinity checks node affinity, pod affinity and pod anti-affinity.
func Affinity(a *corev1.Affinity, p *field.Path) field.ErrorList {
	if a == nil {
		return nil
	}
	var errs field.ErrorList
	if na := a.NodeAffinity; na != nil {
		np := p.Child("nodeAffinity")
		if req := na.RequiredDuringSchedulingIgnoredDuringExecution; req != nil {
			rp := np.Child("requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms")
			if len(req.NodeSelectorTerms) == 0 {
				errs = append(errs, field.Required(rp, "must have at least one node selector term"))
			}
			for i, term := range req.NodeSelectorTerms {
				errs = append(errs, nodeSelectorTerm(term, rp.Index(i))...)
			}
		}
		for i, pref := range na.PreferredDuringSchedulingIgnoredDuringExecution {
			pp := np.Child("preferredDuringSchedulingIgnoredDuringExecution").Index(i)
			errs = append(errs, weight(pref.Weight, pp.Child("weight"))...)
			errs = append(errs, nodeSelectorTerm(pref.Preference, pp.Child("preference"))...)
		}
	}
	if pa := a.PodAffinity; pa != nil {
		errs = append(errs, podAffinityTerms(pa.RequiredDuringSchedulingIgnoredDuringExecution, pa.PreferredDuringSchedulingIgnoredDuringExecution, p.Child("podAffinity"))...)
	}
	if pa := a.PodAntiAffinity; pa != nil {
		errs = append(errs, podAffinityTerms(pa.RequiredDuringSchedulingIgnoredDuringExecution, pa.PreferredDuringSchedulingIgnoredDuringExecution, p.Child("podAntiAffinity"))...)
	}
	return errs
}

func weight(w int32, p *field.Path) field.ErrorList {
	if w < 1 || w > 100 {
		return field.ErrorList{field.Invalid(p, w, "must be between 1 and 100")}
	}
	return nil
}

func nodeSelectorTerm(term corev1.NodeSelectorTerm, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, r := range term.MatchExpressions {
		rp := p.Child("matchExpressions").Index(i)
		errs = append(errs, selectorValues(r, rp)...)
		errs = append(errs, metav1validation.ValidateLabelName(r.Key, rp.Child("key"))...)
		for j, v := range r.Values {
			errs = append(errs, invalid(rp.Child("values").Index(j), v, validation.IsValidLabelValue(v))...)
		}
	}
	for i, r := range term.MatchFields {
		rp := p.Child("matchFields").Index(i)
		if r.Operator != corev1.NodeSelectorOpIn && r.Operator != corev1.NodeSelectorOpNotIn {
			errs = append(errs, field.NotSupported(rp.Child("operator"), r.Operator, selectorOperators[:2]))
		} else if len(r.Values) != 1 {
			errs = append(errs, field.Required(rp.Child("values"), "must be exactly one value for a node field selector"))
		}
		if r.Key != "metadata.name" {
			errs = append(errs, field.NotSupported(rp.Child("key"), r.Key, []string{"metadata.name"}))
			continue
		}
		for j, v := range r.Values {
			errs = append(errs, invalid(rp.Child("values").Index(j), v, validation.IsDNS1123Subdomain(v))...)
		}
	}
	return errs
}

// selectorValues checks the values against the operator.
func selectorValues(r corev1.NodeSelectorRequirement, p *field.Path) field.ErrorList {
	switch r.Operator {
	case corev1.NodeSelectorOpIn, corev1.NodeSelectorOpNotIn:
		if len(r.Values) == 0 {
			return field.ErrorList{field.Required(p.Child("values"), "must be set when the operator is In or NotIn")}
		}
	case corev1.NodeSelectorOpExists, corev1.NodeSelectorOpDoesNotExist:
		if len(r.Values) > 0 {
			return field.ErrorList{field.Forbidden(p.Child("values"), "may not be set when the operator is Exists or DoesNotExist")}
		}
	case corev1.NodeSelectorOpGt, corev1.NodeSelectorOpLt:
		if len(r.Values) != 1 {
			return field.ErrorList{field.Required(p.Child("values"), "must be a single value when the operator is Gt or Lt")}
		}
	default:
		return field.ErrorList{field.NotSupported(p.Child("operator"), r.Operator, selectorOperators)}
	}
	return nil
}

func podAffinityTerms(required []corev1.PodAffinityTerm, preferred []corev1.WeightedPodAffinityTerm, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, t := range required {
		errs = append(errs, podAffinityTerm(t, p.Child("requiredDuringSchedulingIgnoredDuringExecution").Index(i))...)
	}
	for i, t := range preferred {
		tp := p.Child("preferredDuringSchedulingIgnoredDuringExecution").Index(i)
		errs = append(errs, weight(t.Weight, tp.Child("weight"))...)
		errs = append(errs, podAffinityTerm(t.PodAffinityTerm, tp.Child("podAffinityTerm"))...)
	}
	return errs
}

func podAffinityTerm(t corev1.PodAffinityTerm, p *field.Path) field.ErrorList {
	errs := metav1validation.ValidateLabelSelector(t.LabelSelector, selectorOptions, p.Child("labelSelector"))
	errs = append(errs, metav1validation.ValidateLabelSelector(t.NamespaceSelector, selectorOptions, p.Child("namespaceSelector"))...)
	for i, ns := range t.Namespaces {
		errs = append(errs, invalid(p.Child("namespaces").Index(i), ns, validation.IsDNS1123Label(ns))...)
	}
	errs = append(errs, matchLabelKeys(t.MatchLabelKeys, t.MismatchLabelKeys, t.LabelSelector, false, p)...)
	if t.TopologyKey == "" {
		return append(errs, field.Required(p.Child("topologyKey"), ""))
	}
	return append(errs, metav1validation.ValidateLabelName(t.TopologyKey, p.Child("topologyKey"))...)
}
