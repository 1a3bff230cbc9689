package console

import (
	"testing"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

func TestServiceFragments(t *testing.T) {
	checkFragments(t, "Service", api.Stateless, []fragment{
		{"virtual IP, the console's annotations", `{"alias":"shop","description":"the shop","creator":"admin"}`,
			`{"metadata":{"name":"web","annotations":{"kubesphere.io/serviceType":"statelessservice","kubesphere.io/alias-name":"shop",
			  "kubesphere.io/description":"the shop","kubesphere.io/creator":"admin"}},
			  "spec":{"selector":{"app":"web"},"sessionAffinity":"None","ports":[{"name":"http-0","protocol":"TCP","port":80,"targetPort":80}]}}`},
		{"headless", `{"access":"Headless"}`, `{"spec":{"clusterIP":"None"}}`},
		{"sticky session", `{"stickySession":{"enabled":true,"timeoutSeconds":600}}`,
			`{"spec":{"sessionAffinity":"ClientIP","sessionAffinityConfig":{"clientIP":{"timeoutSeconds":600}}}}`},
		{"node port", `{"externalAccess":{"type":"NodePort","externalTrafficPolicy":"Local"}}`,
			`{"spec":{"type":"NodePort","externalTrafficPolicy":"Local"}}`},
		{"OpenELB", `{"externalAccess":{"type":"LoadBalancer","openELB":{"eip":"eip-pool","mode":"layer2"}}}`,
			`{"metadata":{"annotations":{"lb.kubesphere.io/v1alpha1":"openelb","eip.openelb.kubesphere.io/v1alpha2":"eip-pool","protocol.openelb.kubesphere.io/v1alpha1":"layer2"}},
			  "spec":{"type":"LoadBalancer"}}`},
		{"the user's annotations", `{"serviceAnnotations":{"prometheus.io/scrape":"true"}}`,
			`{"metadata":{"annotations":{"prometheus.io/scrape":"true"}}}`},
		{"a GRPC port", `{"containers":[{"name":"web","image":"nginx:1.27","ports":[{"name":"grpc-api","protocol":"GRPC","containerPort":9090,"servicePort":90}]}]}`,
			`{"spec":{"ports":[{"name":"grpc-api","protocol":"TCP","port":90,"targetPort":9090}]}}`},
	})
	checkFragments(t, "Service", api.External, []fragment{
		{"ExternalName", `{"externalName":"db.example.com"}`,
			`{"metadata":{"annotations":{"kubesphere.io/serviceType":"externalservice"}},"spec":{"type":"ExternalName","externalName":"db.example.com"}}`},
	})
	checkFragments(t, "Service", api.Workload, []fragment{
		{"selector and ports", `{"selector":{"app":"legacy"},"ports":[{"name":"tcp-9000","port":9000,"targetPort":9001}]}`,
			`{"spec":{"selector":{"app":"legacy"},"ports":[{"name":"tcp-9000","protocol":"TCP","port":9000,"targetPort":9001}]}}`},
	})
}
