package console

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"

	kubefed "github.com/servicespec/servicespec/fn/api/kubefed/v1beta1"
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/kubesphere"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// A placed service renders, in place of its plain objects, the kubefed
// objects the console's Create Service wizard writes in a multi-cluster
// project: each plain object becomes the template of a Federated<Kind>,
// without its name, kind and annotations (those stay on the federated
// object, which is labelled {app}); the template keeps its namespace,
// labels and the creator, and the pod template loses the creator (the
// console's request helper writes it on spec.template.metadata only). Each
// placed cluster gets an overrides entry, empty when nothing differs.

// placementMapping: spec.placement renders the plain objects federated,
// each cluster's overrides from its own spec (federated); import reads the
// clusters from the federated objects and each cluster's override back
// from the spec it receives (clusterOverrideOf).
var placementMapping = struct {
	field string
	build func(s *service, in Inputs, plain []runtime.Object) ([]runtime.Object, field.ErrorList)
	read  func(spec, there *api.ServiceSpec) (*api.ClusterOverride, error)
}{"placement", federated, clusterOverrideOf}

// ClusterOverrideOf is what a cluster's spec changes of the spec
// (placementMapping).
func ClusterOverrideOf(spec, there *api.ServiceSpec) (*api.ClusterOverride, error) {
	return placementMapping.read(spec, there)
}

// federated wraps the plain objects of a placed service.
func federated(s *service, in Inputs, plain []runtime.Object) ([]runtime.Object, field.ErrorList) {
	overrides, errs := clusterOverrides(s, in, plain)
	if len(errs) > 0 {
		return nil, errs
	}
	var out []runtime.Object
	for _, obj := range plain {
		out = append(out, federatedObject(s, obj, overrides[identityOf(obj)]))
	}
	return out, nil
}

// federatedObject wraps one plain object; overrides are its clusters'.
func federatedObject(s *service, obj runtime.Object, overrides []kubefed.Override) runtime.Object {
	placement := kubefed.Placement{}
	for _, c := range s.Spec.Placement.Clusters {
		placement.Clusters = append(placement.Clusters, kubefed.ClusterRef{Name: c})
	}
	gvk := obj.GetObjectKind().GroupVersionKind()
	for _, k := range table {
		if k.federates != nil && k.federates.GVK == gvk {
			return k.wrap(s, obj, placement, overrides)
		}
	}
	// Validation refuses placement for a service with objects of other kinds.
	panic(fmt.Sprintf("console: no federated kind in the table for %v", gvk))
}

// outerMeta is the federated object's metadata: the plain object's name,
// namespace and annotations (with extra), labelled {app}. With extra labels
// (spec.labels), the console's "add metadata" editor sets the federated
// objects' own labels to the template's whole label map, so they carry
// the plain object's labels.
func outerMeta(s *service, m *metav1.ObjectMeta, extra map[string]string) metav1.ObjectMeta {
	a := maps.Clone(m.Annotations)
	maps.Copy(a, extra)
	labels := map[string]string{kubesphere.LabelApp: s.Name}
	if len(s.Spec.Labels) > 0 {
		labels = maps.Clone(m.Labels)
	}
	return metav1.ObjectMeta{Name: m.Name, Namespace: m.Namespace, Labels: labels, Annotations: a}
}

// templateMeta is a template's metadata: namespace, labels and the creator.
func templateMeta(s *service, m *metav1.ObjectMeta) metav1.ObjectMeta {
	return metav1.ObjectMeta{Namespace: m.Namespace, Labels: m.Labels, Annotations: creatorAnnotation(s.Spec.Creator)}
}

// workloadAnnotationsOfService are the FederatedService's
// kubesphere.io/workloadName and workloadModule: how the console finds the
// workload a federated service fronts.
func workloadAnnotationsOfService(s *service) map[string]string {
	switch s.Spec.Type {
	case api.Stateless:
		return map[string]string{kubesphere.AnnotationWorkloadName: s.workloadName(), kubesphere.AnnotationWorkloadModule: "deployments"}
	case api.Stateful:
		return map[string]string{kubesphere.AnnotationWorkloadName: s.workloadName(), kubesphere.AnnotationWorkloadModule: "statefulsets"}
	}
	return nil
}

