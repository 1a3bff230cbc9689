package schemas_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
)

// fieldsByTypes is the table of which fields each type takes (the README's
// table of fields), written by hand: which types accept each spec field.
var fieldsByTypes = []struct {
	types  []string
	fields []string
}{
	{[]string{"Stateless", "Stateful", "External", "Workload"}, []string{"alias", "description", "creator", "labels", "serviceAnnotations"}},
	{[]string{"Stateless", "Stateful"}, []string{"version", "replicas", "annotations", "containers", "initContainers", "volumes",
		"syncHostTimezone", "scheduling", "pod", "strategy", "logCollection",
		"autoscaling", "disruptionBudget", "serviceMesh", "securityProfile", "rolloutOnConfigChange"}},
	{[]string{"Stateful"}, []string{"volumeClaimTemplates"}},
	{[]string{"Stateless"}, []string{"release"}},
	{[]string{"Stateless", "Stateful", "Workload"}, []string{"access", "stickySession", "ports", "externalAccess"}},
	{[]string{"External"}, []string{"externalName"}},
	{[]string{"Workload"}, []string{"selector", "workloadRef"}},
}

// samples are values the schema accepts for each field.
var samples = map[string]any{
	"alias": "Web", "description": "d", "creator": "admin", "labels": map[string]any{"tier": "web"},
	"serviceAnnotations": map[string]any{"a": "b"}, "version": "v2", "replicas": 2, "annotations": map[string]any{"a": "b"},
	"containers": []any{map[string]any{"image": "nginx"}}, "initContainers": []any{map[string]any{"name": "init", "image": "busybox"}},
	"volumes": []any{map[string]any{"name": "v", "emptyDir": map[string]any{}}}, "syncHostTimezone": true,
	"scheduling": map[string]any{"strategy": "Decentralized"}, "pod": map[string]any{"serviceAccountName": "sa"},
	"strategy": map[string]any{"type": "RollingUpdate"}, "logCollection": map[string]any{"enabled": true},
	"autoscaling": map[string]any{"maxReplicas": 3}, "disruptionBudget": map[string]any{"minAvailable": 1},
	"serviceMesh": map[string]any{"enabled": true}, "securityProfile": "Restricted", "rolloutOnConfigChange": true,
	"volumeClaimTemplates": []any{map[string]any{"name": "data"}}, "access": "VirtualIP",
	"stickySession": map[string]any{"enabled": true}, "ports": []any{map[string]any{"port": 80}},
	"externalAccess": map[string]any{"type": "NodePort"}, "externalName": "db.example.com",
	"selector": map[string]any{"app": "legacy"}, "workloadRef": map[string]any{"kind": "Deployment", "name": "legacy"},
	"release": map[string]any{"version": "v2", "strategy": "Canary", "weight": 10},
}

// base is the smallest spec of a type the schema accepts once field is
// added (a Workload service takes exactly one of selector and workloadRef:
// the field itself, when it is one of them).
func base(typ, field string) map[string]any {
	spec := map[string]any{"type": typ}
	switch typ {
	case "Stateless", "Stateful":
		spec["containers"] = samples["containers"]
	case "External":
		spec["externalName"] = samples["externalName"]
	case "Workload":
		if field != "selector" && field != "workloadRef" {
			spec["selector"] = samples["selector"]
		}
	}
	if typ == "Stateful" && field == "externalAccess" {
		spec["access"] = "VirtualIP" // a Stateful service is exposed only through its virtual IP
	}
	return spec
}

// For every row of the table and every type, the schema accepts the field
// where the type accepts it and refuses it elsewhere, so an editor flags it.
func TestSchemaRefusesFieldsPerType(t *testing.T) {
	sch := compile(t)
	for _, row := range fieldsByTypes {
		for _, f := range row.fields {
			for _, typ := range []string{"Stateless", "Stateful", "External", "Workload"} {
				spec := base(typ, f)
				spec[f] = samples[f]
				err := validate(sch, doc(t, spec))
				switch accepted := slices.Contains(row.types, typ); {
				case accepted && err != nil:
					t.Errorf("%s with %s: the schema refuses a field the type accepts: %v", typ, f, err)
				case !accepted && err == nil:
					t.Errorf("%s with %s: the schema accepts a field the type does not", typ, f)
				}
			}
		}
	}
}

// A field no render can honour is refused by the schema too, and its
// description says why: a Canary by content (release.match).
func TestSchemaRefusesRefusedFields(t *testing.T) {
	sch := compile(t)
	spec := base("Stateless", "release")
	spec["release"] = map[string]any{"version": "v2", "strategy": "Canary", "match": map[string]any{"uri": map[string]any{"prefix": "/"}}}
	if err := validate(sch, doc(t, spec)); err == nil {
		t.Error("the schema accepts release.match")
	}
}

// The table's other cells: External requires externalName, Workload takes
// exactly one of selector and workloadRef, and a headless Stateful service
// takes no externalAccess.
func TestSchemaTypeCells(t *testing.T) {
	sch := compile(t)
	for name, spec := range map[string]map[string]any{
		"External without externalName": {"type": "External"},
		"Workload with neither":         {"type": "Workload"},
		"Workload with both":            {"type": "Workload", "selector": samples["selector"], "workloadRef": samples["workloadRef"]},
		"headless Stateful exposed":     {"type": "Stateful", "containers": samples["containers"], "externalAccess": samples["externalAccess"]},
		"External with containers: []":  {"type": "External", "externalName": "db.example.com", "containers": []any{}},
	} {
		if err := validate(sch, doc(t, spec)); err == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
	for name, spec := range map[string]map[string]any{
		"External with syncHostTimezone: false": {"type": "External", "externalName": "db.example.com", "syncHostTimezone": false},
		"Stateful exposed through its VIP":      {"type": "Stateful", "containers": samples["containers"], "access": "VirtualIP", "externalAccess": samples["externalAccess"]},
	} {
		if err := validate(sch, doc(t, spec)); err != nil {
			t.Errorf("%s: the schema refuses it: %v", name, err)
		}
	}
}

func doc(t *testing.T, spec map[string]any) specDoc {
	t.Helper()
	j, err := json.Marshal(map[string]any{"apiVersion": "servicespec.dev/v1alpha1", "kind": "ServiceSpec",
		"metadata": map[string]any{"name": "web"}, "spec": spec})
	if err != nil {
		t.Fatal(err)
	}
	return specDoc{fmt.Sprintf("%v", spec["type"]), "ServiceSpec", j}
}
