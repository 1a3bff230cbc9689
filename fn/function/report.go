package function

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/kustomize/kyaml/kio/kioutil"
)

// report collects the results of one run.
type report struct {
	results fn.Results
}

func (r *report) errorsAt(o *fn.KubeObject, errs field.ErrorList) {
	for _, e := range errs {
		r.errorAt(o, e)
	}
}

func (r *report) errorAt(o *fn.KubeObject, e *field.Error) {
	r.add(o, fn.Error, e.Field, e.ErrorBody())
}

func (r *report) warningAt(o *fn.KubeObject, p *field.Path, msg string) {
	r.add(o, fn.Warning, p.String(), msg)
}

func (r *report) add(o *fn.KubeObject, sev fn.Severity, path, msg string) {
	res := &fn.Result{Message: msg, Severity: sev}
	if o != nil {
		res.ResourceRef = &fn.ResourceRef{APIVersion: o.GetAPIVersion(), Kind: o.GetKind(), Name: o.GetName(), Namespace: o.GetNamespace()}
		if file := filePath(o); file != "" {
			res.File = &fn.File{Path: file, Index: max(fileIndex(o), 0)}
		}
	}
	if path != "" && path != "<nil>" {
		res.Field = &fn.Field{Path: path}
	}
	r.results = append(r.results, res)
}

func (r *report) failed() bool { return r.results.ExitCode() != 0 }

// sorted orders results by file, object, field, severity and message, so
// that the same input always gives the same results.
func (r *report) sorted() fn.Results {
	out := slices.Clone(r.results)
	slices.SortStableFunc(out, func(a, b *fn.Result) int {
		return cmp.Or(
			cmp.Compare(fileOf(a), fileOf(b)),
			cmp.Compare(refOf(a), refOf(b)),
			cmp.Compare(fieldOf(a), fieldOf(b)),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Message, b.Message))
	})
	return out
}

// summarize writes one readable line per result: kustomize shows only stderr.
func (r *report) summarize(w io.Writer) {
	for _, res := range r.sorted() {
		where := ""
		if res.File != nil {
			where = res.File.Path + ": "
		}
		what := ""
		if ref := res.ResourceRef; ref != nil {
			what = ref.Kind + " " + qualified(ref.Namespace, ref.Name) + ": "
		}
		field := ""
		if res.Field != nil {
			field = res.Field.Path + ": "
		}
		fmt.Fprintf(w, "%s: %s%s%s%s\n", res.Severity, where, what, field, res.Message)
	}
}

func qualified(namespace, name string) string {
	if namespace == "" {
		return name
	}
	return namespace + "/" + name
}

func fileOf(r *fn.Result) string {
	if r.File == nil {
		return ""
	}
	return fmt.Sprintf("%s\x00%09d", r.File.Path, r.File.Index)
}

func refOf(r *fn.Result) string {
	if r.ResourceRef == nil {
		return ""
	}
	return r.ResourceRef.Kind + "\x00" + r.ResourceRef.Namespace + "\x00" + r.ResourceRef.Name
}

func fieldOf(r *fn.Result) string {
	if r.Field == nil {
		return ""
	}
	return r.Field.Path
}

// filePath is the object's path annotation, internal or legacy.
func filePath(o *fn.KubeObject) string {
	if p := o.GetAnnotation(kioutil.PathAnnotation); p != "" {
		return p
	}
	return o.GetAnnotation(LegacyPathAnnotation)
}

// fileIndex is the object's index annotation, internal or legacy; -1 if absent.
func fileIndex(o *fn.KubeObject) int {
	v := o.GetAnnotation(kioutil.IndexAnnotation)
	if v == "" {
		v = o.GetAnnotation(LegacyIndexAnnotation)
	}
	i, err := strconv.Atoi(v)
	if err != nil {
		return -1
	}
	return i
}

func describeFile(o *fn.KubeObject) string {
	if p := filePath(o); p != "" {
		return p
	}
	return "the resource list"
}
