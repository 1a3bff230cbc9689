package krm

import (
	"bytes"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/servicespec/servicespec/fn/yamlenc"
)

// scan checks, line by line, that an item's text is canonical — the block
// YAML the SDK's encoder writes and, parsed and encoded again, writes back
// byte for byte: two-space indentation, compact sequences, plain keys,
// scalars in the style the encoder would choose for them, literal blocks,
// comments where yaml.v3 keeps them. It reads the header on the way.
// lines are the item's lines (each with its "\n"); base is the column of
// its top-level keys (2 for an entry of a ResourceList's items, whose first
// line starts with "- ", 0 for a document). ok is false when the text is
// not canonical; the item is then parsed and encoded by the SDK.
func scan(lines [][]byte, base int) (h Header, ok bool) {
	for _, l := range lines {
		if !canonicalBytes(l) {
			return Header{}, false
		}
	}
	s := scanner{lines: lines, base: base, text: make([]string, len(lines))}
	all := textString(joinLines(lines))
	at := 0
	for i, l := range lines {
		s.text[i] = all[at : at+len(l)-1]
		at += len(l)
	}
	if !s.run() {
		return Header{}, false
	}
	return s.h, true
}

// textString views an item's text as a string without copying it: the
// header's strings are cut from it, and the text is never changed (a
// change makes a new text), so the view stays valid as long as the item.
func textString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

type scanner struct {
	lines [][]byte
	text  []string // the lines without their "\n"
	base  int
	i     int // the line being read
	stack []frame
	path  []string
	h     Header
	seen  map[string]bool // header fields read, to catch a key written twice
	// annotationKeys are the annotations read, to catch one written twice.
	annotationKeys map[string]bool
}

type frame struct {
	indent int
	key    string
	seq    bool
	open   bool // a key written without a value: its block follows
}

// line is the text of line i without its "\n"; the first line of an entry
// reads as if "- " were two spaces.
func (s *scanner) line(i int) string {
	if i >= len(s.lines) {
		return ""
	}
	if i == 0 && s.base == 2 {
		return "  " + s.text[0][2:]
	}
	return s.text[i]
}

func (s *scanner) run() bool {
	if len(s.lines) == 0 {
		return false
	}
	for s.i = 0; s.i < len(s.lines); s.i++ {
		if !s.step(s.line(s.i), s.line(s.i+1)) {
			return false
		}
	}
	return true
}

func (s *scanner) step(line, next string) bool {
	if line == "" || strings.HasSuffix(line, " ") {
		return false // a blank line outside a literal block, or trailing spaces
	}
	n := indentOf(line)
	if n%2 != 0 || n < s.base {
		return false
	}
	content := line[n:]
	switch {
	case strings.HasPrefix(content, "#"):
		return s.headComment(n)
	case strings.HasPrefix(content, "- "):
		return s.entry(n, content[2:], next)
	}
	return s.key(n, content, next)
}

// headComment: comment lines belong to the key or entry that follows them at
// the same indentation, as yaml.v3 writes head comments.
func (s *scanner) headComment(n int) bool {
	for j := s.i + 1; j < len(s.lines); j++ {
		next := s.line(j)
		if indentOf(next) != n || next == "" {
			return false
		}
		if !strings.HasPrefix(next[n:], "#") {
			return true
		}
	}
	return false
}

func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

// key handles "key: value" and "key:" at indent n.
func (s *scanner) key(n int, content, next string) bool {
	for len(s.stack) > 0 && s.stack[len(s.stack)-1].indent >= n {
		s.stack = s.stack[:len(s.stack)-1]
	}
	if len(s.stack) > 0 && s.stack[len(s.stack)-1].indent != n-2 || len(s.stack) == 0 && n != s.base {
		return false
	}
	if len(s.stack) > 0 {
		// The parent's block is a mapping now: a "- " at the parent's
		// indent can no longer start a compact sequence of it.
		s.stack[len(s.stack)-1].open = false
	}
	return s.mappingEntry(n, content, next)
}

