package krm

import "bytes"

// SameContent reports whether two canonical items have the same text but
// for the orchestrator's annotations: kpt adds its own (paths, indexes,
// ids) to every item it sends, in its own order.
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
// orchestrator's entries of metadata.annotations.
type contentLines struct {
	rest        []byte
	strip       int // the entry form's two leading characters
	inMetadata  bool
	inAnnotated bool
}

func newContentLines(it *Item) *contentLines {
	c := &contentLines{rest: it.text}
	if it.entry {
		c.strip = 2
	}
	return c
}

func (c *contentLines) next() ([]byte, bool) {
	for len(c.rest) > 0 {
		i := bytes.IndexByte(c.rest, '\n')
		line := c.rest[:i+1]
		c.rest = c.rest[i+1:]
		if len(line) > c.strip {
			line = line[c.strip:]
		}
		if c.skip(line) {
			continue
		}
		return line, true
	}
	return nil, false
}

// skip tracks where the line is and reports an orchestrator annotation.
func (c *contentLines) skip(line []byte) bool {
	indent := len(line) - len(bytes.TrimLeft(line, " "))
	switch {
	case len(line) == 1:
		// a blank line inside a literal block: nothing changes
	case indent == 0:
		c.inMetadata, c.inAnnotated = bytes.Equal(line, []byte("metadata:\n")), false
	case indent == 2 && c.inMetadata:
		c.inAnnotated = bytes.Equal(line, []byte("  annotations:\n"))
	case indent == 4 && c.inAnnotated:
		key, _, ok := bytes.Cut(line[4:], []byte(": "))
		return ok && IsOrchestratorAnnotation(string(key))
	}
	return false
}
