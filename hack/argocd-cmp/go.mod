module github.com/servicespec/servicespec/hack/argocd-cmp

// The driver is built by hack/argocd-cmp.sh inside a module that requires
// Argo CD; this go.mod only keeps it out of servicespec's module.
go 1.26.0
