package console

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/kubesphere"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// podTemplate is the pod template of the workload. Its labels are the
// workload's labels plus spec.pod.labels; its annotations always include
// kubesphere.io/imagepullsecrets, as the console writes it, and the mesh's
// sidecar injection and the config hash when those are on.
func podTemplate(s *service) corev1.PodTemplateSpec {
	var t corev1.PodTemplateSpec
	writeAll(s, &podObject{PodTemplateSpec: &t}, podMappings)
	return t
}

// podObject is a workload's pod template, with what import must know
// beside it to read it back.
type podObject struct {
	*corev1.PodTemplateSpec
	// workloadLabels are the labels of the workload: its pods carry them.
	workloadLabels map[string]string
	// member is true for a member of a composed app, which takes its
	// sidecar injection from the app.
	member bool
}

// ReadPodTemplate reads a workload's pod template into the spec: the
// workload's labels and whether the service is a member of a composed app
// tell what of the template is the console's. The spec's mesh setting must
// be read first.
func ReadPodTemplate(t *corev1.PodTemplateSpec, workloadLabels map[string]string, member bool, sp *api.ServiceSpecSpec) error {
	return readAll(&podObject{PodTemplateSpec: t.DeepCopy(), workloadLabels: workloadLabels, member: member}, sp, podMappings)
}

// podMappings make the pod template, in this order.
var podMappings = []mapping[*podObject]{
	{fields: []string{"containers"}, why: "a port's Kubernetes protocol (the console's HTTP, GRPC, ... run over TCP)", write: func(s *service, t *podObject) {
		t.Spec.Containers = containers(&s.Spec)
	}, read: func(t *podObject, sp *api.ServiceSpecSpec) error {
		sp.Containers = workerContainers(t.Spec.Containers)
		return nil
	}},
	{fields: []string{"initContainers"}, write: func(s *service, t *podObject) {
		t.Spec.InitContainers = s.Spec.InitContainers
	}, read: func(t *podObject, sp *api.ServiceSpecSpec) error {
		sp.InitContainers = t.Spec.InitContainers
		return nil
	}},
	{fields: []string{"volumes"}, write: func(s *service, t *podObject) {
		t.Spec.Volumes = s.Spec.Volumes
	}, read: func(t *podObject, sp *api.ServiceSpecSpec) error {
		sp.Volumes = t.Spec.Volumes
		return nil
	}},
	{fields: []string{"syncHostTimezone"}, write: func(s *service, t *podObject) {
		if s.Spec.SyncHostTimezone {
			addHostTime(&t.Spec)
		}
	}, read: func(_ *podObject, sp *api.ServiceSpecSpec) error {
		sp.SyncHostTimezone = removeHostTime(sp)
		return nil
	}},
	{fields: []string{"securityProfile"}, write: func(s *service, t *podObject) {
		t.Spec.Containers = secured(&s.Spec, t.Spec.Containers)
		t.Spec.InitContainers = secured(&s.Spec, t.Spec.InitContainers)
	}, unread: "import keeps the security contexts the profile wrote as they are, in the containers"},
	{fields: []string{"pod.securityContext", "pod.serviceAccountName", "pod.imagePullSecrets", "pod.terminationGracePeriodSeconds",
		"pod.priorityClassName", "pod.hostAliases", "pod.dnsPolicy", "pod.dnsConfig", "pod.runtimeClassName"}, write: func(s *service, t *podObject) {
		pod, spec := s.Spec.Pod, &t.Spec
		spec.ServiceAccountName = pod.ServiceAccountName
		spec.TerminationGracePeriodSeconds = pod.TerminationGracePeriodSeconds
		spec.ImagePullSecrets = imagePullSecrets(&s.Spec)
		spec.SecurityContext = pod.SecurityContext
		spec.PriorityClassName = pod.PriorityClassName
		spec.HostAliases = pod.HostAliases
		spec.DNSPolicy = pod.DNSPolicy
		spec.DNSConfig = pod.DNSConfig
		spec.RuntimeClassName = pod.RuntimeClassName
	}, read: func(t *podObject, sp *api.ServiceSpecSpec) error {
		pod := t.Spec
		sp.Pod = &api.PodSettings{
			SecurityContext: pod.SecurityContext, ServiceAccountName: serviceAccount(pod), ImagePullSecrets: pod.ImagePullSecrets,
			TerminationGracePeriodSeconds: pod.TerminationGracePeriodSeconds, PriorityClassName: pod.PriorityClassName,
			HostAliases: pod.HostAliases, DNSPolicy: pod.DNSPolicy, DNSConfig: pod.DNSConfig, RuntimeClassName: pod.RuntimeClassName,
		}
		return nil
	}},
	{fields: []string{"pod.labels"}, write: func(s *service, t *podObject) {
		t.Labels = objectLabels(s)
		maps.Copy(t.Labels, s.Spec.Pod.Labels)
	}, read: func(t *podObject, sp *api.ServiceSpecSpec) error {
		sp.Pod.Labels = nonEmpty(withoutValues(t.Labels, t.workloadLabels))
		return nil
	}},
	// The annotations of spec fields are the annotation mappings'; what is
	// left is the user's.
	{fields: []string{"pod.annotations"}, write: func(s *service, t *podObject) {
		t.Annotations = writeAnnotations(s, podAnnotationMappings)
	}, read: func(t *podObject, sp *api.ServiceSpecSpec) error {
		owned := writtenPodAnnotations(sp.ServiceMesh != nil || t.member)
		sp.Pod.Annotations = nonEmpty(without(t.Annotations, owned...))
		return ReadPodAnnotations(t.Annotations, sp)
	}},
	{fields: []string{"scheduling"}, write: func(s *service, t *podObject) {
		sched, spec := s.Spec.Scheduling, &t.Spec
		spec.NodeSelector = nonEmpty(sched.NodeSelector)
		spec.Affinity = affinity(s)
		spec.Tolerations = sched.Tolerations
		spec.TopologySpreadConstraints = sched.TopologySpreadConstraints
	}, read: func(t *podObject, sp *api.ServiceSpecSpec) error {
		pod := t.Spec
		sp.Scheduling = &api.Scheduling{Strategy: api.DefaultScheduling, NodeSelector: pod.NodeSelector, Affinity: pod.Affinity,
			Tolerations: pod.Tolerations, TopologySpreadConstraints: pod.TopologySpreadConstraints}
		return nil
	}},
}

