// Package importer is the reverse of render: from manifests as a cluster
// returns them (kubectl get -o yaml, with everything the API server adds),
// it finds the services the KubeSphere console made and writes, for each,
// the smallest ServiceSpec that renders the same objects.
//
// Every conversion is proven before it is kept: the candidate spec is
// rendered, and each rendered object must equal the imported one once both
// are normalized (server-added fields removed, server defaults removed).
// A service that cannot be expressed that way stays as its manifests,
// cleaned of server fields, with a warning that says why; every other
// object comes out cleaned and otherwise unchanged. Nothing is dropped.
package importer
