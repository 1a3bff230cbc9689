package v1alpha1

import (
	"bytes"
	"cmp"
	gojson "encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/json"
)

// Decode strictly decodes the JSON form of a ServiceSpec. Every unknown or
// duplicated field is an error at its path, with the closest known field name
// as a hint; every value of the wrong type is an error at its path too. The
// returned spec holds everything that did decode (a value of the wrong type
// is left unset), so that it can still be validated; it is nil only when the
// document cannot be decoded at all.
func Decode(data []byte) (*ServiceSpec, field.ErrorList) {
	var errs field.ErrorList
	// encoding/json stops reporting at the first value of the wrong type and
	// then drops the strict errors, so each bad value is reported, replaced by
	// null and the document decoded again.
	for range maxTypeErrors {
		s := &ServiceSpec{}
		strictErrs, err := json.UnmarshalStrict(data, s, json.DisallowUnknownFields, json.DisallowDuplicateFields)
		if err == nil {
			for _, e := range strictErrs {
				errs = append(errs, strictError(e))
			}
			return s, errs
		}
		var next []byte
		var typeErr *field.Error
		typeErr, next = typeError(data, err)
		errs = append(errs, typeErr)
		if next == nil {
			return nil, errs
		}
		data = next
	}
	return nil, errs
}

const maxTypeErrors = 50

// rootPath names the document itself when it is not an object at all.
const rootPath = "<root>"

var unknownFieldMessage = regexp.MustCompile(`^unknown field "(.*)"$`)

func strictError(e error) *field.Error {
	var fe json.FieldError
	if !errors.As(e, &fe) {
		return field.InternalError(nil, e)
	}
	p := fe.FieldPath()
	if unknownFieldMessage.MatchString(e.Error()) {
		detail := "unknown field"
		if hint := suggestField(p); hint != "" {
			detail += fmt.Sprintf(" (did you mean %q?)", hint)
		}
		return field.Forbidden(pathOf(p), detail)
	}
	return field.Duplicate(pathOf(p), lastSegment(p))
}

// typeError reports a value that does not fit its field's Go type and
// returns the document with that value replaced by null, or nil when the
// value cannot be located.
func typeError(data []byte, err error) (*field.Error, []byte) {
	var ute *gojson.UnmarshalTypeError
	if !errors.As(err, &ute) {
		return &field.Error{Type: field.ErrorTypeInvalid, Field: rootPath, BadValue: field.OmitValueType{}, Detail: err.Error()}, nil
	}
	path, next := nullValueAt(data, ute.Offset)
	detail := fmt.Sprintf("must be of type %s, not %s", ute.Type, ute.Value)
	if path == "" {
		path = cmp.Or(ute.Field, rootPath)
	}
	return &field.Error{Type: field.ErrorTypeTypeInvalid, Field: path, BadValue: field.OmitValueType{}, Detail: detail}, next
}

// nullValueAt finds the value that ends at offset and returns its path, such
// as spec.ports[1].port, and the document with that value replaced by null.
func nullValueAt(data []byte, offset int64) (string, []byte) {
	dec := gojson.NewDecoder(bytes.NewReader(data))
	var stack []*frame
	for {
		start := dec.InputOffset() // before the separators and the token
		tok, err := dec.Token()
		if err != nil {
			return "", nil
		}
		end := dec.InputOffset()
		delim, isDelim := tok.(gojson.Delim)
		top := (*frame)(nil)
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && top.object && top.expectKey && !isDelim {
			top.key, top.expectKey = tok.(string), false
			continue
		}
		path := framesPath(stack)
		if isDelim && (delim == '}' || delim == ']') {
			stack = stack[:len(stack)-1]
			advance(stack)
			continue
		}
		if end >= offset {
			vstart := end - int64(len(bytes.TrimLeft(data[start:end], " \t\r\n:,")))
			vend := end
			if isDelim {
				vend = skipValue(dec, end)
			}
			out := append(append(append([]byte{}, data[:vstart]...), "null"...), data[vend:]...)
			return path, out
		}
		if isDelim {
			stack = append(stack, &frame{object: delim == '{', expectKey: delim == '{'})
			continue
		}
		advance(stack)
	}
}

type frame struct {
	object    bool
	expectKey bool
	key       string
	index     int
}

func advance(stack []*frame) {
	if len(stack) == 0 {
		return
	}
	top := stack[len(stack)-1]
	if top.object {
		top.expectKey = true
	} else {
		top.index++
	}
}

