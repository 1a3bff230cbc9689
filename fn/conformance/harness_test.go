package conformance

import (
	"strings"
	"testing"
)

// The check can fail: the server rejects a bad value and an unknown field,
// and reports Pod Security warnings. (These objects are not counted in the
// summary line.)
func TestAPIServerRejectsWhatItShould(t *testing.T) {
	if err := server.EnsureNamespace(t.Context(), checkNamespace, restrictedWarn); err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct{ doc, want string }{
		"port out of range": {`{apiVersion: v1, kind: Service, metadata: {name: bad}, spec: {ports: [{port: 70000}]}}`,
			"must be between 1 and 65535"},
		"unknown field (strict)": {`{apiVersion: v1, kind: Service, metadata: {name: bad}, spec: {ports: [{port: 80}], bogus: 1}}`,
			`unknown field "spec.bogus"`},
		"selector does not match the template": {`{apiVersion: apps/v1, kind: Deployment, metadata: {name: bad},
			spec: {selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: b}}, spec: {containers: [{name: c, image: x}]}}}}`,
			"`selector` does not match template `labels`"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			res, err := server.DryRun(t.Context(), toUnstructured(t, c.doc), checkNamespace)
			if err != nil {
				t.Fatal(err)
			}
			if res.Accepted || !strings.Contains(res.Message, c.want) {
				t.Errorf("accepted=%v message=%q, want a rejection containing %q", res.Accepted, res.Message, c.want)
			}
		})
	}
	t.Run("pod security warning", func(t *testing.T) {
		res, err := server.DryRun(t.Context(), toUnstructured(t, `{apiVersion: apps/v1, kind: Deployment, metadata: {name: root},
			spec: {selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}}, spec: {containers: [{name: c, image: x}]}}}}`), checkNamespace)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Accepted || len(res.Warnings) == 0 || !strings.Contains(res.Warnings[0], `PodSecurity "restricted`) {
			t.Errorf("accepted=%v warnings=%q, want a restricted warning", res.Accepted, res.Warnings)
		}
	})
}
