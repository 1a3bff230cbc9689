// Package corevalidation holds the API server's rules for the core/v1 types
// a ServiceSpec passes through to its pod template (probes, lifecycle
// hooks, environment, resources, security contexts, scheduling, volumes,
// DNS), so that a render that succeeds gives objects the API server
// accepts, and a mistake is reported at the ServiceSpec's own field path
// instead of at apply time.
//
// The rules follow k8s.io/kubernetes/pkg/apis/core/validation as of
// Kubernetes 1.37 (defaults applied first, as the API server does: an
// unset probe period or threshold is valid). That package is not linked:
// it can be (requiring every staging module at v0.37.2 keeps go install
// working), but its package initialisation (feature gates, metrics
// registries, image reference regexps) runs at every start: measured on
// one spec, 5.8 ms became 11.4 ms, peak memory 13.5 MB became 17.9 MB
// and the binary grew by 5 MB. The
// property test in fn/conformance dry-runs thousands of generated specs
// against a real kube-apiserver to keep the two in step.
package corevalidation

import (
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"
)

// invalid turns the messages of an apimachinery Is* check into errors.
func invalid(p *field.Path, value any, msgs []string) field.ErrorList {
	var errs field.ErrorList
	for _, m := range msgs {
		errs = append(errs, field.Invalid(p, value, m))
	}
	return errs
}

// nonNegative reports a count or a period below zero.
func nonNegative(p *field.Path, v int64) field.ErrorList {
	if v < 0 {
		return field.ErrorList{field.Invalid(p, v, "must be greater than or equal to 0")}
	}
	return nil
}

// localPath reports a path that is absolute or steps out with "..".
func localPath(p *field.Path, path string) field.ErrorList {
	var errs field.ErrorList
	if strings.HasPrefix(path, "/") {
		errs = append(errs, field.Invalid(p, path, "must be a relative path"))
	}
	return append(errs, noBacksteps(p, path)...)
}

// noBacksteps reports a path with a ".." element.
func noBacksteps(p *field.Path, path string) field.ErrorList {
	for _, part := range strings.Split(path, "/") {
		if part == ".." {
			return field.ErrorList{field.Invalid(p, path, "must not contain '..'")}
		}
	}
	return nil
}
