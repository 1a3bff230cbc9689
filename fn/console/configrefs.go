package console

import (
	"cmp"
	"slices"

	corev1 "k8s.io/api/core/v1"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// ConfigRef names a ConfigMap or Secret the pods read, in the spec's namespace.
type ConfigRef struct {
	Kind string // ConfigMap or Secret
	Name string
}

// ConfigRefs lists, sorted and without duplicates, the ConfigMaps and
// Secrets the pod template references: env valueFrom, envFrom, configMap,
// secret and projected volumes. Image pull secrets do not affect running
// pods and are not listed.
func ConfigRefs(s *api.ServiceSpec) []ConfigRef {
	var refs []ConfigRef
	add := func(kind, name string) {
		if name != "" {
			refs = append(refs, ConfigRef{kind, name})
		}
	}
	for _, c := range s.Spec.Containers {
		envRefs(c.Env, c.EnvFrom, add)
	}
	for _, c := range s.Spec.InitContainers {
		envRefs(c.Env, c.EnvFrom, add)
	}
	for _, v := range s.Spec.Volumes {
		volumeRefs(v.VolumeSource, add)
	}
	slices.SortFunc(refs, func(a, b ConfigRef) int { return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Name, b.Name)) })
	return slices.Compact(refs)
}

func envRefs(env []corev1.EnvVar, from []corev1.EnvFromSource, add func(kind, name string)) {
	for _, e := range env {
		if e.ValueFrom == nil {
			continue
		}
		if r := e.ValueFrom.ConfigMapKeyRef; r != nil {
			add("ConfigMap", r.Name)
		}
		if r := e.ValueFrom.SecretKeyRef; r != nil {
			add("Secret", r.Name)
		}
	}
	for _, f := range from {
		if f.ConfigMapRef != nil {
			add("ConfigMap", f.ConfigMapRef.Name)
		}
		if f.SecretRef != nil {
			add("Secret", f.SecretRef.Name)
		}
	}
}

func volumeRefs(v corev1.VolumeSource, add func(kind, name string)) {
	if v.ConfigMap != nil {
		add("ConfigMap", v.ConfigMap.Name)
	}
	if v.Secret != nil {
		add("Secret", v.Secret.SecretName)
	}
	if v.Projected == nil {
		return
	}
	for _, p := range v.Projected.Sources {
		if p.ConfigMap != nil {
			add("ConfigMap", p.ConfigMap.Name)
		}
		if p.Secret != nil {
			add("Secret", p.Secret.Name)
		}
	}
}
