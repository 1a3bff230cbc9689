package yamlenc

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// scalarStyle is how a scalar is written.
type scalarStyle uint8

const (
	plainStyle scalarStyle = iota
	singleQuotedStyle
	doubleQuotedStyle
	literalStyle
)

// scalarFacts is what yaml.v3's emitter learns about a string before it
// picks a style (yaml_emitter_analyze_scalar), for block context.
type scalarFacts struct {
	multiline           bool
	flowPlainAllowed    bool
	blockPlainAllowed   bool
	singleQuotedAllowed bool
	blockAllowed        bool
}

// analyze reproduces the emitter's analysis of a scalar in block context
// and inside flow collections.
func analyze(s string) scalarFacts {
	if s == "" {
		return scalarFacts{blockPlainAllowed: true, singleQuotedAllowed: true}
	}
	var a analysis
	if strings.HasPrefix(s, "---") || strings.HasPrefix(s, "...") {
		a.blockIndicators, a.flowIndicators = true, true
	}
	precededByWhitespace := true
	for i := 0; i < len(s); {
		w := charWidth(s[i])
		followedByWhitespace := i+w >= len(s) || s[i+w] == ' ' || s[i+w] == '\t'
		a.indicator(s[i], i == 0, precededByWhitespace, followedByWhitespace)
		a.character(s, i, w)
		c := s[i]
		precededByWhitespace = c == ' ' || c == '\t' || c == 0 || isBreak(s, i)
		i += w
	}
	return a.facts()
}

// analysis is what the scan of a scalar found.
type analysis struct {
	flowIndicators, blockIndicators, lineBreaks, special, tabs bool
	leadingSpace, leadingBreak, trailingSpace, trailingBreak   bool
	breakSpace, spaceBreak, previousSpace, previousBreak       bool
}

// indicator notes characters that make a plain scalar read as something
// else, first and elsewhere.
func (a *analysis) indicator(c byte, first, precededByWhitespace, followedByWhitespace bool) {
	switch {
	case first && strings.IndexByte("#,[]{}&*!|>'\"%@`", c) >= 0:
		a.blockIndicators, a.flowIndicators = true, true
	case first && (c == '?' || c == ':'):
		a.flowIndicators = true
		a.blockIndicators = a.blockIndicators || followedByWhitespace
	case first && c == '-':
		if followedByWhitespace {
			a.blockIndicators, a.flowIndicators = true, true
		}
	case first:
	case strings.IndexByte(",?[]{}", c) >= 0:
		a.flowIndicators = true
	case c == ':':
		a.flowIndicators = true
		a.blockIndicators = a.blockIndicators || followedByWhitespace
	case c == '#' && precededByWhitespace:
		a.blockIndicators, a.flowIndicators = true, true
	}
}

// character notes tabs, characters that need escapes, and where spaces
// and line breaks are.
func (a *analysis) character(s string, i, w int) {
	c := s[i]
	if c == '\t' {
		a.tabs = true
	} else if !printable(s, i) {
		a.special = true
	}
	switch {
	case c == ' ':
		a.leadingSpace = a.leadingSpace || i == 0
		a.trailingSpace = i+1 == len(s)
		a.breakSpace = a.breakSpace || a.previousBreak
		a.previousSpace, a.previousBreak = true, false
	case isBreak(s, i):
		a.lineBreaks = true
		a.leadingBreak = a.leadingBreak || i == 0
		a.trailingBreak = i+w == len(s)
		a.spaceBreak = a.spaceBreak || a.previousSpace
		a.previousSpace, a.previousBreak = false, true
	default:
		a.previousSpace, a.previousBreak = false, false
	}
}

func (a *analysis) facts() scalarFacts {
	edges := a.leadingSpace || a.leadingBreak || a.trailingSpace || a.trailingBreak
	mixed := a.breakSpace || a.spaceBreak
	noPlain := edges || mixed || a.tabs || a.special || a.lineBreaks
	return scalarFacts{
		multiline:           a.lineBreaks,
		flowPlainAllowed:    !noPlain && !a.flowIndicators,
		blockPlainAllowed:   !noPlain && !a.blockIndicators,
		singleQuotedAllowed: !mixed && !a.tabs && !a.special,
		blockAllowed:        !a.trailingSpace && !a.spaceBreak && !a.special,
	}
}

