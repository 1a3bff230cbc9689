package corevalidation

import (
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// ProbeKind says which probe a Probe is: the rules differ a little.
type ProbeKind int

// The three probes of a container.
const (
	Liveness ProbeKind = iota
	Readiness
	Startup
)

var httpSchemes = []corev1.URIScheme{corev1.URISchemeHTTP, corev1.URISchemeHTTPS}

// Probe checks a liveness, readiness or startup probe.
func Probe(probe *corev1.Probe, kind ProbeKind, p *field.Path) field.ErrorList {
	if probe == nil {
		return nil
	}
	h := probe.ProbeHandler
	errs := oneHandler(p, handler{"exec", h.Exec != nil}, handler{"httpGet", h.HTTPGet != nil},
		handler{"tcpSocket", h.TCPSocket != nil}, handler{"grpc", h.GRPC != nil})
	errs = append(errs, exec(h.Exec, p.Child("exec"))...)
	errs = append(errs, httpGet(h.HTTPGet, p.Child("httpGet"))...)
	errs = append(errs, tcpSocket(h.TCPSocket, p.Child("tcpSocket"))...)
	if h.GRPC != nil {
		errs = append(errs, invalid(p.Child("grpc", "port"), h.GRPC.Port, validation.IsValidPortNum(int(h.GRPC.Port)))...)
	}
	errs = append(errs, nonNegative(p.Child("initialDelaySeconds"), int64(probe.InitialDelaySeconds))...)
	errs = append(errs, nonNegative(p.Child("timeoutSeconds"), int64(probe.TimeoutSeconds))...)
	errs = append(errs, nonNegative(p.Child("periodSeconds"), int64(probe.PeriodSeconds))...)
	errs = append(errs, nonNegative(p.Child("successThreshold"), int64(probe.SuccessThreshold))...)
	errs = append(errs, nonNegative(p.Child("failureThreshold"), int64(probe.FailureThreshold))...)
	// The API server defaults an unset successThreshold to 1 before it checks.
	if kind != Readiness && probe.SuccessThreshold != 0 && probe.SuccessThreshold != 1 {
		errs = append(errs, field.Invalid(p.Child("successThreshold"), probe.SuccessThreshold, "must be 1 for a liveness or startup probe"))
	}
	if g := probe.TerminationGracePeriodSeconds; g != nil {
		if kind == Readiness {
			errs = append(errs, field.Forbidden(p.Child("terminationGracePeriodSeconds"), "must not be set for a readiness probe"))
		} else if *g <= 0 {
			errs = append(errs, field.Invalid(p.Child("terminationGracePeriodSeconds"), *g, "must be greater than 0"))
		}
	}
	return errs
}

// Lifecycle checks the postStart and preStop hooks; a sleep must end
// within the pod's termination grace period.
func Lifecycle(l *corev1.Lifecycle, gracePeriod int64, p *field.Path) field.ErrorList {
	if l == nil {
		return nil
	}
	var errs field.ErrorList
	for _, hook := range []struct {
		name string
		h    *corev1.LifecycleHandler
	}{{"postStart", l.PostStart}, {"preStop", l.PreStop}} {
		if hook.h == nil {
			continue
		}
		hp := p.Child(hook.name)
		errs = append(errs, oneHandler(hp, handler{"exec", hook.h.Exec != nil}, handler{"httpGet", hook.h.HTTPGet != nil},
			handler{"tcpSocket", hook.h.TCPSocket != nil}, handler{"sleep", hook.h.Sleep != nil})...)
		errs = append(errs, exec(hook.h.Exec, hp.Child("exec"))...)
		errs = append(errs, httpGet(hook.h.HTTPGet, hp.Child("httpGet"))...)
		errs = append(errs, tcpSocket(hook.h.TCPSocket, hp.Child("tcpSocket"))...)
		if s := hook.h.Sleep; s != nil && (s.Seconds < 0 || s.Seconds > gracePeriod) {
			errs = append(errs, field.Invalid(hp.Child("sleep", "seconds"), s.Seconds,
				fmt.Sprintf("must be between 0 and the pod's terminationGracePeriodSeconds (%d)", gracePeriod)))
		}
	}
	if l.StopSignal != nil {
		// The API server takes a stop signal only with spec.os.name, which a
		// ServiceSpec does not set.
		errs = append(errs, field.Forbidden(p.Child("stopSignal"), "needs the pod's spec.os.name, which a ServiceSpec does not set"))
	}
	return errs
}

// handler is one kind of action a probe or hook may take, and whether it is set.
type handler struct {
	name string
	set  bool
}

// oneHandler reports a probe or hook with no handler or with several.
func oneHandler(p *field.Path, handlers ...handler) field.ErrorList {
	var set, all []string
	for _, h := range handlers {
		all = append(all, h.name)
		if h.set {
			set = append(set, h.name)
		}
	}
	if len(set) == 0 {
		return field.ErrorList{field.Required(p, "must specify one handler: "+strings.Join(all, ", "))}
	}
	var errs field.ErrorList
	for _, extra := range set[1:] {
		errs = append(errs, field.Forbidden(p.Child(extra), "may not specify more than one handler (also "+set[0]+")"))
	}
	return errs
}

func exec(e *corev1.ExecAction, p *field.Path) field.ErrorList {
	if e != nil && len(e.Command) == 0 {
		return field.ErrorList{field.Required(p.Child("command"), "")}
	}
	return nil
}

func httpGet(h *corev1.HTTPGetAction, p *field.Path) field.ErrorList {
	if h == nil {
		return nil
	}
	errs := PortNumOrName(h.Port, p.Child("port"))
	// An empty scheme defaults to HTTP.
	if h.Scheme != "" && !slices.Contains(httpSchemes, h.Scheme) {
		errs = append(errs, field.NotSupported(p.Child("scheme"), h.Scheme, httpSchemes))
	}
	for i, header := range h.HTTPHeaders {
		errs = append(errs, invalid(p.Child("httpHeaders").Index(i).Child("name"), header.Name, validation.IsHTTPHeaderName(header.Name))...)
	}
	return errs
}

func tcpSocket(t *corev1.TCPSocketAction, p *field.Path) field.ErrorList {
	if t == nil {
		return nil
	}
	return PortNumOrName(t.Port, p.Child("port"))
}

// PortNumOrName checks a port given as a number (1-65535) or as the name of
// a container port (an IANA service name).
func PortNumOrName(port intstr.IntOrString, p *field.Path) field.ErrorList {
	if port.Type == intstr.String {
		return invalid(p, port.StrVal, validation.IsValidPortName(port.StrVal))
	}
	return invalid(p, port.IntVal, validation.IsValidPortNum(int(port.IntVal)))
}