// serviceAccount is serviceAccountName, or the deprecated serviceAccount
// the console writes.
func serviceAccount(pod corev1.PodSpec) string {
	if pod.ServiceAccountName != "" {
		return pod.ServiceAccountName
	}
	return pod.DeprecatedServiceAccount
}

func hostTimeMount() corev1.VolumeMount {
	return corev1.VolumeMount{Name: kubesphere.HostTimeVolume, MountPath: kubesphere.LocaltimePath, ReadOnly: true}
}

// addHostTime syncs the host's time zone: the host's /etc/localtime as the
// volume host-time, mounted read-only there in every container.
func addHostTime(spec *corev1.PodSpec) {
	spec.Volumes = append(slices.Clone(spec.Volumes), corev1.Volume{Name: kubesphere.HostTimeVolume, VolumeSource: corev1.VolumeSource{
		HostPath: &corev1.HostPathVolumeSource{Path: kubesphere.LocaltimePath},
	}})
	for _, cs := range []*[]corev1.Container{&spec.Containers, &spec.InitContainers} {
		*cs = slices.Clone(*cs)
		for i := range *cs {
			(*cs)[i].VolumeMounts = append(slices.Clone((*cs)[i].VolumeMounts), hostTimeMount())
		}
	}
}

// removeHostTime recognizes what addHostTime adds among the spec's volumes
// and mounts, and removes it; false when the pod does not sync the host's
// time zone that way.
func removeHostTime(sp *api.ServiceSpecSpec) bool {
	i := slices.IndexFunc(sp.Volumes, func(v corev1.Volume) bool {
		return v.Name == kubesphere.HostTimeVolume && v.HostPath != nil && v.HostPath.Path == kubesphere.LocaltimePath
	})
	if i < 0 {
		return false
	}
	isMount := func(m corev1.VolumeMount) bool {
		return m.Name == kubesphere.HostTimeVolume && m.MountPath == kubesphere.LocaltimePath && m.ReadOnly
	}
	for _, c := range sp.InitContainers {
		if !slices.ContainsFunc(c.VolumeMounts, isMount) {
			return false
		}
	}
	for _, c := range sp.Containers {
		if !slices.ContainsFunc(c.VolumeMounts, func(m api.VolumeMount) bool { return isMount(m.VolumeMount) }) {
			return false
		}
	}
	sp.Volumes = slices.Delete(slices.Clone(sp.Volumes), i, i+1)
	sp.InitContainers = slices.Clone(sp.InitContainers)
	for j := range sp.InitContainers {
		sp.InitContainers[j].VolumeMounts = slices.DeleteFunc(slices.Clone(sp.InitContainers[j].VolumeMounts), isMount)
	}
	for j := range sp.Containers {
		sp.Containers[j].VolumeMounts = slices.DeleteFunc(sp.Containers[j].VolumeMounts, func(m api.VolumeMount) bool { return isMount(m.VolumeMount) })
	}
	return true
}

