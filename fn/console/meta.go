package console

import (
	"maps"
	"strconv"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/kubesphere"
)

// service is a ServiceSpec being rendered, with the composed app it is a
// member of (nil when it is none).
type service struct {
	*api.ServiceSpec
	app *api.AppSpec
	// configHash is the pod template's servicespec.dev/config-hash, when
	// spec.rolloutOnConfigChange is on (Inputs).
	configHash string
}

// What the console makes of a service's name and version for its workload.
const (
	workloadIdentity = "the console names the workload <name>-<version> and selects its pods by {app, version}"
	versionUnread    = "import groups a service's objects by their version label and reads the version as it does (importer.recognizeService)"
)

// workloadName is <name>-<version>: the workload's, the autoscaler's and
// the disruption budget's name.
func (s *service) workloadName() string { return kubesphere.WorkloadName(s.Name, s.Spec.Version) }

// GeneratedFrom is the value of servicespec.dev/generated-from:
// <namespace>/<name>, or /<name> without a namespace.
func GeneratedFrom(namespace, name string) string {
	return namespace + "/" + name
}

// objectMeta is the metadata every generated object starts from: name,
// namespace, and the ownership annotation the function prunes by.
func objectMeta(s *service, name string, labels, annotations map[string]string) metav1.ObjectMeta {
	return ownedMeta(s.Namespace, s.Name, name, labels, annotations)
}

func ownedMeta(namespace, owner, name string, labels, annotations map[string]string) metav1.ObjectMeta {
	a := map[string]string{api.AnnotationGeneratedFrom: GeneratedFrom(namespace, owner)}
	maps.Copy(a, annotations)
	return metav1.ObjectMeta{Name: name, Namespace: namespace, Labels: labels, Annotations: a}
}

// appLabels are the labels of a composed app's objects, nil for a service
// that belongs to none: the console merges them into the labels and the
// selectors of its members' workloads and Services.
func appLabels(app *api.AppSpec) map[string]string {
	if app == nil {
		return nil
	}
	return map[string]string{kubesphere.LabelAppName: app.Name, kubesphere.LabelAppVersion: app.Spec.Version}
}

// versionLabels are {app, version}: what the scheduling presets select,
// as the console copies them before a composed app adds its labels.
func versionLabels(s *service) map[string]string {
	return map[string]string{kubesphere.LabelApp: s.Name, kubesphere.LabelVersion: s.Spec.Version}
}

// selectorLabels select the workload's pods: exactly {app, version}, and
// the app's labels for a member of a composed app.
func selectorLabels(s *service) map[string]string {
	l := versionLabels(s)
	maps.Copy(l, appLabels(s.app))
	return l
}

// serviceSelector selects every version of the app: exactly {app}, and the
// app's labels for a member of a composed app.
func serviceSelector(s *service) map[string]string {
	l := map[string]string{kubesphere.LabelApp: s.Name}
	maps.Copy(l, appLabels(s.app))
	return l
}

// objectLabels are the labels of the Service and the workload: {app, version}
// for workload-backed services, {app} otherwise, plus the app's labels and
// spec.labels.
func objectLabels(s *service) map[string]string {
	l := labelSet{labels: map[string]string{}}
	writeAll(s, &l, labelMappings)
	return l.labels
}

// labelSet is the labels of an object of a service.
type labelSet struct {
	labels map[string]string
	// app is, on import, the composed app the labels name when it
	// converts with the service.
	app string
}

// labelMappings write the labels of every object of a service.
var labelMappings = []mapping[*labelSet]{
	{from: "metadata.name", why: "app: <name>, the console's label of every object of a service", write: func(s *service, l *labelSet) {
		l.labels[kubesphere.LabelApp] = s.Name
	}},
	{fields: []string{"app"}, write: func(s *service, l *labelSet) {
		maps.Copy(l.labels, appLabels(s.app))
	}, read: func(l *labelSet, sp *api.ServiceSpecSpec) error {
		sp.App = l.app
		return nil
	}},
	{fields: []string{"version"}, write: func(s *service, l *labelSet) {
		if s.Spec.Version != "" {
			l.labels[kubesphere.LabelVersion] = s.Spec.Version
		}
	}, unread: versionUnread},
	{fields: []string{"labels"}, write: func(s *service, l *labelSet) {
		maps.Copy(l.labels, s.Spec.Labels)
	}, read: func(l *labelSet, sp *api.ServiceSpecSpec) error {
		console := []string{kubesphere.LabelApp, kubesphere.LabelVersion}
		if l.app != "" {
			console = append(console, kubesphere.LabelAppName, kubesphere.LabelAppVersion)
		}
		sp.Labels = nonEmpty(without(l.labels, console...))
		return nil
	}},
}

// ReadServiceLabels reads the labels of a service's Service; app is the
// composed app they name, when it converts with the service.
func ReadServiceLabels(labels map[string]string, app string, sp *api.ServiceSpecSpec) error {
	return readAll(&labelSet{labels: labels, app: app}, sp, labelMappings)
}

// creatorAnnotation is kubesphere.io/creator when a creator is set.
func creatorAnnotation(creator string) map[string]string {
	if creator == "" {
		return nil
	}
	return map[string]string{kubesphere.AnnotationCreator: creator}
}

// meshAnnotation marks a workload or Service as part of the service mesh:
// "true" when spec.serviceMesh is on, and for a member of a composed app
// the app's governance, "true" or "false", as the console writes it.
func meshAnnotation(s *service) map[string]string {
	if s.app == nil && !meshEnabled(s) {
		return nil
	}
	return map[string]string{kubesphere.AnnotationServiceMesh: strconv.FormatBool(meshEnabled(s))}
}

// injectAnnotation is the pod's sidecar.istio.io/inject, written like
// meshAnnotation.
func injectAnnotation(s *service) map[string]string {
	if s.app == nil && !meshEnabled(s) {
		return nil
	}
	return map[string]string{kubesphere.AnnotationIstioInject: strconv.FormatBool(meshEnabled(s))}
}

func meshEnabled(s *service) bool {
	if s.app != nil {
		return api.Governed(s.app)
	}
	return s.Spec.ServiceMesh != nil && s.Spec.ServiceMesh.Enabled
}

// nonEmpty returns nil for an empty map, so that it is not emitted.
func nonEmpty(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	return m
}

// withoutValues drops the keys of b, with the values b has, from a.
func withoutValues(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		if bv, ok := b[k]; !ok || bv != v {
			out[k] = v
		}
	}
	return out
}

// without is a copy of m without keys (nil for nil).
func without(m map[string]string, keys ...string) map[string]string {
	out := maps.Clone(m)
	for _, k := range keys {
		delete(out, k)
	}
	return out
}
