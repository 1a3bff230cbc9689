package console

import (
	"testing"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

func TestAutoscalerFragments(t *testing.T) {
	checkFragments(t, "HorizontalPodAutoscaler", api.Stateless, []fragment{
		{"CPU target", `{"autoscaling":{"minReplicas":2,"maxReplicas":5,"targetCPUUtilizationPercentage":60}}`,
			`{"metadata":{"name":"web-v1"},"spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web-v1"},"minReplicas":2,"maxReplicas":5,
			  "metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":60}}}]}}`},
		{"memory target", `{"autoscaling":{"maxReplicas":3,"targetMemoryUtilizationPercentage":70}}`,
			`{"spec":{"metrics":[{"type":"Resource","resource":{"name":"memory","target":{"type":"Utilization","averageUtilization":70}}}]}}`},
	})
	checkFragments(t, "HorizontalPodAutoscaler", api.Stateful, []fragment{
		{"scales the StatefulSet", `{"autoscaling":{"maxReplicas":3,"targetCPUUtilizationPercentage":50}}`,
			`{"spec":{"scaleTargetRef":{"kind":"StatefulSet","name":"web-v1"}}}`},
	})
}
