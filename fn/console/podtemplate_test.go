package console

import (
	"testing"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

func TestPodTemplateFragments(t *testing.T) {
	checkFragments(t, "Deployment", api.Stateless, []fragment{
		{"containers", `{"containers":[{"name":"web","image":"nginx:1.27","imagePullPolicy":"Always","env":[{"name":"A","value":"1"}],"ports":[{"containerPort":80,"servicePort":80}]}]}`,
			`{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27","imagePullPolicy":"Always","env":[{"name":"A","value":"1"}],
			  "ports":[{"name":"http-0","containerPort":80,"protocol":"TCP"}]}]}}}}`},
		{"a pull secret", `{"containers":[{"name":"web","image":"nginx:1.27","imagePullSecret":"reg","ports":[{"containerPort":80,"servicePort":80}]}]}`,
			`{"spec":{"template":{"metadata":{"annotations":{"kubesphere.io/imagepullsecrets":"{\"web\":\"reg\"}"}},"spec":{"imagePullSecrets":[{"name":"reg"}]}}}}`},
		{"host time", `{"syncHostTimezone":true}`,
			`{"spec":{"template":{"spec":{"volumes":[{"name":"host-time","hostPath":{"path":"/etc/localtime"}}],
			  "containers":[{"volumeMounts":[{"name":"host-time","mountPath":"/etc/localtime","readOnly":true}]}]}}}}`},
		{"log collection", `{"logCollection":{"enabled":true},"volumes":[{"name":"logs","emptyDir":{}}],
			"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80,"servicePort":80}],"volumeMounts":[{"name":"logs","mountPath":"/var/log/app","logPaths":["/var/log/app/*.log"]}]}]}`,
			`{"spec":{"template":{"metadata":{"annotations":{"kubesphere.io/collectSavedLog":"true",
			  "logging.kubesphere.io/logsidecar-config":"{\"containerLogConfigs\":{\"web\":{\"logs\":[\"/var/log/app/*.log\"]}}}"}}}}}`},
		{"IP pool", `{"pod":{"ipPool":"pool-a"}}`,
			`{"spec":{"template":{"metadata":{"annotations":{"cni.projectcalico.org/ipv4pools":"[\"pool-a\"]"}}}}}`},
		{"pod settings", `{"pod":{"serviceAccountName":"runner","priorityClassName":"high","terminationGracePeriodSeconds":10,"labels":{"team":"a"},"annotations":{"note":"x"}}}`,
			`{"spec":{"template":{"metadata":{"labels":{"app":"web","version":"v1","team":"a"},"annotations":{"note":"x"}},
			  "spec":{"serviceAccountName":"runner","priorityClassName":"high","terminationGracePeriodSeconds":10}}}}`},
		{"scheduling", `{"scheduling":{"nodeSelector":{"disk":"ssd"},"tolerations":[{"key":"k","operator":"Exists"}]}}`,
			`{"spec":{"template":{"spec":{"nodeSelector":{"disk":"ssd"},"tolerations":[{"key":"k","operator":"Exists"}]}}}}`},
		{"rollout on config change is read from the hash", `{}`, `{"spec":{"template":{"metadata":{"annotations":{"kubesphere.io/imagepullsecrets":"{}"}}}}}`},
	})
}
