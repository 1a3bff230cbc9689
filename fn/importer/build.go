package importer

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
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
	app := ""
	if s.app != nil {
		app = s.app.spec.Name
	}
	if err := console.ReadServiceLabels(svc.Labels, app, sp); err != nil {
		return nil, err
	}
	switch s.typ {
	case api.External:
		if err := console.ReadExternalName(&svc.Spec, sp); err != nil {
			return nil, err
		}
		return spec, nil
	case api.Workload:
		if err := console.ReadService(&svc.Spec, sp); err != nil {
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
	if err := console.ReadService(&svc.Spec, sp); err != nil {
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
	w := s.workload.typed
	if err := console.KindOf(w.GetObjectKind().GroupVersionKind()).ReadWorkload(w, sp, s.app != nil); err != nil {
		return err
	}
	for _, o := range s.companions {
		if err := console.KindOf(o.typed.GetObjectKind().GroupVersionKind()).Companion.Read(o.typed, sp); err != nil {
			return fmt.Errorf("%s: %v", o, err)
		}
	}
	return console.ReadPodTemplate(console.PodTemplate(w), labelsOf(w), s.app != nil, sp)
}

func nonEmpty(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return m
}