// withoutPodCreator returns a copy of a workload whose pod template has no
// kubesphere.io/creator.
func withoutPodCreator[T *appsv1.Deployment | *appsv1.StatefulSet](w T) T {
	switch o := any(w).(type) {
	case *appsv1.Deployment:
		c := o.DeepCopy()
		c.Spec.Template.Annotations = nonEmpty(without(c.Spec.Template.Annotations, kubesphere.AnnotationCreator))
		return any(c).(T)
	case *appsv1.StatefulSet:
		c := o.DeepCopy()
		c.Spec.Template.Annotations = nonEmpty(without(c.Spec.Template.Annotations, kubesphere.AnnotationCreator))
		return any(c).(T)
	}
	return w
}

func identityOf(obj runtime.Object) string {
	m := metaAccessor(obj)
	return obj.GetObjectKind().GroupVersionKind().Kind + "/" + m.GetName()
}

func metaAccessor(obj runtime.Object) metav1.Object {
	m, ok := obj.(metav1.Object)
	if !ok {
		panic(fmt.Sprintf("console: %T has no metadata", obj)) // every k8s.io/api object has it
	}
	return m
}

// clusterOverrides computes every placed cluster's overrides of every
// plain object, as the console's per-cluster editors write them: the
// replicas; a changed container as every field of the changed container
// (the image and environment editors hand over the whole container), or
// only its ports (the ports editor), the Service's ports following; a
// claim template's changed fields; with external access, the Service's
// annotations in every cluster (the console copies them into each
// cluster's overrides).
func clusterOverrides(s *service, in Inputs, plain []runtime.Object) (map[string][]kubefed.Override, field.ErrorList) {
	out := map[string][]kubefed.Override{}
	for _, cluster := range s.Spec.Placement.Clusters {
		o := s.Spec.Placement.Overrides[cluster]
		changed, e := plainObjects(&service{ServiceSpec: ClusterSpec(s.ServiceSpec, cluster), app: s.app}, in)
		if len(e) > 0 {
			return nil, e
		}
		for _, obj := range plain {
			ops := objectOverrides(s, obj, find(changed, obj), o)
			out[identityOf(obj)] = append(out[identityOf(obj)], kubefed.Override{ClusterName: cluster, ClusterOverrides: ops})
		}
	}
	return out, nil
}

func find(objs []runtime.Object, like runtime.Object) runtime.Object {
	for _, o := range objs {
		if identityOf(o) == identityOf(like) {
			return o
		}
	}
	return nil
}

// objectOverrides are one cluster's overrides of one plain object: base is
// the object as the template has it, changed as the cluster's spec renders
// it.
func objectOverrides(s *service, base, changed runtime.Object, o api.ClusterOverride) []kubefed.ClusterOverride {
	ops := []kubefed.ClusterOverride{}
	switch b := base.(type) {
	case *appsv1.Deployment:
		c := changed.(*appsv1.Deployment)
		if o.Replicas != nil {
			ops = append(ops, override("/spec/replicas", o.Replicas))
		}
		ops = append(ops, containerOverrides(b.Spec.Template.Spec.Containers, c.Spec.Template.Spec.Containers, o.Containers)...)
	case *appsv1.StatefulSet:
		c := changed.(*appsv1.StatefulSet)
		if o.Replicas != nil {
			ops = append(ops, override("/spec/replicas", o.Replicas))
		}
		ops = append(ops, containerOverrides(b.Spec.Template.Spec.Containers, c.Spec.Template.Spec.Containers, o.Containers)...)
		ops = append(ops, claimOverrides(b.Spec.VolumeClaimTemplates, c.Spec.VolumeClaimTemplates, o.VolumeClaimTemplates)...)
	case *corev1.Service:
		c := changed.(*corev1.Service)
		if s.Spec.ExternalAccess != nil {
			ops = append(ops, override("/metadata/annotations", consoleAnnotations(s, b)))
		}
		if slices.ContainsFunc(o.Containers, func(c api.Container) bool { return c.Ports != nil }) {
			ops = append(ops, override("/spec/ports", c.Spec.Ports))
		}
	}
	return ops
}

