package importer

import (
	"encoding/json"
	"maps"
	"reflect"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// normalized is an object as the comparison sees it: its JSON without
// servicespec's own annotations and, for objects read back from a cluster
// (live), without the fields the API server defaults wherever they hold
// their default: two such objects apply alike. Manifests as authors wrote
// them are compared exactly, so that what they spelled out (a default
// included) stays in the spec.
func normalized(obj runtime.Object, live bool) ([]byte, error) {
	obj = obj.DeepCopyObject()
	if !live {
		if m, ok := obj.(metav1.Object); ok {
			m.SetAnnotations(without(m.GetAnnotations(), ownAnnotations...))
		}
		return json.Marshal(obj)
	}
	switch o := obj.(type) {
	case *appsv1.Deployment:
		undefaultMeta(&o.ObjectMeta)
		undefaultDeployment(&o.Spec)
	case *appsv1.StatefulSet:
		undefaultMeta(&o.ObjectMeta)
		undefaultStatefulSet(&o.Spec, o.Namespace)
	case *corev1.Service:
		undefaultMeta(&o.ObjectMeta)
		undefaultService(&o.Spec)
	case *autoscalingv2.HorizontalPodAutoscaler:
		undefaultMeta(&o.ObjectMeta)
		o.Status = autoscalingv2.HorizontalPodAutoscalerStatus{}
	case *policyv1.PodDisruptionBudget:
		undefaultMeta(&o.ObjectMeta)
		o.Status = policyv1.PodDisruptionBudgetStatus{}
	}
	return json.Marshal(obj)
}

// ownAnnotations are what servicespec writes for itself; the console
// writes neither.
var ownAnnotations = []string{api.AnnotationGeneratedFrom, api.AnnotationDigest}

func undefaultMeta(m *metav1.ObjectMeta) {
	m.Annotations = without(m.Annotations, ownAnnotations...)
}

func without(m map[string]string, keys ...string) map[string]string {
	if m == nil {
		return nil
	}
	out := maps.Clone(m)
	for _, k := range keys {
		delete(out, k)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func undefaultDeployment(s *appsv1.DeploymentSpec) {
	s.Replicas = unlessEqual(s.Replicas, 1)
	s.RevisionHistoryLimit = unlessEqual(s.RevisionHistoryLimit, 10)
	s.ProgressDeadlineSeconds = unlessEqual(s.ProgressDeadlineSeconds, 600)
	if s.Strategy.Type == "" || s.Strategy.Type == appsv1.RollingUpdateDeploymentStrategyType {
		if r := s.Strategy.RollingUpdate; r == nil || (isPercent(r.MaxSurge, "25%") && isPercent(r.MaxUnavailable, "25%")) {
			s.Strategy = appsv1.DeploymentStrategy{}
		}
	}
	undefaultPodTemplate(&s.Template)
}

func undefaultStatefulSet(s *appsv1.StatefulSetSpec, namespace string) {
	s.Replicas = unlessEqual(s.Replicas, 1)
	s.RevisionHistoryLimit = unlessEqual(s.RevisionHistoryLimit, 10)
	if s.PodManagementPolicy == appsv1.OrderedReadyPodManagement {
		s.PodManagementPolicy = ""
	}
	if u := &s.UpdateStrategy; u.Type == "" || u.Type == appsv1.RollingUpdateStatefulSetStrategyType {
		if r := u.RollingUpdate; r != nil {
			// The server defaults maxUnavailable to 1 (MaxUnavailableStatefulSet).
			if m := r.MaxUnavailable; m != nil && *m == intstr.FromInt32(1) {
				r.MaxUnavailable = nil
			}
			r.Partition = unlessEqual(r.Partition, 0)
		}
		if r := u.RollingUpdate; r == nil || (r.Partition == nil && r.MaxUnavailable == nil) {
			*u = appsv1.StatefulSetUpdateStrategy{}
		}
	}
	if p := s.PersistentVolumeClaimRetentionPolicy; p != nil &&
		p.WhenDeleted == appsv1.RetainPersistentVolumeClaimRetentionPolicyType && p.WhenScaled == appsv1.RetainPersistentVolumeClaimRetentionPolicyType {
		s.PersistentVolumeClaimRetentionPolicy = nil
	}
	for i := range s.VolumeClaimTemplates {
		undefaultClaim(&s.VolumeClaimTemplates[i], namespace)
	}
	undefaultPodTemplate(&s.Template)
}

// undefaultClaim: the server drops a claim template's apiVersion and kind
// and keeps its namespace, which the console writes as the workload's.
func undefaultClaim(c *corev1.PersistentVolumeClaim, namespace string) {
	c.TypeMeta = metav1.TypeMeta{}
	if c.Namespace == namespace {
		c.Namespace = ""
	}
	if m := c.Spec.VolumeMode; m != nil && *m == corev1.PersistentVolumeFilesystem {
		c.Spec.VolumeMode = nil
	}
	c.Status = corev1.PersistentVolumeClaimStatus{}
}

func undefaultPodTemplate(t *corev1.PodTemplateSpec) {
	t.CreationTimestamp = metav1.Time{}
	s := &t.Spec
	if s.RestartPolicy == corev1.RestartPolicyAlways {
		s.RestartPolicy = ""
	}
	if s.DNSPolicy == corev1.DNSClusterFirst {
		s.DNSPolicy = ""
	}
	if s.SchedulerName == corev1.DefaultSchedulerName {
		s.SchedulerName = ""
	}
	if s.SecurityContext != nil && reflect.DeepEqual(*s.SecurityContext, corev1.PodSecurityContext{}) {
		s.SecurityContext = nil
	}
	s.TerminationGracePeriodSeconds = unlessEqual(s.TerminationGracePeriodSeconds, int64(corev1.DefaultTerminationGracePeriodSeconds))
	// The deprecated serviceAccount (the console writes it) is copied from
	// serviceAccountName by the server, and the reverse.
	switch {
	case s.DeprecatedServiceAccount == "":
	case s.ServiceAccountName == "":
		s.ServiceAccountName, s.DeprecatedServiceAccount = s.DeprecatedServiceAccount, ""
	case s.DeprecatedServiceAccount == s.ServiceAccountName:
		s.DeprecatedServiceAccount = ""
	}
	if s.ServiceAccountName == "default" {
		s.ServiceAccountName = ""
	}
	if s.EnableServiceLinks != nil && *s.EnableServiceLinks {
		s.EnableServiceLinks = nil
	}
	for i := range s.Volumes {
		undefaultVolume(&s.Volumes[i].VolumeSource)
	}
	for i := range s.InitContainers {
		undefaultContainer(&s.InitContainers[i])
	}
	for i := range s.Containers {
		undefaultContainer(&s.Containers[i])
	}
}

func undefaultContainer(c *corev1.Container) {
	if c.TerminationMessagePath == corev1.TerminationMessagePathDefault {
		c.TerminationMessagePath = ""
	}
	if c.TerminationMessagePolicy == corev1.TerminationMessageReadFile {
		c.TerminationMessagePolicy = ""
	}
	if c.ImagePullPolicy == defaultPullPolicy(c.Image) {
		c.ImagePullPolicy = ""
	}
	for i := range c.Ports {
		if c.Ports[i].Protocol == corev1.ProtocolTCP {
			c.Ports[i].Protocol = ""
		}
	}
	for _, p := range []*corev1.Probe{c.LivenessProbe, c.ReadinessProbe, c.StartupProbe} {
		undefaultProbe(p)
	}
	for i := range c.Env {
		if f := c.Env[i].ValueFrom; f != nil && f.FieldRef != nil && f.FieldRef.APIVersion == "v1" {
			f.FieldRef.APIVersion = ""
		}
	}
}

// defaultPullPolicy is the server's: Always for an image without a tag or
// tagged latest, IfNotPresent otherwise.
func defaultPullPolicy(image string) corev1.PullPolicy {
	name := image
	if at := strings.Index(name, "@"); at >= 0 {
		return corev1.PullIfNotPresent
	}
	if slash := strings.LastIndex(name, "/"); slash >= 0 {
		name = name[slash+1:]
	}
	if colon := strings.LastIndex(name, ":"); colon < 0 || name[colon+1:] == "latest" {
		return corev1.PullAlways
	}
	return corev1.PullIfNotPresent
}

func undefaultProbe(p *corev1.Probe) {
	if p == nil {
		return
	}
	p.TimeoutSeconds = zeroIf(p.TimeoutSeconds, 1)
	p.PeriodSeconds = zeroIf(p.PeriodSeconds, 10)
	p.SuccessThreshold = zeroIf(p.SuccessThreshold, 1)
	p.FailureThreshold = zeroIf(p.FailureThreshold, 3)
	if h := p.HTTPGet; h != nil {
		if h.Scheme == corev1.URISchemeHTTP {
			h.Scheme = ""
		}
		if h.Path == "/" {
			h.Path = ""
		}
	}
}

func undefaultVolume(v *corev1.VolumeSource) {
	const defaultMode = corev1.ConfigMapVolumeSourceDefaultMode
	switch {
	case v.ConfigMap != nil:
		v.ConfigMap.DefaultMode = unlessEqual(v.ConfigMap.DefaultMode, defaultMode)
	case v.Secret != nil:
		v.Secret.DefaultMode = unlessEqual(v.Secret.DefaultMode, defaultMode)
	case v.DownwardAPI != nil:
		v.DownwardAPI.DefaultMode = unlessEqual(v.DownwardAPI.DefaultMode, defaultMode)
	case v.Projected != nil:
		v.Projected.DefaultMode = unlessEqual(v.Projected.DefaultMode, defaultMode)
	case v.HostPath != nil:
		if t := v.HostPath.Type; t != nil && *t == corev1.HostPathUnset {
			v.HostPath.Type = nil
		}
	}
}

func undefaultService(s *corev1.ServiceSpec) {
	if s.Type == corev1.ServiceTypeClusterIP {
		s.Type = ""
	}
	if s.SessionAffinity == corev1.ServiceAffinityNone {
		s.SessionAffinity = ""
	}
	if p := s.InternalTrafficPolicy; p != nil && *p == corev1.ServiceInternalTrafficPolicyCluster {
		s.InternalTrafficPolicy = nil
	}
	if s.ExternalTrafficPolicy == corev1.ServiceExternalTrafficPolicyCluster {
		s.ExternalTrafficPolicy = ""
	}
	if a := s.AllocateLoadBalancerNodePorts; a != nil && *a {
		s.AllocateLoadBalancerNodePorts = nil
	}
	for i := range s.Ports {
		p := &s.Ports[i]
		if p.Protocol == corev1.ProtocolTCP {
			p.Protocol = ""
		}
		if p.TargetPort == intstr.FromInt32(p.Port) {
			p.TargetPort = intstr.IntOrString{}
		}
	}
}

func unlessEqual[T comparable](v *T, def T) *T {
	if v != nil && *v == def {
		return nil
	}
	return v
}

func zeroIf[T comparable](v, def T) T {
	var zero T
	if v == def {
		return zero
	}
	return v
}

func isPercent(v *intstr.IntOrString, want string) bool {
	return v != nil && v.Type == intstr.String && v.StrVal == want
}