// simplePlain is the common case the emitter's analysis always allows as
// a plain scalar: a letter or digit, then letters, digits and "-._/".
func simplePlain(s string) bool {
	if s == "" || !isAlnum(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !isAlnum(c) && c != '-' && c != '.' && c != '_' && c != '/' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// charWidth is the length of the UTF-8 sequence starting with b.
func charWidth(b byte) int {
	switch {
	case b&0x80 == 0:
		return 1
	case b&0xE0 == 0xC0:
		return 2
	case b&0xF0 == 0xE0:
		return 3
	case b&0xF8 == 0xF0:
		return 4
	}
	return 1
}

// byteAt is s[i], or 0 past the end (the emitter reads one byte ahead).
func byteAt(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

// printable is yaml.v3's is_printable: the characters it writes as they
// are. Four-byte sequences (emoji and the like) are not among them.
func printable(s string, i int) bool {
	b, b1, b2 := s[i], byteAt(s, i+1), byteAt(s, i+2)
	return b == '\n' || b >= 0x20 && b <= 0x7E ||
		b == 0xC2 && b1 >= 0xA0 ||
		b > 0xC2 && b < 0xED ||
		b == 0xED && b1 < 0xA0 ||
		b == 0xEE ||
		b == 0xEF && (b1 != 0xBB || b2 != 0xBF) && (b1 != 0xBF || b2 != 0xBE && b2 != 0xBF)
}

// isBreak is yaml.v3's is_break: CR, LF, NEL, LS and PS.
func isBreak(s string, i int) bool {
	b, b1, b2 := s[i], byteAt(s, i+1), byteAt(s, i+2)
	return b == '\r' || b == '\n' || b == 0xC2 && b1 == 0x85 || b == 0xE2 && b1 == 0x80 && (b2 == 0xA8 || b2 == 0xA9)
}

// hasLineSeparator reports U+2028 or U+2029, which the emitter writes inside
// quoted and block scalars in ways this package does not reproduce.
func hasLineSeparator(s string) bool {
	return strings.Contains(s, "\u2028") || strings.Contains(s, "\u2029")
}

// PlainIsString reports whether yaml.v3 reads the plain scalar s back as
// a string (its resolver, YAML 1.2 core schema with its own additions).
// When it does not ("true", "12", "1.5", "null", "", "2024-01-02"...), the
// encoder double-quotes a string with that value.
func PlainIsString(s string) bool { return PlainTag(s) == "!!str" }

// PlainTag is the tag yaml.v3's resolver gives the plain scalar s: !!null,
// !!bool, !!int, !!float, !!timestamp or !!str.
func PlainTag(s string) string {
	switch s {
	case "", "~", "null", "Null", "NULL":
		return "!!null"
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return "!!float"
	}
	switch c := s[0]; {
	case c == '.':
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return "!!float"
		}
	case c == '+' || c == '-' || c >= '0' && c <= '9':
		return numberTag(s)
	}
	return "!!str"
}

// numberTag is the resolver's tag for plain scalars starting with a sign
// or a digit.
func numberTag(s string) string {
	if isTimestamp(s) {
		return "!!timestamp"
	}
	if _, ok := ParseInt(s); ok {
		return "!!int"
	}
	plain := strings.ReplaceAll(s, "_", "")
	if isYAMLFloat(plain) {
		if _, err := strconv.ParseFloat(plain, 64); err == nil {
			return "!!float"
		}
	}
	return "!!str"
}

// ParseInt reads a plain scalar as the resolver reads an integer:
// underscores ignored, 0x, 0o and 0b prefixes and a leading 0 for octal,
// a sign; int64, or uint64 when only that holds it. (yaml.v3 also tries
// the 0b and 0o forms by hand; Go's base 0 already reads them, signed or
// not.)
func ParseInt(s string) (any, bool) {
	plain := strings.ReplaceAll(s, "_", "")
	if i, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return i, true
	}
	if u, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return u, true
	}
	return nil, false
}

