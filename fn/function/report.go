package function

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/servicespec/servicespec/fn/krm"
)

// report collects the results of one run. Results are added from one
// goroutine at a time.
type report struct {
	results fn.Results
}

func (r *report) errorsAt(it *krm.Item, errs field.ErrorList) {
	for _, e := range errs {
		r.errorAt(it, e)
	}
}

func (r *report) errorAt(it *krm.Item, e *field.Error) {
	r.add(it, fn.Error, e.Field, e.ErrorBody())
}

func (r *report) warningAt(it *krm.Item, p *field.Path, msg string) {
	r.add(it, fn.Warning, p.String(), msg)
}

func (r *report) add(it *krm.Item, sev fn.Severity, path, msg string) {
	res := &fn.Result{Message: msg, Severity: sev}
	if it != nil {
		res.ResourceRef = &fn.ResourceRef{APIVersion: it.APIVersion, Kind: it.Kind, Name: it.Name, Namespace: it.Namespace}
		if file := it.File(); file != "" {
			res.File = &fn.File{Path: file, Index: max(it.FileIndex(), 0)}
		}
	}
	if path == "<nil>" {
		path = ""
	}
	if path != "" {
		res.Field = &fn.Field{Path: path}
	}
	if res.File != nil {
		if line := it.Line(path); line > 0 {
			res.Tags = map[string]string{LineTag: strconv.Itoa(line)}
		}
	}
	r.results = append(r.results, res)
}

// merge adds the results of another report (one made on another goroutine).
func (r *report) merge(o *report) { r.results = append(r.results, o.results...) }

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

// LineTag is the result tag that holds the line, in the result's file, of
// the field it is about, where that is known: when the items were read from
// their files as written (servicespec render), not from a ResourceList (an
// orchestrator sends items as it rewrote them, so their lines are not the
// file's).
const LineTag = "servicespec.dev/line"

// Summarize writes one readable line per result, <file>:<line>: where the
// line is known: kustomize shows only stderr.
func Summarize(w io.Writer, results fn.Results) {
	for _, res := range results {
		where := ""
		if res.File != nil {
			where = res.File.Path + ": "
			if line := res.Tags[LineTag]; line != "" {
				where = res.File.Path + ":" + line + ": "
			}
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

// describeFile names where an item is, for messages.
func describeFile(it *krm.Item) string {
	if p := it.File(); p != "" {
		return p
	}
	return "the resource list"
}
