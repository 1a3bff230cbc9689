package console

import (
	"bytes"
	"cmp"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	appv1beta1 "github.com/servicespec/servicespec/fn/api/app/v1beta1"
	kubefed "github.com/servicespec/servicespec/fn/api/kubefed/v1beta1"
	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/internal/typedjson"
	"github.com/servicespec/servicespec/fn/krm"
	"github.com/servicespec/servicespec/fn/kubesphere"
)

// What an output field comes from, as the mappings that write it say.
// Explain replays a service's mappings one at a time, each on an empty
// object of its own, and sees which fields each one writes: the same code
// render runs, so the explanation cannot drift from the render.

// A SourceKind is the kind of source of an output field.
type SourceKind string

// The kinds of source.
const (
	// SourceSpec: a value of the spec (Field), as the file gives it or as
	// the API defaults it (the caller tells them apart by the file).
	SourceSpec SourceKind = "spec"
	// SourceDerived: computed from spec fields (Field lists them) by a
	// convention of the console (Why).
	SourceDerived SourceKind = "derived"
	// SourceServicespec: servicespec's own bookkeeping.
	SourceServicespec SourceKind = "servicespec"
)

// A Source is where one output field comes from.
type Source struct {
	Kind SourceKind
	// Field is the spec field (spec.containers[0].image); for a derived
	// value, the fields it is derived from (spec.stickySession).
	Field string
	// Why says, for a derived value, how the console derives it.
	Why string
}

// An Explained is one field of an output object and its source. Path is
// the field as krm.FieldPath writes it.
type Explained struct {
	Path   string
	Source Source
}

// written is what one mapping wrote: the fields of its object (relative to
// it), the spec fields it maps and what it says of them.
type written struct {
	paths     []string
	values    map[string]string // the written fields' values, by path
	fields    []string
	why, from string
}

// anchored is a mapping list at a place in an object: replay runs it for
// a service and returns what each mapping wrote.
type anchored struct {
	at     string
	replay func(s *service) []written
}

// replay runs the writes of a mapping list one by one on an empty object
// and records the fields each one changes.
func replay[O any](s *service, zero func() O, ms []mapping[O]) []written {
	o := zero()
	before := leaves(o)
	var out []written
	for _, m := range ms {
		if m.write == nil {
			continue
		}
		m.write(s, o)
		after := leaves(o)
		w := writtenBetween(before, after)
		w.fields, w.why, w.from = m.fields, m.why, m.from
		out = append(out, w)
		before = after
	}
	return out
}

// writtenBetween are the fields that differ, or are new, after a write.
func writtenBetween(before, after map[string]string) written {
	w := written{values: map[string]string{}}
	for p, v := range after {
		if b, ok := before[p]; !ok || b != v {
			w.paths = append(w.paths, p)
			w.values[p] = v
		}
	}
	return w
}

// replayAnnotations records the keys each annotation mapping writes.
func replayAnnotations(s *service, ms []annotationMapping) []written {
	var out []written
	for _, m := range ms {
		if m.write == nil {
			continue
		}
		w := writtenBetween(nil, leaves(m.write(s)))
		w.fields, w.why = []string{specField(m.field)}, m.why
		out = append(out, w)
	}
	return out
}

// leaves are the scalar (and empty) fields of a value, by path, as JSON.
// Labels and annotations, a map of strings, are read as they are.
func leaves(v any) map[string]string {
	if m, ok := v.(map[string]string); ok {
		out := make(map[string]string, len(m))
		for k, s := range m {
			b, _ := json.Marshal(s)
			out[krm.FieldPath("", k)] = string(b)
		}
		return out
	}
	data, err := typedjson.Marshal(v)
	if err != nil {
		return nil
	}
	out := map[string]string{}
	scanLeaves(data, func(p string, raw []byte) { out[p] = string(raw) })
	return out
}

// scanLeaves calls f with the path and the JSON text of every scalar,
// empty object and empty array of a JSON document, as encoding/json writes
// it (compact), without building the document.
func scanLeaves(data []byte, f func(string, []byte)) {
	sc := jsonScanner{data: data}
	sc.value("", f)
}