// isYAMLFloat matches ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$.
func isYAMLFloat(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	} else {
		if digits() == 0 {
			return false
		}
		if i < len(s) && s[i] == '.' {
			i++
			digits()
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

var timestampFormats = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

// isTimestamp is the resolver's timestamp test: four digits, a dash, then
// one of the layouts it accepts.
func isTimestamp(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, f := range timestampFormats {
		if _, err := time.Parse(f, s); err == nil {
			return true
		}
	}
	return false
}

// chooseStyle picks the style yaml.v3 writes a string in: what its encoder
// asks for (literal for text with a newline, double quotes when a plain
// scalar would not read back as a string, or when quote asks for them), then
// what its emitter allows. key marks a mapping key (a "simple key").
func chooseStyle(s string, key, forceDouble bool) scalarStyle {
	if forceDouble {
		return doubleQuotedStyle
	}
	if simplePlain(s) {
		if !PlainIsString(s) {
			return doubleQuotedStyle
		}
		return plainStyle
	}
	f := analyze(s)
	style := plainStyle
	switch {
	case forceDouble:
		return doubleQuotedStyle
	case strings.Contains(s, "\n"):
		style = literalStyle
	case !PlainIsString(s):
		return doubleQuotedStyle
	}
	if key && f.multiline {
		return doubleQuotedStyle
	}
	if style == plainStyle && !f.blockPlainAllowed {
		style = singleQuotedStyle
	}
	if style == singleQuotedStyle && !f.singleQuotedAllowed {
		style = doubleQuotedStyle
	}
	if style == literalStyle && (!f.blockAllowed || key) {
		style = doubleQuotedStyle
	}
	return style
}

// appendDoubleQuoted writes s as yaml.v3 writes a double-quoted scalar
// (no line folding: kyaml's encoder has no line width).
func appendDoubleQuoted(out []byte, s string) []byte {
	out = append(out, '"')
	bom := strings.HasPrefix(s, "\uFEFF") // the emitter then escapes every character
	for i := 0; i < len(s); {
		w := charWidth(s[i])
		if i+w > len(s) {
			w = len(s) - i
		}
		c := s[i]
		if !bom && printable(s, i) && !isBreak(s, i) && c != '"' && c != '\\' {
			out = append(out, s[i:i+w]...)
			i += w
			continue
		}
		r := decodeRune(s[i : i+w])
		i += w
		out = appendEscape(out, r)
	}
	return append(out, '"')
}

func decodeRune(b string) rune {
	if len(b) == 1 {
		return rune(b[0])
	}
	r := rune(b[0]) & (0x7F >> len(b))
	for k := 1; k < len(b); k++ {
		r = r<<6 | rune(b[k])&0x3F
	}
	return r
}

var namedEscapes = map[rune]byte{
	0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0A: 'n', 0x0B: 'v', 0x0C: 'f', 0x0D: 'r', 0x1B: 'e',
	'"': '"', '\\': '\\', 0x85: 'N', 0xA0: '_', 0x2028: 'L', 0x2029: 'P',
}

func appendEscape(out []byte, r rune) []byte {
	out = append(out, '\\')
	if c, ok := namedEscapes[r]; ok {
		return append(out, c)
	}
	digits := 8
	switch {
	case r <= 0xFF:
		out, digits = append(out, 'x'), 2
	case r <= 0xFFFF:
		out, digits = append(out, 'u'), 4
	default:
		out = append(out, 'U')
	}
	for k := (digits - 1) * 4; k >= 0; k -= 4 {
		out = append(out, "0123456789ABCDEF"[(r>>uint(k))&0x0F])
	}
	return out
}

// appendSingleQuoted writes s in single quotes, doubling the quotes inside.
// It is only chosen for text without line breaks.
func appendSingleQuoted(out []byte, s string) []byte {
	out = append(out, '\'')
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			out = append(out, '\'')
		}
		out = append(out, s[i])
	}
	return append(out, '\'')
}

