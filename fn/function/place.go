package function

import (
	"fmt"
	"path"
	"strconv"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/kustomize/kyaml/kio/kioutil"
)

// The legacy path, index and id keys. kyaml deprecates them, but kpt still
// reads and sends them and the contract writes both forms.
const (
	LegacyPathAnnotation  = "config.kubernetes.io/path"
	LegacyIndexAnnotation = "config.kubernetes.io/index"
	LegacyIDAnnotation    = "config.k8s.io/id"
)

// GeneratedFileSuffix names the file a ServiceSpec's outputs go to:
// <its directory>/<name>.generated.yaml.
const GeneratedFileSuffix = ".generated.yaml"

// place gives the outputs of every spec that has a path annotation the file
// <its directory>/<name>.generated.yaml with indexes 0..n, and checks that no
// item the function does not own already holds an output's identity or
// path and index.
func place(sources []*source, rendered map[*source]fn.KubeObjects, kept fn.KubeObjects, r *report) fn.KubeObjects {
	held, ids := map[string]*fn.KubeObject{}, map[string]*fn.KubeObject{}
	for _, it := range kept {
		if p := filePath(it); p != "" {
			held[slot(p, max(fileIndex(it), 0))] = it
		}
		ids[objectID(it)] = it
	}
	next := map[string]int{}
	generatedBy := map[string]*source{}
	var out fn.KubeObjects
	for _, s := range sources {
		file := outputFile(s)
		for _, o := range rendered[s] {
			id := objectID(o)
			if other, ok := ids[id]; ok {
				r.errorAt(s.obj, field.Invalid(field.NewPath("metadata", "name"), s.obj.GetName(), fmt.Sprintf(
					"servicespec would generate %s %s, but %s already holds an object with that name that servicespec did not generate",
					o.GetKind(), qualified(o.GetNamespace(), o.GetName()), describeFile(other))))
			}
			if first, ok := generatedBy[id]; ok && first != s {
				reportCollision(first, s, o, r)
			} else {
				generatedBy[id] = s
			}
			if file != "" {
				i := next[file]
				next[file]++
				if other, ok := held[slot(file, i)]; ok {
					r.errorAt(s.obj, field.Invalid(field.NewPath("metadata", "name"), s.obj.GetName(), fmt.Sprintf(
						"the output file %s (index %d) is already used by %s %s, which servicespec did not generate",
						file, i, other.GetKind(), qualified(other.GetNamespace(), other.GetName()))))
				}
				setPath(o, file, i)
			}
			out = append(out, o)
		}
	}
	return out
}

// reportCollision puts an error on both ServiceSpecs that generate the
// same object: whichever came second would silently replace the first.
func reportCollision(a, b *source, o *fn.KubeObject, r *report) {
	what := fmt.Sprintf("%s %s", o.GetKind(), qualified(o.GetNamespace(), o.GetName()))
	for _, pair := range [][2]*source{{a, b}, {b, a}} {
		s, other := pair[0], pair[1]
		r.errorAt(s.obj, field.Invalid(field.NewPath("metadata", "name"), s.obj.GetName(), fmt.Sprintf(
			"generates %s, which the ServiceSpec %s (%s) generates too; rename one of them",
			what, qualified(other.obj.GetNamespace(), other.obj.GetName()), describeFile(other.obj))))
	}
}

// outputFile is "" when the spec has no path (kustomize sends none).
func outputFile(s *source) string {
	p := filePath(s.obj)
	if p == "" {
		return ""
	}
	return path.Join(path.Dir(p), s.obj.GetName()+GeneratedFileSuffix)
}

func setPath(o *fn.KubeObject, file string, index int) {
	i := strconv.Itoa(index)
	// A fixed order: annotations keep their insertion order in the output.
	for _, kv := range [][2]string{
		{LegacyPathAnnotation, file}, {LegacyIndexAnnotation, i},
		{kioutil.PathAnnotation, file}, {kioutil.IndexAnnotation, i},
	} {
		_ = o.SetAnnotation(kv[0], kv[1]) // only fails for kpt's upstream-identifier key
	}
}

func slot(file string, index int) string { return path.Clean(file) + "\x00" + strconv.Itoa(index) }

func objectID(o *fn.KubeObject) string {
	return o.GetAPIVersion() + "/" + o.GetKind() + "/" + o.GetNamespace() + "/" + o.GetName()
}
