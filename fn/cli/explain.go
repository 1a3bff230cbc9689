package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/servicespec/servicespec/fn/function"
	"github.com/servicespec/servicespec/fn/krm"
)

// explainMode is render's --explain: "" (off), "text" (a comment on every
// line servicespec wrote) or "json" (one record per field).
type explainMode string

func (m *explainMode) String() string { return string(*m) }

// IsBoolFlag lets --explain stand alone.
func (m *explainMode) IsBoolFlag() bool { return true }

func (m *explainMode) Set(v string) error {
	switch v {
	case "true", "text":
		*m = "text"
	case "json":
		*m = "json"
	case "false":
		*m = ""
	default:
		return fmt.Errorf("want --explain, --explain=text or --explain=json, not %q", v)
	}
	return nil
}

// explainedStream writes the items as render does (plain), and again with
// each line servicespec wrote ending in a comment that says where it comes
// from.
func explainedStream(items []*krm.Item, explained map[*krm.Item][]function.Explanation) (plain, withComments []byte, err error) {
	sorted := append([]*krm.Item(nil), items...)
	krm.Sort(sorted)
	docs := make([][]byte, len(sorted))
	out := make([][]byte, len(sorted))
	errs := make([]error, len(sorted))
	krm.Parallel(len(sorted), func(i int) {
		// Each document as the stream writes it, so that they join into it.
		if docs[i], errs[i] = krm.WriteStream(sorted[i : i+1]); errs[i] != nil {
			return
		}
		out[i] = docs[i]
		if ex, ok := explained[sorted[i]]; ok {
			out[i], errs[i] = commented(docs[i], ex)
		}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	sep := []byte("---\n")
	return bytes.Join(docs, sep), bytes.Join(out, sep), nil
}

// commented appends to each line of a document that holds a field's value
// the source of that field. A block scalar's lines get none: its key's
// line carries it.
func commented(doc []byte, ex []function.Explanation) ([]byte, error) {
	byPath := make(map[string]function.Explanation, len(ex))
	for _, e := range ex {
		byPath[e.Path] = e
	}
	comments := map[int]string{}
	note := func(path string, line int) {
		if e, ok := byPath[path]; ok && comments[line] == "" {
			comments[line] = sourceText(e)
		}
	}
	if lines, ok := krm.ValueLines(doc); ok {
		for path, line := range lines {
			note(path, line)
		}
	} else {
		// Not servicespec's canonical text: the YAML parser reads it.
		var root yaml.Node
		if err := yaml.Unmarshal(doc, &root); err != nil {
			return nil, err
		}
		walkValues(&root, "", note)
	}
	lines := bytes.SplitAfter(doc, []byte("\n"))
	var out bytes.Buffer
	for i, l := range lines {
		c, ok := comments[i+1]
		if !ok {
			out.Write(l)
			continue
		}
		out.Write(bytes.TrimSuffix(l, []byte("\n")))
		out.WriteString("  # " + c + "\n")
	}
	return out.Bytes(), nil
}

// walkValues calls f with the path and line of every scalar and empty
// collection of a YAML tree.
func walkValues(n *yaml.Node, path string, f func(string, int)) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			walkValues(c, path, f)
		}
	case yaml.MappingNode:
		if len(n.Content) == 0 {
			f(path, n.Line)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			walkValues(n.Content[i+1], krm.FieldPath(path, n.Content[i].Value), f)
		}
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			f(path, n.Line)
		}
		for i, c := range n.Content {
			walkValues(c, path+"["+strconv.Itoa(i)+"]", f)
		}
	case yaml.ScalarNode:
		f(path, n.Line)
	}
}

// sourceText is an explanation as a comment.
func sourceText(e function.Explanation) string {
	switch e.Kind {
	case "spec", "app", "release", "override":
		return e.Field + "  " + position(e)
	case "default":
		return "default: " + e.Field + " (not written in the spec)"
	case "derived":
		switch {
		case e.Field != "" && e.Why != "":
			return "from " + e.Field + ": " + e.Why
		case e.Field != "":
			return "from " + e.Field
		}
		return e.Why
	}
	return e.Why
}

func position(e function.Explanation) string {
	if e.Line == 0 || e.File == "" {
		return "position unknown"
	}
	return e.File + ":" + strconv.Itoa(e.Line)
}

// explainedJSON is one record per field of every generated item.
func explainedJSON(items []*krm.Item, explained map[*krm.Item][]function.Explanation) ([]byte, error) {
	type record struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Namespace  string `json:"namespace,omitempty"`
		Name       string `json:"name"`
		Path       string `json:"path"`
		Source     string `json:"source"`
		Field      string `json:"field,omitempty"`
		File       string `json:"file,omitempty"`
		Line       int    `json:"line,omitempty"`
		Why        string `json:"why,omitempty"`
		Spec       string `json:"spec"`
	}
	sorted := append([]*krm.Item(nil), items...)
	krm.Sort(sorted)
	records := []record{}
	for _, it := range sorted {
		for _, e := range explained[it] {
			records = append(records, record{APIVersion: it.APIVersion, Kind: it.Kind, Namespace: it.Namespace, Name: it.Name,
				Path: e.Path, Source: e.Kind, Field: e.Field, File: e.File, Line: e.Line, Why: e.Why, Spec: e.Spec})
		}
	}
	return json.MarshalIndent(records, "", "  ")
}

// LineSources are, for each line of render's output, what render --explain
// adds to it: the source of the line's field, "" for a line without one.
func LineSources(plain, explained string) []string {
	p, e := strings.Split(plain, "\n"), strings.Split(explained, "\n")
	out := make([]string, len(p))
	if len(p) != len(e) {
		return out
	}
	for i := range p {
		if c, ok := strings.CutPrefix(e[i], p[i]+"  # "); ok {
			out[i] = c
		}
	}
	return out
}