// entry handles "- ..." at indent n: an entry of a compact sequence whose
// key sits at the same indent.
func (s *scanner) entry(n int, rest, next string) bool {
	for len(s.stack) > 0 && s.stack[len(s.stack)-1].indent > n {
		s.stack = s.stack[:len(s.stack)-1]
	}
	if len(s.stack) == 0 {
		return false
	}
	switch top := s.stack[len(s.stack)-1]; {
	case top.seq && top.indent == n:
	case !top.seq && top.indent == n && top.open:
		s.stack = append(s.stack, frame{indent: n, seq: true})
	default:
		return false
	}
	if strings.HasPrefix(rest, "- ") || strings.HasPrefix(rest, "#") || rest == "" {
		return false
	}
	if k, _, isKey := splitKey(rest); isKey && k != "" && !strings.ContainsAny(rest[:1], "{['\"") {
		return s.mappingEntry(n+2, rest, next)
	}
	s.setPath()
	return s.value(n, rest, next)
}

// mappingEntry checks "key: value" or "key:" whose key is at indent n.
func (s *scanner) mappingEntry(n int, content, next string) bool {
	k, v, ok := splitKey(content)
	if !ok || !plainKey(k) {
		return false
	}
	s.stack = append(s.stack, frame{indent: n, key: k, open: v == ""})
	s.setPath()
	if v == "" {
		// A nested block: deeper, or a compact sequence at the same indent
		// (head comments of its first entry in between are checked later).
		next = s.nextContent()
		m := indentOf(next)
		return next != "" && (m == n+2 || m == n && strings.HasPrefix(next[m:], "- "))
	}
	return s.value(n, v, next)
}

// nextContent is the first line after the current one that is not a
// comment line.
func (s *scanner) nextContent() string {
	for j := s.i + 1; j < len(s.lines); j++ {
		if l := s.line(j); !strings.HasPrefix(strings.TrimLeft(l, " "), "#") {
			return l
		}
	}
	return ""
}

// value checks a scalar (or {} / []) written after "key: " or "- ", whose
// key or dash is at column n, and records it when it is a header field.
func (s *scanner) value(n int, v, next string) bool {
	if strings.HasPrefix(v, "|") {
		return s.literal(n, v)
	}
	text, comment := splitComment(v)
	if text == "" {
		return false
	}
	if comment != "" && !strings.HasPrefix(comment, " # ") && comment != " #" {
		return false
	}
	if deeper(next, n) {
		return false // a line more indented than the key continues the scalar
	}
	if (text[0] == '{' || text[0] == '[') && text != "{}" && text != "[]" {
		return !s.atHeaderBlock() && canonicalFlow(text)
	}
	val, str, ok := canonicalScalar(text)
	if !ok {
		return false
	}
	return s.record(val, str)
}

// literal checks a literal block scalar: the value it holds, written again
// by the typed encoder at the block's indentation, must be its text.
func (s *scanner) literal(n int, indicator string) bool {
	if !validLiteralIndicator(indicator) {
		return false
	}
	indent := n + 2
	var value strings.Builder
	end := s.i + 1
	for ; end < len(s.lines); end++ {
		l := s.line(end)
		if l == "" {
			value.WriteByte('\n')
			continue
		}
		if indentOf(l) < indent {
			break
		}
		value.WriteString(l[indent:])
		value.WriteByte('\n')
	}
	v := value.String()
	trailingBlank := len(v) - len(strings.TrimRight(v, "\n"))
	if trailingBlank > 1 {
		return false // blank lines at the end: keep chomping, or lines of the next key
	}
	if strings.HasSuffix(indicator, "-") {
		v = strings.TrimSuffix(v, "\n")
	}
	if v == "" {
		return false
	}
	want, ok := yamlenc.AppendLiteral(nil, v, indent)
	if !ok || !yamlenc.WritesLiteral(v) {
		return false
	}
	headerEnd := bytes.IndexByte(want, '\n')
	if string(want[:headerEnd]) != indicator {
		return false
	}
	want = want[headerEnd+1:]
	var got []byte
	for j := s.i + 1; j < end; j++ {
		got = append(got, s.lines[j]...)
	}
	if !bytes.Equal(got, want) {
		return false
	}
	s.i = end - 1
	return s.record(v, true)
}

func validLiteralIndicator(ind string) bool {
	switch ind {
	case "|", "|-", "|2", "|2-":
		return true
	}
	return false
}

// deeper: a line more indented than a scalar's key continues the scalar,
// which yaml.v3 would fold into one line.
func deeper(next string, n int) bool { return next != "" && indentOf(next) > n }