type jsonScanner struct {
	data []byte
	i    int
}

func (sc *jsonScanner) value(p string, f func(string, []byte)) {
	if sc.i >= len(sc.data) {
		return
	}
	switch sc.data[sc.i] {
	case '{':
		if sc.data[sc.i+1] == '}' {
			f(p, sc.data[sc.i:sc.i+2])
			sc.i += 2
			return
		}
		sc.i++
		for sc.i < len(sc.data) && sc.data[sc.i] != '}' {
			key := sc.key()
			sc.i++ // ':'
			sc.value(krm.FieldPath(p, key), f)
			if sc.i < len(sc.data) && sc.data[sc.i] == ',' {
				sc.i++
			}
		}
		sc.i++
	case '[':
		if sc.data[sc.i+1] == ']' {
			f(p, sc.data[sc.i:sc.i+2])
			sc.i += 2
			return
		}
		sc.i++
		for n := 0; sc.i < len(sc.data) && sc.data[sc.i] != ']'; n++ {
			sc.value(p+"["+strconv.Itoa(n)+"]", f)
			if sc.i < len(sc.data) && sc.data[sc.i] == ',' {
				sc.i++
			}
		}
		sc.i++
	case '"':
		start := sc.i
		sc.skipString()
		f(p, sc.data[start:sc.i])
	default:
		start := sc.i
		for sc.i < len(sc.data) && !strings.ContainsRune(",}]", rune(sc.data[sc.i])) {
			sc.i++
		}
		f(p, sc.data[start:sc.i])
	}
}

// key reads an object's key (a string).
func (sc *jsonScanner) key() string {
	start := sc.i
	sc.skipString()
	raw := sc.data[start:sc.i]
	if !bytes.ContainsRune(raw, '\\') {
		return string(raw[1 : len(raw)-1])
	}
	var k string
	_ = json.Unmarshal(raw, &k)
	return k
}

func (sc *jsonScanner) skipString() {
	sc.i++
	for sc.i < len(sc.data) && sc.data[sc.i] != '"' {
		if sc.data[sc.i] == '\\' {
			sc.i++
		}
		sc.i++
	}
	sc.i++
}

// Explain says, for every field of the objects Objects rendered from a
// spec with these inputs, where it comes from.
func Explain(spec *api.ServiceSpec, in Inputs, objs []runtime.Object) [][]Explained {
	e := newExplainer(&service{ServiceSpec: spec, app: in.App, configHash: in.ConfigHash}, spec, "")
	if in.Cluster != "" && spec.Spec.Placement != nil {
		// A member cluster's objects: its spec, its overrides cited.
		e = newExplainer(&service{ServiceSpec: ClusterSpec(spec, in.Cluster), app: in.App, configHash: in.ConfigHash}, spec,
			krm.FieldPath("spec.placement.overrides", in.Cluster))
	}
	out := make([][]Explained, len(objs))
	for i, obj := range objs {
		x := e
		if r := spec.Spec.Release; r != nil && metaAccessor(obj).GetName() == kubesphere.WorkloadName(spec.Name, r.Version) {
			// The new version's workload: the release's spec, its changes cited.
			x = newExplainer(&service{ServiceSpec: ReleaseSpec(spec), app: in.App, configHash: in.ReleaseConfigHash}, spec, "spec.release")
		}
		out[i] = x.explainObject(obj)
	}
	return out
}

// explainObject explains every field of one object.
func (e *explainer) explainObject(obj runtime.Object) []Explained {
	k := KindOf(obj.GetObjectKind().GroupVersionKind())
	return e.explainAt(obj, k, e.placesOf(k, obj))
}

