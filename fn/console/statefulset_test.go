package console

import (
	"testing"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

func TestStatefulSetFragments(t *testing.T) {
	checkFragments(t, "StatefulSet", api.Stateful, []fragment{
		{"headless by default", `{}`, `{"metadata":{"name":"web-v1"},"spec":{"serviceName":"web"}}`},
		{"a virtual IP gets the governing Service", `{"access":"VirtualIP"}`, `{"spec":{"serviceName":"web-headless"}}`},
		{"replicas", `{"replicas":3}`, `{"spec":{"replicas":3}}`},
		{"partition", `{"strategy":{"type":"RollingUpdate","partition":1}}`,
			`{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":1}}}}`},
		{"claim templates", `{"volumeClaimTemplates":[{"name":"data","size":"10Gi","storageClassName":"fast","accessModes":["ReadWriteOnce"]}]}`,
			`{"spec":{"volumeClaimTemplates":[{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data","namespace":"demo"},
			  "spec":{"accessModes":["ReadWriteOnce"],"storageClassName":"fast","resources":{"requests":{"storage":"10Gi"}}}}]},
			  "metadata":{}}`},
	})
}
