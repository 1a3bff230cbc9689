package yamlenc

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// tokenKind is the kind of one JSON token.
type tokenKind uint8

const (
	tokObject tokenKind = iota + 1
	tokArray
	tokString
	tokNumber
	tokTrue
	tokFalse
	tokNull
)

// token is one JSON value. Containers record where their contents end, so
// that the emitter can look ahead (is this object empty once filtered?)
// without a tree.
type token struct {
	kind       tokenKind
	start, end int // the token's bytes in the input (for a container: its opening and closing delimiter)
	next       int // index of the token after this value (and all its contents)
	count      int // number of members (object: key/value pairs; array: elements)
}

// tokenize splits well-formed JSON (as encoding/json writes it) into a flat
// list of tokens in document order. An object's members follow it as key,
// value, key, value...; an array's elements follow it.
func tokenize(js []byte) ([]token, error) {
	return tokenizeInto(make([]token, 0, len(js)/8), js)
}

// tokenizeInto tokenizes js into toks[:0], reusing its array.
func tokenizeInto(toks []token, js []byte) ([]token, error) {
	t := tokenizer{in: js, toks: toks[:0]}
	if err := t.value(); err != nil {
		return nil, err
	}
	if t.skipSpace(); t.pos != len(js) {
		return nil, fmt.Errorf("yamlenc: trailing data at offset %d", t.pos)
	}
	return t.toks, nil
}

type tokenizer struct {
	in   []byte
	pos  int
	toks []token
}

var errSyntax = errors.New("yamlenc: malformed JSON")

func (t *tokenizer) skipSpace() {
	for t.pos < len(t.in) {
		switch t.in[t.pos] {
		case ' ', '\t', '\n', '\r':
			t.pos++
		default:
			return
		}
	}
}

func (t *tokenizer) value() error {
	t.skipSpace()
	if t.pos >= len(t.in) {
		return errSyntax
	}
	switch c := t.in[t.pos]; {
	case c == '{':
		return t.container(tokObject, '}')
	case c == '[':
		return t.container(tokArray, ']')
	case c == '"':
		return t.string()
	case c == 't':
		return t.literal("true", tokTrue)
	case c == 'f':
		return t.literal("false", tokFalse)
	case c == 'n':
		return t.literal("null", tokNull)
	case c == '-' || c >= '0' && c <= '9':
		return t.number()
	}
	return errSyntax
}

func (t *tokenizer) container(kind tokenKind, closing byte) error {
	i := len(t.toks)
	t.toks = append(t.toks, token{kind: kind, start: t.pos})
	t.pos++
	count := 0
	for {
		t.skipSpace()
		if t.pos >= len(t.in) {
			return errSyntax
		}
		if t.in[t.pos] == closing {
			t.pos++
			break
		}
		if count > 0 {
			if t.in[t.pos] != ',' {
				return errSyntax
			}
			t.pos++
		}
		if kind == tokObject {
			t.skipSpace()
			if t.pos >= len(t.in) || t.in[t.pos] != '"' {
				return errSyntax
			}
			if err := t.string(); err != nil {
				return err
			}
			t.skipSpace()
			if t.pos >= len(t.in) || t.in[t.pos] != ':' {
				return errSyntax
			}
			t.pos++
		}
		if err := t.value(); err != nil {
			return err
		}
		count++
	}
	t.toks[i].end, t.toks[i].next, t.toks[i].count = t.pos, len(t.toks), count
	return nil
}

func (t *tokenizer) string() error {
	start := t.pos
	t.pos++
	for t.pos < len(t.in) {
		switch t.in[t.pos] {
		case '\\':
			t.pos += 2
			continue
		case '"':
			t.pos++
			t.toks = append(t.toks, token{kind: tokString, start: start, end: t.pos, next: len(t.toks) + 1})
			return nil
		}
		t.pos++
	}
	return errSyntax
}

func (t *tokenizer) literal(word string, kind tokenKind) error {
	if len(t.in)-t.pos < len(word) || string(t.in[t.pos:t.pos+len(word)]) != word {
		return errSyntax
	}
	t.toks = append(t.toks, token{kind: kind, start: t.pos, end: t.pos + len(word), next: len(t.toks) + 1})
	t.pos += len(word)
	return nil
}

func (t *tokenizer) number() error {
	start := t.pos
	for t.pos < len(t.in) {
		c := t.in[t.pos]
		if c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || c >= '0' && c <= '9' {
			t.pos++
			continue
		}
		break
	}
	t.toks = append(t.toks, token{kind: tokNumber, start: start, end: t.pos, next: len(t.toks) + 1})
	return nil
}

// unquote decodes a JSON string token. Strings without escapes, the common
// case, are returned without copying the bytes twice.
func unquote(raw []byte) (string, error) {
	body := raw[1 : len(raw)-1]
	escaped := false
	for _, c := range body {
		if c == '\\' || c < ' ' {
			escaped = true
			break
		}
	}
	if !escaped {
		if !utf8.Valid(body) {
			return "", errSyntax
		}
		return string(body), nil
	}
	out := make([]byte, 0, len(body))
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		if i >= len(body) {
			return "", errSyntax
		}
		switch body[i] {
		case '"', '\\', '/':
			out = append(out, body[i])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, n, err := unicodeEscape(body[i-1:])
			if err != nil {
				return "", err
			}
			out = utf8.AppendRune(out, r)
			i += n - 2
		default:
			return "", errSyntax
		}
	}
	if !utf8.Valid(out) {
		return "", errSyntax
	}
	return string(out), nil
}

// unicodeEscape decodes \uXXXX (or a \uXXXX\uXXXX surrogate pair) at the
// start of s and returns the rune and the number of bytes it took.
func unicodeEscape(s []byte) (rune, int, error) {
	hex := func(b []byte) (rune, error) {
		if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
			return 0, errSyntax
		}
		v, err := strconv.ParseUint(string(b[2:6]), 16, 16)
		return rune(v), err
	}
	r, err := hex(s)
	if err != nil {
		return 0, 0, errSyntax
	}
	if !utf16.IsSurrogate(r) {
		return r, 6, nil
	}
	r2, err := hex(s[6:])
	if err != nil {
		return utf8.RuneError, 6, nil
	}
	if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
		return dec, 12, nil
	}
	return utf8.RuneError, 6, nil
}