// explainAt explains every field of an object that these places write.
func (e *explainer) explainAt(obj runtime.Object, k *Kind, places []anchored) []Explained {
	writes := make([][]written, len(places))
	for j, a := range places {
		writes[j] = a.replay(e.s)
	}
	byPath := writersByPath(places, writes)
	var out []Explained
	for p, v := range leaves(obj) {
		out = append(out, Explained{Path: p, Source: e.sourceOf(p, v, places, writes, byPath, k)})
	}
	slices.SortFunc(out, func(a, b Explained) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// placesOf are the mapping lists that write an object of a kind, at their
// places in it. A kubefed object holds its plain object as its template
// and keeps its metadata; kubefed's placement and overrides come from
// spec.placement.
func (e *explainer) placesOf(k *Kind, obj runtime.Object) []anchored {
	switch {
	case k == nil:
		return nil
	case k.federates != nil:
		inner := e.placesOf(k.federates, obj.(kubefed.Federated).Plain())
		var out []anchored
		for _, a := range inner {
			out = append(out, anchored{joinPaths("spec.template", a.at), a.replay})
			if strings.HasPrefix(a.at, "metadata") {
				out = append(out, a)
			}
		}
		return append(out, anchored{"spec", func(*service) []written {
			return []written{{paths: []string{"placement", "overrides"}, fields: []string{"placement"},
				why: "kubefed's placement: the member clusters, and what each one's overrides change"}}
		}})
	case k.explain != nil:
		return k.explain(e.s, obj)
	case k.Companion != nil:
		return companionPlaces(k)
	}
	return nil
}

// explainer explains the objects of one service.
type explainer struct {
	s    *service
	spec map[string]string // the spec's fields, by path
	// alias maps a field of the spec the objects were rendered from to
	// the field of the file that set it: a release's or a cluster's
	// change of the spec.
	alias map[string]string
	// byValue are the spec's fields by their value.
	byValue map[string][]string
	// replayed caches the replays of a place with a spec field changed,
	// changed the services with one field changed.
	replayed map[replayKey][]written
	changed  map[string]*service
}

type replayKey struct{ at, field string }

func (e *explainer) index() *explainer {
	e.byValue, e.replayed, e.changed = map[string][]string{}, map[replayKey][]written{}, map[string]*service{}
	for p, v := range e.spec {
		e.byValue[v] = append(e.byValue[v], p)
	}
	return e
}

// newExplainer explains objects rendered from s, a spec derived from
// file (a release's or a cluster's spec) by the changes under from.
func newExplainer(s *service, file *api.ServiceSpec, from string) *explainer {
	e := (&explainer{s: s, spec: leaves(s.ServiceSpec), alias: map[string]string{}}).index()
	if from == "" {
		return e
	}
	written := leaves(file)
	changes := map[string][]string{} // the file's fields under from, by value
	for wp, wv := range written {
		if strings.HasPrefix(wp, from+".") {
			changes[wv] = append(changes[wv], wp)
		}
	}
	for p, v := range e.spec {
		if written[p] == v {
			continue
		}
		best, score := "", 0
		for _, wp := range changes[v] {
			if c := commonSuffix(wp, p); c > score || c == score && c > 0 && wp < best {
				best, score = wp, c
			}
		}
		if best != "" {
			e.alias[p] = best
		}
	}
	return e
}

// sourceOf is the source of one output field: the mapping that wrote it
// (at the longest place that holds it) and, within the spec fields that
// mapping maps, the one that holds its value.
func (e *explainer) sourceOf(p, v string, places []anchored, writes [][]written, byPath map[string]writer, k *Kind) Source {
	if strings.HasPrefix(p, "metadata.annotations[servicespec.dev/") {
		return Source{Kind: SourceServicespec, Why: "servicespec's own: what it was generated from"}
	}
	place, index, rel := -1, -1, ""
	// The write of the field, or of the nearest field it is under.
	for q := p; q != ""; q = parentPath(q) {
		if w, ok := byPath[q]; ok {
			place, index, rel = w.place, w.index, w.rel
			break
		}
	}
	if place < 0 {
		// Written by the builder of the kind: the spec's own metadata, or
		// the console's shape of the kind.
		if f := metadataWithValue(p, v, e.spec); f != "" {
			return Source{Kind: SourceSpec, Field: cmp.Or(e.alias[f], f)}
		}
		return Source{Kind: SourceDerived, Why: "the console's " + kindName(k)}
	}
	w := writes[place][index]
	candidates := specFieldsWithValue(p, w.fields, e.byValue[v])
	if len(candidates) > 1 {
		candidates = e.changing(candidates, places[place], w.values, index, strings.TrimPrefix(strings.TrimPrefix(p, places[place].at), "."), rel)
	}
	if len(candidates) > 0 {
		return Source{Kind: SourceSpec, Field: cmp.Or(e.alias[candidates[0]], candidates[0])}
	}
	var from []string
	if w.from != "" {
		from = append(from, w.from)
	}
	for _, f := range w.fields {
		from = append(from, specFieldName(f))
	}
	return Source{Kind: SourceDerived, Field: strings.Join(from, ", "), Why: w.why}
}

// changing keeps, of spec fields that hold an output field's value, those
// whose change changes it: each is changed in turn and the mapping that
// wrote the field is run again. (Two fields may hold the same value: a
// Service port and its target are both 80.)
func (e *explainer) changing(candidates []string, a anchored, before map[string]string, index int, relField, written string) []string {
	var out []string
	for _, c := range candidates {
		again, ok := e.replayed[replayKey{a.at, c}]
		if !ok {
			s, changed := e.withChanged(c)
			if changed {
				again = a.replay(s)
			}
			e.replayed[replayKey{a.at, c}] = again
		}
		if index >= len(again) {
			continue
		}
		after := again[index].values
		key := relField
		if _, ok := before[key]; !ok {
			key = written
		}
		if before[key] != after[key] {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return candidates
	}
	return out
}

// withChanged is the service with one spec field given another value of
// its type (a copy; nil when the field is not a scalar it can change).
func (e *explainer) withChanged(path string) (*service, bool) {
	if e.s == nil {
		return nil, false
	}
	if s, ok := e.changed[path]; ok {
		return s, s != nil
	}
	spec := e.s.DeepCopy()
	var s *service
	if changeAt(reflect.ValueOf(spec).Elem(), krm.SplitFieldPath(path)) {
		s = &service{ServiceSpec: spec, app: e.s.app, configHash: e.s.configHash}
	}
	e.changed[path] = s
	return s, s != nil
}

// changeAt changes the scalar a path names in a Go value: a number one
// more, a string longer, a bool the other way.
func changeAt(v reflect.Value, path []string) bool {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return false
		}
		v = v.Elem()
	}
	if len(path) == 0 {
		switch v.Kind() {
		case reflect.Int, reflect.Int32, reflect.Int64:
			v.SetInt(v.Int() + 1)
		case reflect.String:
			v.SetString(v.String() + "x")
		case reflect.Bool:
			v.SetBool(!v.Bool())
		default:
			return false
		}
		return true
	}
	step := path[0]
	switch v.Kind() {
	case reflect.Struct:
		f, ok := jsonField(v, step)
		return ok && changeAt(f, path[1:])
	case reflect.Slice:
		i, err := strconv.Atoi(step)
		return err == nil && i >= 0 && i < v.Len() && changeAt(v.Index(i), path[1:])
	case reflect.Map:
		key := reflect.ValueOf(step)
		if len(path) > 1 || v.Type().Key().Kind() != reflect.String || v.Type().Elem().Kind() != reflect.String || !v.MapIndex(key).IsValid() {
			return false
		}
		v.SetMapIndex(key, reflect.ValueOf(v.MapIndex(key).String()+"x"))
		return true
	}
	return false
}

// jsonField is the field of a struct by its JSON name (inlined structs
// searched too).
func jsonField(v reflect.Value, name string) (reflect.Value, bool) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case tag == name:
			return v.Field(i), true
		case tag == "" && f.Anonymous:
			inner := v.Field(i)
			for inner.Kind() == reflect.Pointer {
				if inner.IsNil() {
					break
				}
				inner = inner.Elem()
			}
			if inner.Kind() == reflect.Struct {
				if fv, ok := jsonField(inner, name); ok {
					return fv, true
				}
			}
		}
	}
	return reflect.Value{}, false
}