// consoleAnnotations are a FederatedService's annotations as the console
// copies them into each cluster's overrides (servicespec's own left out).
func consoleAnnotations(s *service, svc *corev1.Service) map[string]string {
	a := without(svc.Annotations, api.AnnotationGeneratedFrom)
	maps.Copy(a, workloadAnnotationsOfService(s))
	return a
}

// containerOverrides: for each changed container, every field of it, or
// only its ports when the change sets nothing else, in the order the
// console's per-cluster editors write them (consoleContainerOrder). A field
// the template's container lacks is written too: kubefed applies overrides
// with evanphx/json-patch v4 (kubefed v0.8.1, KubeSphere's image, and
// v0.10.0), whose replace sets a missing member of an existing object, as
// the console's environment editor relies on.
func containerOverrides(base, changed []corev1.Container, changes []api.Container) []kubefed.ClusterOverride {
	var ops []kubefed.ClusterOverride
	for _, ch := range changes {
		i := slices.IndexFunc(base, func(c corev1.Container) bool { return c.Name == ch.Name })
		if i < 0 || i >= len(changed) {
			continue // validation reports a change of no container
		}
		prefix := "/spec/template/spec/containers/" + strconv.Itoa(i) + "/"
		fields, order := jsonFields(changed[i])
		had, _ := jsonFields(base[i])
		consoleContainerOrder(order, had)
		if onlyPorts(ch) {
			order = []string{"ports"}
		}
		for _, k := range order {
			ops = append(ops, kubefed.ClusterOverride{Path: prefix + k, Value: runtime.RawExtension{Raw: fields[k]}})
		}
	}
	return ops
}

// consoleFieldOrder is the order in which the console's container form
// gives a container its fields: name and imagePullPolicy have defaults set
// when the form opens, the rest follow the form's sections (image and
// resources, ports, health checks, life cycle, command, environment,
// security context, then the mounts of the volume step).
var consoleFieldOrder = []string{
	"name", "imagePullPolicy", "image", "resources", "ports",
	"livenessProbe", "readinessProbe", "startupProbe", "lifecycle",
	"command", "args", "env", "envFrom", "securityContext", "volumeMounts",
}

// consoleContainerOrder sorts a changed container's fields (in Go order)
// as the "Cluster differences" editors write them (Object.keys of the
// container): the fields the template's container has, then those the edit
// adds, each group in consoleFieldOrder, fields the form never sets last.
func consoleContainerOrder(fields []string, had map[string]json.RawMessage) {
	rank := func(k string) int {
		r := slices.Index(consoleFieldOrder, k)
		if r < 0 {
			r = len(consoleFieldOrder)
		}
		if _, ok := had[k]; !ok {
			r += len(consoleFieldOrder) + 1
		}
		return r
	}
	slices.SortStableFunc(fields, func(a, b string) int { return rank(a) - rank(b) })
}

// onlyPorts: the change sets ports and nothing else (the ports editor).
func onlyPorts(ch api.Container) bool {
	return ch.Ports != nil && reflect.DeepEqual(ch, api.Container{Name: ch.Name, Ports: ch.Ports})
}

// claimOverrides: the fields of each changed claim template that differ.
func claimOverrides(base, changed []corev1.PersistentVolumeClaim, changes []api.VolumeClaimTemplate) []kubefed.ClusterOverride {
	var ops []kubefed.ClusterOverride
	for _, ch := range changes {
		i := slices.IndexFunc(base, func(c corev1.PersistentVolumeClaim) bool { return c.Name == ch.Name })
		if i < 0 || i >= len(changed) {
			continue
		}
		now, order := jsonFields(changed[i])
		was, _ := jsonFields(base[i])
		for _, k := range order {
			if string(was[k]) != string(now[k]) {
				ops = append(ops, kubefed.ClusterOverride{Path: "/spec/volumeClaimTemplates/" + strconv.Itoa(i) + "/" + k, Value: runtime.RawExtension{Raw: now[k]}})
			}
		}
	}
	return ops
}

