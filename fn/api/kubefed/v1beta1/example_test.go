package v1beta1_test

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/utils/ptr"

	kubefed "github.com/servicespec/servicespec/fn/api/kubefed/v1beta1"
)

// What a member cluster receives of a FederatedDeployment: the template as
// a Deployment, with the cluster's overrides applied as kubefed applies
// them.
func ExampleApplyOverrides() {
	fd := kubefed.FederatedDeployment{
		ObjectMeta: metav1.ObjectMeta{Name: "web-v1", Namespace: "shop"},
		Spec: kubefed.FederatedDeploymentSpec{
			Template: kubefed.DeploymentTemplate{Spec: appsv1.DeploymentSpec{Replicas: ptr.To[int32](1)}},
			Overrides: []kubefed.Override{{ClusterName: "west", ClusterOverrides: []kubefed.ClusterOverride{
				{Path: "/spec/replicas", Value: runtime.RawExtension{Raw: []byte("3")}},
			}}},
		},
	}
	for _, cluster := range []string{"east", "west"} {
		var d appsv1.Deployment
		if err := kubefed.ApplyOverrides(fd.Object(), kubefed.OverridesOf(fd.Spec.Overrides, cluster), &d); err != nil {
			panic(err)
		}
		fmt.Println(cluster, d.Name, *d.Spec.Replicas)
	}
	// Output:
	// east web-v1 1
	// west web-v1 3
}
