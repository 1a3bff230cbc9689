package krm

import (
	"strconv"
	"strings"

	"github.com/servicespec/servicespec/fn/yamlenc"
)

// The one parser of an item's block-level text, by the canonical grammar
// (grammar.go). It descends the text by indentation, one line at a time,
// and serves three purposes, by mode:
//
//   - check: whether the text is canonical, reading the header on the way
//     (on every item at read, so it allocates nothing but the header);
//   - build: the item's data, from text already checked (Item.Value);
//   - layout: where metadata, its annotations block and each annotation
//     are, from text already checked (editing an annotation as text,
//     comparing two items but for the orchestrator's annotations); it
//     stops once metadata ends.
type parseMode uint8

const (
	modeCheck parseMode = iota
	modeBuild
	modeLayout
)

// parser reads the lines of one item. An entry's first line ("- key: ...")
// reads as if "- " were two spaces, so that base is the column of the
// item's top-level keys in every line.
type parser struct {
	mode  parseMode
	lines []string // without their "\n"
	text  string   // the item's text, which lines are cut from
	base  int
	i     int // the line being read
	stop  bool

	h              Header
	seen           uint8           // header fields read (a bit per field)
	annotationKeys map[string]bool // annotations read, to catch one written twice

	layout     layout
	duplicates ValueErrors // keys written twice (build); the first value is kept
	// valueLine, when set (build), records the line (from 1) of every
	// value written on its key's or dash's line, by its path (Path.String).
	valueLine map[string]int
}

// layout is where an item's metadata and annotations are, as line spans.
type layout struct {
	metadata, annotations span
	// metadataBlock and annotationsBlock: written as blocks (not "{}").
	metadataBlock, annotationsBlock bool
	entries                         []annotationSpan
}

// span is the lines [from, to) of a key and its value; to is 0 when the
// key is absent.
type span struct{ from, to int }

type annotationSpan struct {
	key string
	span
}

// newParser cuts an item's text into lines. text must end in "\n".
func newParser(text []byte, base int, mode parseMode) *parser {
	p := &parser{mode: mode, text: textString(text), base: base}
	p.lines = make([]string, 0, strings.Count(p.text, "\n"))
	for rest := p.text; rest != ""; {
		i := strings.IndexByte(rest, '\n')
		p.lines = append(p.lines, rest[:i])
		rest = rest[i+1:]
	}
	if base == 2 && len(p.lines) > 0 && len(p.lines[0]) >= 2 {
		p.lines[0] = "  " + p.lines[0][2:]
	}
	return p
}

// scan checks an item's text and reads its header; false when the text is
// not canonical (the SDK then parses and encodes the item).
func scan(text []byte, base int) (Header, bool) {
	if !canonicalBytes(text) {
		return Header{}, false
	}
	p := newParser(text, base, modeCheck)
	if _, ok := p.item(); !ok {
		return Header{}, false
	}
	return p.h, true
}

// textValue builds the data of a canonical item from its text.
func textValue(text []byte, base int) (map[string]any, error) {
	p := newParser(text, base, modeBuild)
	m, _ := p.item()
	if len(p.duplicates) > 0 {
		return nil, p.duplicates
	}
	return m, nil
}

// ValueLines are, for a canonical item's text in block style (what
// servicespec writes), the line (from 1) of every value written on its
// key's or its dash's line (a scalar, an empty collection, a literal
// block's indicator), by its path as Path.String writes it; false when the
// text is not canonical or holds a flow collection, whose values share a
// line (the YAML parser reads those).
func ValueLines(text []byte) (map[string]int, bool) {
	if _, ok := scan(text, 0); !ok {
		return nil, false
	}
	p := newParser(text, 0, modeBuild)
	p.valueLine = map[string]int{}
	p.item()
	if p.valueLine == nil {
		return nil, false
	}
	return p.valueLine, true
}

// textLayout finds metadata and its annotations in a canonical item.
func textLayout(text []byte, base int) layout {
	p := newParser(text, base, modeLayout)
	p.item()
	return p.layout
}

