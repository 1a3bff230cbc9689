package cli

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/function"
	"github.com/servicespec/servicespec/fn/krm"
)

// runRender reads manifests from files, directories and stdin ("-"), runs
// the function over them and prints what a cluster should receive: the
// rendered objects and the other manifests, without ServiceSpecs, Kptfiles,
// other local-config objects or orchestrator annotations. With --cluster,
// placed services render what that member cluster receives.
func runRender(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("render", flag.ContinueOnError)
	flags.SetOutput(stderr)
	cluster := flags.String("cluster", "", "render the placed services for this member cluster: the plain objects it receives")
	var explain explainMode
	flags.Var(&explain, "explain", "end every line servicespec wrote with a comment saying where it comes from (--explain=json: one record per field)")
	paths, err := parseInterspersed(flags, args)
	if err != nil {
		return ExitUsage
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "servicespec render: give at least one file or directory")
		return ExitUsage
	}
	deploy, explained, code := renderItems(paths, stdin, stderr, *cluster, explain != "")
	if code != ExitOK {
		return code
	}
	var out []byte
	switch explain {
	case "text":
		_, out, err = explainedStream(deploy, explained)
	case "json":
		out, err = explainedJSON(deploy, explained)
	default:
		out, err = krm.WriteStream(deploy)
	}
	if err == nil {
		_, err = stdout.Write(out)
	}
	if err != nil {
		fmt.Fprintf(stderr, "servicespec render: writing stdout: %v\n", err)
		return ExitError
	}
	return ExitOK
}

// renderItems reads the manifests, runs the function over them (for one
// member cluster when cluster is set; saying where each generated field
// comes from when explain is set) and returns what a cluster should
// receive, or the exit code of a failure (its errors written to stderr).
func renderItems(paths []string, stdin io.Reader, stderr io.Writer, cluster string, explain bool) ([]*krm.Item, map[*krm.Item][]function.Explanation, int) {
	items, err := readManifests(paths, stdin, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "servicespec render: %v\n", err)
		return nil, nil, ExitError
	}
	res := function.Run(items, nil, function.Options{Cluster: cluster, Explain: explain})
	function.Summarize(stderr, res.Results)
	if !res.OK {
		fmt.Fprintln(stderr, "servicespec render: the ServiceSpecs have errors; nothing was rendered")
		return nil, nil, ExitError
	}
	var deploy []*krm.Item
	for _, it := range res.Items {
		if !deployable(it) {
			continue
		}
		if slices.ContainsFunc(it.Annotations, func(a krm.Annotation) bool { return krm.IsOrchestratorAnnotation(a.Key) }) {
			if err := it.RemoveAnnotations(krm.IsOrchestratorAnnotation); err != nil {
				fmt.Fprintf(stderr, "servicespec render: %s: %v\n", it.File(), err)
				return nil, nil, ExitError
			}
		}
		deploy = append(deploy, it)
	}
	return deploy, res.Explained, ExitOK
}

// RenderWithSources is `servicespec render [--cluster NAME] -` over text,
// with, for each line of its output, the source render --explain gives it
// ("" for a line without one), from one run: the playground's.
func RenderWithSources(text []byte, cluster string, stderr io.Writer) (string, []string, int) {
	deploy, explained, code := renderItems([]string{"-"}, bytes.NewReader(text), stderr, cluster, true)
	if code != ExitOK {
		return "", nil, code
	}
	plain, commented, err := explainedStream(deploy, explained)
	if err != nil {
		fmt.Fprintf(stderr, "servicespec render: %v\n", err)
		return "", nil, ExitError
	}
	return string(plain), LineSources(string(plain), string(commented)), ExitOK
}

// deployable is false for what only configures the render.
func deployable(it *krm.Item) bool {
	gvk := it.GroupVersionKind()
	isKptfile := gvk.Kind == "Kptfile" && gvk.Group == "kpt.dev"
	return gvk.Group != api.Group && !it.IsLocalConfig() && !isKptfile
}

// stdinName names standard input in messages and results.
const stdinName = "<stdin>"

// readManifests reads the YAML files named, those under the directories
// named (recursively, in lexical order, skipping hidden entries and
// kustomization files, which configure kustomize and are not manifests),
// and stdin for "-". Documents that are not Kubernetes objects are skipped
// with a warning naming their file.
func readManifests(paths []string, stdin io.Reader, stderr io.Writer) ([]*krm.Item, error) {
	var items []*krm.Item
	for _, p := range paths {
		var files []string
		if p == "-" {
			files = []string{"-"}
		} else {
			found, err := yamlFiles(p)
			if err != nil {
				return nil, err
			}
			files = found
		}
		for _, f := range files {
			objs, err := readFile(f, stdin, stderr)
			if err != nil {
				return nil, err
			}
			items = append(items, objs...)
		}
	}
	return items, nil
}

func yamlFiles(root string) ([]string, error) {
	st, err := os.Stat(root)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return []string{root}, nil
	}
	var files []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		hidden := p != root && strings.HasPrefix(d.Name(), ".")
		switch {
		case d.IsDir() && hidden:
			return filepath.SkipDir
		case d.IsDir() || hidden || isKustomization(d.Name()):
			return nil
		case strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml"):
			files = append(files, p)
		}
		return nil
	})
	return files, err
}

func isKustomization(name string) bool {
	return slices.Contains([]string{"kustomization.yaml", "kustomization.yml", "Kustomization"}, name)
}

// readFile reads the objects of one file ("-": stdin).
func readFile(p string, stdin io.Reader, stderr io.Writer) ([]*krm.Item, error) {
	name := filepath.ToSlash(p)
	var data []byte
	var err error
	if p == "-" {
		name = stdinName
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(p)
	}
	if err != nil {
		return nil, err
	}
	items, skipped, err := krm.ReadDocuments(name, data)
	for _, s := range skipped {
		fmt.Fprintf(stderr, "warning: %s: document %d has neither apiVersion nor kind, so it is not a Kubernetes object: skipped\n", s.File, s.Index+1)
	}
	return items, err
}
