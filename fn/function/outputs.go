package function

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strconv"

	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/kustomize/kyaml/kio/kioutil"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/krm"
	"github.com/servicespec/servicespec/fn/yamlenc"
)

// GeneratedFileSuffix names the file a ServiceSpec's outputs go to:
// <its directory>/<name>.generated.yaml.
const GeneratedFileSuffix = ".generated.yaml"

// output is one object generated in this run.
type output struct {
	obj   runtime.Object
	from  *source
	file  string // "" when it goes to no file
	index int
	item  *krm.Item // the encoded object
	// explained says where each of its fields comes from (Options.Explain).
	explained []console.Explained
}

func metaOf(o runtime.Object) metav1Object {
	m, err := meta.Accessor(o)
	if err != nil {
		panic(fmt.Sprintf("render produced %T without metadata", o)) // every k8s.io/api object has it
	}
	return m
}

type metav1Object = interface {
	GetName() string
	GetNamespace() string
	GetAnnotations() map[string]string
}

// headerOf is an output's identity and annotations.
func headerOf(o *output) krm.Header {
	gvk := o.obj.GetObjectKind().GroupVersionKind()
	m := metaOf(o.obj)
	h := krm.Header{APIVersion: gvk.GroupVersion().String(), Kind: gvk.Kind, Namespace: m.GetNamespace(), Name: m.GetName()}
	a := m.GetAnnotations()
	for _, k := range slices.Sorted(maps.Keys(a)) {
		h.Annotations = append(h.Annotations, krm.Annotation{Key: k, Value: a[k]})
	}
	return h
}

func objectID(h *krm.Header) string {
	return h.APIVersion + "/" + h.Kind + "/" + h.Namespace + "/" + h.Name
}

// renderAll renders every valid spec (even when others are not, so that
// every error shows at once), for one member cluster when cluster is set:
// workload-backed services first, so that a Workload service can
// reference a workload generated in the same run, then Workload services,
// then apps, which list their members.
func renderAll(sources []*source, kept []*krm.Item, cluster string, explain bool, r *report) []*output {
	var outs []*output
	var explainJobs []func()
	workloads := newWorkloadIndex(kept)
	configs := newConfigIndex(kept)
	apps := resolveApps(sources, r)
	for _, pass := range []func(*source) bool{isWorkloadBacked, isWorkloadType} {
		for _, s := range sources {
			if !pass(s) {
				continue
			}
			app, ok := apps.of(s)
			if !ok {
				continue
			}
			in := console.Inputs{Workloads: workloads, App: app, Cluster: cluster}
			in.ConfigHash, in.ReleaseConfigHash = configHashes(s, configs, r)
			objs, errs := console.Objects(s.spec, in)
			r.errorsAt(s.item, errs)
			workloads.addGenerated(objs)
			o := outputsOf(s, objs)
			if explain && len(errs) == 0 {
				explainJobs = append(explainJobs, func() { explainAll(s, in, o) })
			}
			outs = append(outs, o...)
		}
	}
	for _, s := range sources {
		if s.isApp() && s.valid() {
			if !explain {
				outs = append(outs, outputsOf(s, console.AppObjects(s.app, apps.hasMembers(s.app)))...)
				continue
			}
			objs, explained := console.ExplainApp(s.app, apps.hasMembers(s.app))
			o := outputsOf(s, objs)
			for i := range o {
				o[i].explained = explained[i]
			}
			outs = append(outs, o...)
		}
	}
	// Explanations are each spec's own: on every core.
	krm.Parallel(len(explainJobs), func(i int) { explainJobs[i]() })
	// Outputs in the order of their specs, as the SDK's list had them.
	order := map[*source]int{}
	for i, s := range sources {
		order[s] = i
	}
	slices.SortStableFunc(outs, func(a, b *output) int { return order[a.from] - order[b.from] })
	return outs
}

func outputsOf(s *source, objs []runtime.Object) []*output {
	out := make([]*output, 0, len(objs))
	for _, o := range objs {
		out = append(out, &output{obj: o, from: s, index: -1})
	}
	return out
}

func isWorkloadType(s *source) bool {
	return !s.isApp() && s.valid() && s.spec.Spec.Type == api.Workload
}

func isWorkloadBacked(s *source) bool {
	return !s.isApp() && s.valid() && s.spec.Spec.Type != api.Workload
}

