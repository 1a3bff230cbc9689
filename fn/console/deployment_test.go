package console

import (
	"testing"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

func TestDeploymentFragments(t *testing.T) {
	checkFragments(t, "Deployment", api.Stateless, []fragment{
		{"name and labels", `{"version":"v2","labels":{"tier":"web"}}`,
			`{"metadata":{"name":"web-v2","labels":{"app":"web","version":"v2","tier":"web"}},"spec":{"selector":{"matchLabels":{"app":"web","version":"v2"}}}}`},
		{"replicas", `{"replicas":3}`, `{"spec":{"replicas":3}}`},
		{"rolling update", `{"strategy":{"type":"RollingUpdate","maxSurge":"50%","maxUnavailable":0}}`,
			`{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"50%","maxUnavailable":0}}}}`},
		{"recreate", `{"strategy":{"type":"Recreate"}}`, `{"spec":{"strategy":{"type":"Recreate"}}}`},
		{"annotations", `{"annotations":{"team":"a"},"creator":"admin"}`,
			`{"metadata":{"annotations":{"team":"a","kubesphere.io/creator":"admin"}}}`},
		{"mesh", `{"serviceMesh":{"enabled":true}}`,
			`{"metadata":{"annotations":{"servicemesh.kubesphere.io/enabled":"true"}},"spec":{"template":{"metadata":{"annotations":{"sidecar.istio.io/inject":"true"}}}}}`},
		{"autoscaled: no replicas, the related autoscaler", `{"autoscaling":{"maxReplicas":3,"targetCPUUtilizationPercentage":50}}`,
			`{"metadata":{"annotations":{"kubesphere.io/relatedHPA":"web-v1"}}}`},
	})
}
