package v1beta1_test

import (
	"encoding/json"
	"fmt"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	appv1beta1 "github.com/servicespec/servicespec/fn/api/app/v1beta1"
)

// An Application as a composed app's render writes it, as JSON.
func ExampleApplication() {
	app := appv1beta1.Application{
		TypeMeta:   metav1.TypeMeta{APIVersion: appv1beta1.GroupVersion.String(), Kind: "Application"},
		ObjectMeta: metav1.ObjectMeta{Name: "bookinfo", Namespace: "demo"},
		Spec: appv1beta1.ApplicationSpec{
			AddOwnerRef: true,
			Selector:    &metav1.LabelSelector{MatchLabels: map[string]string{"app.kubernetes.io/name": "bookinfo"}},
		},
	}
	out, _ := json.Marshal(app)
	fmt.Println(string(out))
	// Output:
	// {"kind":"Application","apiVersion":"app.k8s.io/v1beta1","metadata":{"name":"bookinfo","namespace":"demo"},"spec":{"selector":{"matchLabels":{"app.kubernetes.io/name":"bookinfo"}},"addOwnerRef":true}}
}
