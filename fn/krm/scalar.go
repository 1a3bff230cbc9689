package krm

import (
	"strings"
	"unicode/utf8"
	"unsafe"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/servicespec/servicespec/fn/yamlenc"
)

// The scalars of the canonical grammar (grammar.go): which one-line
// scalars and literal blocks the encoder writes as they are, and the data
// they hold.

// textString views an item's text as a string without copying it: the
// header's strings are cut from it, and the text is never changed (a
// change makes a new text), so the view stays valid as long as the item.
func textString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

func validLiteralIndicator(ind string) bool {
	switch ind {
	case "|", "|-", "|2", "|2-":
		return true
	}
	return false
}

// canonicalScalar decodes a one-line scalar and reports whether the SDK
// writes its value back as exactly this text. str reports a string value
// (quoted, or a plain scalar a parser reads as a string).
func canonicalScalar(text string) (value string, str, ok bool) {
	switch {
	case text == "{}" || text == "[]":
		return text, false, true
	case text == "":
		return "", false, false
	case text[0] == '\'':
		v, ok := decodeSingleQuoted(text)
		return v, true, ok && yamlenc.WritesSingleQuoted(v)
	case text[0] == '"':
		v, ok := decodeDoubleQuoted(text)
		return v, true, ok && string(yamlenc.AppendDoubleQuoted(nil, v)) == text
	}
	return text, yamlenc.PlainIsString(text), yamlenc.WritesPlain(text)
}

func decodeSingleQuoted(t string) (string, bool) {
	if len(t) < 2 || t[len(t)-1] != '\'' {
		return "", false
	}
	body := t[1 : len(t)-1]
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		if body[i] == '\'' {
			if i+1 >= len(body) || body[i+1] != '\'' {
				return "", false
			}
			i++
		}
		b.WriteByte(body[i])
	}
	return b.String(), true
}

// decodeDoubleQuoted decodes the escapes of a one-line double-quoted
// scalar; anything unusual is not canonical.
func decodeDoubleQuoted(t string) (string, bool) {
	if len(t) < 2 || t[len(t)-1] != '"' {
		return "", false
	}
	body := t[1 : len(t)-1]
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '"' {
			return "", false
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(body) {
			return "", false
		}
		if r, ok := simpleEscapes[body[i]]; ok {
			b.WriteRune(r)
			continue
		}
		width := map[byte]int{'x': 2, 'u': 4, 'U': 8}[body[i]]
		if width == 0 || i+width >= len(body) {
			return "", false
		}
		r, ok := hexRune(body[i+1 : i+1+width])
		if !ok {
			return "", false
		}
		b.WriteRune(r)
		i += width
	}
	return b.String(), true
}

var simpleEscapes = map[byte]rune{'0': 0, 'a': 7, 'b': 8, 't': 9, 'n': 10, 'v': 11, 'f': 12, 'r': 13, 'e': 0x1B,
	' ': ' ', '"': '"', '/': '/', '\\': '\\', 'N': 0x85, '_': 0xA0, 'L': 0x2028, 'P': 0x2029}

func hexRune(h string) (rune, bool) {
	var r rune
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, utf8.ValidRune(r)
}

// canonicalBytes accepts a text of lines holding the characters yaml.v3
// writes as they are and reads back as the same characters: printable
// ASCII, and printable UTF-8 of two or three bytes other than the byte
// order mark and the line and paragraph separators (which YAML 1.1
// readers take as line breaks, even in comments).
func canonicalBytes(l []byte) bool {
	for i := 0; i < len(l); {
		c := l[i]
		if c >= 0x20 && c <= 0x7E || c == '\n' {
			i++
			continue
		}
		r, w := utf8.DecodeRune(l[i:])
		if r == utf8.RuneError || w == 4 || w == 1 || r < 0xA0 || r == 0xFEFF || r == 0x2028 || r == 0x2029 || r >= 0xFFFE {
			return false
		}
		i += w
	}
	return true
}

// scalarData is the data of a one-line canonical scalar or flow collection.
func scalarData(text string) any {
	switch text[0] {
	case '{', '[':
		v, _, _ := parseFlow(text)
		return resolveFlow(v)
	case '\'', '"':
		v, _, _ := canonicalScalar(text)
		return v
	}
	return plainScalar(text)
}

// resolveFlow turns the scalars of a parsed flow collection into data.
func resolveFlow(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = resolveFlow(e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = resolveFlow(e)
		}
		return x
	case flowScalar:
		if x.plain {
			return plainScalar(x.value)
		}
		return x.value
	}
	return v
}

// plainScalar resolves a plain scalar as the YAML reader does: null,
// booleans, numbers, timestamps (as text), and strings.
func plainScalar(s string) any {
	if yamlenc.PlainIsString(s) {
		return s
	}
	v, err := scalarValue(&yaml.Node{Kind: yaml.ScalarNode, Tag: yamlenc.PlainTag(s), Value: s}, nil)
	if err != nil {
		return s
	}
	return v
}