// record stores a header field read at the current path. A field written
// twice makes the item not canonical: which one a parser keeps is its
// business.
func (s *scanner) record(v string, isString bool) bool {
	p := s.path
	if len(p) == 3 && p[0] == "metadata" && p[1] == "annotations" {
		return s.recordAnnotation(p[2], v, isString)
	}
	target := s.headerField(p)
	if target == nil {
		return true
	}
	if !isString || *target != "" || s.seen[p[len(p)-1]] {
		return false
	}
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	s.seen[p[len(p)-1]] = true
	*target = v
	return true
}

// headerField is where an identity field at path p goes; nil for others.
func (s *scanner) headerField(p []string) *string {
	switch {
	case len(p) == 1 && p[0] == "apiVersion":
		return &s.h.APIVersion
	case len(p) == 1 && p[0] == "kind":
		return &s.h.Kind
	case len(p) == 2 && p[0] == "metadata" && p[1] == "name":
		return &s.h.Name
	case len(p) == 2 && p[0] == "metadata" && p[1] == "namespace":
		return &s.h.Namespace
	}
	return nil
}

func (s *scanner) recordAnnotation(key, v string, isString bool) bool {
	if !isString {
		return false // the SDK reads such an annotation as absent; let it parse
	}
	if s.annotationKeys == nil {
		s.annotationKeys = map[string]bool{}
	}
	if s.annotationKeys[key] {
		return false
	}
	s.annotationKeys[key] = true
	s.h.Annotations = append(s.h.Annotations, Annotation{key, v})
	if key == LocalConfigAnnotation {
		raw, _ := splitComment(s.rawValue())
		s.h.LocalConfigExact = v == "true" && (raw == `"true"` || raw == "'true'")
	}
	return true
}

// atHeaderBlock: the current key holds header fields (metadata, its
// annotations), which the scanner reads only in block style.
func (s *scanner) atHeaderBlock() bool {
	p := s.path
	return len(p) == 1 && p[0] == "metadata" || len(p) == 2 && p[0] == "metadata" && p[1] == "annotations"
}

// rawValue is the text after "key: " on the current line.
func (s *scanner) rawValue() string {
	_, v, _ := strings.Cut(s.line(s.i), ": ")
	return v
}

func (s *scanner) setPath() {
	s.path = s.path[:0]
	for _, f := range s.stack {
		if !f.seq {
			s.path = append(s.path, f.key)
		}
	}
}

// splitKey cuts "key: value" or "key:".
func splitKey(s string) (key, value string, ok bool) {
	if k, v, found := strings.Cut(s, ": "); found {
		return k, v, true
	}
	if strings.HasSuffix(s, ":") && !strings.Contains(s, " ") {
		return s[:len(s)-1], "", true
	}
	return "", "", false
}

// plainKey: a key the encoder writes plain and a parser reads back as the
// same string.
func plainKey(k string) bool {
	if k == "" || len(k) > 128 || k[0] == '-' || k[0] == '.' {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != '_' && c != '.' && c != '/' && c != '-' {
			return false
		}
	}
	return yamlenc.PlainIsString(k)
}

// splitComment separates a scalar from a " # comment" after it.
func splitComment(v string) (text, comment string) {
	if v == "" {
		return v, ""
	}
	switch v[0] {
	case '\'', '"':
		end := closingQuote(v)
		if end < 0 {
			return v, ""
		}
		return v[:end+1], v[end+1:]
	}
	if i := strings.Index(v, " #"); i >= 0 {
		return v[:i], v[i:]
	}
	return v, ""
}

// closingQuote finds the quote that closes the quoted scalar v.
func closingQuote(v string) int {
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return i
		}
	}
	return -1
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

// canonicalBytes accepts the characters yaml.v3 writes as they are and
// reads back as the same characters: printable ASCII, and printable
// UTF-8 of two or three bytes other than the byte order mark and the
// line and paragraph separators (which YAML 1.1 readers take as line
// breaks, even in comments).
func canonicalBytes(l []byte) bool {
	for i := 0; i < len(l); {
		c := l[i]
		if c >= 0x20 && c <= 0x7E || c == '\n' && i == len(l)-1 {
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