// writer is the mapping that wrote a field: its place, its index in the
// place's list, and the field as it wrote it (relative to the place).
type writer struct {
	place, index int
	rel          string
}

// writersByPath indexes the writes of an object's places by the full
// path of the fields: a later place, which is more specific, wins.
func writersByPath(places []anchored, writes [][]written) map[string]writer {
	out := map[string]writer{}
	for j, a := range places {
		for w := range writes[j] {
			for _, r := range writes[j][w].paths {
				out[joinPaths(a.at, r)] = writer{j, w, r}
			}
		}
	}
	return out
}

// parentPath is a path one step shorter ("" at the top). A step in
// brackets (a key of a map, an index) may hold dots.
func parentPath(p string) string {
	i := strings.LastIndexByte(p, '.')
	if strings.HasSuffix(p, "]") {
		i = strings.LastIndexByte(p, '[')
	}
	if i <= 0 {
		return ""
	}
	return p[:i]
}

func joinPaths(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	case strings.HasPrefix(b, "["):
		return a + b
	}
	return a + "." + b
}

// withoutIndexes is a path's keys without its list indexes, joined by
// dots.
func withoutIndexes(p string) string {
	var keys []string
	for _, st := range krm.SplitFieldPath(p) {
		if _, err := strconv.Atoi(st); err != nil {
			keys = append(keys, st)
		}
	}
	return strings.Join(keys, ".")
}

