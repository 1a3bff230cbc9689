package corevalidation

import (
	"reflect"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

var (
	hostPathTypes = []corev1.HostPathType{corev1.HostPathUnset, corev1.HostPathDirectoryOrCreate, corev1.HostPathDirectory,
		corev1.HostPathFileOrCreate, corev1.HostPathFile, corev1.HostPathSocket, corev1.HostPathCharDev, corev1.HostPathBlockDev}
	mountPropagations = []corev1.MountPropagationMode{corev1.MountPropagationBidirectional, corev1.MountPropagationHostToContainer, corev1.MountPropagationNone}
	recursiveModes    = []corev1.RecursiveReadOnlyMode{corev1.RecursiveReadOnlyDisabled, corev1.RecursiveReadOnlyIfPossible, corev1.RecursiveReadOnlyEnabled}
)

// maxMode is the largest file mode a projected file may have (0777).
const maxMode = 0o777

// VolumeSource checks that a volume has exactly one source, and the
// sources pods commonly use in detail.
func VolumeSource(v *corev1.VolumeSource, p *field.Path) field.ErrorList {
	errs := oneSource(v, p)
	if s := v.ConfigMap; s != nil {
		sp := p.Child("configMap")
		errs = append(errs, objectName(s.Name, sp.Child("name"))...)
		errs = append(errs, mode(s.DefaultMode, sp.Child("defaultMode"))...)
		errs = append(errs, keysToPaths(s.Items, sp.Child("items"))...)
	}
	if s := v.Secret; s != nil {
		sp := p.Child("secret")
		errs = append(errs, objectName(s.SecretName, sp.Child("secretName"))...)
		errs = append(errs, mode(s.DefaultMode, sp.Child("defaultMode"))...)
		errs = append(errs, keysToPaths(s.Items, sp.Child("items"))...)
	}
	return append(errs, otherSources(v, p)...)
}

// otherSources checks the sources that are not a ConfigMap or a Secret.
func otherSources(v *corev1.VolumeSource, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if s := v.EmptyDir; s != nil {
		sp := p.Child("emptyDir")
		// The API server leaves the medium to the kubelet.
		if s.Mode != nil && (*s.Mode < 0 || *s.Mode > 0o1777) {
			errs = append(errs, field.Invalid(sp.Child("mode"), *s.Mode, "must be a mode between 0 and 01777 (octal; 1023 in decimal)"))
		}
		if s.SizeLimit != nil && s.SizeLimit.Sign() < 0 {
			errs = append(errs, field.Invalid(sp.Child("sizeLimit"), s.SizeLimit.String(), "must be greater than or equal to 0"))
		}
	}
	if s := v.HostPath; s != nil {
		errs = append(errs, hostPath(s, p.Child("hostPath"))...)
	}
	if s := v.PersistentVolumeClaim; s != nil && s.ClaimName == "" {
		errs = append(errs, field.Required(p.Child("persistentVolumeClaim", "claimName"), ""))
	}
	if s := v.DownwardAPI; s != nil {
		sp := p.Child("downwardAPI")
		errs = append(errs, mode(s.DefaultMode, sp.Child("defaultMode"))...)
		for i := range s.Items {
			errs = append(errs, downwardAPIFile(&s.Items[i], sp.Child("items").Index(i))...)
		}
	}
	if s := v.Projected; s != nil {
		errs = append(errs, projected(s, p.Child("projected"))...)
	}
	if s := v.NFS; s != nil {
		errs = append(errs, nfs(s, p.Child("nfs"))...)
	}
	if s := v.CSI; s != nil && s.Driver == "" {
		errs = append(errs, field.Required(p.Child("csi", "driver"), ""))
	}
	if s := v.Ephemeral; s != nil && s.VolumeClaimTemplate == nil {
		errs = append(errs, field.Required(p.Child("ephemeral", "volumeClaimTemplate"), ""))
	}
	if s := v.Image; s != nil && s.Reference == "" {
		errs = append(errs, field.Required(p.Child("image", "reference"), ""))
	}
	return errs
}

// oneSource reports a volume with no source or with several: every field
// of VolumeSource is a source.
func oneSource(v *corev1.VolumeSource, p *field.Path) field.ErrorList {
	var set []string
	rv := reflect.ValueOf(v).Elem()
	for i := range rv.NumField() {
		if !rv.Field(i).IsNil() {
			name, _, _ := strings.Cut(rv.Type().Field(i).Tag.Get("json"), ",")
			set = append(set, name)
		}
	}
	if len(set) == 0 {
		return field.ErrorList{field.Required(p, "must specify a volume source, such as emptyDir, configMap, secret or persistentVolumeClaim")}
	}
	var errs field.ErrorList
	for _, extra := range set[1:] {
		errs = append(errs, field.Forbidden(p.Child(extra), "may not specify more than one volume source (also "+set[0]+")"))
	}
	return errs
}

func mode(m *int32, p *field.Path) field.ErrorList {
	if m != nil && (*m < 0 || *m > maxMode) {
		return field.ErrorList{field.Invalid(p, *m, "must be a file mode between 0 and 0777 (octal; 511 in decimal)")}
	}
	return nil
}

func keysToPaths(items []corev1.KeyToPath, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, kp := range items {
		ip := p.Index(i)
		if kp.Key == "" {
			errs = append(errs, field.Required(ip.Child("key"), ""))
		}
		errs = append(errs, projectedPath(kp.Path, ip.Child("path"))...)
		errs = append(errs, mode(kp.Mode, ip.Child("mode"))...)
	}
	return errs
}

// projectedPath checks the file a key is projected to: relative, no "..".
func projectedPath(path string, p *field.Path) field.ErrorList {
	if path == "" {
		return field.ErrorList{field.Required(p, "")}
	}
	errs := localPath(p, path)
	if strings.HasPrefix(path, "..") && !strings.HasPrefix(path, "../") {
		errs = append(errs, field.Invalid(p, path, "must not start with '..'"))
	}
	return errs
}

func hostPath(s *corev1.HostPathVolumeSource, p *field.Path) field.ErrorList {
	if s.Path == "" {
		return field.ErrorList{field.Required(p.Child("path"), "")}
	}
	errs := noBacksteps(p.Child("path"), s.Path)
	return append(errs, enum(p.Child("type"), s.Type, hostPathTypes)...)
}

func downwardAPIFile(f *corev1.DownwardAPIVolumeFile, p *field.Path) field.ErrorList {
	errs := projectedPath(f.Path, p.Child("path"))
	switch {
	case f.FieldRef != nil && f.ResourceFieldRef != nil:
		errs = append(errs, field.Forbidden(p, "may specify only one of fieldRef and resourceFieldRef"))
	case f.FieldRef == nil && f.ResourceFieldRef == nil:
		errs = append(errs, field.Required(p, "must specify fieldRef or resourceFieldRef"))
	}
	errs = append(errs, fieldRef(f.FieldRef, volumeFieldPaths, p.Child("fieldRef"))...)
	errs = append(errs, resourceFieldRef(f.ResourceFieldRef, true, p.Child("resourceFieldRef"))...)
	return append(errs, mode(f.Mode, p.Child("mode"))...)
}

func projected(s *corev1.ProjectedVolumeSource, p *field.Path) field.ErrorList {
	errs := mode(s.DefaultMode, p.Child("defaultMode"))
	paths := map[string]bool{}
	unique := func(path string, pp *field.Path) {
		if path != "" && paths[path] {
			errs = append(errs, field.Duplicate(pp, path))
		}
		paths[path] = true
	}
	for i, src := range s.Sources {
		sp := p.Child("sources").Index(i)
		errs = append(errs, exactlyOneProjection(&src, sp)...)
		if c := src.ConfigMap; c != nil {
			errs = append(errs, objectName(c.Name, sp.Child("configMap", "name"))...)
			errs = append(errs, keysToPaths(c.Items, sp.Child("configMap", "items"))...)
			for j, kp := range c.Items {
				unique(kp.Path, sp.Child("configMap", "items").Index(j).Child("path"))
			}
		}
		if c := src.Secret; c != nil {
			errs = append(errs, objectName(c.Name, sp.Child("secret", "name"))...)
			errs = append(errs, keysToPaths(c.Items, sp.Child("secret", "items"))...)
			for j, kp := range c.Items {
				unique(kp.Path, sp.Child("secret", "items").Index(j).Child("path"))
			}
		}
		if d := src.DownwardAPI; d != nil {
			for j := range d.Items {
				ip := sp.Child("downwardAPI", "items").Index(j)
				errs = append(errs, downwardAPIFile(&d.Items[j], ip)...)
				unique(d.Items[j].Path, ip.Child("path"))
			}
		}
		if t := src.ServiceAccountToken; t != nil {
			errs = append(errs, serviceAccountToken(t, sp.Child("serviceAccountToken"))...)
			unique(t.Path, sp.Child("serviceAccountToken", "path"))
		}
	}
	return errs
}

func exactlyOneProjection(src *corev1.VolumeProjection, p *field.Path) field.ErrorList {
	return exactlyOne(p, "secret, configMap, downwardAPI, serviceAccountToken, clusterTrustBundle or podCertificate",
		src.Secret != nil, src.ConfigMap != nil, src.DownwardAPI != nil, src.ServiceAccountToken != nil,
		src.ClusterTrustBundle != nil, src.PodCertificate != nil)
}

func serviceAccountToken(t *corev1.ServiceAccountTokenProjection, p *field.Path) field.ErrorList {
	errs := projectedPath(t.Path, p.Child("path"))
	// The API server defaults an unset expiration to one hour.
	if e := t.ExpirationSeconds; e != nil && (*e < 600 || *e > 1<<32) {
		errs = append(errs, field.Invalid(p.Child("expirationSeconds"), *e, "must be between 600 (10 minutes) and 2^32 seconds"))
	}
	return errs
}

func nfs(s *corev1.NFSVolumeSource, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if s.Server == "" {
		errs = append(errs, field.Required(p.Child("server"), ""))
	}
	if !strings.HasPrefix(s.Path, "/") {
		errs = append(errs, field.Invalid(p.Child("path"), s.Path, "must be an absolute path"))
	}
	return errs
}

// VolumeMounts checks what the API server checks of a container's mounts
// besides the volume names: each mount path once, subPath and subPathExpr
// relative and not together, propagation and recursive read-only modes.
func VolumeMounts(mounts []corev1.VolumeMount, privileged bool, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	paths := map[string]bool{}
	for i, m := range mounts {
		mp := p.Index(i)
		if m.MountPath != "" && paths[m.MountPath] {
			errs = append(errs, field.Duplicate(mp.Child("mountPath"), m.MountPath))
		}
		paths[m.MountPath] = true
		if m.SubPath != "" {
			errs = append(errs, localPath(mp.Child("subPath"), m.SubPath)...)
		}
		if m.SubPathExpr != "" {
			if m.SubPath != "" {
				errs = append(errs, field.Forbidden(mp.Child("subPathExpr"), "may not be set together with subPath"))
			}
			errs = append(errs, localPath(mp.Child("subPathExpr"), m.SubPathExpr)...)
		}
		errs = append(errs, enum(mp.Child("mountPropagation"), m.MountPropagation, mountPropagations)...)
		if m.MountPropagation != nil && *m.MountPropagation == corev1.MountPropagationBidirectional && !privileged {
			errs = append(errs, field.Forbidden(mp.Child("mountPropagation"), "Bidirectional is available only to privileged containers"))
		}
		errs = append(errs, recursiveReadOnly(m, mp.Child("recursiveReadOnly"))...)
	}
	return errs
}

func recursiveReadOnly(m corev1.VolumeMount, p *field.Path) field.ErrorList {
	r := m.RecursiveReadOnly
	if r == nil {
		return nil
	}
	if !slices.Contains(recursiveModes, *r) {
		return field.ErrorList{field.NotSupported(p, *r, recursiveModes)}
	}
	if *r == corev1.RecursiveReadOnlyDisabled {
		return nil
	}
	var errs field.ErrorList
	if !m.ReadOnly {
		errs = append(errs, field.Forbidden(p, "may be "+string(*r)+" only with readOnly: true"))
	}
	if m.MountPropagation != nil && *m.MountPropagation != corev1.MountPropagationNone {
		errs = append(errs, field.Forbidden(p, "may be "+string(*r)+" only with mountPropagation None"))
	}
	return errs
}
