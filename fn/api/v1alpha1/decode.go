package v1alpha1

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/servicespec/servicespec/fn/internal/typedjson"
)

// Decode strictly decodes the JSON form of a ServiceSpec (see DecodeValue).
func Decode(data []byte) (*ServiceSpec, field.ErrorList) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, field.ErrorList{&field.Error{Type: field.ErrorTypeInvalid, Field: rootPath, BadValue: field.OmitValueType{}, Detail: "not valid JSON: " + err.Error()}}
	}
	return DecodeValue(v)
}

// rootPath names the document itself when it is not an object at all.
const rootPath = "<root>"

// DecodeValue decodes a ServiceSpec from JSON-like data (objects as
// map[string]any, numbers as json.Number, int64, uint64 or float64). Every
// unknown field is an error at its path, with the closest known field name
// as a hint, and every value of the wrong type is an error at its own
// path; the returned spec holds everything else, so that it can still be
// validated. It is nil only when the data is not an object at all. The data
// is read in one pass, whatever the number of errors.
func DecodeValue(v any) (*ServiceSpec, field.ErrorList) {
	return decodeValue[ServiceSpec](v, Kind)
}

// DecodeAppValue decodes an AppSpec from JSON-like data, as DecodeValue
// decodes a ServiceSpec.
func DecodeAppValue(v any) (*AppSpec, field.ErrorList) {
	return decodeValue[AppSpec](v, AppKind)
}

func decodeValue[T any](v any, kind string) (*T, field.ErrorList) {
	c := &checker{}
	if _, ok := v.(map[string]any); !ok {
		return nil, field.ErrorList{&field.Error{Type: field.ErrorTypeTypeInvalid, Field: rootPath, BadValue: field.OmitValueType{},
			Detail: "a " + kind + " must be an object, not " + jsonKind(v)}}
	}
	clean := c.check(v, reflect.TypeFor[T]())
	s, err := typedjson.FromValue[T](clean)
	if err != nil {
		return nil, append(c.errs, field.InternalError(nil, err))
	}
	return s, c.errs
}

// checker walks data along a Go type, reporting what does not fit and
// leaving it out. The path of the value being checked is a stack of
// segments, turned into a field.Path only for an error.
type checker struct {
	errs field.ErrorList
	path []segment
}

// segment is one step of a path: a field, a map key or a list index.
type segment struct {
	name  string
	index int // >= 0 for a list index
	key   bool
}

func (c *checker) push(s segment) { c.path = append(c.path, s) }
func (c *checker) pop()           { c.path = c.path[:len(c.path)-1] }

