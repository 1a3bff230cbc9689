package console_test

import (
	"fmt"
	"os"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/yaml"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/yamlenc"
)

// spec decodes, defaults and validates a ServiceSpec written as YAML.
func spec(t testing.TB, doc string) *api.ServiceSpec {
	t.Helper()
	js, err := yaml.YAMLToJSON([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	s, errs := api.Decode(js)
	if len(errs) > 0 {
		t.Fatal(errs.ToAggregate())
	}
	api.SetDefaults(s)
	if errs := console.Validate(s); len(errs) > 0 {
		t.Fatal(errs.ToAggregate())
	}
	return s
}

const header = "apiVersion: servicespec.dev/v1alpha1\nkind: ServiceSpec\nmetadata: {name: web, namespace: shop}\n"

// workloads is a resource list holding one Deployment.
type workloads map[string]console.Workload

func (w workloads) Find(kind, namespace, name string) []console.Workload {
	if found, ok := w[kind+"/"+namespace+"/"+name]; ok {
		return []console.Workload{found}
	}
	return nil
}

// The objects each type generates, with the names, labels, selectors and
// annotations docs/reference.md documents.
func TestObjects(t *testing.T) {
	legacy := workloads{"Deployment/shop/legacy": {PodLabels: map[string]string{"app": "legacy"},
		Ports: []corev1.ContainerPort{{Name: "http", ContainerPort: 8080, Protocol: corev1.ProtocolTCP}}}}
	cases := []struct {
		name  string
		spec  string
		check func(t *testing.T, objs []runtime.Object)
	}{
		{"Stateless: Deployment <name>-v1 and a virtual-IP Service", `spec:
  type: Stateless
  containers: [{image: nginx, ports: [{containerPort: 80, servicePort: 80}]}]
`, func(t *testing.T, objs []runtime.Object) {
			d, svc := kinds[*appsv1.Deployment](t, objs, 0), kinds[*corev1.Service](t, objs, 1)
			equal(t, "deployment name", d.Name, "web-v1")
			equal(t, "deployment selector", d.Spec.Selector.MatchLabels, map[string]string{"app": "web", "version": "v1"})
			equal(t, "pod labels", d.Spec.Template.Labels, map[string]string{"app": "web", "version": "v1"})
			equal(t, "service selector", svc.Spec.Selector, map[string]string{"app": "web"})
			equal(t, "service type annotation", svc.Annotations["kubesphere.io/serviceType"], "statelessservice")
			equal(t, "cluster IP", svc.Spec.ClusterIP, "")
			equal(t, "session affinity", svc.Spec.SessionAffinity, corev1.ServiceAffinityNone)
		}},
		{"Stateful: StatefulSet and a headless Service it names", `spec:
  type: Stateful
  containers: [{image: postgres, ports: [{containerPort: 5432, servicePort: 5432}]}]
`, func(t *testing.T, objs []runtime.Object) {
			sts, svc := kinds[*appsv1.StatefulSet](t, objs, 0), kinds[*corev1.Service](t, objs, 1)
			equal(t, "objects", len(objs), 2)
			equal(t, "serviceName", sts.Spec.ServiceName, "web")
			equal(t, "cluster IP", svc.Spec.ClusterIP, corev1.ClusterIPNone)
			equal(t, "service type annotation", svc.Annotations["kubesphere.io/serviceType"], "statefulservice")
		}},
		{"Stateful with a virtual IP: a second, headless Service <name>-headless", `spec:
  type: Stateful
  access: VirtualIP
  containers: [{image: postgres, ports: [{containerPort: 5432, servicePort: 5432}]}]
`, func(t *testing.T, objs []runtime.Object) {
			sts, vip, headless := kinds[*appsv1.StatefulSet](t, objs, 0), kinds[*corev1.Service](t, objs, 1), kinds[*corev1.Service](t, objs, 2)
			equal(t, "serviceName", sts.Spec.ServiceName, "web-headless")
			equal(t, "virtual IP", vip.Spec.ClusterIP, "")
			equal(t, "headless name", headless.Name, "web-headless")
			equal(t, "headless cluster IP", headless.Spec.ClusterIP, corev1.ClusterIPNone)
			equal(t, "headless service type annotation", headless.Annotations["kubesphere.io/serviceType"], "")
		}},
		{"External: an ExternalName Service without selector or ports", `spec:
  type: External
  externalName: db.example.com.
`, func(t *testing.T, objs []runtime.Object) {
			svc := kinds[*corev1.Service](t, objs, 0)
			equal(t, "objects", len(objs), 1)
			equal(t, "type", svc.Spec.Type, corev1.ServiceTypeExternalName)
			equal(t, "external name (as written; the dot is stripped only to validate it)", svc.Spec.ExternalName, "db.example.com.")
			equal(t, "selector", len(svc.Spec.Selector), 0)
			equal(t, "ports", len(svc.Spec.Ports), 0)
			equal(t, "labels", svc.Labels, map[string]string{"app": "web"})
			equal(t, "service type annotation", svc.Annotations["kubesphere.io/serviceType"], "externalservice")
		}},
		{"Workload: a Service over the referenced Deployment's pods and ports", `spec:
  type: Workload
  workloadRef: {kind: Deployment, name: legacy}
`, func(t *testing.T, objs []runtime.Object) {
			svc := kinds[*corev1.Service](t, objs, 0)
			equal(t, "selector", svc.Spec.Selector, map[string]string{"app": "legacy"})
			equal(t, "port", svc.Spec.Ports[0].Port, int32(8080))
			equal(t, "service type annotation", svc.Annotations["kubesphere.io/serviceType"], "")
		}},
		{"Beyond the console: an HPA and a PDB for the workload", `spec:
  type: Stateless
  containers: [{image: nginx, ports: [{containerPort: 80, servicePort: 80}], resources: {requests: {cpu: 100m}}}]
  autoscaling: {minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 70}
  disruptionBudget: {minAvailable: 1}
`, func(t *testing.T, objs []runtime.Object) {
			hpa, pdb := kinds[*autoscalingv2.HorizontalPodAutoscaler](t, objs, 2), kinds[*policyv1.PodDisruptionBudget](t, objs, 3)
			equal(t, "scale target", hpa.Spec.ScaleTargetRef.Name, "web-v1")
			equal(t, "max replicas", hpa.Spec.MaxReplicas, int32(5))
			equal(t, "budget selector", pdb.Spec.Selector.MatchLabels, map[string]string{"app": "web", "version": "v1"})
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			objs, errs := console.Objects(spec(t, header+c.spec), console.Inputs{Workloads: legacy})
			if len(errs) > 0 {
				t.Fatal(errs.ToAggregate())
			}
			c.check(t, objs)
		})
	}
}

// A workloadRef that names nothing in the list is an error at its path.
func TestObjectsWorkloadNotFound(t *testing.T) {
	_, errs := console.Objects(spec(t, header+"spec: {type: Workload, workloadRef: {kind: Deployment, name: gone}}\n"), console.Inputs{Workloads: workloads{}})
	if len(errs) != 1 || errs[0].Field != "spec.workloadRef" {
		t.Fatalf("want one error at spec.workloadRef, got %v", errs.ToAggregate())
	}
}

func kinds[T runtime.Object](t *testing.T, objs []runtime.Object, i int) T {
	t.Helper()
	if i >= len(objs) {
		t.Fatalf("want an object at %d, got %d objects", i, len(objs))
	}
	o, ok := objs[i].(T)
	if !ok {
		t.Fatalf("object %d is a %T, want %T", i, objs[i], *new(T))
	}
	return o
}

func equal(t *testing.T, what string, got, want any) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s: got %v, want %v", what, got, want)
	}
}

// The render of one External spec, as the function writes it.
func ExampleObjects() {
	js, _ := yaml.YAMLToJSON([]byte(header + "spec: {type: External, externalName: db.example.com, alias: 数据库}\n"))
	s, _ := api.Decode(js)
	api.SetDefaults(s)
	objs, _ := console.Objects(s, console.Inputs{})
	for _, o := range objs {
		text, _, err := console.Encode(o, yamlenc.Options{})
		if err != nil {
			panic(err)
		}
		os.Stdout.Write(text)
	}
	// Output:
	// apiVersion: v1
	// kind: Service
	// metadata:
	//   name: web
	//   namespace: shop
	//   labels:
	//     app: web
	//   annotations:
	//     kubesphere.io/alias-name: 数据库
	//     kubesphere.io/serviceType: externalservice
	//     servicespec.dev/generated-from: shop/web
	// spec:
	//   type: ExternalName
	//   externalName: db.example.com
}
