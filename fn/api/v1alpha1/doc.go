// Package v1alpha1 is the ServiceSpec API, version v1alpha1: the types a user
// writes, their defaults, strict decoding and validation.
//
// A ServiceSpec describes one KubeSphere service the way the console's
// "Create Service" wizard does: Stateless (Deployment + Service), Stateful
// (StatefulSet + headless Service), External (ExternalName Service) or
// Workload (a Service over pods of an existing workload).
//
// +groupName=servicespec.dev
// +versionName=v1alpha1
// +kubebuilder:object:generate=true
package v1alpha1