// specFieldsWithValue are the spec fields under fields among those with
// an output field's value, those whose path ends most like p first.
func specFieldsWithValue(p string, fields []string, withValue []string) []string {
	type scored struct {
		path  string
		score int
	}
	var found []scored
	for _, sp := range withValue {
		if !strings.HasPrefix(sp, "spec.") {
			continue
		}
		bare := strings.TrimPrefix(withoutIndexes(sp), "spec.")
		if !slices.ContainsFunc(fields, func(f string) bool {
			return bare == f || strings.HasPrefix(bare, f+".") || strings.HasPrefix(bare, f+"[")
		}) {
			continue
		}
		found = append(found, scored{sp, commonSuffix(sp, p)})
	}
	slices.SortFunc(found, func(a, b scored) int {
		if a.score != b.score {
			return b.score - a.score
		}
		return strings.Compare(a.path, b.path)
	})
	var out []string
	for _, f := range found {
		if f.score == found[0].score {
			out = append(out, f.path)
		}
	}
	return out
}

// commonSuffix counts the path steps two paths end with alike.
func commonSuffix(a, b string) int {
	n := 0
	for a != "" && b != "" {
		sa, ra := lastStep(a)
		sb, rb := lastStep(b)
		if sa != sb {
			break
		}
		n, a, b = n+1, ra, rb
	}
	return n
}

// lastStep splits a path into its last step and the rest.
func lastStep(p string) (step, rest string) {
	rest = parentPath(p)
	step = strings.TrimPrefix(p[len(rest):], ".")
	return step, rest
}

// workloadPlaces are where the mappings write a workload: its labels and
// annotations, and its pod template with its own.
func workloadPlaces() []anchored {
	return []anchored{
		{"metadata.labels", replayLabels},
		{"metadata.annotations", func(s *service) []written { return replayAnnotations(s, workloadAnnotationMappings) }},
		{"spec.template", func(s *service) []written {
			return replay(s, func() *podObject { return &podObject{PodTemplateSpec: &corev1.PodTemplateSpec{}} }, podMappings)
		}},
		{"spec.template.metadata.labels", replayLabels},
		{"spec.template.metadata.annotations", func(s *service) []written { return replayAnnotations(s, podAnnotationMappings) }},
	}
}

// servicePlaces are where the mappings write a Service.
func servicePlaces(annotations []annotationMapping, spec []mapping[*corev1.ServiceSpec]) []anchored {
	return []anchored{
		{"metadata.labels", replayLabels},
		{"metadata.annotations", func(s *service) []written { return replayAnnotations(s, annotations) }},
		{"spec", func(s *service) []written {
			return replay(s, func() *corev1.ServiceSpec { return &corev1.ServiceSpec{} }, spec)
		}},
	}
}