func override(path string, value any) kubefed.ClusterOverride {
	raw, err := json.Marshal(value)
	if err != nil {
		panic(err) // values are Kubernetes API fields: they always marshal
	}
	return kubefed.ClusterOverride{Path: path, Value: runtime.RawExtension{Raw: raw}}
}

// jsonFields are the JSON fields of a value as the output writes them, in
// order: an empty object (an unset struct such as resources) is not
// written, so it is no field a patch can replace.
func jsonFields(v any) (map[string]json.RawMessage, []string) {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // API types always marshal
	}
	fields := map[string]json.RawMessage{}
	var order []string
	dec := json.NewDecoder(bytes.NewReader(data))
	_, _ = dec.Token() // {
	for dec.More() {
		t, _ := dec.Token()
		var value json.RawMessage
		_ = dec.Decode(&value)
		if string(value) == "{}" {
			continue
		}
		fields[t.(string)] = value
		order = append(order, t.(string))
	}
	return fields, order
}

// clusterObjects are the plain objects one cluster receives: the objects
// of the spec with the cluster's overrides, as kubefed builds them from
// the templates. kubefed drops a template's annotations (it refuses to set
// annotations through a template), so an object keeps none of the
// console's but the Service's that the overrides copy with external
// access (which is why the console copies them); the pod template has no
// creator. servicespec's ownership annotation is added. A cluster the
// service is not placed in receives nothing.
func clusterObjects(s *service, in Inputs) ([]runtime.Object, field.ErrorList) {
	if !Placed(s.ServiceSpec, in.Cluster) {
		return nil, nil
	}
	plain, errs := plainObjects(&service{ServiceSpec: ClusterSpec(s.ServiceSpec, in.Cluster), app: s.app}, in)
	if len(errs) > 0 {
		return nil, errs
	}
	for i, obj := range plain {
		m := metaAccessor(obj)
		a := map[string]string{api.AnnotationGeneratedFrom: m.GetAnnotations()[api.AnnotationGeneratedFrom]}
		if svc, ok := obj.(*corev1.Service); ok && s.Spec.ExternalAccess != nil {
			maps.Copy(a, consoleAnnotations(s, svc))
		}
		m.SetAnnotations(a)
		switch w := obj.(type) {
		case *appsv1.Deployment:
			plain[i] = withoutPodCreator(w)
		case *appsv1.StatefulSet:
			plain[i] = withoutPodCreator(w)
		}
	}
	return plain, nil
}

// The federated kinds of a placed service. kubefed's CRDs keep a template
// as written (unvalidated, undefaulted), but each member cluster's API
// server defaults the object it receives: a template undefaults as that
// object does. Their status is kubefed's; what cannot change in place is
// what cannot change in the objects every member cluster receives.

var federatedDeploymentKind = &Kind{
	federates: deploymentKind,
	wrap: func(s *service, obj runtime.Object, p kubefed.Placement, ov []kubefed.Override) runtime.Object {
		o := obj.(*appsv1.Deployment)
		return &kubefed.FederatedDeployment{
			TypeMeta:   typeMeta(kubefed.GroupVersion.WithKind("FederatedDeployment")),
			ObjectMeta: outerMeta(s, &o.ObjectMeta, nil),
			Spec: kubefed.FederatedDeploymentSpec{Placement: p, Overrides: ov,
				Template: kubefed.DeploymentTemplate{ObjectMeta: templateMeta(s, &o.ObjectMeta), Spec: withoutPodCreator(o).Spec}},
		}
	},
	GVK: kubefed.GroupVersion.WithKind("FederatedDeployment"),
	New: func() runtime.Object { return &kubefed.FederatedDeployment{} },
	Undefault: func(obj runtime.Object) {
		f := obj.(*kubefed.FederatedDeployment)
		d := f.Object()
		deploymentKind.Undefault(d)
		f.Spec.Template.Spec = d.Spec
	},
	Workload: true,
	Changes: func(old, now runtime.Object) []string {
		return deploymentKind.Changes(old.(*kubefed.FederatedDeployment).Object(), now.(*kubefed.FederatedDeployment).Object())
	},
}

