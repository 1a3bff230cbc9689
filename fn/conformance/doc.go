// Package conformance holds the tests that send every rendered object (all
// goldens and all examples' expected output) to a real kube-apiserver with
// server-side dry run and strict field validation.
package conformance