// place checks that no output takes the identity of an item servicespec
// did not generate or of another spec's output, and, when files is set,
// gives the outputs of every spec that has a file the file
// <its directory>/<name>.generated.yaml with indexes 0..n. An item that is
// not ours already holding such a path and index is an error.
func place(outs []*output, kept []*krm.Item, files bool, r *report) {
	held, ids := map[string]*krm.Item{}, map[string]*krm.Item{}
	for _, it := range kept {
		if p := it.File(); p != "" {
			held[slot(p, max(it.FileIndex(), 0))] = it
		}
		ids[objectID(&it.Header)] = it
	}
	next := map[string]int{}
	generatedBy := map[string]*output{}
	for _, o := range outs {
		h := headerOf(o)
		s := o.from
		id := objectID(&h)
		if other, ok := ids[id]; ok {
			r.errorAt(s.item, namingError(o, fmt.Sprintf(
				"servicespec would generate %s %s, but %s already holds an object with that name that servicespec did not generate",
				h.Kind, qualified(h.Namespace, h.Name), describeFile(other))))
		}
		if first, ok := generatedBy[id]; ok && first.from != s {
			reportCollision(first, o, &h, r)
		} else {
			generatedBy[id] = o
		}
		if file := outputFile(s); files && file != "" {
			o.file, o.index = file, next[file]
			next[file]++
			if other, ok := held[slot(file, o.index)]; ok {
				r.errorAt(s.item, field.Invalid(field.NewPath("metadata", "name"), s.item.Name, fmt.Sprintf(
					"the output file %s (index %d) is already used by %s %s, which servicespec did not generate",
					file, o.index, other.Kind, qualified(other.Namespace, other.Name))))
			}
		}
	}
}

// reportCollision puts an error on both ServiceSpecs that generate the
// same object: whichever came second would silently replace the first.
func reportCollision(a, b *output, h *krm.Header, r *report) {
	what := fmt.Sprintf("%s %s", h.Kind, qualified(h.Namespace, h.Name))
	for _, pair := range [][2]*output{{a, b}, {b, a}} {
		o, other := pair[0], pair[1].from
		r.errorAt(o.from.item, namingError(o, fmt.Sprintf(
			"generates %s, which the ServiceSpec %s (%s) generates too; rename one of them",
			what, qualified(other.item.Namespace, other.item.Name), describeFile(other.item))))
	}
}

// namingError is an error at the spec field that names the output, with
// the value written there.
func namingError(o *output, msg string) *field.Error {
	p, value := console.NamingField(o.obj, o.from.item.Name)
	return field.Invalid(p, value, msg)
}

// outputFile is "" when the spec has no file (kustomize sends none). An
// AppSpec's outputs go to <name>.app.generated.yaml, so that an app and a
// service of the same name write files of their own.
func outputFile(s *source) string {
	p := s.item.File()
	if p == "" {
		return ""
	}
	name := s.item.Name
	if s.isApp() {
		name += ".app"
	}
	return path.Join(path.Dir(p), name+GeneratedFileSuffix)
}

func slot(file string, index int) string { return path.Clean(file) + "\x00" + strconv.Itoa(index) }

// originAnnotation is where kustomize records an object's origin when a
// kustomization asks for it (buildMetadata: [originAnnotations]): the
// file it came from. kustomize keeps the origin an object already carries
// and strips every origin when none was asked for, so an output carries
// its spec's, naming the ServiceSpec's file, and only when the spec has
// one.
const originAnnotation = "config.kubernetes.io/origin"

// encodeAll writes every output as YAML text, on every core. An output
// that goes to a file carries its path and index (internal and legacy keys)
// and the digest that later reveals a hand edit; the first object of each
// file says at its top that the file is generated, and from what.
// entries writes them as entries of a ResourceList's items.
func encodeAll(outs []*output, entries bool) error {
	errs := make([]error, len(outs))
	krm.Parallel(len(outs), func(i int) { errs[i] = outs[i].encode(entries) })
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (o *output) encode(entry bool) error {
	layout := yamlenc.Options{}
	if origin, ok := o.from.item.Annotation(originAnnotation); ok {
		layout.Annotations = append(layout.Annotations, yamlenc.Annotation{Key: originAnnotation, Value: origin, Sorted: true})
	}
	if o.file != "" {
		i := strconv.Itoa(o.index)
		layout.Digest = digest
		layout.Annotations = append(layout.Annotations,
			yamlenc.Annotation{Key: krm.LegacyPathAnnotation, Value: o.file}, yamlenc.Annotation{Key: krm.LegacyIndexAnnotation, Value: i},
			yamlenc.Annotation{Key: kioutil.PathAnnotation, Value: o.file}, yamlenc.Annotation{Key: kioutil.IndexAnnotation, Value: i})
	}
	var head []byte
	if o.file != "" && o.index == 0 {
		head = []byte(generatedComment(o.from.item.File()) + "\n")
	}
	if entry {
		layout.Indent, layout.Dash = 2, len(head) == 0
		if len(head) > 0 {
			head = append([]byte("- "), head...)
		}
	}
	text, digestValue, err := console.Encode(o.obj, layout)
	if err != nil {
		return err
	}
	if len(head) > 0 {
		text = append(head, text...)
	}
	h := headerOf(o)
	for _, x := range layout.Annotations {
		h.Annotations = append(h.Annotations, krm.Annotation{Key: x.Key, Value: x.Value})
	}
	if digestValue != "" {
		h.Annotations = append(h.Annotations, krm.Annotation{Key: digest.Key, Value: digestValue})
	}
	o.item = krm.NewGenerated(h, text, entry)
	o.item.SetFile(o.file, o.index)
	return nil
}

// generatedComment heads every generated file, as code generators mark
// theirs.
func generatedComment(specFile string) string {
	return "# Code generated by servicespec from " + specFile + ". DO NOT EDIT."
}
