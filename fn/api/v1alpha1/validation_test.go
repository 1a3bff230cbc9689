package v1alpha1

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicespec/servicespec/fn/kubesphere"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/utils/ptr"
)

// Each case starts from a valid spec of one type, changes one thing, and
// names the error type and field path it must produce; the prose is not
// asserted.
type want struct {
	Type  field.ErrorType
	Field string
}

func validSpec(t ServiceType) *ServiceSpec {
	s := &ServiceSpec{}
	s.Name, s.Namespace = "web", "demo"
	s.Spec.Type = t
	switch t {
	case Stateless, Stateful:
		s.Spec.Containers = []Container{{Image: "nginx:1.27", Ports: []ContainerPort{{ContainerPort: 80, ServicePort: ptr.To(int32(80))}}}}
	case External:
		s.Spec.ExternalName = "db.example.com"
	case Workload:
		s.Spec.Selector = map[string]string{"app": "web"}
		s.Spec.Ports = []ServicePort{{Port: 80}}
	}
	return s
}

func TestValidSpecsHaveNoErrors(t *testing.T) {
	for _, typ := range allTypes {
		s := validSpec(typ)
		SetDefaults(s)
		if errs := Validate(s, AnnotationOwners{}); len(errs) > 0 {
			t.Errorf("%s: %v", typ, errs)
		}
	}
}