// appendLiteral writes s as a literal block scalar whose lines are indented
// to indent: the "|" indicator, an indentation hint when the text starts
// with a space or a newline, and "-" when it does not end with one. It
// returns false for text ending in two newlines (keep chomping, which makes
// the emitter close the document with "..."): the caller falls back.
func appendLiteral(out []byte, s string, indent int) ([]byte, bool) {
	out = append(out, '|')
	if s[0] == ' ' || isBreak(s, 0) {
		out = append(out, '2')
	}
	switch {
	case !strings.HasSuffix(s, "\n"):
		out = append(out, '-')
	case len(s) == 1 || s[len(s)-2] == '\n':
		return out, false
	}
	out = append(out, '\n')
	atLineStart := true
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, '\n')
			atLineStart = true
			continue
		}
		if atLineStart {
			out = appendSpaces(out, indent)
			atLineStart = false
		}
		out = append(out, s[i])
	}
	if !atLineStart {
		out = append(out, '\n')
	}
	return out, true
}

func appendSpaces(out []byte, n int) []byte {
	for range n {
		out = append(out, ' ')
	}
	return out
}

// WritesPlain reports whether the encoder writes a plain one-line scalar
// read from the text s back as s (its style is allowed for the value).
func WritesPlain(s string) bool { return analyze(s).blockPlainAllowed }

// WritesFlowPlain reports whether the encoder writes a plain scalar inside
// a flow collection ({...} or [...]) read from the text s back as s.
func WritesFlowPlain(s string) bool { return s != "" && analyze(s).flowPlainAllowed }

// WritesSingleQuoted reports whether the encoder writes a single-quoted
// scalar holding s in single quotes again.
func WritesSingleQuoted(s string) bool {
	return analyze(s).singleQuotedAllowed && !hasLineSeparator(s)
}

// WritesLiteral reports whether the encoder writes a literal block scalar
// holding s as a literal block again.
func WritesLiteral(s string) bool { return s != "" && analyze(s).blockAllowed && !hasLineSeparator(s) }

// AppendDoubleQuoted writes s as yaml.v3 writes a double-quoted scalar.
func AppendDoubleQuoted(out []byte, s string) []byte { return appendDoubleQuoted(out, s) }

// AppendLiteral writes s as a literal block whose lines are indented to
// indent; false when yaml.v3 would use keep chomping ("|+").
func AppendLiteral(out []byte, s string, indent int) ([]byte, bool) {
	return appendLiteral(out, s, indent)
}

// AppendValue writes a string value of a block mapping on one line, in
// the style yaml.v3 picks for a new string node; false for text that
// needs a literal block.
func AppendValue(out []byte, s string) ([]byte, bool) {
	if hasLineSeparator(s) {
		return out, false
	}
	switch chooseStyle(s, false, false) {
	case literalStyle:
		return out, false
	case singleQuotedStyle:
		return appendSingleQuoted(out, s), true
	case doubleQuotedStyle:
		return appendDoubleQuoted(out, s), true
	}
	return append(out, s...), true
}

// QuotedAsGoString reports the strings yaml.v3 double-quotes when it
// encodes a Go string (on top of the ones its resolver would misread):
// YAML 1.1 booleans such as "yes" and "off", and base-60 numbers such as
// "1:20". The SDK writes results that way.
func QuotedAsGoString(s string) bool {
	switch s {
	case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF":
		return true
	}
	return isBase60Float(s)
}

var base60Float = regexp.MustCompile(`^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`)

// isBase60Float reports YAML 1.1's sexagesimal numbers ("1:20").
func isBase60Float(s string) bool {
	if s == "" || s[0] != '+' && s[0] != '-' && (s[0] < '0' || s[0] > '9') || !strings.Contains(s, ":") {
		return false
	}
	return base60Float.MatchString(s)
}
