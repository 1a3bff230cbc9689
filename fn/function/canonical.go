package function

import (
	"strings"
)

// canonicalChecker accepts, line by line, the block YAML that kyaml writes
// and re-writes unchanged: two-space indentation, compact sequences, plain
// keys, simple scalars, literal blocks, comments written as kyaml writes
// them. It tracks the path of keys for the metadata reader.
type canonicalChecker struct {
	stack       []frameT
	path        []string
	blockIndent int // > 0 inside a literal block scalar
	blockFirst  bool
}

type frameT struct {
	indent int
	key    string
	seq    bool
}

func (c *canonicalChecker) line(line, next string) bool {
	if c.blockIndent > 0 && !c.blockFirst && line == "" {
		// A blank line inside a literal block, which must go on.
		return next == "" || indentOf(next) >= c.blockIndent
	}
	if line == "" || strings.HasSuffix(line, " ") {
		return false
	}
	n := indentOf(line)
	if c.blockIndent > 0 {
		if n >= c.blockIndent && (!c.blockFirst || n == c.blockIndent) {
			c.blockFirst = false
			return true
		}
		if c.blockFirst {
			return false // an empty literal block
		}
		c.blockIndent = 0
	}
	if n%2 != 0 || n < 2 {
		return false
	}
	content := line[n:]
	switch {
	case strings.HasPrefix(content, "#"):
		return headComment(n, next)
	case strings.HasPrefix(content, "- "):
		return c.entry(n, content[2:], next)
	}
	return c.key(n, content, next)
}

// headComment: a comment line belongs to the key or entry below it, at the
// same indentation, as yaml.v3 writes head comments.
func headComment(n int, next string) bool {
	if next == "" || indentOf(next) != n {
		return false
	}
	rest := next[n:]
	return !strings.HasPrefix(rest, "#")
}

func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

// key handles "key: value" and "key:" at indent n.
func (c *canonicalChecker) key(n int, content, next string) bool {
	for len(c.stack) > 0 && c.stack[len(c.stack)-1].indent >= n {
		c.stack = c.stack[:len(c.stack)-1]
	}
	if len(c.stack) > 0 && c.stack[len(c.stack)-1].indent != n-2 {
		return false
	}
	return c.mappingEntry(n, content, next)
}

// entry handles "- ..." at indent n: an entry of a compact sequence whose
// key sits at the same indent.
func (c *canonicalChecker) entry(n int, rest, next string) bool {
	for len(c.stack) > 0 && c.stack[len(c.stack)-1].indent > n {
		c.stack = c.stack[:len(c.stack)-1]
	}
	if len(c.stack) == 0 {
		return false
	}
	top := c.stack[len(c.stack)-1]
	switch {
	case top.seq && top.indent == n:
	case !top.seq && top.indent == n && top.key != "":
		c.stack = append(c.stack, frameT{indent: n, seq: true})
	default:
		return false
	}
	if strings.HasPrefix(rest, "- ") || strings.HasPrefix(rest, "#") || rest == "" {
		return false
	}
	if k, _, isKey := splitKey(rest); isKey && k != "" {
		return c.mappingEntry(n+2, rest, next)
	}
	c.setPath()
	return safeValue(rest) && !deeper(next, n+2)
}

// deeper: a line more indented than a scalar's key continues the scalar,
// which yaml.v3 would re-flow.
func deeper(next string, n int) bool { return next != "" && indentOf(next) > n }

// mappingEntry checks "key: value" or "key:" whose key is at indent n.
func (c *canonicalChecker) mappingEntry(n int, content, next string) bool {
	k, v, ok := splitKey(content)
	if !ok || !isPlainKey(k) {
		return false
	}
	c.stack = append(c.stack, frameT{indent: n, key: k})
	c.setPath()
	switch v {
	case "":
		// A nested block: deeper, or a compact sequence at the same indent.
		if next == "" {
			return false
		}
		m := indentOf(next)
		return m == n+2 || (m == n && strings.HasPrefix(next[m:], "- "))
	case "|", "|-":
		if next == "" || indentOf(next) != n+2 {
			return false
		}
		c.blockIndent, c.blockFirst = n+2, true
		return true
	}
	return safeValue(v) && !deeper(next, n)
}

func (c *canonicalChecker) setPath() {
	c.path = c.path[:0]
	for _, f := range c.stack {
		if !f.seq {
			c.path = append(c.path, f.key)
		}
	}
}

func (c *canonicalChecker) done() bool { return !c.blockFirst }

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

func isKeyRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_./-", r)
}

func isPlainKey(k string) bool {
	if k == "" {
		return false
	}
	for _, r := range k {
		if !isKeyRune(r) {
			return false
		}
	}
	return k[0] != '-' && k[0] != '.'
}

// safeValue accepts a scalar (with an optional " # comment") that yaml.v3
// writes back exactly as it reads it.
func safeValue(v string) bool {
	if i := strings.Index(v, " #"); i >= 0 && v[0] != '\'' && v[0] != '"' {
		if !strings.HasPrefix(v[i:], " # ") && v[i:] != " #" {
			return false
		}
		v = v[:i]
	}
	if v == "" {
		return false
	}
	if v == "{}" || v == "[]" {
		return true
	}
	switch v[0] {
	case '\'':
		return len(v) >= 2 && v[len(v)-1] == '\'' && !strings.Contains(v[1:len(v)-1], "'")
	case '"':
		return len(v) >= 2 && v[len(v)-1] == '"' && !strings.ContainsAny(v[1:len(v)-1], "\"\\")
	}
	return plainScalar(v)
}

func plainScalar(v string) bool {
	negativeOrDashed := v[0] == '-' && len(v) > 1 && v[1] != ' '
	if strings.ContainsRune("-?:,[]{}#&*!|>'\"%@`", rune(v[0])) && !negativeOrDashed {
		return false
	}
	if strings.Contains(v, ": ") || strings.Contains(v, " #") || strings.Contains(v, "  ") || strings.HasSuffix(v, ":") {
		return false
	}
	for _, r := range v {
		if r < ' ' || r == 0x7f || r > 0x7e {
			return false // non-ASCII: yaml.v3 may choose another style
		}
		if strings.ContainsRune("{}[],#&*!|>'\"`\\", r) {
			return false
		}
	}
	return true
}
