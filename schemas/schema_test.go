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
	checked := 0
	for _, f := range exampleYAML(t) {
		specs := specsIn(t, f)
		if len(specs) == 0 {
			continue
		}
		data, _ := os.ReadFile(f)
		checkModelines(t, f, data)
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

// exampleYAML are the YAML files of the examples, helm templates and
// expected outputs left out.
func exampleYAML(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(filepath.Join("..", "examples"), func(p string, d os.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && (d.Name() == ".expected" || d.Name() == "templates"):
			return filepath.SkipDir
		case !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")):
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// checkModelines requires a yaml-language-server modeline pointing at the
// schema in every document of the file that is a ServiceSpec, and in no
// other: the language server applies one per document, and would flag any
// other kind against the ServiceSpec schema.
func checkModelines(t *testing.T, f string, data []byte) {
	t.Helper()
	for i, d := range regexp.MustCompile(`(?m)^---\s*$`).Split(string(data), -1) {
		m := modeline.FindStringSubmatch(d)
		isSpec := strings.Contains(d, "\nkind: ServiceSpec\n") || strings.HasPrefix(d, "kind: ServiceSpec\n")
		switch {
		case isSpec && m == nil:
			t.Errorf("%s: document %d is a ServiceSpec without a yaml-language-server modeline", f, i+1)
		case !isSpec && m != nil:
			t.Errorf("%s: document %d is not a ServiceSpec but has the ServiceSpec modeline", f, i+1)
		case m != nil && filepath.Clean(filepath.Join(filepath.Dir(f), m[1])) != filepath.Join("..", "schemas", "servicespec.schema.json"):
			t.Errorf("%s: document %d: the modeline points at %s, not schemas/servicespec.schema.json", f, i+1, m[1])
		}
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
