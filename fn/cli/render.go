package cli

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/kptdev/krm-functions-sdk/go/fn"
	"sigs.k8s.io/kustomize/kyaml/kio"
	"sigs.k8s.io/kustomize/kyaml/kio/kioutil"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/function"
)

// runRender reads manifests from files and directories, runs the function
// over them and prints what a cluster should receive: the rendered objects
// and the other manifests, without ServiceSpecs, Kptfiles, other
// local-config objects or orchestrator annotations.
func runRender(paths []string, stdout, stderr io.Writer) int {
	items, err := readManifests(paths)
	if err != nil {
		fmt.Fprintf(stderr, "servicespec render: %v\n", err)
		return ExitError
	}
	rl := &fn.ResourceList{Items: items, FunctionConfig: fn.NewEmptyKubeObject()}
	if ok, _ := (function.Processor{Stderr: stderr}).Process(rl); !ok {
		fmt.Fprintln(stderr, "servicespec render: the ServiceSpecs have errors; nothing was rendered")
		return ExitError
	}
	rl.Sort()
	var out bytes.Buffer
	for _, o := range rl.Items {
		if !deployable(o) {
			continue
		}
		stripOrchestratorAnnotations(o)
		if out.Len() > 0 {
			out.WriteString("---\n")
		}
		out.WriteString(o.String())
	}
	if _, err := stdout.Write(out.Bytes()); err != nil {
		fmt.Fprintf(stderr, "servicespec render: writing stdout: %v\n", err)
		return ExitError
	}
	return ExitOK
}

// deployable is false for what only configures the render.
func deployable(o *fn.KubeObject) bool {
	isKptfile := o.GetKind() == "Kptfile" && o.GroupKind().Group == "kpt.dev"
	return o.GroupKind().Group != api.Group && !o.IsLocalConfig() && !isKptfile
}

// readManifests reads the YAML files named and those under the directories
// named (recursively, in lexical order, skipping hidden entries and
// kustomization files, which configure kustomize and are not manifests).
func readManifests(paths []string) (fn.KubeObjects, error) {
	var files []string
	for _, p := range paths {
		found, err := yamlFiles(p)
		if err != nil {
			return nil, err
		}
		files = append(files, found...)
	}
	var items fn.KubeObjects
	for _, f := range files {
		objs, err := readFile(f)
		if err != nil {
			return nil, err
		}
		items = append(items, objs...)
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

// readFile parses one file and records its path and each object's index, so
// that errors name the file.
func readFile(p string) (fn.KubeObjects, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	rel := filepath.ToSlash(p)
	nodes, err := (&kio.ByteReader{Reader: bytes.NewReader(data), OmitReaderAnnotations: true}).Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rel, err)
	}
	var objs fn.KubeObjects
	for i, n := range nodes {
		o := fn.MoveToKubeObject(n)
		if o.GetAPIVersion() == "" || o.GetKind() == "" {
			return nil, fmt.Errorf("%s: document %d is not a Kubernetes object (no apiVersion or kind)", rel, i)
		}
		for _, kv := range [][2]string{{kioutil.PathAnnotation, rel}, {kioutil.IndexAnnotation, strconv.Itoa(i)}} {
			_ = o.SetAnnotation(kv[0], kv[1])
		}
		objs = append(objs, o)
	}
	return objs, nil
}

// stripOrchestratorAnnotations removes the path, index and id annotations,
// and the annotations map when nothing else is left in it.
func stripOrchestratorAnnotations(o *fn.KubeObject) {
	for k := range o.GetAnnotations() {
		if strings.HasPrefix(k, "internal.config.kubernetes.io/") || k == function.LegacyPathAnnotation ||
			k == function.LegacyIndexAnnotation || k == function.LegacyIDAnnotation {
			_ = o.RemoveAnnotation(k)
		}
	}
	if len(o.GetAnnotations()) == 0 {
		_, _ = o.RemoveNestedField("metadata", "annotations")
	}
}