// replayLabels records the label keys each label mapping writes.
func replayLabels(s *service) []written {
	l := &labelSet{labels: map[string]string{}}
	before := leaves(l.labels)
	var out []written
	for _, m := range labelMappings {
		m.write(s, l)
		after := leaves(l.labels)
		w := writtenBetween(before, after)
		w.fields, w.why, w.from = m.fields, m.why, m.from
		out = append(out, w)
		before = after
	}
	return out
}

// wholeObject is an object made whole from one spec field.
func wholeObject(obj any, field, why string) written {
	w := writtenBetween(nil, leaves(obj))
	w.fields, w.why = []string{field}, why
	return w
}

// companionPlaces: a companion object is made whole from its one field,
// with the labels and the creator every object of the service carries.
func companionPlaces(k *Kind) []anchored {
	return []anchored{
		{"", func(s *service) []written {
			return []written{wholeObject(k.Companion.Build(s), k.Companion.Field, k.Companion.Why)}
		}},
		{"metadata.labels", replayLabels},
		{"metadata.annotations", func(s *service) []written { return replayAnnotations(s, []annotationMapping{creatorMapping}) }},
	}
}

// metadataWithValue is the spec's metadata field with the value and the
// key of an output field (its name, its namespace); "" when none.
func metadataWithValue(p, v string, spec map[string]string) string {
	last, _ := lastStep(p)
	for _, f := range []string{"metadata.name", "metadata.namespace"} {
		if spec[f] == v && strings.TrimPrefix(f, "metadata.") == last {
			return f
		}
	}
	return ""
}

func kindName(k *Kind) string {
	if k == nil {
		return "object"
	}
	return k.GVK.Kind
}

// ExplainApp is Explain for an AppSpec: its Application, and its Ingress
// with routes.
func ExplainApp(a *api.AppSpec, hasMembers bool) ([]runtime.Object, [][]Explained) {
	objs := AppObjects(a, hasMembers)
	e := (&explainer{spec: leaves(a), alias: map[string]string{}}).index()
	out := make([][]Explained, len(objs))
	for i, obj := range objs {
		k := KindOf(obj.GetObjectKind().GroupVersionKind())
		var places []anchored
		switch k {
		case applicationKind:
			places = []anchored{{"", func(*service) []written { return replayApp(a) }}}
		case ingressKind:
			places = []anchored{{"", func(*service) []written {
				return []written{wholeObject(routesMapping.build(a), routesMapping.field, "the console's Route Settings: the app's Ingress")}
			}}}
		}
		out[i] = e.explainAt(obj, k, places)
	}
	return objs, out
}

// replayApp records the fields each Application mapping writes, replayed
// as the mappings of a service's objects are.
func replayApp(a *api.AppSpec) []written {
	ms := make([]mapping[*appv1beta1.Application], len(applicationMappings))
	for i, m := range applicationMappings {
		ms[i] = mapping[*appv1beta1.Application]{fields: m.fields, why: m.why, from: m.from,
			write: func(_ *service, app *appv1beta1.Application) { m.write(a, app) }}
	}
	return replay(nil, func() *appv1beta1.Application {
		return &appv1beta1.Application{ObjectMeta: metav1.ObjectMeta{Annotations: map[string]string{}}}
	}, ms)
}

// specFieldName writes a field of a mapping (a JSON path under spec) as
// messages name it: spec.containers[].imagePullSecret.
func specFieldName(f string) string {
	t := reflect.TypeFor[api.ServiceSpecSpec]()
	name := "spec"
	keys := strings.Split(f, ".")
	for i, key := range keys {
		name += "." + key
		if t == nil {
			continue
		}
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			t = nil
			continue
		}
		t, _ = typedjson.FieldType(t, key)
		for t != nil && t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t != nil && t.Kind() == reflect.Slice {
			if i < len(keys)-1 {
				name += "[]"
			}
			t = t.Elem()
		}
	}
	return name
}
