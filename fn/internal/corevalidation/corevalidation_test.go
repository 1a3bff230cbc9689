package corevalidation

import (
	"slices"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

var root = field.NewPath("x")

func ptr[T any](v T) *T { return &v }

// Each rule: what valid input passes, and which paths invalid input names.
func TestRules(t *testing.T) {
	http := corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Port: intstr.FromInt32(80)}}
	cases := []struct {
		name string
		errs field.ErrorList
		want []string
	}{
		{"a probe with defaults left unset", Probe(&corev1.Probe{ProbeHandler: http}, Liveness, root), nil},
		{"a named probe port", Probe(&corev1.Probe{ProbeHandler: corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstr.FromString("http")}}}, Readiness, root), nil},
		{"a probe without a handler", Probe(&corev1.Probe{}, Readiness, root), []string{"x"}},
		{"a probe with two handlers", Probe(&corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: http.HTTPGet, Exec: &corev1.ExecAction{Command: []string{"true"}}}}, Liveness, root), []string{"x.httpGet"}},
		{"negative periods", Probe(&corev1.Probe{ProbeHandler: http, PeriodSeconds: -1, TimeoutSeconds: -1, InitialDelaySeconds: -1, FailureThreshold: -1}, Startup, root),
			[]string{"x.initialDelaySeconds", "x.timeoutSeconds", "x.periodSeconds", "x.failureThreshold"}},
		{"a liveness success threshold above 1", Probe(&corev1.Probe{ProbeHandler: http, SuccessThreshold: 3}, Liveness, root), []string{"x.successThreshold"}},
		{"a readiness success threshold above 1", Probe(&corev1.Probe{ProbeHandler: http, SuccessThreshold: 3}, Readiness, root), nil},
		{"a readiness grace period", Probe(&corev1.Probe{ProbeHandler: http, TerminationGracePeriodSeconds: ptr(int64(5))}, Readiness, root), []string{"x.terminationGracePeriodSeconds"}},
		{"a zero liveness grace period", Probe(&corev1.Probe{ProbeHandler: http, TerminationGracePeriodSeconds: ptr(int64(0))}, Liveness, root), []string{"x.terminationGracePeriodSeconds"}},
		{"bad http fields", Probe(&corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Port: intstr.FromString("Bad_Port"), Scheme: "FTP",
			HTTPHeaders: []corev1.HTTPHeader{{Name: "bad header"}}}}}, Liveness, root), []string{"x.httpGet.port", "x.httpGet.scheme", "x.httpGet.httpHeaders[0].name"}},
		{"a sleep within the grace period", Lifecycle(&corev1.Lifecycle{PreStop: &corev1.LifecycleHandler{Sleep: &corev1.SleepAction{Seconds: 30}}}, 30, root), nil},
		{"a sleep beyond the grace period", Lifecycle(&corev1.Lifecycle{PreStop: &corev1.LifecycleHandler{Sleep: &corev1.SleepAction{Seconds: 31}}}, 30, root), []string{"x.preStop.sleep.seconds"}},
		{"a hook without a handler", Lifecycle(&corev1.Lifecycle{PostStart: &corev1.LifecycleHandler{}}, 30, root), []string{"x.postStart"}},
		{"env from a label", EnvValueFrom([]corev1.EnvVar{{Name: "A", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{FieldPath: "metadata.labels['app']"}}}}, root), nil},
		{"env from an unknown field", EnvValueFrom([]corev1.EnvVar{{Name: "A", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{FieldPath: "spec.bogus"}}}}, root), []string{"x[0].valueFrom.fieldRef.fieldPath"}},
		{"env from a subscripted name", EnvValueFrom([]corev1.EnvVar{{Name: "A", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{FieldPath: "metadata.name['x']"}}}}, root), []string{"x[0].valueFrom.fieldRef.fieldPath"}},
		{"env from a resource with a cpu divisor", EnvValueFrom([]corev1.EnvVar{{Name: "A", ValueFrom: &corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "limits.cpu", Divisor: resource.MustParse("1m")}}}}, root), nil},
		{"env from a resource with a bad divisor", EnvValueFrom([]corev1.EnvVar{{Name: "A", ValueFrom: &corev1.EnvVarSource{ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "limits.cpu", Divisor: resource.MustParse("1Mi")}}}}, root), []string{"x[0].valueFrom.resourceFieldRef.divisor"}},
		{"env with a value and a source", EnvValueFrom([]corev1.EnvVar{{Name: "A", Value: "v", ValueFrom: &corev1.EnvVarSource{SecretKeyRef: &corev1.SecretKeySelector{LocalObjectReference: corev1.LocalObjectReference{Name: "s"}, Key: "k"}}}}, root), []string{"x[0].valueFrom"}},
		{"envFrom with a bad prefix", EnvFrom([]corev1.EnvFromSource{{Prefix: "1-", SecretRef: &corev1.SecretEnvSource{LocalObjectReference: corev1.LocalObjectReference{Name: "s"}}}}, root), []string{"x[0].prefix"}},
		{"requests within limits", Resources(&corev1.ResourceRequirements{Requests: list("cpu", "500m", "memory", "1Gi"), Limits: list("cpu", "1", "memory", "1Gi", "example.com/gpu", "2", "hugepages-2Mi", "4Mi")}, root), nil},
		{"a request above its limit", Resources(&corev1.ResourceRequirements{Requests: list("cpu", "2"), Limits: list("cpu", "1")}, root), []string{"x.requests[cpu]"}},
		{"an extended request without a limit", Resources(&corev1.ResourceRequirements{Requests: list("example.com/gpu", "1")}, root), []string{"x.limits[example.com/gpu]"}},
		{"an extended request below its limit", Resources(&corev1.ResourceRequirements{Requests: list("example.com/gpu", "1"), Limits: list("example.com/gpu", "2")}, root), []string{"x.requests[example.com/gpu]"}},
		{"hugepages alone", Resources(&corev1.ResourceRequirements{Limits: list("hugepages-2Mi", "2Mi")}, root), []string{"x"}},
		{"an unknown bare resource", Resources(&corev1.ResourceRequirements{Limits: list("gpu", "1")}, root), []string{"x.limits[gpu]"}},
		{"resize policies", ResizePolicy([]corev1.ContainerResizePolicy{{ResourceName: "cpu", RestartPolicy: "NotRequired"}, {ResourceName: "cpu", RestartPolicy: "Always"}}, root),
			[]string{"x[1].resourceName", "x[1].restartPolicy"}},
		{"a restricted container context", SecurityContext(&corev1.SecurityContext{RunAsNonRoot: ptr(true), AllowPrivilegeEscalation: ptr(false),
			Capabilities: &corev1.Capabilities{Drop: []corev1.Capability{"ALL"}}, SeccompProfile: &corev1.SeccompProfile{Type: "RuntimeDefault"}}, root), nil},
		{"a Localhost profile out of the profile directory", SecurityContext(&corev1.SecurityContext{SeccompProfile: &corev1.SeccompProfile{Type: "Localhost", LocalhostProfile: ptr("/etc/p.json")}}, root), []string{"x.seccompProfile.localhostProfile"}},
		{"SYS_ADMIN without escalation", SecurityContext(&corev1.SecurityContext{AllowPrivilegeEscalation: ptr(false), Capabilities: &corev1.Capabilities{Add: []corev1.Capability{"CAP_SYS_ADMIN"}}}, root), []string{"x.allowPrivilegeEscalation"}},
		{"an Unmasked proc mount", SecurityContext(&corev1.SecurityContext{ProcMount: ptr(corev1.UnmaskedProcMount)}, root), []string{"x.procMount"}},
		{"sysctls", PodSecurityContext(&corev1.PodSecurityContext{Sysctls: []corev1.Sysctl{{Name: "net.core.somaxconn"}, {Name: "kernel/shm_rmid_forced"}, {Name: "a..b"}, {Name: "-a"}}}, root),
			[]string{"x.sysctls[2].name", "x.sysctls[3].name"}},
		{"an unknown fsGroup policy", PodSecurityContext(&corev1.PodSecurityContext{FSGroupChangePolicy: ptr(corev1.PodFSGroupChangePolicy("Never"))}, root), []string{"x.fsGroupChangePolicy"}},
		{"tolerations", Tolerations([]corev1.Toleration{{Operator: "Exists"}, {Key: "k", Value: "v"}, {Key: "k", Operator: "Exists", Effect: "NoExecute", TolerationSeconds: ptr(int64(5))}}, root), nil},
		{"a toleration value that is not a label value", Tolerations([]corev1.Toleration{{Key: "k", Value: "not a value!"}}, root), []string{"x[0].value"}},
		{"a repeated spread constraint", TopologySpreadConstraints([]corev1.TopologySpreadConstraint{
			{MaxSkew: 1, TopologyKey: "zone", WhenUnsatisfiable: "DoNotSchedule"}, {MaxSkew: 1, TopologyKey: "zone", WhenUnsatisfiable: "DoNotSchedule"}}, root), []string{"x[1]"}},
		{"matchLabelKeys without a selector", TopologySpreadConstraints([]corev1.TopologySpreadConstraint{
			{MaxSkew: 1, TopologyKey: "zone", WhenUnsatisfiable: "DoNotSchedule", MatchLabelKeys: []string{"pod-template-hash"}}}, root), []string{"x[0].matchLabelKeys"}},
		{"matchLabelKeys in the selector", TopologySpreadConstraints([]corev1.TopologySpreadConstraint{{MaxSkew: 1, TopologyKey: "zone", WhenUnsatisfiable: "DoNotSchedule",
			MatchLabelKeys: []string{"app"}, LabelSelector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}}}}, root), []string{"x[0].matchLabelKeys[0]"}},
		{"empty node selector terms", Affinity(&corev1.Affinity{NodeAffinity: &corev1.NodeAffinity{RequiredDuringSchedulingIgnoredDuringExecution: &corev1.NodeSelector{}}}, root),
			[]string{"x.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms"}},
		{"a node field selector", Affinity(&corev1.Affinity{NodeAffinity: &corev1.NodeAffinity{RequiredDuringSchedulingIgnoredDuringExecution: &corev1.NodeSelector{NodeSelectorTerms: []corev1.NodeSelectorTerm{
			{MatchFields: []corev1.NodeSelectorRequirement{{Key: "metadata.name", Operator: "In", Values: []string{"node-1"}}, {Key: "spec.unschedulable", Operator: "In", Values: []string{"x"}}}}}}}}, root),
			[]string{"x.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[1].key"}},
		{"a pod affinity namespace", Affinity(&corev1.Affinity{PodAffinity: &corev1.PodAffinity{RequiredDuringSchedulingIgnoredDuringExecution: []corev1.PodAffinityTerm{{TopologyKey: "zone", Namespaces: []string{"Bad_NS"}}}}}, root),
			[]string{"x.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaces[0]"}},
		{"common volumes", errsOf(
			VolumeSource(&corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{Medium: "Memory"}}, root),
			VolumeSource(&corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/var/log", Type: ptr(corev1.HostPathDirectory)}}, root),
			VolumeSource(&corev1.VolumeSource{DownwardAPI: &corev1.DownwardAPIVolumeSource{Items: []corev1.DownwardAPIVolumeFile{{Path: "labels", FieldRef: &corev1.ObjectFieldSelector{FieldPath: "metadata.labels"}}}}}, root),
			VolumeSource(&corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{Sources: []corev1.VolumeProjection{{ServiceAccountToken: &corev1.ServiceAccountTokenProjection{Path: "token"}}}}}, root)), nil},
		{"a downward file with no field", VolumeSource(&corev1.VolumeSource{DownwardAPI: &corev1.DownwardAPIVolumeSource{Items: []corev1.DownwardAPIVolumeFile{{Path: "x"}}}}, root), []string{"x.downwardAPI.items[0]"}},
		{"a resource file without its container", VolumeSource(&corev1.VolumeSource{DownwardAPI: &corev1.DownwardAPIVolumeSource{Items: []corev1.DownwardAPIVolumeFile{{Path: "x", ResourceFieldRef: &corev1.ResourceFieldSelector{Resource: "limits.cpu"}}}}}, root),
			[]string{"x.downwardAPI.items[0].resourceFieldRef.containerName"}},
		{"projected paths twice", VolumeSource(&corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{Sources: []corev1.VolumeProjection{
			{ConfigMap: &corev1.ConfigMapProjection{LocalObjectReference: corev1.LocalObjectReference{Name: "a"}, Items: []corev1.KeyToPath{{Key: "k", Path: "p"}}}},
			{Secret: &corev1.SecretProjection{LocalObjectReference: corev1.LocalObjectReference{Name: "b"}, Items: []corev1.KeyToPath{{Key: "k", Path: "p"}}}}}}}, root),
			[]string{"x.projected.sources[1].secret.items[0].path"}},
		{"an nfs path that is relative", VolumeSource(&corev1.VolumeSource{NFS: &corev1.NFSVolumeSource{Server: "nfs", Path: "exports"}}, root), []string{"x.nfs.path"}},
		{"a recursive read-only mount that is writable", VolumeMounts([]corev1.VolumeMount{{Name: "v", MountPath: "/v", RecursiveReadOnly: ptr(corev1.RecursiveReadOnlyEnabled)}}, false, root), []string{"x[0].recursiveReadOnly"}},
		{"subPath and subPathExpr", VolumeMounts([]corev1.VolumeMount{{Name: "v", MountPath: "/v", SubPath: "a", SubPathExpr: "$(POD)"}}, false, root), []string{"x[0].subPathExpr"}},
		{"Bidirectional when privileged", VolumeMounts([]corev1.VolumeMount{{Name: "v", MountPath: "/v", MountPropagation: ptr(corev1.MountPropagationBidirectional)}}, true, root), nil},
		{"resolver limits", DNSConfig(&corev1.PodDNSConfig{Nameservers: []string{"1.1.1.1", "1.0.0.1", "8.8.8.8", "010.0.0.1"}, Searches: []string{"_srv.example.com", "bad search!"}, Options: []corev1.PodDNSConfigOption{{}}}, "", root),
			[]string{"x.nameservers", "x.nameservers[3]", "x.searches[1]", "x.options[0].name"}},
		{"policy None with nameservers", DNSConfig(&corev1.PodDNSConfig{Nameservers: []string{"fd00::1"}}, corev1.DNSNone, root), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, e := range c.errs {
				got = append(got, e.Field)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got errors at %q, want %q\n%v", got, c.want, c.errs.ToAggregate())
			}
		})
	}
}

// list is a resource list from name, quantity pairs.
func list(pairs ...string) corev1.ResourceList {
	l := corev1.ResourceList{}
	for i := 0; i < len(pairs); i += 2 {
		l[corev1.ResourceName(pairs[i])] = resource.MustParse(pairs[i+1])
	}
	return l
}

func errsOf(lists ...field.ErrorList) field.ErrorList {
	var all field.ErrorList
	for _, l := range lists {
		all = append(all, l...)
	}
	return all
}