// fieldPath is the current path as apimachinery writes it.
func (c *checker) fieldPath() *field.Path {
	var p *field.Path
	for _, s := range c.path {
		switch {
		case s.index >= 0:
			p = p.Index(s.index)
		case s.key:
			p = p.Key(s.name)
		default:
			p = childOf(p, s.name)
		}
	}
	return p
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// check returns v without the values that do not fit t (nil for v itself).
func (c *checker) check(v any, t reflect.Type) any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if v == nil {
		return nil // null leaves a field unset, as encoding/json does
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		return c.custom(v, t)
	}
	switch t.Kind() {
	case reflect.Struct:
		return c.object(v, t)
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			return c.mismatch(v, "an object")
		}
		for k := range m {
			c.push(segment{name: k, index: -1, key: true})
			c.checkEntry(m, k, t.Elem())
			c.pop()
		}
		return m
	case reflect.Slice, reflect.Array:
		l, ok := v.([]any)
		if !ok {
			return c.mismatch(v, "a list")
		}
		for i, e := range l {
			c.push(segment{index: i})
			l[i] = c.check(e, t.Elem()) // a misfit becomes null, keeping the indexes
			c.pop()
		}
		return l
	case reflect.String:
		if _, ok := v.(string); !ok {
			return c.mismatch(v, "a string")
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			return c.mismatch(v, "a boolean")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return c.integer(v, t, math.MinInt64>>(64-t.Bits()), math.MaxInt64>>(64-t.Bits()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return c.integer(v, t, 0, int64(math.MaxInt64>>(64-min(t.Bits(), 63))))
	case reflect.Float32, reflect.Float64:
		if _, ok := number(v); !ok {
			return c.mismatch(v, "a number")
		}
	}
	return v
}

// checkEntry checks one entry of an object and deletes it when it does
// not fit.
func (c *checker) checkEntry(m map[string]any, k string, t reflect.Type) {
	e := m[k]
	if ce := c.check(e, t); ce == nil && e != nil {
		delete(m, k)
	} else {
		m[k] = ce
	}
}

// object checks the fields of a struct, by their JSON names.
func (c *checker) object(v any, t reflect.Type) any {
	m, ok := v.(map[string]any)
	if !ok {
		return c.mismatch(v, "an object")
	}
	for k := range m {
		c.push(segment{name: k, index: -1})
		if ft, known := typedjson.FieldType(t, k); known {
			c.checkEntry(m, k, ft)
		} else {
			detail := "unknown field"
			if hint := closest(k, jsonNames(t)); hint != "" {
				detail += fmt.Sprintf(" (did you mean %q?)", hint)
			}
			c.errs = append(c.errs, field.Forbidden(c.fieldPath(), detail))
			delete(m, k)
		}
		c.pop()
	}
	return m
}

// custom checks a value of a type with its own JSON decoding (an
// int-or-string, a quantity...) by decoding it.
func (c *checker) custom(v any, t reflect.Type) any {
	data, err := json.Marshal(v)
	if err == nil {
		err = reflect.New(t).Interface().(json.Unmarshaler).UnmarshalJSON(data)
	}
	if err == nil {
		return v
	}
	detail := err.Error()
	switch t {
	case reflect.TypeFor[intstr.IntOrString]():
		detail = "must be an integer or a string (such as 25%), not " + jsonKind(v)
	case reflect.TypeFor[resource.Quantity]():
		detail = "must be a quantity such as 500m, 1.5, 256Mi or 10Gi: " + detail
	}
	c.typeError(detail)
	return nil
}

func (c *checker) integer(v any, t reflect.Type, lo, hi int64) any {
	f, ok := number(v)
	if !ok {
		return c.mismatch(v, "an integer")
	}
	if f != math.Trunc(f) || f < float64(lo) || f > float64(hi) {
		c.typeError(fmt.Sprintf("must be an integer of type %s (from %d to %d), not %s", t.Kind(), lo, hi, strconv.FormatFloat(f, 'g', -1, 64)))
		return nil
	}
	return v
}

func (c *checker) mismatch(v any, want string) any {
	c.typeError(fmt.Sprintf("must be %s, not %s", want, jsonKind(v)))
	return nil
}

func (c *checker) typeError(detail string) {
	c.errs = append(c.errs, &field.Error{Type: field.ErrorTypeTypeInvalid, Field: pathString(c.fieldPath()), BadValue: field.OmitValueType{}, Detail: detail})
}

func pathString(p *field.Path) string {
	if p == nil {
		return rootPath
	}
	return p.String()
}

// number reads the numbers the decoders produce.
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	case int64:
		return float64(n), true
	case uint64:
		return float64(n), true
	case float64:
		return n, true
	case int:
		return float64(n), true
	}
	return 0, false
}

func jsonKind(v any) string {
	switch x := v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	case string:
		return "the string " + strconv.Quote(truncate(x, 40))
	case bool:
		return "the boolean " + strconv.FormatBool(x)
	case nil:
		return "null"
	}
	if f, ok := number(v); ok {
		return "the number " + strconv.FormatFloat(f, 'g', -1, 64)
	}
	return fmt.Sprintf("%T", v)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func childOf(p *field.Path, name string) *field.Path {
	if p == nil {
		return field.NewPath(name)
	}
	return p.Child(name)
}

func elemType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
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
	sort.Strings(names)
	return names
}

// closest returns the candidate within edit distance 2 (or equal ignoring
// case) of word, preferring the smallest distance.
func closest(word string, candidates []string) string {
	if len(word) > 64 {
		return "" // no field name is that long
	}
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
