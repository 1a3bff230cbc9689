package krm

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/servicespec/servicespec/fn/yamlenc"
)

// The canonical grammar: the block YAML that kyaml's encoder (yaml.v3 with
// two-space indentation and compact sequences) writes for an item, and
// writes back byte for byte once it has parsed it. An item in this form is
// read by the one parser of this package (parser.go) without a YAML tree,
// and written as its text; any other text is parsed and encoded by the SDK.
//
// An item is a list of lines, each ending in "\n":
//
//	item     = mapping(base) EOF
//	mapping(n)  = { comments(n) key(n) }+            keys at column n
//	key(n)   = indent(n) plainkey ":" ( " " inline(n) | block(n) )
//	block(n) = comments sequence(n)                  "- " entries at the key's own column (compact)
//	         | comments mapping(n+2)                 or a mapping two columns deeper
//	sequence(n) = { comments(n) indent(n) "- " ( key-on-dash(n+2) | inline(n) ) }+
//	key-on-dash(n+2) = a mapping(n+2) whose first key follows the dash on its line
//	inline(n)   = scalar [ " #" comment ] | flow | literal(n)
//	comments(n) = { indent(n) "#" text }             head comments only
//
// base is 0 for a document of a stream and 2 for an entry of a
// ResourceList's items, whose first line starts with "- " (read as two
// spaces). The rules the encoder follows, which the parser checks:
//
//   - Indentation is two spaces per level; a mapping's block is two columns
//     deeper than its key, a sequence's entries sit at the key's own column.
//     A key's block ends at the first line indented at most as the key
//     (blockEnd); a line that no key or entry owns is not canonical.
//   - No blank line outside a literal block, no trailing space, no tab, only
//     characters yaml.v3 writes as they are (canonicalBytes).
//   - Keys are plain strings the encoder does not quote (plainKey).
//   - A scalar is written in the style the encoder picks for its value:
//     plain, single-quoted or double-quoted on one line (canonicalScalar),
//     or a literal block "|", "|-" (with "2" when it starts with a space)
//     holding exactly the lines the encoder writes for it (literal).
//   - A flow collection fits on its line, spelled as yaml.v3 writes one:
//     ", " between entries, ": " after keys (flow.go); metadata and its
//     annotations are never flow collections, "{}" and "[]" aside.
//   - A comment is a head comment: comment lines at the column of the key or
//     entry that follows them, or " # text" after a scalar. A comment after
//     the last line (a foot comment) is not canonical: its owner depends on
//     what follows.
//   - The header (apiVersion, kind, metadata.name, metadata.namespace and
//     the annotations) is read on the way; a header field written twice, or
//     not as a string, is not canonical (which one a YAML reader keeps is
//     its business).

// documentMarker is a "---" line of a stream: it ends a document wherever
// it stands, inside a block scalar too (YAML forbids the marker at column
// 0 in any content), so a stream is cut at these lines before any item is
// read.
var documentMarker = regexp.MustCompile(`(?m)^---(?:[ \t].*)?$`)

// indentOf is the column of a line's first character that is not a space.
func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

// isEntry: a line's content (after its indentation) starts a sequence entry.
func isEntry(content string) bool { return strings.HasPrefix(content, "- ") }

// isCommentLine: a line's content is a comment.
func isCommentLine(line string) bool { return strings.HasPrefix(strings.TrimLeft(line, " "), "#") }

// blockEnd is the offset of the line that ends a block: the first line at
// or after pos, not blank, indented at most indent. With seqAtKey, "- "
// entries at indent belong to the block (a compact sequence, the value of
// a key written without one). The parser follows the same rule as it
// descends; splitting a ResourceList into items uses it directly.
func blockEnd(text []byte, pos, indent int, seqAtKey bool) int {
	for pos < len(text) {
		end := len(text)
		if i := bytes.IndexByte(text[pos:], '\n'); i >= 0 {
			end = pos + i + 1
		}
		n := 0
		for pos+n < end && text[pos+n] == ' ' {
			n++
		}
		blank := pos+n == end || text[pos+n] == '\n'
		entryOfBlock := seqAtKey && bytes.HasPrefix(text[pos+n:end], []byte("- "))
		if !blank && (n < indent || n == indent && !entryOfBlock) {
			return pos
		}
		pos = end
	}
	return pos
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

// keyOnDash: the text after "- " starts a mapping (a plain key and ": "),
// not a scalar or a flow collection.
func keyOnDash(rest string) bool {
	k, _, isKey := splitKey(rest)
	return isKey && k != "" && !strings.ContainsAny(rest[:1], "{['\"")
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
