package console

import (
	"testing"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// Explain finds, for an output field, the mapping that wrote it and the
// spec field that holds its value: where two spec fields hold the same
// value, the one whose change changes the output; a release's and a
// cluster's values come from their own fields.
func TestExplain(t *testing.T) {
	const base = `{"type":"Stateless","replicas":2,"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80,"servicePort":80}]}]`
	for name, c := range map[string]struct {
		spec    string
		cluster string
		kind    string
		object  string // the object's name
		path    string
		want    Source
	}{
		"a value as it is": {base + `}`, "", "Deployment", "web-v1", "spec.replicas", Source{Kind: SourceSpec, Field: "spec.replicas"}},
		"a container field": {base + `}`, "", "Deployment", "web-v1", "spec.template.spec.containers[0].image",
			Source{Kind: SourceSpec, Field: "spec.containers[0].image"}},
		"the Service port, not the container port of the same value": {base + `}`, "", "Service", "web", "spec.ports[0].port",
			Source{Kind: SourceSpec, Field: "spec.containers[0].ports[0].servicePort"}},
		"the target port": {base + `}`, "", "Service", "web", "spec.ports[0].targetPort",
			Source{Kind: SourceSpec, Field: "spec.containers[0].ports[0].containerPort"}},
		"a console default": {base + `}`, "", "Service", "web", "spec.sessionAffinity",
			Source{Kind: SourceDerived, Field: "spec.stickySession", Why: "the console writes sessionAffinity None unless the session is sticky (ClientIP)"}},
		"a derived name": {base + `}`, "", "Deployment", "web-v1", "metadata.name",
			Source{Kind: SourceDerived, Field: "metadata.name, spec.version", Why: workloadIdentity}},
		"an annotation": {base + `,"alias":"shop"}`, "", "Service", "web", "metadata.annotations[kubesphere.io/alias-name]",
			Source{Kind: SourceSpec, Field: "spec.alias"}},
		"a release's replicas": {base + `,"app":"shop","release":{"version":"v2","replicas":1,"strategy":"Canary","weight":10}}`, "", "Deployment", "web-v2", "spec.replicas",
			Source{Kind: SourceSpec, Field: "spec.release.replicas"}},
		"a cluster's image": {base + `,"placement":{"clusters":["east","west"],"overrides":{"west":{"containers":[{"name":"web","image":"nginx:1.28"}]}}}}`, "west", "Deployment", "web-v1",
			"spec.template.spec.containers[0].image", Source{Kind: SourceSpec, Field: "spec.placement.overrides.west.containers[0].image"}},
		"an autoscaler's target": {base + `,"autoscaling":{"maxReplicas":5,"targetCPUUtilizationPercentage":60}}`, "", "HorizontalPodAutoscaler", "web-v1", "spec.maxReplicas",
			Source{Kind: SourceSpec, Field: "spec.autoscaling.maxReplicas"}},
	} {
		t.Run(name, func(t *testing.T) {
			s := fragmentSpec(t, api.Stateless, c.spec)
			in := Inputs{Cluster: c.cluster, App: governedApp(s)}
			objs, errs := Objects(s, in)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			explained := Explain(s, in, objs)
			for i, o := range objs {
				if o.GetObjectKind().GroupVersionKind().Kind != c.kind || metaAccessor(o).GetName() != c.object {
					continue
				}
				for _, e := range explained[i] {
					if e.Path == c.path {
						if e.Source != c.want {
							t.Errorf("%s: %+v, want %+v", c.path, e.Source, c.want)
						}
						return
					}
				}
				t.Fatalf("%s %s has no field %s", c.kind, c.object, c.path)
			}
			t.Fatalf("no %s %s", c.kind, c.object)
		})
	}
}
