package cli

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/runtime"

	"github.com/servicespec/servicespec/fn/console"
	"github.com/servicespec/servicespec/fn/importer"
	"github.com/servicespec/servicespec/fn/krm"
	"github.com/servicespec/servicespec/fn/yamlenc"
	"github.com/servicespec/servicespec/schemas"
)

// schemaFile and appSchemaFile are the schemas --out writes beside the
// specs, for their modelines.
const (
	schemaFile    = "servicespec.schema.json"
	appSchemaFile = "appspec.schema.json"
)

// othersFile holds, under --out, every object that is not a ServiceSpec.
const othersFile = "others.yaml"

// runImport is servicespec import: manifests in, the ServiceSpecs of the
// console-made services and every other object (cleaned) out, on stdout
// or under --out DIR; a summary and a line per object left as it was on
// stderr.
func runImport(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("import", flag.ContinueOnError)
	flags.SetOutput(stderr)
	out := flags.String("out", "", "write one file per ServiceSpec and "+othersFile+" for the rest into this directory")
	paths, err := parseInterspersed(flags, args)
	if err != nil {
		return ExitUsage
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "servicespec import: give at least one file or directory (- for stdin)")
		return ExitUsage
	}
	items, err := readManifests(paths, stdin, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "servicespec import: %v\n", err)
		return ExitError
	}
	res, err := importer.Import(items)
	if err != nil {
		fmt.Fprintf(stderr, "servicespec import: %v\n", err)
		return ExitError
	}
	for _, l := range res.Left {
		fmt.Fprintf(stderr, "warning: %s\n", l)
	}
	if *out != "" {
		err = writeImportDir(*out, res)
	} else {
		err = writeImportStream(stdout, res)
	}
	if err != nil {
		fmt.Fprintf(stderr, "servicespec import: %v\n", err)
		return ExitError
	}
	fmt.Fprintf(stderr, "servicespec import: %d services imported as ServiceSpecs, %d composed apps as AppSpecs, %d objects passed through as they are\n",
		len(res.Specs), len(res.Apps), len(res.Rest))
	if len(res.Controlled) > 0 {
		fmt.Fprintf(stderr, "servicespec import: left out, as their controllers make them: %s\n", importer.LeftOut(res.Controlled))
	}
	if len(res.Tracking) > 0 {
		fmt.Fprintf(stderr, "servicespec import: left out, written by the tools that applied or built them, not their authors: %s\n", trackingSummary(res.Tracking))
	}
	return ExitOK
}

// trackingSummary says which tracking marks were left out, on how many
// objects.
func trackingSummary(removed map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(removed)) {
		parts = append(parts, fmt.Sprintf("%s on %d objects", k, removed[k]))
	}
	return strings.Join(parts, ", ")
}

func writeImportStream(w io.Writer, res *importer.Result) error {
	var docs [][]byte
	for _, a := range res.Apps {
		d, err := encodeSpec(a, "")
		if err != nil {
			return err
		}
		docs = append(docs, d)
	}
	for _, s := range res.Specs {
		d, err := encodeSpec(s, "")
		if err != nil {
			return err
		}
		docs = append(docs, d)
	}
	for _, o := range res.Rest {
		d, err := encodeObject(o)
		if err != nil {
			return err
		}
		docs = append(docs, d)
	}
	_, err := w.Write(bytes.Join(docs, []byte("---\n")))
	return err
}

// writeImportDir writes <name>.yaml per ServiceSpec (<namespace>.<name>.yaml
// when names repeat across namespaces) with the schema's modeline, the
// schema itself, and others.yaml. It never replaces a file: when one of
// them exists, it writes nothing.
func writeImportDir(dir string, res *importer.Result) error {
	files, err := importFiles(res)
	if err != nil {
		return err
	}
	for _, f := range slices.Sorted(maps.Keys(files)) {
		if _, err := os.Lstat(filepath.Join(dir, f)); err == nil {
			return fmt.Errorf("%s already exists: import writes only new files (give an empty or new directory)", filepath.Join(dir, f))
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range slices.Sorted(maps.Keys(files)) {
		if err := os.WriteFile(filepath.Join(dir, f), files[f], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// importFiles are the files --out writes, by name.
func importFiles(res *importer.Result) (map[string][]byte, error) {
	files := map[string][]byte{}
	names := map[string]int{}
	for _, s := range res.Specs {
		names[s.Name]++
	}
	for _, s := range res.Specs {
		file := s.Name + ".yaml"
		if names[s.Name] > 1 {
			file = s.Namespace + "." + file
		}
		d, err := encodeSpec(s, schemaFile)
		if err != nil {
			return nil, err
		}
		files[file] = d
	}
	if len(res.Specs) > 0 {
		files[schemaFile] = schemas.JSONSchema
	}
	for _, a := range res.Apps {
		file := a.Name + ".app.yaml"
		if names[a.Name+".app"] > 0 {
			file = a.Namespace + "." + file
		}
		names[a.Name+".app"]++
		d, err := encodeSpec(a, appSchemaFile)
		if err != nil {
			return nil, err
		}
		files[file] = d
		files[appSchemaFile] = schemas.AppJSONSchema
	}
	if len(res.Rest) > 0 {
		var b bytes.Buffer
		if err := writeImportStream(&b, &importer.Result{Rest: res.Rest}); err != nil {
			return nil, err
		}
		files[othersFile] = b.Bytes()
	}
	return files, nil
}

// encodeSpec writes a ServiceSpec or an AppSpec as render writes
// objects, after a modeline when a schema path is given.
func encodeSpec(s specObject, schema string) ([]byte, error) {
	text, _, err := console.Encode(s, yamlenc.Options{})
	if err != nil {
		return nil, fmt.Errorf("encoding %s %s/%s: %w", s.GetObjectKind().GroupVersionKind().Kind, s.GetNamespace(), s.GetName(), err)
	}
	if schema == "" {
		return text, nil
	}
	return append([]byte("# yaml-language-server: $schema="+schema+"\n"), text...), nil
}

// specObject is a ServiceSpec or an AppSpec.
type specObject interface {
	runtime.Object
	GetName() string
	GetNamespace() string
}

// encodeObject writes an object passed through, without the annotations
// orchestrators add while reading files.
func encodeObject(it *krm.Item) ([]byte, error) {
	if err := it.RemoveAnnotations(krm.IsOrchestratorAnnotation); err != nil {
		return nil, err
	}
	o, err := it.Object()
	if err != nil {
		return nil, err
	}
	text := o.String()
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	return []byte(text), nil
}
