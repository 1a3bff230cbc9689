package function

import (
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"

	kubefed "github.com/servicespec/servicespec/fn/api/kubefed/v1beta1"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/krm"
)

// workloadIndex resolves workloadRef against the apps/v1 workloads in the
// resource list and those generated in this run. It never looks anywhere
// else. An item is parsed only when a reference asks for it. In a
// multi-cluster project a workload is federated: a federated Deployment
// (or StatefulSet, DaemonSet) stands for the workload of its name that its
// clusters run, with its template's pod template.
type workloadIndex struct {
	byID map[string][]func() (corev1.PodTemplateSpec, bool)
}

// workloadKinds are the kinds a workloadRef may name (api.WorkloadKind).
var workloadKinds = map[string]bool{"Deployment": true, "StatefulSet": true, "DaemonSet": true}

func newWorkloadIndex(items []*krm.Item) *workloadIndex {
	w := &workloadIndex{byID: map[string][]func() (corev1.PodTemplateSpec, bool){}}
	for _, it := range items {
		switch {
		case it.APIVersion == "apps/v1" && workloadKinds[it.Kind]:
			id := workloadID(it.Kind, it.Namespace, it.Name)
			w.byID[id] = append(w.byID[id], func() (corev1.PodTemplateSpec, bool) { return itemTemplate(it) })
		case it.APIVersion == federatedAPIVersion && workloadKinds[strings.TrimPrefix(it.Kind, "Federated")]:
			id := workloadID(strings.TrimPrefix(it.Kind, "Federated"), it.Namespace, it.Name)
			w.byID[id] = append(w.byID[id], func() (corev1.PodTemplateSpec, bool) { return federatedItemTemplate(it) })
		}
	}
	return w
}

var federatedAPIVersion = kubefed.GroupVersion.String()

// addGenerated records the workloads of a spec's outputs.
func (w *workloadIndex) addGenerated(objs []runtime.Object) {
	for _, o := range objs {
		if f, ok := o.(kubefed.Federated); ok {
			o = f.Plain()
		}
		var tpl corev1.PodTemplateSpec
		switch wl := o.(type) {
		case *appsv1.Deployment:
			tpl = wl.Spec.Template
		case *appsv1.StatefulSet:
			tpl = wl.Spec.Template
		default:
			continue
		}
		id := workloadID(o.GetObjectKind().GroupVersionKind().Kind, metaOf(o).GetNamespace(), metaOf(o).GetName())
		w.byID[id] = append(w.byID[id], func() (corev1.PodTemplateSpec, bool) { return tpl, true })
	}
}

// itemTemplate reads a workload item's pod template; false when the item is
// not a well-formed workload (it cannot be referenced then).
func itemTemplate(it *krm.Item) (corev1.PodTemplateSpec, bool) {
	var obj struct {
		Spec struct {
			Template corev1.PodTemplateSpec `json:"template"`
		} `json:"spec"`
	}
	err := it.As(&obj)
	return obj.Spec.Template, err == nil
}

// federatedItemTemplate reads a federated workload's pod template.
func federatedItemTemplate(it *krm.Item) (corev1.PodTemplateSpec, bool) {
	var obj struct {
		Spec struct {
			Template struct {
				Spec struct {
					Template corev1.PodTemplateSpec `json:"template"`
				} `json:"spec"`
			} `json:"template"`
		} `json:"spec"`
	}
	err := it.As(&obj)
	return obj.Spec.Template.Spec.Template, err == nil
}

// Find implements console.Workloads.
func (w *workloadIndex) Find(kind, namespace, name string) []console.Workload {
	var out []console.Workload
	for _, template := range w.byID[workloadID(kind, namespace, name)] {
		tpl, ok := template()
		if !ok {
			continue
		}
		var ports []corev1.ContainerPort
		for _, c := range tpl.Spec.Containers {
			ports = append(ports, c.Ports...)
		}
		out = append(out, console.Workload{PodLabels: tpl.Labels, Ports: ports})
	}
	return out
}

func workloadID(kind, namespace, name string) string {
	return kind + "/" + namespace + "/" + name
}
