package render

import (
	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/runtime"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// releaseWorkload is the new version's workload <name>-<release.version>,
// derived from the running one as the console derives it: a copy with the
// new version in its name, labels and selector, the release's replicas and
// container changes, and nothing else changed. The copy keeps the running
// pod template's scheduling preset, which selects the running version's
// pods, because the console copies the template as it is. It has no
// kubesphere.io/relatedHPA: the console would copy the running workload's
// annotation, after which deleting the new workload in the console deletes
// the running version's autoscaler.
func releaseWorkload(s *service, configHash string) runtime.Object {
	next := &service{ServiceSpec: api.ReleaseSpec(s.ServiceSpec), app: s.app}
	obj := workload(next, configHash)
	preset := affinity(s)
	switch w := obj.(type) {
	case *appsv1.Deployment:
		w.Spec.Template.Spec.Affinity = preset
	case *appsv1.StatefulSet:
		w.Spec.Template.Spec.Affinity = preset
	}
	return obj
}
