package schemas_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"sigs.k8s.io/kustomize/kyaml/kio"

	"github.com/servicespec/servicespec/schemas"
)

// specDoc is one ServiceSpec found in a file.
type specDoc struct {
	file string
	json []byte
}

func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemas.JSONSchema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("servicespec.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("servicespec.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// specsIn reads the ServiceSpecs of a YAML file or ResourceList.
func specsIn(t *testing.T, path string) []specDoc {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	nodes, err := (&kio.ByteReader{Reader: bytes.NewReader(data), OmitReaderAnnotations: true}).Read()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []specDoc
	for _, n := range nodes {
		if n.GetKind() != "ServiceSpec" {
			continue
		}
		j, err := n.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, specDoc{path, j})
	}
	return out
}

func validate(sch *jsonschema.Schema, d specDoc) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(d.json))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

var modeline = regexp.MustCompile(`(?m)^# yaml-language-server: \$schema=(\S+)$`)

// Every example ServiceSpec validates against the committed schema, and its
// file carries a yaml-language-server modeline that points at it.
func TestExamplesMatchSchema(t *testing.T) {
	sch := compile(t)
	files, _ := filepath.Glob("../examples/*/*.yaml")
	more, _ := filepath.Glob("../examples/*/*/*.yaml")
	checked := 0
	for _, f := range append(files, more...) {
		specs := specsIn(t, f)
		if len(specs) == 0 {
			continue
		}
		data, _ := os.ReadFile(f)
		m := modeline.FindSubmatch(data)
		if m == nil {
			t.Errorf("%s: no yaml-language-server modeline", f)
		} else if target := filepath.Join(filepath.Dir(f), string(m[1])); filepath.Clean(target) != filepath.Join("..", "schemas", "servicespec.schema.json") {
			t.Errorf("%s: the modeline points at %s, not schemas/servicespec.schema.json", f, m[1])
		}
		for _, s := range specs {
			if err := validate(sch, s); err != nil {
				t.Errorf("%s: %v", f, err)
			}
			checked++
		}
	}
	if checked < 9 {
		t.Errorf("only %d example ServiceSpecs checked", checked)
	}
}

// The ServiceSpecs of every golden that succeeds validate too.
func TestGoldenInputsMatchSchema(t *testing.T) {
	sch := compile(t)
	inputs, _ := filepath.Glob("../testdata/golden/*/input.yaml")
	for _, in := range inputs {
		stderr, _ := os.ReadFile(filepath.Join(filepath.Dir(in), "_stderr.txt"))
		if !strings.HasSuffix(string(stderr), "exit code: 0\n") {
			continue
		}
		for _, s := range specsIn(t, in) {
			if err := validate(sch, s); err != nil {
				t.Errorf("%s: %v", in, err)
			}
		}
	}
}

// The schema is as strict as the decoder: unknown fields and wrong types in
// the invalid corpus are schema errors too, so editors flag them.
func TestSchemaRejectsWhatTheDecoderRejects(t *testing.T) {
	sch := compile(t)
	for _, name := range []string{"unknown-field", "unknown-nested-field", "wrong-type-replicas",
		"wrong-type-container-port", "wrong-type-labels", "wrong-types-all-reported", "type-unknown",
		"port-protocol-enum", "pull-policy-enum", "access-enum", "yaml11-bool-label-unquoted-true"} {
		specs := specsIn(t, filepath.Join("..", "testdata", "invalid", name+".yaml"))
		if len(specs) == 0 {
			t.Fatalf("%s: no ServiceSpec", name)
		}
		if err := validate(sch, specs[0]); err == nil {
			t.Errorf("%s: the schema accepts what the function refuses", name)
		}
	}
}