func (p *parser) checking() bool { return p.mode == modeCheck }

// item reads the whole item: one mapping at base, and nothing after it.
func (p *parser) item() (map[string]any, bool) {
	if len(p.lines) == 0 {
		return nil, false
	}
	m, ok := p.mapping(p.base, "", ctxTop, nil)
	return m, ok && (p.stop || p.i == len(p.lines))
}

// context is where a mapping sits, for the header: the item's top level,
// metadata, its annotations, or anywhere else.
type context uint8

const (
	ctxOther context = iota
	ctxTop
	ctxMetadata
	ctxAnnotations
)

// headerField is the header field a key's value is, if any.
type headerField uint8

const (
	fieldNone headerField = iota
	fieldAPIVersion
	fieldKind
	fieldName
	fieldNamespace
	fieldAnnotation
)

// child is the context of the value of key k in c, and the header field
// that value is.
func (c context) child(k string) (context, headerField) {
	switch {
	case c == ctxTop && k == "metadata":
		return ctxMetadata, fieldNone
	case c == ctxTop && k == "apiVersion":
		return ctxOther, fieldAPIVersion
	case c == ctxTop && k == "kind":
		return ctxOther, fieldKind
	case c == ctxMetadata && k == "annotations":
		return ctxAnnotations, fieldNone
	case c == ctxMetadata && k == "name":
		return ctxOther, fieldName
	case c == ctxMetadata && k == "namespace":
		return ctxOther, fieldNamespace
	case c == ctxAnnotations:
		return ctxOther, fieldAnnotation
	}
	return ctxOther, fieldNone
}

// next is the line the parser is at, and whether there is one.
func (p *parser) next() (string, bool) {
	if p.i >= len(p.lines) {
		return "", false
	}
	return p.lines[p.i], true
}

// validLine: a line outside a literal block is not blank, has no trailing
// space, and is indented by an even number of columns, at least base.
func (p *parser) validLine(line string) bool {
	n := indentOf(line)
	return line != "" && line[len(line)-1] != ' ' && n%2 == 0 && n >= p.base
}

// comments reads the comment lines before a key or an entry: each at the
// column of the line that follows the comments (yaml.v3 writes head
// comments only; a comment with nothing after it is a foot comment).
func (p *parser) comments() bool {
	start := p.i
	for {
		line, ok := p.next()
		if !ok {
			return !p.checking() || start == p.i
		}
		if !isCommentLine(line) {
			if p.checking() {
				for j := start; j < p.i; j++ {
					if !p.validLine(p.lines[j]) || indentOf(p.lines[j]) != indentOf(line) {
						return false
					}
				}
			}
			return true
		}
		p.i++
	}
}

// mapping reads the keys at column indent; first, when set, is the first
// key's text on a "- " line.
func (p *parser) mapping(indent int, first string, ctx context, path Path) (map[string]any, bool) {
	var m map[string]any
	if p.mode == modeBuild {
		m = map[string]any{}
	}
	if first != "" && !p.key(m, indent, first, ctx, path) {
		return nil, false
	}
	for !p.stop {
		at := p.i
		if !p.comments() {
			return nil, false
		}
		line, ok := p.next()
		if !ok {
			break
		}
		n := indentOf(line)
		if n < indent || n == indent && isEntry(line[n:]) {
			p.i = at // the block ends; the comments are the next line's
			break
		}
		if n != indent || p.checking() && !p.validLine(line) {
			return nil, false // a line no key owns
		}
		if !p.key(m, indent, line[n:], ctx, path) {
			return nil, false
		}
	}
	return m, true
}