var federatedStatefulSetKind = &Kind{
	federates: statefulSetKind,
	wrap: func(s *service, obj runtime.Object, p kubefed.Placement, ov []kubefed.Override) runtime.Object {
		o := obj.(*appsv1.StatefulSet)
		return &kubefed.FederatedStatefulSet{
			TypeMeta:   typeMeta(kubefed.GroupVersion.WithKind("FederatedStatefulSet")),
			ObjectMeta: outerMeta(s, &o.ObjectMeta, nil),
			Spec: kubefed.FederatedStatefulSetSpec{Placement: p, Overrides: ov,
				Template: kubefed.StatefulSetTemplate{ObjectMeta: templateMeta(s, &o.ObjectMeta), Spec: withoutPodCreator(o).Spec}},
		}
	},
	GVK: kubefed.GroupVersion.WithKind("FederatedStatefulSet"),
	New: func() runtime.Object { return &kubefed.FederatedStatefulSet{} },
	Undefault: func(obj runtime.Object) {
		f := obj.(*kubefed.FederatedStatefulSet)
		st := f.Object()
		statefulSetKind.Undefault(st)
		f.Spec.Template.Spec = st.Spec
	},
	Workload: true,
	Changes: func(old, now runtime.Object) []string {
		return statefulSetKind.Changes(old.(*kubefed.FederatedStatefulSet).Object(), now.(*kubefed.FederatedStatefulSet).Object())
	},
}

var federatedServiceKind = &Kind{
	federates: serviceKind,
	wrap: func(s *service, obj runtime.Object, p kubefed.Placement, ov []kubefed.Override) runtime.Object {
		o := obj.(*corev1.Service)
		return &kubefed.FederatedService{
			TypeMeta:   typeMeta(kubefed.GroupVersion.WithKind("FederatedService")),
			ObjectMeta: outerMeta(s, &o.ObjectMeta, workloadAnnotationsOfService(s)),
			Spec: kubefed.FederatedServiceSpec{Placement: p, Overrides: ov,
				Template: kubefed.ServiceTemplate{ObjectMeta: templateMeta(s, &o.ObjectMeta), Spec: o.Spec}},
		}
	},
	GVK: kubefed.GroupVersion.WithKind("FederatedService"),
	New: func() runtime.Object { return &kubefed.FederatedService{} },
	Undefault: func(obj runtime.Object) {
		f := obj.(*kubefed.FederatedService)
		svc := f.Object()
		serviceKind.Undefault(svc)
		f.Spec.Template.Spec = svc.Spec
	},
	Changes: func(old, now runtime.Object) []string {
		return serviceKind.Changes(old.(*kubefed.FederatedService).Object(), now.(*kubefed.FederatedService).Object())
	},
}

// placementWarnings: kubefed propagates no annotations of a federated
// object or of its template; the console copies the Service's annotations
// into every cluster's overrides with external access only.
func placementWarnings(sp *api.ServiceSpecSpec) []Warning {
	if sp.Placement == nil {
		return nil
	}
	var ws []Warning
	if len(sp.Annotations) > 0 {
		ws = append(ws, Warning{specPath.Child("annotations"),
			"with placement these annotations stay on the FederatedDeployment or FederatedStatefulSet: kubefed does not propagate annotations to the member clusters' workloads"})
	}
	if len(sp.ServiceAnnotations) > 0 && sp.ExternalAccess == nil {
		ws = append(ws, Warning{specPath.Child("serviceAnnotations"),
			"with placement and no external access these annotations stay on the FederatedService: kubefed does not propagate annotations, and the console copies the Service's into each cluster's overrides only with external access"})
	}
	return ws
}
