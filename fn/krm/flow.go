package krm

import (
	"strings"

	"github.com/servicespec/servicespec/fn/yamlenc"
)

// parseFlow reads a one-line flow collection ({...} or [...]) written
// exactly as yaml.v3 writes it: ", " between entries, ": " after keys,
// plain keys, and scalars in the style it picks for them inside a flow
// collection. It returns the collection's data (strings for scalars, with
// plain scalars still to resolve: see plainScalar) and the text after it;
// ok is false for any other spelling, which the SDK would rewrite.
func parseFlow(s string) (v any, rest string, ok bool) {
	return flowParser{build: true}.collection(s)
}

// flowParser reads flow collections; with build false it only checks them
// (the scanner's case), allocating nothing.
type flowParser struct{ build bool }

func (f flowParser) collection(s string) (any, string, bool) {
	switch {
	case strings.HasPrefix(s, "{}"):
		return f.emptyMapping(), s[2:], true
	case strings.HasPrefix(s, "[]"):
		return f.emptySequence(), s[2:], true
	case strings.HasPrefix(s, "{"):
		return f.mapping(s[1:])
	case strings.HasPrefix(s, "["):
		return f.sequence(s[1:])
	}
	return nil, "", false
}

func (f flowParser) emptyMapping() any {
	if f.build {
		return map[string]any{}
	}
	return nil
}

func (f flowParser) emptySequence() any {
	if f.build {
		return []any{}
	}
	return nil
}

func (f flowParser) mapping(s string) (any, string, bool) {
	var m map[string]any
	if f.build {
		m = map[string]any{}
	}
	var keys []string
	for {
		key, after, found := strings.Cut(s, ": ")
		if !found || !plainKey(key) || strings.ContainsAny(key, "{}[],") {
			return nil, "", false
		}
		for _, k := range keys {
			if k == key {
				return nil, "", false // a key written twice: the reader decides which wins
			}
		}
		keys = append(keys, key)
		v, rest, ok := f.value(after)
		if !ok {
			return nil, "", false
		}
		if f.build {
			m[key] = v
		}
		switch {
		case strings.HasPrefix(rest, ", "):
			s = rest[2:]
		case strings.HasPrefix(rest, "}"):
			return m, rest[1:], true
		default:
			return nil, "", false
		}
	}
}

func (f flowParser) sequence(s string) (any, string, bool) {
	var l []any
	for {
		v, rest, ok := f.value(s)
		if !ok {
			return nil, "", false
		}
		if f.build {
			l = append(l, v)
		}
		switch {
		case strings.HasPrefix(rest, ", "):
			s = rest[2:]
		case strings.HasPrefix(rest, "]"):
			return l, rest[1:], true
		default:
			return nil, "", false
		}
	}
}

// flowScalar is a scalar read inside a flow collection: its value, and
// whether it was plain (to be resolved) or quoted (a string).
type flowScalar struct {
	value string
	plain bool
}

func (f flowParser) value(s string) (any, string, bool) {
	if s == "" {
		return nil, "", false
	}
	switch s[0] {
	case '{', '[':
		return f.collection(s)
	case '\'', '"':
		end := closingQuote(s)
		if end < 0 {
			return nil, "", false
		}
		v, _, ok := canonicalScalar(s[:end+1])
		if !f.build {
			return nil, s[end+1:], ok
		}
		return flowScalar{value: v}, s[end+1:], ok
	}
	end := strings.IndexAny(s, ",]}")
	if end < 0 {
		return nil, "", false
	}
	tok := s[:end]
	if !f.build {
		return nil, s[end:], yamlenc.WritesFlowPlain(tok)
	}
	return flowScalar{value: tok, plain: true}, s[end:], yamlenc.WritesFlowPlain(tok)
}

// canonicalFlow checks that text is one flow collection and nothing after.
func canonicalFlow(text string) bool {
	_, rest, ok := flowParser{}.collection(text)
	return ok && rest == ""
}
