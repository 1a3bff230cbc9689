package function

import (
	"github.com/kptdev/krm-functions-sdk/go/fn"
	corev1 "k8s.io/api/core/v1"

	"github.com/servicespec/servicespec/fn/render"
)

// workloadIndex resolves workloadRef against the apps/v1 workloads in the
// resource list. It never looks anywhere else. Objects are decoded only when
// a reference asks for them: most lists have no workloadRef at all.
type workloadIndex struct {
	byID map[string][]*fn.KubeObject
}

var workloadKinds = map[string]bool{"Deployment": true, "StatefulSet": true, "DaemonSet": true}

func newWorkloadIndex(items fn.KubeObjects) *workloadIndex {
	w := &workloadIndex{byID: map[string][]*fn.KubeObject{}}
	w.add(items)
	return w
}

func (w *workloadIndex) add(items fn.KubeObjects) {
	for _, it := range items {
		if it.GetAPIVersion() != "apps/v1" || !workloadKinds[it.GetKind()] {
			continue
		}
		id := workloadID(it.GetKind(), it.GetNamespace(), it.GetName())
		w.byID[id] = append(w.byID[id], it)
	}
}

// Find implements render.Workloads.
func (w *workloadIndex) Find(kind, namespace, name string) []render.Workload {
	var out []render.Workload
	for _, it := range w.byID[workloadID(kind, namespace, name)] {
		var obj struct {
			Spec struct {
				Template corev1.PodTemplateSpec `json:"template"`
			} `json:"spec"`
		}
		if err := it.As(&obj); err != nil {
			continue // not a well-formed workload: it cannot be referenced
		}
		var ports []corev1.ContainerPort
		for _, c := range obj.Spec.Template.Spec.Containers {
			ports = append(ports, c.Ports...)
		}
		out = append(out, render.Workload{PodLabels: obj.Spec.Template.Labels, Ports: ports})
	}
	return out
}

func workloadID(kind, namespace, name string) string {
	return kind + "/" + namespace + "/" + name
}
