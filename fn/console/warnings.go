package console

import (
	"fmt"
	"net"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// Warning is a problem that does not stop the render: the output is valid,
// but probably not what the user meant.
type Warning struct {
	Field   *field.Path
	Message string
}

// Warnings returns the warnings for a defaulted, valid ServiceSpec: what
// the objects render makes will do in a cluster that the spec may not
// mean (as the API server, kube-proxy, kubefed, the autoscaler and the
// eviction API treat them).
func Warnings(s *api.ServiceSpec) []Warning {
	var ws []Warning
	sp := &s.Spec
	if st := sp.StickySession; st != nil && st.Enabled && sp.Access == api.Headless {
		ws = append(ws, Warning{specPath.Child("stickySession"),
			"the Service is headless: the API server accepts sessionAffinity but warns \"spec.SessionAffinity is ignored for headless services\""})
	}
	if sp.Type == api.External && net.ParseIP(api.TrimTrailingDot(sp.ExternalName)) != nil {
		ws = append(ws, Warning{specPath.Child("externalName"),
			"is an IP address: an ExternalName Service resolves it as a DNS name (a CNAME), which most clients cannot use; use a Workload service with a selector or an EndpointSlice instead"})
	}
	ws = append(ws, autoscalingWarnings(sp)...)
	ws = append(ws, placementWarnings(sp)...)
	return append(ws, disruptionBudgetWarnings(sp)...)
}

func autoscalingWarnings(sp *api.ServiceSpecSpec) []Warning {
	a := sp.Autoscaling
	if a == nil {
		return nil
	}
	var ws []Warning
	if sp.Replicas != nil {
		ws = append(ws, Warning{specPath.Child("replicas"),
			"is ignored: with autoscaling the workload carries no replicas and the autoscaler sets them"})
	}
	for i, c := range sp.Containers {
		for _, r := range targetedResources(a) {
			if c.Resources == nil || c.Resources.Requests.Name(r, resource.DecimalSI).IsZero() {
				ws = append(ws, Warning{specPath.Child("containers").Index(i).Child("resources", "requests").Key(string(r)),
					fmt.Sprintf("is not set: the autoscaler's %s utilization target is a percent of the requests and cannot be computed without them", r)})
			}
		}
	}
	return ws
}

func targetedResources(a *api.Autoscaling) []corev1.ResourceName {
	var out []corev1.ResourceName
	if a.TargetCPUUtilizationPercentage != nil {
		out = append(out, corev1.ResourceCPU)
	}
	if a.TargetMemoryUtilizationPercentage != nil {
		out = append(out, corev1.ResourceMemory)
	}
	return out
}

// disruptionBudgetWarnings flags a budget that allows no eviction at all,
// which blocks node drains and cluster upgrades.
func disruptionBudgetWarnings(sp *api.ServiceSpecSpec) []Warning {
	b := sp.DisruptionBudget
	if b == nil {
		return nil
	}
	pods, from := int32(0), ""
	switch {
	case sp.Autoscaling != nil && sp.Autoscaling.MinReplicas != nil:
		pods, from = *sp.Autoscaling.MinReplicas, "autoscaling.minReplicas"
	case sp.Replicas != nil:
		pods, from = *sp.Replicas, "replicas"
	}
	if v := b.MaxUnavailable; v != nil && isZeroIntOrPercent(v) {
		return []Warning{{specPath.Child("disruptionBudget", "maxUnavailable"), "is 0: the budget blocks every voluntary eviction (node drains wait forever)"}}
	}
	v := b.MinAvailable
	if v == nil {
		return nil
	}
	need, err := intstr.GetScaledValueFromIntOrPercent(v, int(pods), true)
	if err != nil || int32(need) < pods || from == "" {
		return nil
	}
	return []Warning{{specPath.Child("disruptionBudget", "minAvailable"),
		fmt.Sprintf("%s is at least %s (%d): the budget blocks every voluntary eviction (node drains wait forever)", v.String(), from, pods)}}
}

var specPath = field.NewPath("spec")

func isZeroIntOrPercent(v *intstr.IntOrString) bool {
	n, err := intstr.GetScaledValueFromIntOrPercent(v, 100, true)
	return err == nil && n == 0
}
