// Package e2e drives the real orchestrators (kustomize, kpt) over a freshly
// built servicespec binary. It holds tests only.
package e2e
