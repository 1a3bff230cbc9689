package typedjson

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
)

var (
	marshalerType       = reflect.TypeFor[json.Marshaler]()
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textMarshalerType   = reflect.TypeFor[encoding.TextMarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	isZeroerType        = reflect.TypeFor[interface{ IsZero() bool }]()
)

// marshaling says how a type writes itself.
type marshaling uint8

const (
	byKind        marshaling = iota // by its reflect.Kind
	byValue                         // its MarshalJSON has a value (or pointer type) receiver
	byAddr                          // *T has MarshalJSON: used when the value is addressable
	notSupported                    // text marshalers: left to encoding/json
	byteSliceKind                   // []byte, written as base64
)

// typeInfo is one type's table: how it is written and read, and for a
// struct its fields. Tables of the types it refers to are looked up when
// first needed.
type typeInfo struct {
	typ       reflect.Type
	kind      reflect.Kind
	marshal   marshaling
	unmarshal bool // *T is a json.Unmarshaler (T not a pointer)
	text      bool // *T is an encoding.TextUnmarshaler (T not a pointer)
	elem      *lazyInfo
	fields    []field
	names     sync.Once
	byName    map[string]int // index into fields, made on the first decode
}

// fieldIndex is the index of the field a JSON name stands for, or -1.
func (ti *typeInfo) fieldIndex(name string) int {
	ti.names.Do(func() {
		ti.byName = make(map[string]int, len(ti.fields))
		for i, f := range ti.fields {
			ti.byName[f.name] = i
		}
	})
	if i, ok := ti.byName[name]; ok {
		return i
	}
	return -1
}

// lazyInfo is the table of a type, looked up once.
type lazyInfo struct {
	typ reflect.Type
	p   atomic.Pointer[typeInfo]
}

func (l *lazyInfo) get() *typeInfo {
	if ti := l.p.Load(); ti != nil {
		return ti
	}
	ti := infoOf(l.typ)
	l.p.Store(ti)
	return ti
}

// field is a struct field as encoding/json sees it, promoted fields of
// embedded structs included.
type field struct {
	name      string
	key       string // "name": as written, HTML-escaped as encoding/json writes keys
	index     []int
	tagged    bool
	omitEmpty bool
	omitZero  bool
	quoted    bool // the ",string" option: left to encoding/json
	isZero    func(reflect.Value) bool
	info      *lazyInfo
}

var tables sync.Map // reflect.Type → *typeInfo

func infoOf(t reflect.Type) *typeInfo {
	if ti, ok := tables.Load(t); ok {
		return ti.(*typeInfo)
	}
	ti, _ := tables.LoadOrStore(t, newInfo(t))
	return ti.(*typeInfo)
}

func newInfo(t reflect.Type) *typeInfo {
	ti := &typeInfo{typ: t, kind: t.Kind()}
	if hasMethods(t) {
		ti.marshal = marshalingOf(t)
		if pt := reflect.PointerTo(t); t.Kind() != reflect.Pointer {
			ti.unmarshal = pt.Implements(unmarshalerType)
			ti.text = pt.Implements(textUnmarshalerType)
		}
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		ti.elem = &lazyInfo{typ: t.Elem()}
	case reflect.Struct:
		ti.fields = structFields(t)
	}
	if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 && ti.marshal == byKind {
		if ept := reflect.PointerTo(t.Elem()); !ept.Implements(marshalerType) && !ept.Implements(textMarshalerType) {
			ti.marshal = byteSliceKind
		}
	}
	return ti
}

// hasMethods reports whether t or *t has methods, so that it may marshal
// itself (most fields' types, strings, lists and maps, do not: their
// method sets are not searched).
func hasMethods(t reflect.Type) bool {
	return t.NumMethod() > 0 || t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface && reflect.PointerTo(t).NumMethod() > 0
}

func marshalingOf(t reflect.Type) marshaling {
	switch {
	case t.Implements(marshalerType):
		return byValue
	case t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(marshalerType):
		return byAddr
	case t.Implements(textMarshalerType), t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(textMarshalerType):
		return notSupported
	}
	return byKind
}

// structFields lists a struct's JSON fields in encoding/json's order with
// its rules: promoted fields of untagged embedded structs, the shallowest
// field of a name winning, then the only tagged one, else none.
func structFields(t reflect.Type) []field {
	all := make([]field, 0, t.NumField())
	promoted := collectFields(t, nil, map[reflect.Type]bool{}, &all)
	if !promoted && !hasDuplicateName(all) {
		return all // one level, unique names: already in index order
	}
	byName := map[string][]int{}
	var names []string
	for i, f := range all {
		if _, seen := byName[f.name]; !seen {
			names = append(names, f.name)
		}
		byName[f.name] = append(byName[f.name], i)
	}
	out := make([]field, 0, len(names))
	for _, n := range names {
		if i, ok := dominant(all, byName[n]); ok {
			out = append(out, all[i])
		}
	}
	sortByIndex(out)
	return out
}

// collectFields appends t's fields to out; true when it went into an
// embedded struct.
func collectFields(t reflect.Type, index []int, onPath map[reflect.Type]bool, out *[]field) (promoted bool) {
	if onPath[t] {
		return false
	}
	onPath[t] = true
	defer delete(onPath, t)
	// One allocation each for the level's tables and index paths.
	infos := make([]lazyInfo, t.NumField())
	paths := make([]int, 0, t.NumField()*(len(index)+1))
	for i := range t.NumField() {
		sf := t.Field(i)
		ft := sf.Type
		if ft.Name() == "" && ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if !sf.IsExported() && (!sf.Anonymous || ft.Kind() != reflect.Struct) {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if !validName(name) {
			name = ""
		}
		start := len(paths)
		paths = append(append(paths, index...), i)
		idx := paths[start:len(paths):len(paths)]
		if name == "" && sf.Anonymous && ft.Kind() == reflect.Struct {
			collectFields(ft, idx, onPath, out)
			promoted = true
			continue
		}
		f := field{name: name, tagged: name != "", index: idx}
		if name == "" {
			f.name = sf.Name
		}
		f.key = keyOf(f.name)
		f.omitEmpty = hasOption(opts, "omitempty")
		f.omitZero = hasOption(opts, "omitzero")
		f.quoted = hasOption(opts, "string") && quotable(ft.Kind())
		if f.omitZero {
			f.isZero = zeroTest(sf.Type)
		}
		infos[i].typ = sf.Type
		f.info = &infos[i]
		*out = append(*out, f)
	}
	return promoted
}

// hasDuplicateName reports whether two fields share a name (two tags
// naming the same key), which the dominance rule then settles.
func hasDuplicateName(fs []field) bool {
	for i := range fs {
		for j := i + 1; j < len(fs); j++ {
			if fs[i].name == fs[j].name {
				return true
			}
		}
	}
	return false
}

// FieldType is the Go type of the field a JSON name stands for in struct
// type t, as encoding/json resolves it (embedded structs promoted, the
// dominant field of a name); false when t has no such field.
func FieldType(t reflect.Type, name string) (reflect.Type, bool) {
	ti := infoOf(t)
	i := ti.fieldIndex(name)
	if i < 0 {
		return nil, false
	}
	return ti.fields[i].info.typ, true
}

// dominant picks the field a name stands for among fields of that name.
func dominant(all []field, of []int) (int, bool) {
	if len(of) == 1 {
		return of[0], true
	}
	depth := len(all[of[0]].index)
	for _, i := range of {
		depth = min(depth, len(all[i].index))
	}
	var shallow, tagged []int
	for _, i := range of {
		if len(all[i].index) == depth {
			shallow = append(shallow, i)
			if all[i].tagged {
				tagged = append(tagged, i)
			}
		}
	}
	switch {
	case len(shallow) == 1:
		return shallow[0], true
	case len(tagged) == 1:
		return tagged[0], true
	}
	return 0, false
}

func sortByIndex(fs []field) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && lessIndex(fs[j].index, fs[j-1].index); j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}

func lessIndex(a, b []int) bool {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}

func hasOption(opts, want string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == want {
			return true
		}
	}
	return false
}

