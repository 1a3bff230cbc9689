package console

import (
	"strings"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// A mapping is one of the console's conventions for some spec fields: how
// render writes them into an object of a service (write) and how import
// reads that object back into the spec (read). Render runs the writes and
// import the reads of a list in its order. The completeness test learns
// from the mappings which spec fields render and import handle (Wiring).
type mapping[O any] struct {
	// fields are the spec fields it maps, as JSON paths under spec
	// ("stickySession", "pod.ipPool"); a path stands for what is under it.
	fields []string
	write  func(s *service, o O)
	read   func(o O, sp *api.ServiceSpecSpec) error
	// unread says why import has no read, when it has none.
	unread string
}

// writeAll runs the writes of mappings on an object.
func writeAll[O any](s *service, o O, ms []mapping[O]) {
	for _, m := range ms {
		if m.write != nil {
			m.write(s, o)
		}
	}
}

// readAll runs the reads of mappings, stopping at the first error.
func readAll[O any](o O, sp *api.ServiceSpecSpec, ms []mapping[O]) error {
	for _, m := range ms {
		if m.read != nil {
			if err := m.read(o, sp); err != nil {
				return err
			}
		}
	}
	return nil
}

// FieldWiring is what the mappings say of one spec field.
type FieldWiring struct {
	// Written and Read: a mapping writes it into an object, a mapping
	// reads it back.
	Written, Read bool
	// Unread and Unwritten say why no mapping reads or writes it, when
	// that is by design.
	Unread, Unwritten string
}

// Wiring collects, from every mapping of every kind, what is known of each
// spec field (JSON paths under spec; a path stands for what is under it).
func Wiring() map[string]FieldWiring {
	out := map[string]FieldWiring{}
	add := func(fields []string, written, read bool, unread, unwritten string) {
		for _, f := range fields {
			w := out[f]
			w.Written = w.Written || written
			w.Read = w.Read || read
			if unread != "" {
				w.Unread = unread
			}
			if unwritten != "" {
				w.Unwritten = unwritten
			}
			out[f] = w
		}
	}
	for _, ms := range allMappings() {
		for _, m := range ms {
			add(m.fields, m.written, m.read, m.unread, m.unwritten)
		}
	}
	for _, k := range Companions() {
		add([]string{k.Companion.Field}, true, true, "", "")
	}
	return out
}

// allMappings are every mapping list, as the completeness test sees them.
func allMappings() [][]wired {
	return [][]wired{
		wiredOf(exposureMappings), wiredOf(podMappings),
		wiredAnnotations(serviceAnnotationMappings), wiredAnnotations(workloadAnnotationMappings),
		wiredAnnotations(podAnnotationMappings),
	}
}

// wired is one mapping as the completeness test sees it.
type wired struct {
	fields            []string
	written, read     bool
	unread, unwritten string
}

func wiredOf[O any](ms []mapping[O]) []wired {
	out := make([]wired, 0, len(ms))
	for _, m := range ms {
		out = append(out, wired{fields: m.fields, written: m.write != nil, read: m.read != nil, unread: m.unread})
	}
	return out
}

func wiredAnnotations(ms []annotationMapping) []wired {
	out := make([]wired, 0, len(ms))
	for _, m := range ms {
		out = append(out, wired{fields: []string{specField(m.field)}, written: m.write != nil, read: m.read != nil, unread: m.unread})
	}
	return out
}

// specField is a field as messages name it ("spec.containers[].name") as
// a JSON path under spec ("containers.name").
func specField(message string) string {
	return strings.ReplaceAll(strings.TrimPrefix(message, "spec."), "[]", "")
}
