package importer

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/kubesphere"
)

// build writes the ServiceSpec that should render the service's objects,
// every field explicit; minimize then removes what the defaults give.
func build(s *service) (*api.ServiceSpec, error) {
	svc := s.svc.typed.(*corev1.Service)
	spec := &api.ServiceSpec{
		TypeMeta:   metav1.TypeMeta{APIVersion: api.Group + "/" + api.Version, Kind: "ServiceSpec"},
		ObjectMeta: metav1.ObjectMeta{Name: s.name, Namespace: s.namespace},
		Spec:       api.ServiceSpecSpec{Type: s.typ},
	}
	sp := &spec.Spec
	a := svc.Annotations
	if err := console.ReadServiceAnnotations(a, sp); err != nil {
		return nil, err
	}
	sp.Labels = nonEmpty(without(svc.Labels, kubesphere.LabelApp, kubesphere.LabelVersion))
	if s.app != nil {
		sp.App = s.app.spec.Name
		sp.Labels = nonEmpty(without(sp.Labels, kubesphere.LabelAppName, kubesphere.LabelAppVersion))
	}
	sp.ServiceAnnotations = nonEmpty(without(a, console.WrittenServiceAnnotations()...))
	switch s.typ {
	case api.External:
		sp.ExternalName = svc.Spec.ExternalName
		return spec, nil
	case api.Workload:
		sp.Selector = cloneMap(svc.Spec.Selector)
		sp.Ports = console.ReadDirectPorts(svc.Spec.Ports)
		if err := console.ReadExposure(&svc.Spec, sp); err != nil {
			return nil, err
		}
		return spec, nil
	}
	if err := workloadFields(spec, s); err != nil {
		return nil, err
	}
	if s.release != nil {
		if err := releaseFields(sp, s); err != nil {
			return nil, err
		}
	}
	console.ReadServicePorts(sp, svc.Spec.Ports)
	if err := console.ReadExposure(&svc.Spec, sp); err != nil {
		return nil, err
	}
	if s.headless != nil {
		sp.Access = api.VirtualIP
	}
	return spec, nil
}

// workloadFields reads a Stateless or Stateful service's workload.
func workloadFields(spec *api.ServiceSpec, s *service) error {
	sp := &spec.Spec
	sp.Version = s.version
	var meta metav1.ObjectMeta
	var tmpl corev1.PodTemplateSpec
	switch w := s.workload.typed.(type) {
	case *appsv1.Deployment:
		meta, tmpl, sp.Replicas = w.ObjectMeta, w.Spec.Template, w.Spec.Replicas
		sp.Strategy = deploymentStrategy(w.Spec.Strategy)
	case *appsv1.StatefulSet:
		meta, tmpl, sp.Replicas = w.ObjectMeta, w.Spec.Template, w.Spec.Replicas
		sp.Strategy = statefulSetStrategy(w.Spec.UpdateStrategy)
		claims, err := claimTemplates(w.Spec.VolumeClaimTemplates)
		if err != nil {
			return err
		}
		sp.VolumeClaimTemplates = claims
	}
	if meta.Annotations[kubesphere.AnnotationServiceMesh] == "true" && s.app == nil {
		sp.ServiceMesh = &api.ServiceMesh{Enabled: true}
	}
	sp.Annotations = nonEmpty(without(meta.Annotations, console.WrittenWorkloadAnnotations()...))
	for _, o := range s.companions {
		if err := console.KindOf(o.typed.GetObjectKind().GroupVersionKind()).Companion.Read(o.typed, sp); err != nil {
			return fmt.Errorf("%s: %v", o, err)
		}
	}
	return console.ReadPodTemplate(&tmpl, meta.Labels, s.app != nil, sp)
}

func deploymentStrategy(st appsv1.DeploymentStrategy) *api.Strategy {
	out := &api.Strategy{Type: api.UpdateStrategyType(st.Type)}
	if r := st.RollingUpdate; r != nil {
		out.MaxSurge, out.MaxUnavailable = r.MaxSurge, r.MaxUnavailable
	}
	return out
}

func statefulSetStrategy(st appsv1.StatefulSetUpdateStrategy) *api.Strategy {
	out := &api.Strategy{Type: api.UpdateStrategyType(st.Type)}
	if r := st.RollingUpdate; r != nil {
		out.Partition = r.Partition
	}
	if out.Type == "" {
		out.Type = api.RollingUpdate
	}
	return out
}

// claimTemplates reads volume claim templates in the spec's model: name,
// class, access modes, size, labels, annotations; anything else cannot be
// expressed.
func claimTemplates(pvcs []corev1.PersistentVolumeClaim) ([]api.VolumeClaimTemplate, error) {
	var out []api.VolumeClaimTemplate
	for _, c := range pvcs {
		size, ok := c.Spec.Resources.Requests[corev1.ResourceStorage]
		if !ok {
			return nil, fmt.Errorf("volume claim template %s requests no storage", c.Name)
		}
		out = append(out, api.VolumeClaimTemplate{Name: c.Name, StorageClassName: c.Spec.StorageClassName,
			AccessModes: c.Spec.AccessModes, Size: size.String(), Labels: c.Labels, Annotations: c.Annotations})
	}
	return out, nil
}

func nonEmpty(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return m
}
