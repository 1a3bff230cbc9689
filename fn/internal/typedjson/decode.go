package typedjson

import (
	"encoding/json"
	"math"
	"reflect"
	"strconv"
)

// FromValue returns a new T filled from JSON-like data (objects as
// map[string]any, lists as []any, numbers as int64, uint64, float64 or
// json.Number), as json.Unmarshal of the data's JSON text fills it.
func FromValue[T any](data any) (*T, error) {
	out := new(T)
	if err := fill(reflect.ValueOf(out).Elem(), infoOf(reflect.TypeFor[T]()), data); err == nil {
		return out, nil
	}
	text, err := json.Marshal(data)
	if err != nil {
		return nil, err
	}
	out = new(T)
	if err := json.Unmarshal(text, out); err != nil {
		return nil, err
	}
	return out, nil
}

// fill sets v, a zero value, from data; errHandOver for anything whose
// reading it leaves to encoding/json (the caller then starts again there).
func fill(v reflect.Value, ti *typeInfo, data any) error {
	if ti.unmarshal || ti.text {
		return fillCustom(v, ti, data)
	}
	if data == nil {
		return nil // null leaves a zero value as it is
	}
	switch ti.kind {
	case reflect.Pointer:
		p := reflect.New(ti.typ.Elem())
		if err := fill(p.Elem(), ti.elem.get(), data); err != nil {
			return err
		}
		v.Set(p)
		return nil
	case reflect.Struct:
		return fillObject(v, ti, data)
	case reflect.Map:
		return fillMap(v, ti, data)
	case reflect.Slice:
		return fillList(v, ti, data)
	case reflect.String:
		s, ok := data.(string)
		if !ok {
			return errHandOver
		}
		v.SetString(s)
		return nil
	case reflect.Bool:
		b, ok := data.(bool)
		if !ok {
			return errHandOver
		}
		v.SetBool(b)
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return fillInt(v, data)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return fillUint(v, data)
	case reflect.Float64:
		return fillFloat(v, data)
	}
	return errHandOver // interfaces, arrays, float32...
}

// fillCustom gives a type with its own decoding (a quantity, an
// int-or-string, a time) the JSON text of its data.
func fillCustom(v reflect.Value, ti *typeInfo, data any) error {
	if data == nil || ti.text {
		return errHandOver
	}
	text, err := json.Marshal(data)
	if err != nil {
		return errHandOver
	}
	if v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(text) != nil {
		return errHandOver
	}
	return nil
}

func fillObject(v reflect.Value, ti *typeInfo, data any) error {
	m, ok := data.(map[string]any)
	if !ok {
		return errHandOver
	}
	for k, d := range m {
		i := ti.fieldIndex(k)
		if i < 0 || ti.fields[i].quoted {
			return errHandOver // case-insensitive matches, unknown fields, ",string"
		}
		f := &ti.fields[i]
		fv, ok := settableField(v, f.index)
		if !ok {
			return errHandOver
		}
		if err := fill(fv, f.info.get(), d); err != nil {
			return err
		}
	}
	return nil
}

// settableField follows an index path, making the embedded pointers it
// passes.
func settableField(v reflect.Value, index []int) (reflect.Value, bool) {
	for n, i := range index {
		if n > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				if !v.CanSet() {
					return v, false
				}
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(i)
	}
	return v, v.CanSet()
}

func fillMap(v reflect.Value, ti *typeInfo, data any) error {
	m, ok := data.(map[string]any)
	kt := ti.typ.Key()
	if !ok || kt.Kind() != reflect.String || reflect.PointerTo(kt).Implements(textUnmarshalerType) {
		return errHandOver
	}
	if ti.typ == stringMapType {
		return fillStringMap(v, m)
	}
	out := reflect.MakeMapWithSize(ti.typ, len(m))
	el := ti.elem.get()
	for k, d := range m {
		e := reflect.New(ti.typ.Elem()).Elem()
		if err := fill(e, el, d); err != nil {
			return err
		}
		out.SetMapIndex(reflect.ValueOf(k).Convert(kt), e)
	}
	v.Set(out)
	return nil
}

var stringMapType = reflect.TypeFor[map[string]string]()

// fillStringMap fills a map[string]string (labels, annotations, selectors:
// the most common map) without a reflect call per entry.
func fillStringMap(v reflect.Value, m map[string]any) error {
	out := make(map[string]string, len(m))
	for k, d := range m {
		switch s := d.(type) {
		case string:
			out[k] = s
		case nil:
			out[k] = ""
		default:
			return errHandOver
		}
	}
	v.Set(reflect.ValueOf(out))
	return nil
}

func fillList(v reflect.Value, ti *typeInfo, data any) error {
	l, ok := data.([]any)
	if !ok {
		return errHandOver // a []byte's base64 text among them
	}
	out := reflect.MakeSlice(ti.typ, len(l), len(l))
	el := ti.elem.get()
	for i, d := range l {
		if err := fill(out.Index(i), el, d); err != nil {
			return err
		}
	}
	v.Set(out)
	return nil
}

// numberText is a number's JSON text as json.Marshal writes it; false
// for what is not a number or is written with an exponent (1e21 and over,
// which no integer field takes and float fields leave to encoding/json).
// Parsing that text is what json.Unmarshal does, overflow errors included.
func numberText(data any) (string, bool) {
	switch d := data.(type) {
	case int64:
		return strconv.FormatInt(d, 10), true
	case int:
		return strconv.Itoa(d), true
	case uint64:
		return strconv.FormatUint(d, 10), true
	case float64:
		if a := math.Abs(d); a >= 1e21 || a != 0 && a < 1e-6 || math.IsNaN(d) {
			return "", false
		}
		return strconv.FormatFloat(d, 'f', -1, 64), true
	case json.Number:
		return string(d), true
	}
	return "", false
}

func fillInt(v reflect.Value, data any) error {
	text, ok := numberText(data)
	if !ok {
		return errHandOver
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil || v.OverflowInt(n) {
		return errHandOver
	}
	v.SetInt(n)
	return nil
}

func fillUint(v reflect.Value, data any) error {
	text, ok := numberText(data)
	if !ok {
		return errHandOver
	}
	n, err := strconv.ParseUint(text, 10, 64)
	if err != nil || v.OverflowUint(n) {
		return errHandOver
	}
	v.SetUint(n)
	return nil
}

func fillFloat(v reflect.Value, data any) error {
	text, ok := numberText(data)
	if !ok {
		return errHandOver
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return errHandOver
	}
	v.SetFloat(f)
	return nil
}