// imagePullSecretsAnnotation is the console's kubesphere.io/imagepullsecrets
// value: a JSON object from container name to pull secret, "{}" when none.
func imagePullSecretsAnnotation(cs []api.Container) string {
	m := map[string]string{}
	for _, c := range cs {
		if c.ImagePullSecret != "" {
			m[c.Name] = c.ImagePullSecret
		}
	}
	return jsonString(m)
}

// jsonString is the JSON text of a value made of strings, slices and maps
// (which always marshals; map keys come out sorted).
func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// imagePullSecrets is the sorted, de-duplicated union of
// spec.pod.imagePullSecrets and every container's imagePullSecret.
func imagePullSecrets(sp *api.ServiceSpecSpec) []corev1.LocalObjectReference {
	var names []string
	for _, r := range sp.Pod.ImagePullSecrets {
		names = append(names, r.Name)
	}
	for _, c := range sp.Containers {
		if c.ImagePullSecret != "" {
			names = append(names, c.ImagePullSecret)
		}
	}
	slices.Sort(names)
	var out []corev1.LocalObjectReference
	for _, n := range slices.Compact(names) {
		out = append(out, corev1.LocalObjectReference{Name: n})
	}
	return out
}

// affinity is the user's affinity, or the console preset for the
// Decentralized and Centralized strategies.
func affinity(s *service) *corev1.Affinity {
	sched := s.Spec.Scheduling
	terms := []corev1.WeightedPodAffinityTerm{{
		Weight: 100,
		PodAffinityTerm: corev1.PodAffinityTerm{
			LabelSelector: &metav1.LabelSelector{MatchLabels: versionLabels(s)},
			TopologyKey:   corev1.LabelHostname,
		},
	}}
	switch sched.Strategy {
	case api.Decentralized:
		return &corev1.Affinity{PodAntiAffinity: &corev1.PodAntiAffinity{PreferredDuringSchedulingIgnoredDuringExecution: terms}}
	case api.Centralized:
		return &corev1.Affinity{PodAffinity: &corev1.PodAffinity{PreferredDuringSchedulingIgnoredDuringExecution: terms}}
	}
	return sched.Affinity
}

// PodTemplate is a workload's pod template (a Deployment's or a
// StatefulSet's); nil for any other object.
func PodTemplate(obj runtime.Object) *corev1.PodTemplateSpec {
	switch w := obj.(type) {
	case *appsv1.Deployment:
		return &w.Spec.Template
	case *appsv1.StatefulSet:
		return &w.Spec.Template
	}
	return nil
}

// undefaultPodTemplate removes the pod defaults the API server writes into
// every workload's template.
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
