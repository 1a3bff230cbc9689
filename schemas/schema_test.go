package schemas_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"sigs.k8s.io/kustomize/kyaml/kio"

	"github.com/servicespec/servicespec/schemas"
)

// specDoc is one ServiceSpec (or AppSpec) found in a file.
type specDoc struct {
	file, kind string
	json       []byte
}

// schemaFiles are the schema of each kind of the API, by kind.
var schemaFiles = map[string]string{"ServiceSpec": "servicespec.schema.json", "AppSpec": "appspec.schema.json"}

func compile(t *testing.T) *jsonschema.Schema { return compileKind(t, "ServiceSpec") }

func compileKind(t *testing.T, kind string) *jsonschema.Schema {
	t.Helper()
	data := schemas.JSONSchema
	if kind == "AppSpec" {
		data = schemas.AppJSONSchema
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaFiles[kind], doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(schemaFiles[kind])
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// specsIn reads the ServiceSpecs of a YAML file or ResourceList.
func specsIn(t *testing.T, path string) []specDoc { return docsIn(t, path, "ServiceSpec") }

// docsIn reads the documents of the given kinds of a YAML file or
// ResourceList.
func docsIn(t *testing.T, path string, kinds ...string) []specDoc {
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
		if !slices.Contains(kinds, n.GetKind()) {
			continue
		}
		j, err := n.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, specDoc{path, n.GetKind(), j})
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

// Every example ServiceSpec and AppSpec validates against the committed
// schema of its kind, and its file carries a yaml-language-server modeline
// that points at it.
func TestExamplesMatchSchema(t *testing.T) {
	sch := map[string]*jsonschema.Schema{"ServiceSpec": compile(t), "AppSpec": compileKind(t, "AppSpec")}
	checked := 0
	for _, f := range exampleYAML(t) {
		specs := docsIn(t, f, "ServiceSpec", "AppSpec")
		if len(specs) == 0 {
			continue
		}
		data, _ := os.ReadFile(f)
		checkModelines(t, f, data)
		for _, s := range specs {
			if err := validate(sch[s.kind], s); err != nil {
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
// schema of its kind in every document of the file that is a ServiceSpec
// or an AppSpec, and in no other: the language server applies one per
// document, and would flag any other kind against the schema.
func checkModelines(t *testing.T, f string, data []byte) {
	t.Helper()
	for i, d := range regexp.MustCompile(`(?m)^---\s*$`).Split(string(data), -1) {
		m := modeline.FindStringSubmatch(d)
		kind := ""
		for k := range schemaFiles {
			if strings.Contains(d, "\nkind: "+k+"\n") || strings.HasPrefix(d, "kind: "+k+"\n") {
				kind = k
			}
		}
		switch {
		case kind != "" && m == nil:
			t.Errorf("%s: document %d is a %s without a yaml-language-server modeline", f, i+1, kind)
		case kind == "" && m != nil:
			t.Errorf("%s: document %d is neither a ServiceSpec nor an AppSpec but has a modeline", f, i+1)
		case m != nil && filepath.Clean(filepath.Join(filepath.Dir(f), m[1])) != filepath.Join("..", "schemas", schemaFiles[kind]):
			t.Errorf("%s: document %d: the modeline points at %s, not schemas/%s", f, i+1, m[1], schemaFiles[kind])
		}
	}
}

// The ServiceSpecs and AppSpecs of every golden that succeeds validate too.
func TestGoldenInputsMatchSchema(t *testing.T) {
	sch := map[string]*jsonschema.Schema{"ServiceSpec": compile(t), "AppSpec": compileKind(t, "AppSpec")}
	inputs, _ := filepath.Glob("../testdata/golden/*/input.yaml")
	for _, in := range inputs {
		stderr, _ := os.ReadFile(filepath.Join(filepath.Dir(in), "_stderr.txt"))
		if !strings.HasSuffix(string(stderr), "exit code: 0\n") {
			continue
		}
		for _, s := range docsIn(t, in, "ServiceSpec", "AppSpec") {
			if err := validate(sch[s.kind], s); err != nil {
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
