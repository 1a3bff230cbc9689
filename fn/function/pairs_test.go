package function_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/yaml"
)

// brokenRule breaks one rule of a valid Stateless ServiceSpec: set writes
// values into the spec's data, and the error it draws is at path (or
// below it).
type brokenRule struct {
	name string
	path string
	set  map[string]any // dotted path in the object → value
}

// rulesToBreak are rules of every stage: reading the data (unknown fields,
// wrong types), the metadata, the fields for the type, the values, and the
// fields that depend on one another.
var rulesToBreak = []brokenRule{
	{"unknown field", "spec.bogus", map[string]any{"spec.bogus": 1}},
	{"wrong type", "spec.replicas", map[string]any{"spec.replicas": "three"}},
	{"name", "metadata.name", map[string]any{"metadata.name": "Bad_Name"}},
	{"namespace", "metadata.namespace", map[string]any{"metadata.namespace": "Bad_NS"}},
	{"version", "spec.version", map[string]any{"spec.version": "V1!"}},
	{"replicas", "spec.replicas", map[string]any{"spec.replicas": -1}},
	{"alias", "spec.alias", map[string]any{"spec.alias": "-bad-"}},
	{"labels", "spec.labels", map[string]any{"spec.labels": map[string]any{"-bad": "x"}}},
	{"service annotations", "spec.serviceAnnotations", map[string]any{"spec.serviceAnnotations": map[string]any{"bad key!": "x"}}},
	{"image", "spec.containers[0].image", map[string]any{"spec.containers.0.image": ""}},
	{"container port", "spec.containers[0].ports[0].containerPort", map[string]any{"spec.containers.0.ports.0.containerPort": 70000}},
	{"env", "spec.containers[0].env[0].name", map[string]any{"spec.containers.0.env": []any{map[string]any{"name": "1 bad"}}}},
	{"second container name", "spec.containers[1].name", map[string]any{"spec.containers.1": map[string]any{"name": "Bad_Name", "image": "x"}}},
	{"sticky timeout", "spec.stickySession.timeoutSeconds", map[string]any{"spec.stickySession": map[string]any{"enabled": true, "timeoutSeconds": 0}}},
	{"exposure type", "spec.externalAccess.type", map[string]any{"spec.externalAccess": map[string]any{"type": "Sideways"}}},
	{"access", "spec.access", map[string]any{"spec.access": "Sideways"}},
	{"strategy", "spec.strategy", map[string]any{"spec.strategy": map[string]any{"maxSurge": 0, "maxUnavailable": 0}}},
	{"autoscaling", "spec.autoscaling", map[string]any{"spec.autoscaling": map[string]any{"minReplicas": 5, "maxReplicas": 2, "targetCPUUtilizationPercentage": 50}}},
	{"disruption budget", "spec.disruptionBudget", map[string]any{"spec.disruptionBudget": map[string]any{"minAvailable": 1, "maxUnavailable": 1}}},
	{"scheduling", "spec.scheduling.strategy", map[string]any{"spec.scheduling": map[string]any{"strategy": "Sideways"}}},
	{"grace period", "spec.pod.terminationGracePeriodSeconds", map[string]any{"spec.pod": map[string]any{"terminationGracePeriodSeconds": -1}}},
	{"volume", "spec.volumes[0].name", map[string]any{"spec.volumes": []any{map[string]any{"name": "Bad_Name", "emptyDir": map[string]any{}}}}},
	{"field of another type", "spec.externalName", map[string]any{"spec.externalName": "db.example.com"}},
	{"claim templates on Stateless", "spec.volumeClaimTemplates", map[string]any{"spec.volumeClaimTemplates": []any{map[string]any{"name": "data"}}}},
	{"app", "spec.app", map[string]any{"spec.app": "Bad_App"}},
	{"placement", "spec.placement.clusters", map[string]any{"spec.placement": map[string]any{"clusters": []any{}}}},
	{"release weight", "spec.release.weight", map[string]any{"spec.release": map[string]any{"version": "v2", "strategy": "Canary", "weight": 120}}},
	{"rollout on config change", "spec.rolloutOnConfigChange", map[string]any{"spec.rolloutOnConfigChange": "yes"}},
}

// Every error at once, really: for every pair of broken rules, a spec
// breaking both gets both errors. One failing rule never hides another.
func TestEveryPairOfErrorsAtOnce(t *testing.T) {
	for i, a := range rulesToBreak {
		t.Run(a.name+" alone", func(t *testing.T) { checkBroken(t, a) })
		for _, b := range rulesToBreak[i+1:] {
			if a.path == b.path {
				continue
			}
			t.Run(a.name+" and "+b.name, func(t *testing.T) { checkBroken(t, a, b) })
		}
	}
}

func checkBroken(t *testing.T, rules ...brokenRule) {
	t.Helper()
	spec := map[string]any{
		"apiVersion": "servicespec.dev/v1alpha1", "kind": "ServiceSpec",
		"metadata": map[string]any{"name": "web", "namespace": "demo"},
		"spec": map[string]any{"type": "Stateless", "containers": []any{map[string]any{
			"name": "web", "image": "nginx:1.25", "ports": []any{map[string]any{"containerPort": 80, "servicePort": 80}}}}},
	}
	for _, r := range rules {
		for p, v := range r.set {
			setDotted(t, spec, p, v)
		}
	}
	in, err := yaml.Marshal(map[string]any{"apiVersion": "config.kubernetes.io/v1", "kind": "ResourceList", "items": []any{spec}})
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runFunction(in)
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, errOut)
	}
	rl, err := fn.ParseResourceList(out)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, r := range rl.Results {
		if r.Severity == fn.Error && r.Field != nil {
			paths = append(paths, r.Field.Path)
		}
	}
	for _, r := range rules {
		if !slices.ContainsFunc(paths, func(p string) bool {
			return p == r.path || strings.HasPrefix(p, r.path+".") || strings.HasPrefix(p, r.path+"[")
		}) {
			t.Errorf("breaking %q draws no error at %s; the errors: %v", r.name, r.path, paths)
		}
	}
}

// setDotted sets a value at a dotted path of maps and lists (a number is
// a list index; a list grows to hold it).
func setDotted(t *testing.T, m map[string]any, path string, v any) {
	t.Helper()
	steps := strings.Split(path, ".")
	var cur any = m
	for i, s := range steps {
		last := i == len(steps)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				c[s] = v
				return
			}
			if _, ok := c[s]; !ok {
				if _, err := strconv.Atoi(steps[i+1]); err == nil {
					c[s] = []any{}
				} else {
					c[s] = map[string]any{}
				}
			}
			if l, ok := c[s].([]any); ok {
				n, _ := strconv.Atoi(steps[i+1])
				for len(l) <= n {
					l = append(l, map[string]any{})
				}
				c[s] = l
			}
			cur = c[s]
		case []any:
			n, _ := strconv.Atoi(s)
			if last {
				c[n] = v
				return
			}
			cur = c[n]
		default:
			t.Fatalf("%s: %T at %s", path, cur, s)
		}
	}
}
