package krm

import (
	"bytes"
	"slices"
)

// SameContent reports whether two canonical items have the same text but
// for the orchestrator's annotations: kpt adds its own (paths, indexes,
// ids) to every item it sends, in its own order. The parser says which
// lines those annotations are; the rest is compared byte for byte.
func SameContent(a, b *Item) bool {
	if !a.Canonical() || !b.Canonical() {
		return false
	}
	la, lb := newContentLines(a), newContentLines(b)
	for {
		x, okA := la.next()
		y, okB := lb.next()
		if okA != okB || okA && !bytes.Equal(x, y) {
			return false
		}
		if !okA {
			return true
		}
	}
}

// contentLines iterates over an item's lines as a document, leaving out the
// lines of the orchestrator's annotations.
type contentLines struct {
	rest  []byte
	strip int // the entry form's two leading characters
	line  int
	skip  []span // in order
}

func newContentLines(it *Item) *contentLines {
	c := &contentLines{rest: it.text}
	base := 0
	if it.entry {
		c.strip, base = 2, 2
	}
	if !slices.ContainsFunc(it.Annotations, func(a Annotation) bool { return IsOrchestratorAnnotation(a.Key) }) {
		return c
	}
	l := textLayout(it.text, base)
	if !slices.ContainsFunc(l.entries, func(e annotationSpan) bool { return !IsOrchestratorAnnotation(e.key) }) {
		// Only the orchestrator's: the annotations block is all theirs.
		c.skip = []span{l.annotations}
		return c
	}
	for _, e := range l.entries {
		if IsOrchestratorAnnotation(e.key) {
			c.skip = append(c.skip, e.span)
		}
	}
	return c
}

func (c *contentLines) next() ([]byte, bool) {
	for len(c.rest) > 0 {
		i := bytes.IndexByte(c.rest, '\n')
		line := c.rest[:i+1]
		c.rest = c.rest[i+1:]
		n := c.line
		c.line++
		for len(c.skip) > 0 && c.skip[0].to <= n {
			c.skip = c.skip[1:]
		}
		if len(c.skip) > 0 && c.skip[0].from <= n {
			continue
		}
		if len(line) > c.strip {
			line = line[c.strip:]
		}
		return line, true
	}
	return nil, false
}
