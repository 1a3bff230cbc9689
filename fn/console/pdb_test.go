package console

import (
	"testing"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

func TestDisruptionBudgetFragments(t *testing.T) {
	checkFragments(t, "PodDisruptionBudget", api.Stateless, []fragment{
		{"minAvailable", `{"replicas":3,"disruptionBudget":{"minAvailable":1}}`,
			`{"metadata":{"name":"web-v1"},"spec":{"minAvailable":1,"selector":{"matchLabels":{"app":"web","version":"v1"}}}}`},
		{"maxUnavailable as a percent", `{"disruptionBudget":{"maxUnavailable":"50%"}}`, `{"spec":{"maxUnavailable":"50%"}}`},
	})
}
