// Package render expands a defaulted, valid ServiceSpec into the typed
// Kubernetes objects the KubeSphere console creates for the same form:
// one pure function per output kind, no templates, no cluster access.
package render
