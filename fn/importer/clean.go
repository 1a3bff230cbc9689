package importer

import (
	"slices"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
)

// serverMetadata are the metadata fields the API server writes.
var serverMetadata = []string{"uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
	"selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"}

// serverAnnotations are annotations tools and controllers write on live
// objects, not their authors.
var serverAnnotations = []string{"kubectl.kubernetes.io/last-applied-configuration", "deployment.kubernetes.io/revision"}

// clean removes from an object what the API server and its controllers
// add: the server's metadata, the last-applied and revision annotations,
// status, and a Service's allocated cluster IPs and IP families. It keeps
// everything an author wrote, and says whether the object was read back
// from a cluster (it had the server's metadata or a status).
func clean(o *fn.KubeObject) (live bool, err error) {
	for _, f := range []string{"uid", "resourceVersion", "creationTimestamp"} {
		if _, found, _ := o.NestedString("metadata", f); found {
			live = true
		}
	}
	if _, found, _ := o.NestedSubObject("status"); found {
		live = true
	}
	return live, strip(o)
}

func strip(o *fn.KubeObject) error {
	for _, f := range serverMetadata {
		if _, err := o.RemoveNestedField("metadata", f); err != nil {
			return err
		}
	}
	for _, a := range serverAnnotations {
		if _, err := o.RemoveNestedField("metadata", "annotations", a); err != nil {
			return err
		}
	}
	if a, _, _ := o.NestedStringMap("metadata", "annotations"); len(a) == 0 {
		if _, err := o.RemoveNestedField("metadata", "annotations"); err != nil {
			return err
		}
	}
	if _, err := o.RemoveNestedField("status"); err != nil {
		return err
	}
	if err := removeAppOwners(o); err != nil {
		return err
	}
	if err := removeFinalizer(o, kubefedFinalizer); err != nil {
		return err
	}
	if o.GetKind() == "Service" && o.GetAPIVersion() == "v1" {
		return cleanService(o)
	}
	return nil
}

// cleanService drops the addresses and families the server allocates; a
// headless Service keeps clusterIP: None, which its author wrote.
func cleanService(o *fn.KubeObject) error {
	ip, _, _ := o.NestedString("spec", "clusterIP")
	fields := []string{"clusterIPs", "ipFamilies", "ipFamilyPolicy"}
	if ip != "None" {
		fields = append(fields, "clusterIP")
	}
	for _, f := range fields {
		if _, err := o.RemoveNestedField("spec", f); err != nil {
			return err
		}
	}
	return nil
}

// removeAppOwners drops the owner references the application controller
// adds to the objects a composed app selects (addOwnerRef: true): not a
// controller, pointing at an app.k8s.io Application. Nobody writes them
// by hand, and a render never does.
func removeAppOwners(o *fn.KubeObject) error {
	refs, found, err := o.NestedSlice("metadata", "ownerReferences")
	if err != nil || !found {
		return err
	}
	var kept fn.SliceSubObjects
	for _, r := range refs {
		apiVersion, _, _ := r.NestedString("apiVersion")
		kind, _, _ := r.NestedString("kind")
		controller, _, _ := r.NestedBool("controller")
		if kind == "Application" && strings.HasPrefix(apiVersion, "app.k8s.io/") && !controller {
			continue
		}
		kept = append(kept, r)
	}
	if len(kept) == len(refs) {
		return nil
	}
	if len(kept) == 0 {
		_, err := o.RemoveNestedField("metadata", "ownerReferences")
		return err
	}
	return o.GetMap("metadata").SetSlice(kept, "ownerReferences")
}

// kubefedFinalizer is the finalizer kubefed's sync controller adds to every
// federated object it propagates.
const kubefedFinalizer = "kubefed.io/sync-controller"

// removeFinalizer drops a controller's finalizer.
func removeFinalizer(o *fn.KubeObject, name string) error {
	fins, found, err := o.NestedStringSlice("metadata", "finalizers")
	if err != nil || !found || !slices.Contains(fins, name) {
		return err
	}
	kept := slices.DeleteFunc(fins, func(f string) bool { return f == name })
	if len(kept) == 0 {
		_, err := o.RemoveNestedField("metadata", "finalizers")
		return err
	}
	return o.SetNestedStringSlice(kept, "metadata", "finalizers")
}