func quotable(k reflect.Kind) bool {
	switch k {
	case reflect.Bool, reflect.String, reflect.Float32, reflect.Float64,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return true
	}
	return false
}

// keyOf is a field's name as written before its value: "name":.
func keyOf(name string) string {
	if plainASCII(name) {
		return `"` + name + `":` // nothing to escape: one allocation
	}
	return string(appendString(nil, name)) + ":"
}

// plainASCII reports whether s holds only ASCII letters and digits, the
// case of nearly every name, which needs neither escaping nor the
// rune-by-rune checks.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// validName is encoding/json's rule for a name in a tag.
func validName(s string) bool {
	if s == "" {
		return false
	}
	if plainASCII(s) {
		return true
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// zeroTest is how omitzero decides: the type's IsZero method when it has
// one, else the zero value.
func zeroTest(t reflect.Type) func(reflect.Value) bool {
	switch {
	case t.Kind() == reflect.Interface && t.Implements(isZeroerType):
		return func(v reflect.Value) bool {
			return v.IsNil() || v.Elem().Kind() == reflect.Pointer && v.Elem().IsNil() || v.Interface().(interface{ IsZero() bool }).IsZero()
		}
	case t.Kind() == reflect.Pointer && t.Implements(isZeroerType):
		return func(v reflect.Value) bool { return v.IsNil() || v.Interface().(interface{ IsZero() bool }).IsZero() }
	case t.Implements(isZeroerType):
		return func(v reflect.Value) bool { return v.Interface().(interface{ IsZero() bool }).IsZero() }
	case reflect.PointerTo(t).Implements(isZeroerType):
		return func(v reflect.Value) bool {
			if !v.CanAddr() {
				c := reflect.New(v.Type()).Elem()
				c.Set(v)
				v = c
			}
			return v.Addr().Interface().(interface{ IsZero() bool }).IsZero()
		}
	}
	return reflect.Value.IsZero
}
