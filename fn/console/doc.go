// Package console is what the KubeSphere console makes of a service, read
// both ways: how a defaulted, valid ServiceSpec becomes the typed
// Kubernetes objects the console creates for the same form (one pure
// function per output kind, no templates, no cluster access), and how
// those objects read back into a spec. Each generated kind is one entry of
// the kinds table (Kinds), defined in the file of its kind.
package console