// key reads "key: value" or "key:" and its block, at column indent, into m.
func (p *parser) key(m map[string]any, indent int, content string, ctx context, path Path) bool {
	k, v, ok := splitKey(content)
	if !ok || p.checking() && !plainKey(k) {
		return false
	}
	start := p.i
	p.i++
	childCtx, f := ctx.child(k)
	kp := path
	if p.mode == modeBuild {
		kp = path.child(k)
	}
	var val any
	if v == "" {
		val, ok = p.block(indent, childCtx, kp)
	} else {
		p.noteLine(kp, start, v)
		val, ok = p.inline(indent, v, childCtx, f, k)
	}
	if !ok {
		return false
	}
	switch p.mode {
	case modeBuild:
		if _, dup := m[k]; dup {
			p.duplicates = append(p.duplicates, &ValueError{Path: kp, Key: k, Detail: "the key " + strconv.Quote(k) + " is written twice", Duplicate: true})
		} else {
			m[k] = val
		}
	case modeLayout:
		p.recordLayout(ctx, k, v == "", span{start, p.i})
	}
	return true
}

// noteLine records the line (an index of lines) the value v at path is
// on; a flow collection's values share its line, so that ValueLines gives
// up.
func (p *parser) noteLine(path Path, line int, v string) {
	if p.valueLine == nil {
		return
	}
	if text, _ := splitComment(v); text != "" && (text[0] == '{' || text[0] == '[') && text != "{}" && text != "[]" {
		p.valueLine = nil
		return
	}
	p.valueLine[path.String()] = line + 1
}

// recordLayout notes where metadata, its annotations and each annotation
// are; the layout is complete once metadata ends.
func (p *parser) recordLayout(ctx context, k string, isBlock bool, s span) {
	switch {
	case ctx == ctxTop && k == "metadata":
		p.layout.metadata, p.layout.metadataBlock = s, isBlock
		p.stop = true
	case ctx == ctxMetadata && k == "annotations":
		p.layout.annotations, p.layout.annotationsBlock = s, isBlock
	case ctx == ctxAnnotations:
		p.layout.entries = append(p.layout.entries, annotationSpan{k, s})
	}
}

// block reads the value of a key written without one: a compact sequence
// at the key's column, or a mapping two columns deeper.
func (p *parser) block(indent int, ctx context, path Path) (any, bool) {
	var next string
	for j := p.i; j < len(p.lines); j++ {
		if !isCommentLine(p.lines[j]) {
			next = p.lines[j]
			break
		}
	}
	n := indentOf(next)
	switch {
	case next == "":
	case n == indent && isEntry(next[n:]):
		return p.sequence(indent, path)
	case n == indent+2:
		return p.mapping(indent+2, "", ctx, path)
	}
	return nil, false
}

// sequence reads the "- " entries at column indent.
func (p *parser) sequence(indent int, path Path) (any, bool) {
	var l []any
	if p.mode == modeBuild {
		l = []any{}
	}
	for !p.stop {
		at := p.i
		if !p.comments() {
			return nil, false
		}
		line, ok := p.next()
		if !ok || indentOf(line) != indent || !isEntry(line[indent:]) {
			p.i = at // the comments are the next line's
			break
		}
		if p.checking() && !p.validLine(line) {
			return nil, false
		}
		rest := line[indent+2:]
		if rest == "" || strings.HasPrefix(rest, "- ") || strings.HasPrefix(rest, "#") {
			return nil, false
		}
		var ip Path
		if p.mode == modeBuild {
			ip = path.index(len(l))
		}
		var v any
		if keyOnDash(rest) {
			v, ok = p.mapping(indent+2, rest, ctxOther, ip)
		} else {
			p.noteLine(ip, p.i, rest)
			p.i++
			v, ok = p.inline(indent, rest, ctxOther, fieldNone, "")
		}
		if !ok {
			return nil, false
		}
		if p.mode == modeBuild {
			l = append(l, v)
		}
	}
	return l, true
}

