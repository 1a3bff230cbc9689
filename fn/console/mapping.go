package console

import (
	"cmp"
	"strings"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
)

// A mapping is one of the console's conventions for some spec fields: how
// render writes them into an object of a service (write) and how import
// reads that object back into the spec (read). Render runs the writes and
// import the reads of a list in its order. The completeness test learns
// from the mappings which spec fields render and import handle (wiring).
type mapping[O any] struct {
	// fields are the spec fields it maps, as JSON paths under spec
	// ("stickySession", "pod.ipPool"); a path stands for what is under it.
	fields []string
	write  func(s *service, o O)
	read   func(o O, sp *api.ServiceSpecSpec) error
	// unread says why import has no read, when it has none.
	unread string
	// why says, when what it writes is not a spec value as it is, how the
	// console derives it (render --explain shows it); from names what it
	// derives it from besides fields (metadata.name).
	why, from string
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

// fieldWiring is what the mappings say of one spec field.
type fieldWiring struct {
	// Written and Read: a mapping writes it into an object, a mapping
	// reads it back.
	Written, Read bool
	// Unread says why no mapping reads it back, when that is by design.
	Unread string
	// Structural says where a field no mapping carries is written and
	// read back (structuralFields).
	Structural string
}

// wiring collects, from every mapping of every kind, what is known of each
// spec field (JSON paths under spec; a path stands for what is under it).
func wiring() map[string]fieldWiring {
	out := map[string]fieldWiring{}
	add := func(m wired) {
		for _, f := range m.fields {
			w := out[f]
			w.Written = w.Written || m.written
			w.Read = w.Read || m.read
			w.Unread = cmp.Or(m.unread, w.Unread)
			w.Structural = cmp.Or(m.mark, w.Structural)
			out[f] = w
		}
	}
	for _, ms := range allMappings() {
		for _, m := range ms {
			add(m)
		}
	}
	for _, k := range Companions() {
		add(wired{fields: []string{k.Companion.Field}, written: k.Companion.Build != nil, read: k.Companion.Read != nil})
	}
	add(wired{fields: []string{releaseMapping.field}, written: releaseMapping.build != nil, read: releaseMapping.read != nil})
	add(wired{fields: []string{placementMapping.field}, written: placementMapping.build != nil, read: placementMapping.read != nil})
	return out
}

// appWiring is wiring for the fields of an AppSpec.
func appWiring() map[string]fieldWiring {
	out := map[string]fieldWiring{}
	for _, m := range applicationMappings {
		for _, f := range m.fields {
			out[f] = fieldWiring{Written: m.write != nil, Read: m.read != nil}
		}
	}
	out[routesMapping.field] = fieldWiring{Written: routesMapping.build != nil, Read: routesMapping.read != nil}
	return out
}

// allMappings are every mapping list of a ServiceSpec, as the
// completeness test sees them.
func allMappings() [][]wired {
	return [][]wired{
		wiredOf(serviceMappings), wiredOf(externalNameMappings), wiredOf(podMappings), wiredOf(labelMappings), wiredOf(deploymentMappings), wiredOf(statefulSetMappings),
		wiredAnnotations(serviceAnnotationMappings), wiredAnnotations(workloadAnnotationMappings),
		wiredAnnotations(podAnnotationMappings), structuralFields,
	}
}

// structuralFields decide which objects a service has, what they are
// named and how they are grouped. No mapping carries them: the code that
// builds a service's objects writes them, and import reads them back as it
// recognizes and groups the objects. Each mark says where, both ways.
var structuralFields = []wired{
	{fields: []string{"type"}, mark: "render: the kinds a type makes (Objects); import: recognizeService, by the Service's kubesphere.io/serviceType"},
	{fields: []string{"workloadRef"}, mark: "render: WorkloadService resolves it to the workload's pod labels (and its ports, without spec.ports); import reads those as the selector (and ports) they are"},
}

// wired is one mapping as the completeness test sees it.
type wired struct {
	fields        []string
	written, read bool
	unread        string
	// mark says where fields no mapping carries are written and read.
	mark string
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
