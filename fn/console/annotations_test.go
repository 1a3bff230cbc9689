package console

import (
	"encoding/json"
	"slices"
	"testing"

	"k8s.io/utils/ptr"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/internal/specgen"
	"github.com/servicespec/servicespec/fn/kubesphere"
)

// Every key an annotation mapping writes is one it owns for that spec:
// validation refuses exactly what render would write over. Checked over
// the generated specs of the API-server property.
func TestAnnotationMappingsOwnWhatTheyWrite(t *testing.T) {
	lists := map[string][]annotationMapping{
		"Service": serviceAnnotationMappings, "headless Service": governingAnnotationMappings,
		"workload": workloadAnnotationMappings, "pod": podAnnotationMappings,
	}
	checked := 0
	for _, s := range generatedServices(t) {
		for object, ms := range lists {
			for _, m := range ms {
				if m.keys == nil || m.write == nil {
					continue
				}
				owned := m.keys(&s.Spec)
				for k := range m.write(s) {
					checked++
					if !slices.Contains(owned, k) {
						t.Errorf("%s: %s annotation %s is written by %s, which does not own it (owns %v)", s.Name, object, k, m.field, owned)
					}
				}
			}
		}
	}
	if checked < 400 {
		t.Fatalf("only %d written annotations checked: the generated specs no longer exercise the mappings", checked)
	}
}

// What import leaves out of the user's annotations is what render writes.
func TestWrittenAnnotationsAreOwned(t *testing.T) {
	for _, s := range generatedServices(t) {
		pod := writtenPodAnnotations(meshOn(&s.Spec))
		for k := range writeAnnotations(s, podAnnotationMappings) {
			if _, user := s.Spec.Pod.Annotations[k]; !user && !slices.Contains(pod, k) {
				t.Errorf("%s: pod annotation %s is written but import would read it into spec.pod.annotations", s.Name, k)
			}
		}
	}
}

// generatedServices are the valid, defaulted Stateless and Stateful specs
// specgen makes (two seeds).
func generatedServices(t *testing.T) []*service {
	t.Helper()
	var out []*service
	for seed := uint64(1); seed <= 2; seed++ {
		for _, c := range specgen.Generate(seed, 300) {
			if !c.Valid {
				continue
			}
			items := c.Items()
			data, err := json.Marshal(items[0])
			if err != nil {
				t.Fatal(err)
			}
			s, errs := api.Decode(data)
			if len(errs) > 0 {
				t.Fatalf("%s: %v", c.Name, errs)
			}
			api.SetDefaults(s)
			if !s.Spec.Type.HasWorkload() || s.Spec.App != "" || len(Validate(s)) > 0 {
				continue
			}
			out = append(out, &service{ServiceSpec: s})
		}
	}
	if len(out) < 100 {
		t.Fatalf("only %d generated services", len(out))
	}
	return out
}

// Validation refuses, in the user's annotations, what the mappings write:
// each case sets by hand a key a field of the spec owns.
func TestValidateRefusesOwnedAnnotations(t *testing.T) {
	for name, c := range map[string]struct {
		typ    api.ServiceType
		mutate func(*api.ServiceSpecSpec)
		want   string
	}{
		"workload annotation": {api.Stateless, func(sp *api.ServiceSpecSpec) {
			sp.Annotations = map[string]string{kubesphere.AnnotationCreator: "x"}
		}, "spec.annotations[kubesphere.io/creator]: Forbidden: this annotation is written by servicespec; set spec.creator instead"},
		"Service annotation": {api.External, func(sp *api.ServiceSpecSpec) {
			sp.ServiceAnnotations = map[string]string{kubesphere.AnnotationServiceType: "x"}
		}, "spec.serviceAnnotations[kubesphere.io/serviceType]: Forbidden: this annotation is written by servicespec; set spec.type instead"},
		"IP pool": {api.Stateless, func(sp *api.ServiceSpecSpec) {
			sp.Pod = &api.PodSettings{IPPool: "pool-1", Annotations: map[string]string{kubesphere.AnnotationIPv4Pools: `["other"]`}}
		}, "spec.pod.annotations[cni.projectcalico.org/ipv4pools]: Forbidden: this annotation is written by servicespec; set spec.pod.ipPool instead"},
		"OpenELB": {api.Stateless, func(sp *api.ServiceSpecSpec) {
			sp.ExternalAccess = &api.ExternalAccess{Type: api.LoadBalancer, OpenELB: &api.OpenELB{}}
			sp.ServiceAnnotations = map[string]string{kubesphere.AnnotationOpenELB: "x"}
		}, "spec.serviceAnnotations[lb.kubesphere.io/v1alpha1]: Forbidden: this annotation is written by servicespec; set spec.externalAccess.openELB instead"},
		"OpenELB in externalAccess.annotations": {api.Stateless, func(sp *api.ServiceSpecSpec) {
			sp.ExternalAccess = &api.ExternalAccess{Type: api.LoadBalancer, OpenELB: &api.OpenELB{}, Annotations: map[string]string{kubesphere.AnnotationOpenELB: "x"}}
		}, "spec.externalAccess.annotations[lb.kubesphere.io/v1alpha1]: Forbidden: this annotation is written by servicespec; set spec.externalAccess.openELB instead"},
		"pull secrets": {api.Stateless, func(sp *api.ServiceSpecSpec) {
			sp.Pod = &api.PodSettings{Annotations: map[string]string{kubesphere.AnnotationImagePullSecrets: "{}"}}
		}, "spec.pod.annotations[kubesphere.io/imagepullsecrets]: Forbidden: this annotation is written by servicespec; set spec.containers[].imagePullSecret instead"},
		"config hash": {api.Stateless, func(sp *api.ServiceSpecSpec) {
			sp.Pod = &api.PodSettings{Annotations: map[string]string{api.AnnotationConfigHash: "x"}}
		}, "spec.pod.annotations[servicespec.dev/config-hash]: Forbidden: this annotation is written by servicespec; set spec.rolloutOnConfigChange instead"},
		"sidecar injection is the user's without the mesh": {api.Stateless, func(sp *api.ServiceSpecSpec) {
			sp.Pod = &api.PodSettings{Annotations: map[string]string{kubesphere.AnnotationIstioInject: "false"}}
		}, ""},
	} {
		s := &api.ServiceSpec{}
		s.Name, s.Namespace, s.Spec.Type = "web", "demo", c.typ
		if c.typ == api.External {
			s.Spec.ExternalName = "db.example.com"
		} else {
			s.Spec.Containers = []api.Container{{Image: "nginx:1.27", Ports: []api.ContainerPort{{ContainerPort: 80, ServicePort: ptr.To(int32(80))}}}}
		}
		c.mutate(&s.Spec)
		api.SetDefaults(s)
		var got []string
		for _, e := range Validate(s) {
			got = append(got, e.Error())
		}
		if want := []string{c.want}; c.want == "" && len(got) > 0 || c.want != "" && !slices.Equal(got, want) {
			t.Errorf("%s: errors %q, want %q", name, got, c.want)
		}
	}
}
