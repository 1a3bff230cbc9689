package corevalidation

import (
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// envFieldPaths are the pod fields an environment variable may read.
var envFieldPaths = []string{"metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName",
	"spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"}

// volumeFieldPaths are the pod fields a downwardAPI volume may project.
var volumeFieldPaths = []string{"metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"}

// containerResources are the resources a resourceFieldRef may read,
// besides requests.hugepages-* and limits.hugepages-*.
var containerResources = []string{"limits.cpu", "limits.ephemeral-storage", "limits.memory",
	"requests.cpu", "requests.ephemeral-storage", "requests.memory"}

// EnvValueFrom checks the sources of the environment variables (their
// names are checked with the rest of the container): exactly one source,
// not with a value, each naming a valid object, key or field.
func EnvValueFrom(env []corev1.EnvVar, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, e := range env {
		if e.ValueFrom == nil {
			continue
		}
		vp := p.Index(i).Child("valueFrom")
		v := e.ValueFrom
		errs = append(errs, exactlyOne(vp, "fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef or fileKeyRef",
			v.FieldRef != nil, v.ResourceFieldRef != nil, v.ConfigMapKeyRef != nil, v.SecretKeyRef != nil, v.FileKeyRef != nil)...)
		if e.Value != "" {
			errs = append(errs, field.Forbidden(vp, "may not be set together with value"))
		}
		errs = append(errs, fieldRef(v.FieldRef, envFieldPaths, vp.Child("fieldRef"))...)
		errs = append(errs, resourceFieldRef(v.ResourceFieldRef, false, vp.Child("resourceFieldRef"))...)
		if r := v.ConfigMapKeyRef; r != nil {
			errs = append(errs, keyRef(r.Name, r.Key, vp.Child("configMapKeyRef"))...)
		}
		if r := v.SecretKeyRef; r != nil {
			errs = append(errs, keyRef(r.Name, r.Key, vp.Child("secretKeyRef"))...)
		}
		if r := v.FileKeyRef; r != nil {
			errs = append(errs, fileKeyRef(r, vp.Child("fileKeyRef"))...)
		}
	}
	return errs
}

// EnvFrom checks envFrom: one ConfigMap or Secret each, a valid prefix.
func EnvFrom(sources []corev1.EnvFromSource, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, s := range sources {
		sp := p.Index(i)
		if s.Prefix != "" {
			errs = append(errs, invalid(sp.Child("prefix"), s.Prefix, validation.IsEnvVarName(s.Prefix))...)
		}
		errs = append(errs, exactlyOne(sp, "configMapRef or secretRef", s.ConfigMapRef != nil, s.SecretRef != nil)...)
		if s.ConfigMapRef != nil {
			errs = append(errs, objectName(s.ConfigMapRef.Name, sp.Child("configMapRef", "name"))...)
		}
		if s.SecretRef != nil {
			errs = append(errs, objectName(s.SecretRef.Name, sp.Child("secretRef", "name"))...)
		}
	}
	return errs
}

// exactlyOne reports none or several of a set of alternatives.
func exactlyOne(p *field.Path, names string, set ...bool) field.ErrorList {
	n := 0
	for _, s := range set {
		if s {
			n++
		}
	}
	switch {
	case n == 0:
		return field.ErrorList{field.Required(p, "must specify one of: "+names)}
	case n > 1:
		return field.ErrorList{field.Forbidden(p, "may specify only one of: "+names)}
	}
	return nil
}

// objectName checks the name of a ConfigMap or Secret.
func objectName(name string, p *field.Path) field.ErrorList {
	if name == "" {
		return field.ErrorList{field.Required(p, "")}
	}
	return invalid(p, name, validation.IsDNS1123Subdomain(name))
}

// keyRef checks a reference to one key of a ConfigMap or Secret.
func keyRef(name, key string, p *field.Path) field.ErrorList {
	errs := objectName(name, p.Child("name"))
	if key == "" {
		return append(errs, field.Required(p.Child("key"), ""))
	}
	return append(errs, invalid(p.Child("key"), key, validation.IsConfigMapKey(key))...)
}

func fileKeyRef(r *corev1.FileKeySelector, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if r.VolumeName == "" {
		errs = append(errs, field.Required(p.Child("volumeName"), ""))
	}
	if r.Path == "" {
		errs = append(errs, field.Required(p.Child("path"), ""))
	} else {
		errs = append(errs, localPath(p.Child("path"), r.Path)...)
	}
	if r.Key == "" {
		errs = append(errs, field.Required(p.Child("key"), ""))
	}
	return errs
}

// fieldRef checks a downward API field: apiVersion v1 (the default), one
// of the allowed paths, or a label or annotation by key.
func fieldRef(f *corev1.ObjectFieldSelector, allowed []string, p *field.Path) field.ErrorList {
	if f == nil {
		return nil
	}
	if f.APIVersion != "" && f.APIVersion != "v1" {
		return field.ErrorList{field.NotSupported(p.Child("apiVersion"), f.APIVersion, []string{"v1"})}
	}
	fp := p.Child("fieldPath")
	if f.FieldPath == "" {
		return field.ErrorList{field.Required(fp, "")}
	}
	if path, key, ok := subscripted(f.FieldPath); ok {
		switch path {
		case "metadata.labels":
			return invalid(fp, f.FieldPath, validation.IsQualifiedName(key))
		case "metadata.annotations":
			return invalid(fp, f.FieldPath, validation.IsQualifiedName(strings.ToLower(key)))
		}
		return field.ErrorList{field.Invalid(fp, f.FieldPath, "only metadata.labels and metadata.annotations take a ['key']")}
	}
	if !slices.Contains(allowed, f.FieldPath) {
		return field.ErrorList{field.NotSupported(fp, f.FieldPath, allowed)}
	}
	return nil
}

// subscripted splits metadata.labels['key'] into its path and key.
func subscripted(fieldPath string) (path, key string, ok bool) {
	open := strings.Index(fieldPath, "['")
	if open <= 0 || !strings.HasSuffix(fieldPath, "']") || open+2 > len(fieldPath)-2 {
		return "", "", false
	}
	return fieldPath[:open], fieldPath[open+2 : len(fieldPath)-2], true
}

// resourceFieldRef checks a resource a variable or volume file reads, and
// its divisor. A volume file must also name the container.
func resourceFieldRef(r *corev1.ResourceFieldSelector, volume bool, p *field.Path) field.ErrorList {
	if r == nil {
		return nil
	}
	if volume && r.ContainerName == "" {
		return field.ErrorList{field.Required(p.Child("containerName"), "")}
	}
	if r.Resource == "" {
		return field.ErrorList{field.Required(p.Child("resource"), "")}
	}
	if !slices.Contains(containerResources, r.Resource) &&
		!strings.HasPrefix(r.Resource, "requests.hugepages-") && !strings.HasPrefix(r.Resource, "limits.hugepages-") {
		return field.ErrorList{field.NotSupported(p.Child("resource"), r.Resource, containerResources)}
	}
	return divisor(r.Resource, r.Divisor, p.Child("divisor"))
}

// divisor checks the unit a resource is read in: 1 or 1m for cpu, a
// power of 1000 or 1024 for the others.
func divisor(res string, d resource.Quantity, p *field.Path) field.ErrorList {
	if d.IsZero() {
		return nil
	}
	units := []string{"1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"}
	if strings.HasSuffix(res, ".cpu") {
		units = []string{"1m", "1"}
	}
	for _, u := range units {
		if d.Cmp(resource.MustParse(u)) == 0 {
			return nil
		}
	}
	return field.ErrorList{field.Invalid(p, d.String(), fmt.Sprintf("must be one of %s for %s", strings.Join(units, ", "), res))}
}
