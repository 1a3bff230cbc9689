package importer

import (
	"testing"

	"github.com/kptdev/krm-functions-sdk/go/fn"
)

// Each GitOps mark, and kustomize's build metadata, is left out of an
// object's own metadata and counted;
// app.kubernetes.io/instance only when no pod template or selector of the
// input carries its value; what the user set stays.
func TestTrackingStrip(t *testing.T) {
	parse := func(s string) *fn.KubeObject {
		t.Helper()
		o, err := fn.ParseKubeObject([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	deployment := parse(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-v1
  labels: {app: web, app.kubernetes.io/instance: chart, kustomize.toolkit.fluxcd.io/name: apps}
  annotations: {argocd.argoproj.io/tracking-id: "shop:apps/Deployment:demo/web-v1", argocd.argoproj.io/sync-options: Prune=false, config.kubernetes.io/origin: "path: web.yaml\n"}
spec:
  template:
    metadata:
      labels: {app: web, app.kubernetes.io/instance: chart}
`)
	config := parse(`apiVersion: v1
kind: ConfigMap
metadata:
  name: a
  labels: {app.kubernetes.io/instance: shop, kustomize.toolkit.fluxcd.io/namespace: flux-system}
`)
	tr := newTracking([]*fn.KubeObject{deployment, config})
	for _, o := range []*fn.KubeObject{deployment, config} {
		if err := tr.strip(o); err != nil {
			t.Fatal(err)
		}
	}
	if got := deployment.GetLabels(); len(got) != 2 || got["app.kubernetes.io/instance"] != "chart" {
		t.Errorf("Deployment labels %v: the chart's instance label (on the pod template too) must stay, Flux's go", got)
	}
	if got := deployment.GetAnnotations(); len(got) != 1 || got["argocd.argoproj.io/sync-options"] == "" {
		t.Errorf("Deployment annotations %v: the tracking id and kustomize's origin go, the user's sync options stay", got)
	}
	if got := config.GetLabels(); len(got) != 0 {
		t.Errorf("ConfigMap labels %v: Argo CD's instance label (on no pod template) and Flux's go", got)
	}
	want := map[string]int{
		"Argo CD's annotation argocd.argoproj.io/tracking-id":                                                  1,
		"Argo CD's label app.kubernetes.io/instance":                                                           1,
		"Flux's labels kustomize.toolkit.fluxcd.io/ (or helm.toolkit.fluxcd.io/) name and namespace":           2,
		"kustomize's build metadata (config.kubernetes.io/origin, alpha.config.kubernetes.io/transformations)": 1,
	}
	for k, n := range want {
		if tr.removed[k] != n {
			t.Errorf("removed[%q] = %d, want %d (all: %v)", k, tr.removed[k], n, tr.removed)
		}
	}
}