// framesPath writes the path of the current value as field.Path does:
// struct fields as .name and map keys as [key], which needs the Go types.
func framesPath(stack []*frame) string {
	var path *field.Path
	t := reflect.TypeFor[ServiceSpec]()
	for _, f := range stack {
		if t != nil {
			t = elemType(t)
		}
		switch {
		case !f.object:
			path = path.Index(f.index)
			t = sliceElem(t)
		case t != nil && t.Kind() == reflect.Map:
			path = path.Key(f.key)
			t = t.Elem()
		default:
			path = childOf(path, f.key)
			t = fieldType(t, f.key)
		}
	}
	return path.String()
}

func childOf(p *field.Path, name string) *field.Path {
	if p == nil {
		return field.NewPath(name)
	}
	return p.Child(name)
}

func sliceElem(t reflect.Type) reflect.Type {
	if t != nil && t.Kind() == reflect.Slice {
		return t.Elem()
	}
	return nil
}

// fieldType is the Go type of the field with that JSON name; nil when unknown.
func fieldType(t reflect.Type, name string) reflect.Type {
	if t == nil {
		return nil
	}
	if f, ok := jsonField(t, name); ok {
		return f.Type
	}
	return nil
}

// skipValue consumes the rest of a composite value whose opening delimiter
// was just read and returns the offset just after its closing delimiter.
func skipValue(dec *gojson.Decoder, end int64) int64 {
	for depth := 1; depth > 0; {
		tok, err := dec.Token()
		if err != nil {
			return end
		}
		if d, ok := tok.(gojson.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
		end = dec.InputOffset()
	}
	return end
}

// pathOf rebuilds a field.Path from a JSON path such as spec.ports[0].name.
func pathOf(p string) *field.Path {
	var path *field.Path
	for _, seg := range splitPath(p) {
		if path == nil {
			path = field.NewPath(seg.name)
		} else {
			path = path.Child(seg.name)
		}
		for _, i := range seg.indexes {
			path = path.Index(i)
		}
	}
	return path
}

type pathSegment struct {
	name    string
	indexes []int
}

var indexPattern = regexp.MustCompile(`\[(\d+)\]`)

func splitPath(p string) []pathSegment {
	var segs []pathSegment
	for _, part := range strings.Split(p, ".") {
		seg := pathSegment{name: part}
		if i := strings.IndexByte(part, '['); i >= 0 {
			seg.name = part[:i]
			for _, m := range indexPattern.FindAllStringSubmatch(part[i:], -1) {
				var n int
				_, _ = fmt.Sscanf(m[1], "%d", &n)
				seg.indexes = append(seg.indexes, n)
			}
		}
		segs = append(segs, seg)
	}
	return segs
}

func lastSegment(p string) string {
	segs := splitPath(p)
	return segs[len(segs)-1].name
}

// suggestField finds the known field closest to an unknown one, by walking
// the ServiceSpec type along the path. It returns "" when nothing is close.
func suggestField(p string) string {
	segs := splitPath(p)
	t := reflect.TypeFor[ServiceSpec]()
	for _, seg := range segs[:len(segs)-1] {
		f, ok := jsonField(t, seg.name)
		if !ok {
			return ""
		}
		t = elemType(f.Type)
		for range seg.indexes {
			t = elemType(t.Elem())
		}
	}
	return closest(lastSegment(p), jsonNames(t))
}

func elemType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func jsonField(t reflect.Type, name string) (reflect.StructField, bool) {
	if t.Kind() != reflect.Struct {
		return reflect.StructField{}, false
	}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("json"), ",")[0]
		if f.Anonymous && tag == "" {
			if inner, ok := jsonField(elemType(f.Type), name); ok {
				return inner, true
			}
			continue
		}
		if tag == name {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func jsonNames(t reflect.Type) []string {
	if t.Kind() != reflect.Struct {
		return nil
	}
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("json"), ",")[0]
		if f.Anonymous && tag == "" {
			names = append(names, jsonNames(elemType(f.Type))...)
		} else if tag != "" && tag != "-" {
			names = append(names, tag)
		}
	}
	return names
}

// closest returns the candidate within edit distance 2 (or equal ignoring
// case) of word, preferring the smallest distance.
func closest(word string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		d := editDistance(strings.ToLower(word), strings.ToLower(c))
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