// inline reads a value written on its key's (or dash's) line, at column
// indent: a literal block, a flow collection or a scalar, with an optional
// comment. f is the header field it is, under key k.
func (p *parser) inline(indent int, v string, ctx context, f headerField, k string) (any, bool) {
	if strings.HasPrefix(v, "|") {
		return p.literal(indent, v, f, k)
	}
	text, comment := splitComment(v)
	switch p.mode {
	case modeBuild:
		return scalarData(text), true
	case modeLayout:
		return nil, true
	}
	if text == "" || comment != "" && !strings.HasPrefix(comment, " # ") && comment != " #" {
		return nil, false
	}
	if next, ok := p.next(); ok && next != "" && indentOf(next) > indent {
		return nil, false // a deeper line continues the scalar, which yaml.v3 folds into one line
	}
	if (text[0] == '{' || text[0] == '[') && text != "{}" && text != "[]" {
		// metadata and its annotations are read in block style only
		return nil, ctx != ctxMetadata && ctx != ctxAnnotations && canonicalFlow(text)
	}
	val, str, ok := canonicalScalar(text)
	if !ok {
		return nil, false
	}
	return nil, p.record(f, k, val, str, text)
}

// literal reads a literal block scalar whose lines follow, two columns
// deeper than indent. Checking, the value it holds, written again by the
// typed encoder, must be its text.
func (p *parser) literal(indent int, indicator string, f headerField, k string) (any, bool) {
	if p.checking() && !validLiteralIndicator(indicator) {
		return nil, false
	}
	at := indent + 2
	start := p.i
	var value strings.Builder
	for ; p.i < len(p.lines); p.i++ {
		l := p.lines[p.i]
		if l == "" {
			value.WriteByte('\n')
			continue
		}
		if indentOf(l) < at {
			break
		}
		value.WriteString(l[at:])
		value.WriteByte('\n')
	}
	v := value.String()
	if p.checking() && len(v)-len(strings.TrimRight(v, "\n")) > 1 {
		return nil, false // blank lines at the end: keep chomping, or lines of the next key
	}
	if strings.HasSuffix(indicator, "-") {
		v = strings.TrimSuffix(v, "\n")
	}
	switch p.mode {
	case modeBuild:
		return v, true
	case modeLayout:
		return nil, true
	}
	if v == "" || !yamlenc.WritesLiteral(v) {
		return nil, false
	}
	want, ok := yamlenc.AppendLiteral(nil, v, at)
	if !ok {
		return nil, false
	}
	header, body, _ := strings.Cut(string(want), "\n")
	if header != indicator || !p.linesAre(start, p.i, body) {
		return nil, false
	}
	return nil, p.record(f, k, v, true, "")
}

// linesAre: lines [from, to) are text, line for line.
func (p *parser) linesAre(from, to int, text string) bool {
	for j := from; j < to; j++ {
		line, rest, found := strings.Cut(text, "\n")
		if !found || line != p.lines[j] {
			return false
		}
		text = rest
	}
	return text == ""
}

// record stores a header field read as a scalar (raw is its text). A field
// written twice, or not as a string, makes the item not canonical: which
// one a parser keeps is its business.
func (p *parser) record(f headerField, k, v string, isString bool, raw string) bool {
	switch f {
	case fieldNone:
		return true
	case fieldAnnotation:
		return p.recordAnnotation(k, v, isString, raw)
	}
	bit := uint8(1) << f
	if !isString || p.seen&bit != 0 {
		return false
	}
	p.seen |= bit
	switch f {
	case fieldAPIVersion:
		p.h.APIVersion = v
	case fieldKind:
		p.h.Kind = v
	case fieldName:
		p.h.Name = v
	case fieldNamespace:
		p.h.Namespace = v
	}
	return true
}

func (p *parser) recordAnnotation(key, v string, isString bool, raw string) bool {
	if !isString {
		return false // the SDK reads such an annotation as absent; let it parse
	}
	if p.annotationKeys == nil {
		p.annotationKeys = map[string]bool{}
	}
	if p.annotationKeys[key] {
		return false
	}
	p.annotationKeys[key] = true
	p.h.Annotations = append(p.h.Annotations, Annotation{key, v})
	if key == LocalConfigAnnotation {
		p.h.LocalConfigExact = v == "true" && (raw == `"true"` || raw == "'true'")
	}
	return true
}
