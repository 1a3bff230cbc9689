package console

import (
	"k8s.io/apimachinery/pkg/runtime"
)

// releaseWorkload is the new version's Deployment <name>-<release.version>,
// derived from the running one as the console derives it: a copy with the
// new version in its name, labels and selector, the release's replicas and
// container changes, and nothing else changed. The copy keeps the running
// pod template's scheduling preset, which selects the running version's
// pods, because the console copies the template as it is. It has no
// kubesphere.io/relatedHPA: the console would copy the running workload's
// annotation, after which deleting the new workload in the console deletes
// the running version's autoscaler.
func releaseWorkload(s *service, configHash string) runtime.Object {
	next := &service{ServiceSpec: ReleaseSpec(s.ServiceSpec), app: s.app, configHash: configHash}
	d := Deployment(next)
	d.Spec.Template.Spec.Affinity = affinity(s)
	return d
}
