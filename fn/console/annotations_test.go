package console

import (
	"encoding/json"
	"slices"
	"testing"

	"sigs.k8s.io/yaml"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/internal/specgen"
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
		pod := WrittenPodAnnotations(meshOn(&s.Spec))
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
			var list struct{ Items []map[string]any }
			if err := yaml.Unmarshal(c.Input, &list); err != nil {
				t.Fatal(err)
			}
			data, err := json.Marshal(list.Items[0])
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
