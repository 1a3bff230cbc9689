package console

import (
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// Every entry of the table is complete and is found by its GVK; the Go
// type New makes is registered for that GVK in its own package.
func TestTable(t *testing.T) {
	for _, k := range Kinds() {
		t.Run(k.GVK.String(), func(t *testing.T) {
			if KindOf(k.GVK) != k {
				t.Errorf("KindOf(%v) does not find the entry", k.GVK)
			}
			if k.New == nil || k.Undefault == nil {
				t.Fatal("New and Undefault are required")
			}
			obj := k.New()
			k.Undefault(obj) // the zero object undefaults without panicking
			if k.Changes != nil {
				_ = k.Changes(k.New(), k.New())
			}
		})
	}
	if KindOf(schema.GroupVersionKind{Version: "v1", Kind: "ConfigMap"}) != nil {
		t.Error("ConfigMap is not generated")
	}
	if KindOf(schema.GroupVersionKind{Group: "apps", Version: "v1beta1", Kind: "Deployment"}) != nil {
		t.Error("only apps/v1 Deployments are generated")
	}
}

func TestDefaultPullPolicy(t *testing.T) {
	for image, want := range map[string]corev1.PullPolicy{
		"nginx": corev1.PullAlways, "nginx:latest": corev1.PullAlways, "nginx:1.25": corev1.PullIfNotPresent,
		"registry:5000/app": corev1.PullAlways, "registry:5000/app:2": corev1.PullIfNotPresent,
		"app@sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef": corev1.PullIfNotPresent,
	} {
		if got := defaultPullPolicy(image); got != want {
			t.Errorf("%s: %s, want %s", image, got, want)
		}
	}
}

func TestChanges(t *testing.T) {
	sts := func(serviceName string, sel map[string]string) *appsv1.StatefulSet {
		return &appsv1.StatefulSet{ObjectMeta: metav1.ObjectMeta{Name: "db-v1"},
			Spec: appsv1.StatefulSetSpec{ServiceName: serviceName, Selector: &metav1.LabelSelector{MatchLabels: sel}}}
	}
	a := map[string]string{"app": "db", "version": "v1"}
	if msgs := statefulSetKind.Changes(sts("db", a), sts("db", a)); len(msgs) != 0 {
		t.Errorf("no change, got %q", msgs)
	}
	msgs := statefulSetKind.Changes(sts("db", a), sts("db-headless", map[string]string{"app": "db"}))
	if len(msgs) != 2 {
		t.Errorf("serviceName and selector change, got %q", msgs)
	}
	svc := func(ip string) *corev1.Service {
		return &corev1.Service{ObjectMeta: metav1.ObjectMeta{Name: "db"}, Spec: corev1.ServiceSpec{ClusterIP: ip}}
	}
	if msgs := serviceKind.Changes(svc(""), svc(corev1.ClusterIPNone)); len(msgs) != 1 {
		t.Errorf("cluster IP to headless, got %q", msgs)
	}
}
