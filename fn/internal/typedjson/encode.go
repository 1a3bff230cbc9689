package typedjson

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// errHandOver marks what this package leaves to encoding/json.
var errHandOver = errors.New("typedjson: left to encoding/json")

// Marshal returns encoding/json.Marshal(v), byte for byte.
func Marshal(v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return []byte("null"), nil
	}
	e := encoders.Get().(*encoder)
	defer encoders.Put(e)
	e.buf = e.buf[:0]
	if err := e.value(rv, infoOf(rv.Type())); err != nil {
		return json.Marshal(v)
	}
	return bytes.Clone(e.buf), nil
}

// encoders keeps grown buffers between calls: the result is copied out at
// its size, so that a run's garbage is the output, not the growth.
var encoders = sync.Pool{New: func() any { return &encoder{buf: make([]byte, 0, 4096)} }}

type encoder struct {
	buf []byte
}

func (e *encoder) value(v reflect.Value, ti *typeInfo) error {
	switch ti.marshal {
	case byValue:
		if v.Kind() == reflect.Pointer && v.IsNil() || v.Kind() == reflect.Interface && v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		return e.marshaler(v.Interface().(json.Marshaler))
	case byAddr:
		if v.CanAddr() {
			return e.marshaler(v.Addr().Interface().(json.Marshaler))
		}
	case notSupported:
		return errHandOver
	case byteSliceKind:
		return e.bytes(v)
	}
	switch ti.kind {
	case reflect.Struct:
		return e.object(v, ti)
	case reflect.Pointer:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		return e.value(v.Elem(), ti.elem.get())
	case reflect.Interface:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		el := v.Elem()
		return e.value(el, infoOf(el.Type()))
	case reflect.Slice:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		return e.list(v, ti)
	case reflect.Array:
		return e.list(v, ti)
	case reflect.Map:
		return e.mapping(v, ti)
	}
	return e.scalar(v)
}

func (e *encoder) scalar(v reflect.Value) error {
	switch v.Kind() {
	case reflect.String:
		e.buf = appendString(e.buf, v.String())
	case reflect.Bool:
		e.buf = strconv.AppendBool(e.buf, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.buf = strconv.AppendInt(e.buf, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.buf = strconv.AppendUint(e.buf, v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return e.float(v.Float(), v.Type().Bits())
	default: // channels, functions, complex numbers: encoding/json's error
		return errHandOver
	}
	return nil
}

// float writes a number as encoding/json does: shortest form, exponent
// only below 1e-6 or from 1e21 on, and no leading zero in the exponent.
func (e *encoder) float(f float64, bits int) error {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return errHandOver
	}
	format := byte('f')
	if a := math.Abs(f); a != 0 {
		if bits == 64 && (a < 1e-6 || a >= 1e21) || bits == 32 && (float32(a) < 1e-6 || float32(a) >= 1e21) {
			format = 'e'
		}
	}
	start := len(e.buf)
	e.buf = strconv.AppendFloat(e.buf, f, format, -1, bits)
	if format == 'e' {
		if n := len(e.buf); n-start >= 4 && e.buf[n-4] == 'e' && e.buf[n-3] == '-' && e.buf[n-2] == '0' {
			e.buf[n-2] = e.buf[n-1]
			e.buf = e.buf[:n-1]
		}
	}
	return nil
}

func (e *encoder) marshaler(m json.Marshaler) error {
	b, err := m.MarshalJSON()
	if err != nil {
		return err
	}
	if isCompactSafe(b) {
		e.buf = append(e.buf, b...)
		return nil
	}
	var c bytes.Buffer
	if err := json.Compact(&c, b); err != nil {
		return err
	}
	start := len(e.buf)
	e.buf = append(e.buf, c.Bytes()...)
	var h bytes.Buffer
	json.HTMLEscape(&h, e.buf[start:])
	e.buf = append(e.buf[:start], h.Bytes()...)
	return nil
}

// isCompactSafe reports whether a marshaler's output is a JSON string or
// number that encoding/json copies as it is (no space, nothing to escape),
// the case of every quantity, time and int-or-string.
func isCompactSafe(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	if b[0] == '"' {
		if len(b) < 2 || b[len(b)-1] != '"' {
			return false
		}
		for _, c := range b[1 : len(b)-1] {
			if c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return false
			}
		}
		return true
	}
	digits := b
	if digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) == 0 || digits[0] == '0' && len(digits) > 1 {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func (e *encoder) bytes(v reflect.Value) error {
	if v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	b := v.Bytes()
	e.buf = append(e.buf, '"')
	e.buf = base64.StdEncoding.AppendEncode(e.buf, b)
	e.buf = append(e.buf, '"')
	return nil
}

func (e *encoder) object(v reflect.Value, ti *typeInfo) error {
	e.buf = append(e.buf, '{')
	first := true
	for i := range ti.fields {
		f := &ti.fields[i]
		fv, ok := fieldValue(v, f.index)
		if !ok || f.omitEmpty && isEmpty(fv) || f.omitZero && f.isZero(fv) {
			continue
		}
		if f.quoted {
			return errHandOver
		}
		if !first {
			e.buf = append(e.buf, ',')
		}
		first = false
		e.buf = append(e.buf, f.key...)
		if err := e.value(fv, f.info.get()); err != nil {
			return err
		}
	}
	e.buf = append(e.buf, '}')
	return nil
}

// fieldValue follows an index path; false when it passes a nil embedded
// pointer (whose fields are then left out).
func fieldValue(v reflect.Value, index []int) (reflect.Value, bool) {
	for n, i := range index {
		if n > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return v, false
			}
			v = v.Elem()
		}
		v = v.Field(i)
	}
	return v, true
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

func (e *encoder) list(v reflect.Value, ti *typeInfo) error {
	e.buf = append(e.buf, '[')
	var el *typeInfo
	for i := range v.Len() {
		if i == 0 {
			el = ti.elem.get()
		} else {
			e.buf = append(e.buf, ',')
		}
		if err := e.value(v.Index(i), el); err != nil {
			return err
		}
	}
	e.buf = append(e.buf, ']')
	return nil
}

func (e *encoder) mapping(v reflect.Value, ti *typeInfo) error {
	if v.IsNil() {
		e.buf = append(e.buf, "null"...)
		return nil
	}
	if ti.typ.Key().Kind() != reflect.String {
		return errHandOver // integer and text-marshaled keys
	}
	type entry struct {
		key   string
		value reflect.Value
	}
	entries := make([]entry, 0, v.Len())
	for it := v.MapRange(); it.Next(); {
		entries = append(entries, entry{it.Key().String(), it.Value()})
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	el := ti.elem.get()
	e.buf = append(e.buf, '{')
	for i, en := range entries {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.buf = appendString(e.buf, en.key)
		e.buf = append(e.buf, ':')
		if err := e.value(en.value, el); err != nil {
			return err
		}
	}
	e.buf = append(e.buf, '}')
	return nil
}

const hexDigits = "0123456789abcdef"

// appendString writes a JSON string as encoding/json does, HTML-safe:
// <, > and & escaped, invalid UTF-8 as U+FFFD, U+2028 and U+2029 escaped.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