func TestValidationRules(t *testing.T) {
	cases := map[string]struct {
		typ    ServiceType
		mutate func(*ServiceSpec)
		want   []want
	}{
		"name required":            {Stateless, func(s *ServiceSpec) { s.Name = "" }, []want{{field.ErrorTypeRequired, "metadata.name"}}},
		"name is a DNS-1035 label": {External, func(s *ServiceSpec) { s.Name = "1web" }, []want{{field.ErrorTypeInvalid, "metadata.name"}}},
		"namespace is a DNS label": {External, func(s *ServiceSpec) { s.Namespace = "Demo" }, []want{{field.ErrorTypeInvalid, "metadata.namespace"}}},
		"type required":            {External, func(s *ServiceSpec) { s.Spec.Type = "" }, []want{{field.ErrorTypeRequired, "spec.type"}}},
		"type enum":                {External, func(s *ServiceSpec) { s.Spec.Type = "Stateles" }, []want{{field.ErrorTypeNotSupported, "spec.type"}}},
		"alias pattern":            {External, func(s *ServiceSpec) { s.Spec.Alias = "web-" }, []want{{field.ErrorTypeInvalid, "spec.alias"}}},
		"alias too long":           {External, func(s *ServiceSpec) { s.Spec.Alias = string(make([]byte, 64)) }, []want{{field.ErrorTypeTooLong, "spec.alias"}}},
		"description too long": {External, func(s *ServiceSpec) { s.Spec.Description = string(make([]rune, 257)) },
			[]want{{field.ErrorTypeTooLong, "spec.description"}}},
		"version pattern":         {Stateless, func(s *ServiceSpec) { s.Spec.Version = "V1" }, []want{{field.ErrorTypeInvalid, "spec.version"}}},
		"version too long":        {Stateless, func(s *ServiceSpec) { s.Spec.Version = "v12345678901234567" }, []want{{field.ErrorTypeInvalid, "spec.version"}}},
		"replicas negative":       {Stateless, func(s *ServiceSpec) { s.Spec.Replicas = ptr.To(int32(-1)) }, []want{{field.ErrorTypeInvalid, "spec.replicas"}}},
		"labels reserved app":     {Workload, func(s *ServiceSpec) { s.Spec.Labels = map[string]string{"app": "x"} }, []want{{field.ErrorTypeForbidden, "spec.labels[app]"}}},
		"labels reserved version": {Stateless, func(s *ServiceSpec) { s.Spec.Labels = map[string]string{"version": "x"} }, []want{{field.ErrorTypeForbidden, "spec.labels[version]"}}},
		"labels invalid value":    {Stateless, func(s *ServiceSpec) { s.Spec.Labels = map[string]string{"team": "a b"} }, []want{{field.ErrorTypeInvalid, "spec.labels"}}},
		"labels invalid key":      {Stateless, func(s *ServiceSpec) { s.Spec.Labels = map[string]string{"a/b/c": "x"} }, []want{{field.ErrorTypeInvalid, "spec.labels"}}},
		"annotations local-config": {Stateless, func(s *ServiceSpec) {
			s.Spec.Annotations = map[string]string{"config.kubernetes.io/local-config": "true"}
		}, []want{{field.ErrorTypeForbidden, "spec.annotations[config.kubernetes.io/local-config]"}}},
		"stateless name length":  {Stateless, func(s *ServiceSpec) { s.Name = "a" + strings.Repeat("b", 60) }, []want{{field.ErrorTypeInvalid, "metadata.name"}}},
		"stateful name length":   {Stateful, func(s *ServiceSpec) { s.Name = "a" + strings.Repeat("b", 49) }, []want{{field.ErrorTypeInvalid, "metadata.name"}}},
		"containers required":    {Stateless, func(s *ServiceSpec) { s.Spec.Containers = []Container{} }, []want{{field.ErrorTypeRequired, "spec.containers"}, {field.ErrorTypeRequired, "spec.ports"}}},
		"image required":         {Stateless, func(s *ServiceSpec) { s.Spec.Containers[0].Image = "" }, []want{{field.ErrorTypeRequired, "spec.containers[0].image"}}},
		"container name invalid": {Stateless, func(s *ServiceSpec) { s.Spec.Containers[0].Name = "Web" }, []want{{field.ErrorTypeInvalid, "spec.containers[0].name"}}},
		"container name duplicated": {Stateless, func(s *ServiceSpec) {
			s.Spec.Containers = append(s.Spec.Containers, Container{Name: "web", Image: "x"})
		}, []want{{field.ErrorTypeDuplicate, "spec.containers[1].name"}}},
		"pull policy enum": {Stateless, func(s *ServiceSpec) { s.Spec.Containers[0].ImagePullPolicy = "Sometimes" }, []want{{field.ErrorTypeNotSupported, "spec.containers[0].imagePullPolicy"}}},
		"pull secret name": {Stateless, func(s *ServiceSpec) { s.Spec.Containers[0].ImagePullSecret = "Bad" }, []want{{field.ErrorTypeInvalid, "spec.containers[0].imagePullSecret"}}},
		"env name":         {Stateless, func(s *ServiceSpec) { s.Spec.Containers[0].Env = []corev1.EnvVar{{Name: "1A"}} }, []want{{field.ErrorTypeInvalid, "spec.containers[0].env[0].name"}}},
		"mount of unknown volume": {Stateless, func(s *ServiceSpec) {
			s.Spec.Containers[0].VolumeMounts = []VolumeMount{{VolumeMount: corev1.VolumeMount{Name: "data", MountPath: "/d"}}}
		}, []want{{field.ErrorTypeNotFound, "spec.containers[0].volumeMounts[0].name"}}},
		"log paths without log collection": {Stateless, func(s *ServiceSpec) {
			s.Spec.Volumes = []corev1.Volume{{Name: "logs", VolumeSource: emptyDir}}
			s.Spec.Containers[0].VolumeMounts = []VolumeMount{{VolumeMount: corev1.VolumeMount{Name: "logs", MountPath: "/logs"}, LogPaths: []string{"*.log"}}}
		}, []want{{field.ErrorTypeForbidden, "spec.containers[0].volumeMounts[0].logPaths"}}},
		"log paths on a volume that does not exist": {Stateful, func(s *ServiceSpec) {
			s.Spec.LogCollection = &LogCollection{Enabled: true}
			s.Spec.Containers[0].VolumeMounts = []VolumeMount{{VolumeMount: corev1.VolumeMount{Name: "gone", MountPath: "/logs"}, LogPaths: []string{"*.log"}}}
		}, []want{{field.ErrorTypeNotFound, "spec.containers[0].volumeMounts[0].name"}, {field.ErrorTypeInvalid, "spec.containers[0].volumeMounts[0].logPaths"}}},
		"an empty log path": {Stateful, func(s *ServiceSpec) {
			s.Spec.LogCollection = &LogCollection{Enabled: true}
			s.Spec.VolumeClaimTemplates = []VolumeClaimTemplate{{Name: "data", Size: "1Gi"}}
			s.Spec.Containers[0].VolumeMounts = []VolumeMount{{VolumeMount: corev1.VolumeMount{Name: "data", MountPath: "/data"}, LogPaths: []string{"app/*.log", " "}}}
		}, []want{{field.ErrorTypeRequired, "spec.containers[0].volumeMounts[0].logPaths[1]"}}},
		"log paths on a claim template": {Stateful, func(s *ServiceSpec) {
			s.Spec.LogCollection = &LogCollection{Enabled: true}
			s.Spec.VolumeClaimTemplates = []VolumeClaimTemplate{{Name: "data", Size: "1Gi"}}
			s.Spec.Containers[0].VolumeMounts = []VolumeMount{{VolumeMount: corev1.VolumeMount{Name: "data", MountPath: "/data"}, LogPaths: []string{"app/*.log"}}}
		}, nil},
		"an IP pool that is not a DNS subdomain": {Stateless, func(s *ServiceSpec) { s.Spec.Pod = &PodSettings{IPPool: "Pool_1"} },
			[]want{{field.ErrorTypeInvalid, "spec.pod.ipPool"}}},
		"log collection on an External service": {External, func(s *ServiceSpec) { s.Spec.LogCollection = &LogCollection{Enabled: true} },
			[]want{{field.ErrorTypeForbidden, "spec.logCollection"}}},
		"localtime mounted twice": {Stateless, func(s *ServiceSpec) {
			s.Spec.SyncHostTimezone = true
			s.Spec.Volumes = []corev1.Volume{{Name: "tz", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}}}
			s.Spec.Containers[0].VolumeMounts = []VolumeMount{{VolumeMount: corev1.VolumeMount{Name: "tz", MountPath: kubesphere.LocaltimePath}}}
		}, []want{{field.ErrorTypeDuplicate, "spec.containers[0].volumeMounts[0].mountPath"}}},
		"volume named host-time with syncHostTimezone": {Stateless, func(s *ServiceSpec) {
			s.Spec.SyncHostTimezone = true
			s.Spec.Volumes = []corev1.Volume{{Name: kubesphere.HostTimeVolume, VolumeSource: emptyDir}}
		}, []want{{field.ErrorTypeDuplicate, "spec.volumes[0].name"}}},
		"init container name required": {Stateless, func(s *ServiceSpec) { s.Spec.InitContainers = []corev1.Container{{Image: "x"}} }, []want{{field.ErrorTypeRequired, "spec.initContainers[0].name"}}},
		"port name too long":           {Stateless, func(s *ServiceSpec) { s.Spec.Containers[0].Ports[0].Name = "a-very-long-port-name" }, []want{{field.ErrorTypeInvalid, "spec.containers[0].ports[0].name"}}},
		"port protocol enum":           {Stateless, func(s *ServiceSpec) { s.Spec.Containers[0].Ports[0].Protocol = "QUIC" }, []want{{field.ErrorTypeNotSupported, "spec.containers[0].ports[0].protocol"}}},
		"container port range":         {Stateless, func(s *ServiceSpec) { s.Spec.Containers[0].Ports[0].ContainerPort = 70000 }, []want{{field.ErrorTypeInvalid, "spec.containers[0].ports[0].containerPort"}}},
		"service port range":           {Stateless, func(s *ServiceSpec) { s.Spec.Containers[0].Ports[0].ServicePort = ptr.To(int32(0)) }, []want{{field.ErrorTypeInvalid, "spec.containers[0].ports[0].servicePort"}}},
		"port names unique across containers": {Stateless, func(s *ServiceSpec) {
			s.Spec.Containers = append(s.Spec.Containers, Container{Name: "b", Image: "x", Ports: []ContainerPort{{Name: "http-0", ContainerPort: 81}}})
		}, []want{{field.ErrorTypeDuplicate, "spec.containers[1].ports[0].name"}}},
		"service port pair unique": {Stateless, func(s *ServiceSpec) {
			s.Spec.Containers[0].Ports = append(s.Spec.Containers[0].Ports, ContainerPort{Protocol: ProtocolHTTP2, ContainerPort: 81, ServicePort: ptr.To(int32(80))})
		}, []want{{field.ErrorTypeDuplicate, "spec.containers[0].ports[1].servicePort"}}},
		"no service port": {Stateless, func(s *ServiceSpec) { s.Spec.Containers[0].Ports[0].ServicePort = nil }, []want{{field.ErrorTypeRequired, "spec.ports"}}},
		"servicePort and spec.ports": {Stateless, func(s *ServiceSpec) { s.Spec.Ports = []ServicePort{{Port: 81}} },
			[]want{{field.ErrorTypeForbidden, "spec.ports"}, {field.ErrorTypeInvalid, "spec.ports[0].targetPort"}}},
		"spec.ports targetPort must match": {Stateless, func(s *ServiceSpec) {
			s.Spec.Containers[0].Ports[0].ServicePort = nil
			s.Spec.Ports = []ServicePort{{Port: 80, TargetPort: ptr.To(intstr.FromString("web"))}}
		}, []want{{field.ErrorTypeInvalid, "spec.ports[0].targetPort"}}},
		"spec.ports names unique": {Workload, func(s *ServiceSpec) {
			s.Spec.Ports = []ServicePort{{Name: "a", Port: 80}, {Name: "a", Port: 81}}
		}, []want{{field.ErrorTypeDuplicate, "spec.ports[1].name"}}},
		"spec.ports name is a DNS label": {Workload, func(s *ServiceSpec) { s.Spec.Ports[0].Name = "A_B" }, []want{{field.ErrorTypeInvalid, "spec.ports[0].name"}}},
		"nodePort needs externalAccess":  {Workload, func(s *ServiceSpec) { s.Spec.Ports[0].NodePort = 30001 }, []want{{field.ErrorTypeForbidden, "spec.ports[0].nodePort"}}},
		"nodePort range": {Workload, func(s *ServiceSpec) {
			s.Spec.Ports[0].NodePort = 8080
			s.Spec.ExternalAccess = &ExternalAccess{Type: NodePort}
		}, []want{{field.ErrorTypeInvalid, "spec.ports[0].nodePort"}}},
		"access enum": {Workload, func(s *ServiceSpec) { s.Spec.Access = "Public" }, []want{{field.ErrorTypeNotSupported, "spec.access"}}},
		"sticky timeout low": {Workload, func(s *ServiceSpec) {
			s.Spec.StickySession = &StickySession{Enabled: true, TimeoutSeconds: ptr.To(int32(0))}
		}, []want{{field.ErrorTypeInvalid, "spec.stickySession.timeoutSeconds"}}},
		"sticky timeout high": {Workload, func(s *ServiceSpec) {
			s.Spec.StickySession = &StickySession{Enabled: true, TimeoutSeconds: ptr.To(int32(86401))}
		}, []want{{field.ErrorTypeInvalid, "spec.stickySession.timeoutSeconds"}}},
		"externalAccess type":      {Stateless, func(s *ServiceSpec) { s.Spec.ExternalAccess = &ExternalAccess{} }, []want{{field.ErrorTypeRequired, "spec.externalAccess.type"}}},
		"externalAccess type enum": {Stateless, func(s *ServiceSpec) { s.Spec.ExternalAccess = &ExternalAccess{Type: "Ingress"} }, []want{{field.ErrorTypeNotSupported, "spec.externalAccess.type"}}},
		"headless with externalAccess": {Workload, func(s *ServiceSpec) {
			s.Spec.Access = Headless
			s.Spec.ExternalAccess = &ExternalAccess{Type: NodePort}
		}, []want{{field.ErrorTypeForbidden, "spec.externalAccess"}}},
		"stateful headless with externalAccess": {Stateful, func(s *ServiceSpec) { s.Spec.ExternalAccess = &ExternalAccess{Type: NodePort} }, []want{{field.ErrorTypeForbidden, "spec.externalAccess"}}},
		"openELB needs LoadBalancer":            {Stateless, func(s *ServiceSpec) { s.Spec.ExternalAccess = &ExternalAccess{Type: NodePort, OpenELB: &OpenELB{}} }, []want{{field.ErrorTypeForbidden, "spec.externalAccess.openELB"}}},
		"openELB mode enum": {Stateless, func(s *ServiceSpec) {
			s.Spec.ExternalAccess = &ExternalAccess{Type: LoadBalancer, OpenELB: &OpenELB{Mode: "l3"}}
		}, []want{{field.ErrorTypeNotSupported, "spec.externalAccess.openELB.mode"}}},
		"traffic policy enum": {Stateless, func(s *ServiceSpec) {
			s.Spec.ExternalAccess = &ExternalAccess{Type: NodePort, ExternalTrafficPolicy: "Nearest"}
		}, []want{{field.ErrorTypeNotSupported, "spec.externalAccess.externalTrafficPolicy"}}},
		"source ranges need LoadBalancer": {Stateless, func(s *ServiceSpec) {
			s.Spec.ExternalAccess = &ExternalAccess{Type: NodePort, LoadBalancerSourceRanges: []string{"10.0.0.0/8"}}
		}, []want{{field.ErrorTypeForbidden, "spec.externalAccess.loadBalancerSourceRanges"}}},
		"source range CIDR": {Stateless, func(s *ServiceSpec) {
			s.Spec.ExternalAccess = &ExternalAccess{Type: LoadBalancer, LoadBalancerSourceRanges: []string{"10.0.0.0"}}
		}, []want{{field.ErrorTypeInvalid, "spec.externalAccess.loadBalancerSourceRanges[0]"}}},
		"class needs LoadBalancer": {Stateless, func(s *ServiceSpec) {
			s.Spec.ExternalAccess = &ExternalAccess{Type: NodePort, LoadBalancerClass: ptr.To("a/b")}
		}, []want{{field.ErrorTypeForbidden, "spec.externalAccess.loadBalancerClass"}}},
		"scheduling strategy enum": {Stateless, func(s *ServiceSpec) { s.Spec.Scheduling = &Scheduling{Strategy: "Random"} }, []want{{field.ErrorTypeNotSupported, "spec.scheduling.strategy"}}},
		"affinity with preset": {Stateless, func(s *ServiceSpec) {
			s.Spec.Scheduling = &Scheduling{Strategy: Decentralized, Affinity: &corev1.Affinity{}}
		}, []want{{field.ErrorTypeForbidden, "spec.scheduling.affinity"}}},
		"pod labels clash": {Stateless, func(s *ServiceSpec) {
			s.Spec.Labels = map[string]string{"tier": "a"}
			s.Spec.Pod = &PodSettings{Labels: map[string]string{"tier": "b"}}
		}, []want{{field.ErrorTypeDuplicate, "spec.pod.labels[tier]"}}},
		"pod labels reserved":      {Stateless, func(s *ServiceSpec) { s.Spec.Pod = &PodSettings{Labels: map[string]string{"app": "b"}} }, []want{{field.ErrorTypeForbidden, "spec.pod.labels[app]"}}},
		"grace period negative":    {Stateless, func(s *ServiceSpec) { s.Spec.Pod = &PodSettings{TerminationGracePeriodSeconds: ptr.To(int64(-1))} }, []want{{field.ErrorTypeInvalid, "spec.pod.terminationGracePeriodSeconds"}}},
		"dns policy enum":          {Stateless, func(s *ServiceSpec) { s.Spec.Pod = &PodSettings{DNSPolicy: "Fast"} }, []want{{field.ErrorTypeNotSupported, "spec.pod.dnsPolicy"}}},
		"service account name":     {Stateless, func(s *ServiceSpec) { s.Spec.Pod = &PodSettings{ServiceAccountName: "Bad_SA"} }, []want{{field.ErrorTypeInvalid, "spec.pod.serviceAccountName"}}},
		"deployment strategy enum": {Stateless, func(s *ServiceSpec) { s.Spec.Strategy = &Strategy{Type: OnDelete} }, []want{{field.ErrorTypeNotSupported, "spec.strategy.type"}}},
		"recreate with rolling fields": {Stateless, func(s *ServiceSpec) {
			s.Spec.Strategy = &Strategy{Type: Recreate, MaxSurge: ptr.To(intstr.FromInt32(1))}
		}, []want{{field.ErrorTypeForbidden, "spec.strategy.maxSurge"}}},
		"partition on a deployment": {Stateless, func(s *ServiceSpec) { s.Spec.Strategy = &Strategy{Partition: ptr.To(int32(1))} }, []want{{field.ErrorTypeForbidden, "spec.strategy.partition"}}},
		"both rolling fields zero": {Stateless, func(s *ServiceSpec) {
			s.Spec.Strategy = &Strategy{MaxSurge: ptr.To(intstr.FromInt32(0)), MaxUnavailable: ptr.To(intstr.FromString("0%"))}
		}, []want{{field.ErrorTypeInvalid, "spec.strategy.maxUnavailable"}}},
		"bad percent":               {Stateless, func(s *ServiceSpec) { s.Spec.Strategy = &Strategy{MaxSurge: ptr.To(intstr.FromString("25 percent"))} }, []want{{field.ErrorTypeInvalid, "spec.strategy.maxSurge"}}},
		"maxUnavailable over 100%":  {Stateless, func(s *ServiceSpec) { s.Spec.Strategy = &Strategy{MaxUnavailable: ptr.To(intstr.FromString("150%"))} }, []want{{field.ErrorTypeInvalid, "spec.strategy.maxUnavailable"}}},
		"statefulset strategy enum": {Stateful, func(s *ServiceSpec) { s.Spec.Strategy = &Strategy{Type: Recreate} }, []want{{field.ErrorTypeNotSupported, "spec.strategy.type"}}},
		"statefulset maxSurge":      {Stateful, func(s *ServiceSpec) { s.Spec.Strategy = &Strategy{MaxSurge: ptr.To(intstr.FromInt32(1))} }, []want{{field.ErrorTypeForbidden, "spec.strategy.maxSurge"}}},
		"ondelete with partition":   {Stateful, func(s *ServiceSpec) { s.Spec.Strategy = &Strategy{Type: OnDelete, Partition: ptr.To(int32(1))} }, []want{{field.ErrorTypeForbidden, "spec.strategy.partition"}}},
		"partition negative":        {Stateful, func(s *ServiceSpec) { s.Spec.Strategy = &Strategy{Partition: ptr.To(int32(-1))} }, []want{{field.ErrorTypeInvalid, "spec.strategy.partition"}}},
		"claim size":                {Stateful, func(s *ServiceSpec) { s.Spec.VolumeClaimTemplates = []VolumeClaimTemplate{{Name: "data", Size: "ten"}} }, []want{{field.ErrorTypeInvalid, "spec.volumeClaimTemplates[0].size"}}},
		"claim access mode": {Stateful, func(s *ServiceSpec) {
			s.Spec.VolumeClaimTemplates = []VolumeClaimTemplate{{Name: "data", AccessModes: []corev1.PersistentVolumeAccessMode{"ReadWriteSometimes"}}}
		}, []want{{field.ErrorTypeNotSupported, "spec.volumeClaimTemplates[0].accessModes[0]"}}},
		"claim name clashes with a volume": {Stateful, func(s *ServiceSpec) {
			s.Spec.Volumes = []corev1.Volume{{Name: "data", VolumeSource: emptyDir}}
			s.Spec.VolumeClaimTemplates = []VolumeClaimTemplate{{Name: "data"}}
		}, []want{{field.ErrorTypeDuplicate, "spec.volumeClaimTemplates[0].name"}}},
		"paired stateful name length": {Stateful, func(s *ServiceSpec) {
			s.Name = "a2345678901234567890123456789012345678901234567890123456"
			s.Spec.Version = "v"
			s.Spec.Access = VirtualIP
		}, []want{{field.ErrorTypeInvalid, "metadata.name"}, {field.ErrorTypeInvalid, "metadata.name"}}},
		"externalName required":      {External, func(s *ServiceSpec) { s.Spec.ExternalName = "" }, []want{{field.ErrorTypeRequired, "spec.externalName"}}},
		"externalName DNS subdomain": {External, func(s *ServiceSpec) { s.Spec.ExternalName = "db_1.example.com" }, []want{{field.ErrorTypeInvalid, "spec.externalName"}}},
		"externalName trailing dot":  {External, func(s *ServiceSpec) { s.Spec.ExternalName = "db.example.com." }, nil},
		"workload needs a target":    {Workload, func(s *ServiceSpec) { s.Spec.Selector = nil }, []want{{field.ErrorTypeRequired, "spec.selector"}}},
		"workload selector and ref": {Workload, func(s *ServiceSpec) { s.Spec.WorkloadRef = &WorkloadRef{Kind: "Deployment", Name: "web"} },
			[]want{{field.ErrorTypeForbidden, "spec.workloadRef"}}},
		"workload empty selector":    {Workload, func(s *ServiceSpec) { s.Spec.Selector = map[string]string{} }, []want{{field.ErrorTypeRequired, "spec.selector"}}},
		"workload selector labels":   {Workload, func(s *ServiceSpec) { s.Spec.Selector = map[string]string{"app": "no spaces"} }, []want{{field.ErrorTypeInvalid, "spec.selector"}}},
		"workload ports required":    {Workload, func(s *ServiceSpec) { s.Spec.Ports = nil }, []want{{field.ErrorTypeRequired, "spec.ports"}}},
		"workload headless no ports": {Workload, func(s *ServiceSpec) { s.Spec.Ports = nil; s.Spec.Access = Headless }, nil},
		"workloadRef kind enum": {Workload, func(s *ServiceSpec) {
			s.Spec.Selector = nil
			s.Spec.WorkloadRef = &WorkloadRef{Kind: "Job", Name: "web"}
		},
			[]want{{field.ErrorTypeNotSupported, "spec.workloadRef.kind"}}},
		"workloadRef name required": {Workload, func(s *ServiceSpec) { s.Spec.Selector = nil; s.Spec.WorkloadRef = &WorkloadRef{Kind: "Deployment"} },
			[]want{{field.ErrorTypeRequired, "spec.workloadRef.name"}}},
		// A field set on a type that does not accept it.
		"external takes no containers":    {External, func(s *ServiceSpec) { s.Spec.Containers = []Container{{Image: "x"}} }, []want{{field.ErrorTypeForbidden, "spec.containers"}}},
		"external takes no ports":         {External, func(s *ServiceSpec) { s.Spec.Ports = []ServicePort{{Port: 80}} }, []want{{field.ErrorTypeForbidden, "spec.ports"}}},
		"external takes no stickySession": {External, func(s *ServiceSpec) { s.Spec.StickySession = &StickySession{} }, []want{{field.ErrorTypeForbidden, "spec.stickySession"}}},
		"workload takes no version":       {Workload, func(s *ServiceSpec) { s.Spec.Version = "v2" }, []want{{field.ErrorTypeForbidden, "spec.version"}}},
		"workload takes no replicas":      {Workload, func(s *ServiceSpec) { s.Spec.Replicas = ptr.To(int32(2)) }, []want{{field.ErrorTypeForbidden, "spec.replicas"}}},
		"stateless takes no claims":       {Stateless, func(s *ServiceSpec) { s.Spec.VolumeClaimTemplates = []VolumeClaimTemplate{{Name: "d"}} }, []want{{field.ErrorTypeForbidden, "spec.volumeClaimTemplates"}}},
		"stateless takes no externalName": {Stateless, func(s *ServiceSpec) { s.Spec.ExternalName = "x.example.com" }, []want{{field.ErrorTypeForbidden, "spec.externalName"}}},
		"stateless takes no selector":     {Stateless, func(s *ServiceSpec) { s.Spec.Selector = map[string]string{"a": "b"} }, []want{{field.ErrorTypeForbidden, "spec.selector"}}},
		"stateful takes no workloadRef":   {Stateful, func(s *ServiceSpec) { s.Spec.WorkloadRef = &WorkloadRef{} }, []want{{field.ErrorTypeForbidden, "spec.workloadRef"}}},
		"external takes no pod":           {External, func(s *ServiceSpec) { s.Spec.Pod = &PodSettings{} }, []want{{field.ErrorTypeForbidden, "spec.pod"}}},
		"autoscaling on External":         {External, func(s *ServiceSpec) { s.Spec.Autoscaling = &Autoscaling{MaxReplicas: 3} }, []want{{field.ErrorTypeForbidden, "spec.autoscaling"}}},
		"autoscaling needs max and a target": {Stateless, func(s *ServiceSpec) { s.Spec.Autoscaling = &Autoscaling{} },
			[]want{{field.ErrorTypeRequired, "spec.autoscaling.maxReplicas"}, {field.ErrorTypeRequired, "spec.autoscaling.targetCPUUtilizationPercentage"}}},
		"autoscaling min above max": {Stateless, func(s *ServiceSpec) {
			s.Spec.Autoscaling = &Autoscaling{MinReplicas: ptr.To(int32(5)), MaxReplicas: 3, TargetCPUUtilizationPercentage: ptr.To(int32(70))}
		}, []want{{field.ErrorTypeInvalid, "spec.autoscaling.maxReplicas"}}},
		"autoscaling min zero": {Stateful, func(s *ServiceSpec) {
			s.Spec.Autoscaling = &Autoscaling{MinReplicas: ptr.To(int32(0)), MaxReplicas: 3, TargetMemoryUtilizationPercentage: ptr.To(int32(0))}
		}, []want{{field.ErrorTypeInvalid, "spec.autoscaling.minReplicas"}, {field.ErrorTypeInvalid, "spec.autoscaling.targetMemoryUtilizationPercentage"}}},
		"budget needs one value": {Stateless, func(s *ServiceSpec) { s.Spec.DisruptionBudget = &DisruptionBudget{} }, []want{{field.ErrorTypeRequired, "spec.disruptionBudget.minAvailable"}}},
		"budget takes exactly one": {Stateless, func(s *ServiceSpec) {
			s.Spec.DisruptionBudget = &DisruptionBudget{MinAvailable: ptr.To(intstr.FromInt32(1)), MaxUnavailable: ptr.To(intstr.FromInt32(1))}
		}, []want{{field.ErrorTypeForbidden, "spec.disruptionBudget.maxUnavailable"}}},
		"budget percent over 100": {Stateful, func(s *ServiceSpec) {
			s.Spec.DisruptionBudget = &DisruptionBudget{MinAvailable: ptr.To(intstr.FromString("150%"))}
		}, []want{{field.ErrorTypeInvalid, "spec.disruptionBudget.minAvailable"}}},
		"budget on Workload": {Workload, func(s *ServiceSpec) {
			s.Spec.DisruptionBudget = &DisruptionBudget{MinAvailable: ptr.To(intstr.FromInt32(1))}
		}, []want{{field.ErrorTypeForbidden, "spec.disruptionBudget"}}},
		"mesh port names need a protocol": {Stateless, func(s *ServiceSpec) {
			s.Spec.ServiceMesh = &ServiceMesh{Enabled: true}
			s.Spec.Containers[0].Ports[0].Name = "web"
		}, []want{{field.ErrorTypeInvalid, "spec.containers[0].ports[0].name"}}},
		"restricted refuses privileged and root": {Stateless, func(s *ServiceSpec) {
			s.Spec.SecurityProfile = Restricted
			s.Spec.Containers[0].SecurityContext = &corev1.SecurityContext{Privileged: ptr.To(true), RunAsUser: ptr.To(int64(0)),
				Capabilities: &corev1.Capabilities{Add: []corev1.Capability{"NET_BIND_SERVICE", "SYS_ADMIN"}}}
		}, []want{{field.ErrorTypeForbidden, "spec.containers[0].securityContext.privileged"}, {field.ErrorTypeForbidden, "spec.containers[0].securityContext.runAsUser"},
			{field.ErrorTypeForbidden, "spec.containers[0].securityContext.capabilities.add[1]"}}},
		"restricted refuses host time and hostPath": {Stateful, func(s *ServiceSpec) {
			s.Spec.SecurityProfile = Restricted
			s.Spec.SyncHostTimezone = true
			s.Spec.Volumes = []corev1.Volume{{Name: "h", VolumeSource: corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/x"}}}}
		}, []want{{field.ErrorTypeForbidden, "spec.syncHostTimezone"}, {field.ErrorTypeForbidden, "spec.volumes[0]"}}},
		"restricted refuses an unconfined pod": {Stateless, func(s *ServiceSpec) {
			s.Spec.SecurityProfile = Restricted
			s.Spec.Pod = &PodSettings{SecurityContext: &corev1.PodSecurityContext{RunAsNonRoot: ptr.To(false),
				SeccompProfile: &corev1.SeccompProfile{Type: corev1.SeccompProfileTypeUnconfined}}}
			s.Spec.InitContainers = []corev1.Container{{Name: "init", Image: "x", SecurityContext: &corev1.SecurityContext{AllowPrivilegeEscalation: ptr.To(true)}}}
		}, []want{{field.ErrorTypeForbidden, "spec.pod.securityContext.runAsNonRoot"}, {field.ErrorTypeForbidden, "spec.pod.securityContext.seccompProfile.type"},
			{field.ErrorTypeForbidden, "spec.initContainers[0].securityContext.allowPrivilegeEscalation"}}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			s := validSpec(c.typ)
			c.mutate(s)
			SetDefaults(s)
			var got []want
			for _, e := range Validate(s, AnnotationOwners{}) {
				got = append(got, want{e.Type, e.Field})
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// emptyDir is a volume source for tests about volume names.
var emptyDir = corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}

// Every field of ServiceSpecSpec says which types take it: a field added to
// the type without a rule fails here, by its name.
func TestEveryFieldHasATypeRule(t *testing.T) {
	st := reflect.TypeFor[ServiceSpecSpec]()
	for i := range st.NumField() {
		name, _, _ := strings.Cut(st.Field(i).Tag.Get("json"), ",")
		if name == "type" {
			continue // the type itself
		}
		if !slices.ContainsFunc(fieldRules, func(r fieldRule) bool { return r.name == name }) {
			t.Errorf("spec.%s has no entry in fieldRules (validation.go): say which service types accept it", name)
		}
	}
	for _, r := range fieldRules {
		if _, ok := st.FieldByNameFunc(func(n string) bool {
			f, _ := st.FieldByName(n)
			json, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			return json == r.name
		}); !ok {
			t.Errorf("fieldRules names spec.%s, which is no field of ServiceSpecSpec", r.name)
		}
	}
}
