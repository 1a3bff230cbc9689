// Package conformance holds the tests that send rendered objects to a real
// kube-apiserver with server-side dry run and strict field validation: every
// golden's and every example's expected output, and the property that a
// render that succeeds gives objects the server accepts, over thousands of
// generated ServiceSpecs (fn/internal/specgen), the fuzz corpus and the
// golden inputs.
package conformance
