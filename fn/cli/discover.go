package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"sigs.k8s.io/yaml"

	api "github.com/servicespec/servicespec/fn/api/v1alpha1"
	"github.com/servicespec/servicespec/fn/krm"
)

// runDiscover is servicespec discover [DIR]: it prints "servicespec" when
// the directory holds a ServiceSpec or an AppSpec, however its YAML (or
// JSON) spells it, or is a kustomization whose local resources, bases,
// components, generators or transformers do. It is an Argo CD plugin's
// discovery command: it reads headers only, and it exits 0 whatever it
// finds, since the repo-server fails a render when discovery fails.
func runDiscover(args []string, stdout, stderr io.Writer) int {
	dir := "."
	switch len(args) {
	case 0:
	case 1:
		dir = args[0]
	default:
		fmt.Fprintln(stderr, "servicespec discover: give at most one directory")
		return ExitUsage
	}
	if holdsSpecs(dir, map[string]bool{}) {
		fmt.Fprintln(stdout, "servicespec")
	}
	return ExitOK
}

// maxDiscoverDepth bounds how far kustomizations are followed.
const maxDiscoverDepth = 16

// holdsSpecs: the directory (or a kustomization's local inputs) holds a
// ServiceSpec or an AppSpec. Files that do not read are passed over.
func holdsSpecs(dir string, visited map[string]bool) bool {
	abs, err := filepath.Abs(dir)
	if err != nil || visited[abs] || len(visited) > maxDiscoverDepth*8 {
		return false
	}
	visited[abs] = true
	files, err := yamlFiles(dir)
	if err != nil {
		return false
	}
	if slices.ContainsFunc(files, fileHoldsSpecs) {
		return true
	}
	k, ok := readKustomization(dir)
	if !ok {
		return false
	}
	for _, ref := range kustomizationInputs(k) {
		p := filepath.Join(dir, ref)
		st, err := os.Stat(p)
		switch {
		case strings.Contains(ref, "://") || err != nil:
		case st.IsDir() && holdsSpecs(p, visited):
			return true
		case !st.IsDir() && fileHoldsSpecs(p):
			return true
		}
	}
	return false
}

// fileHoldsSpecs reads a file's headers for one of servicespec's kinds.
func fileHoldsSpecs(path string) bool {
	data, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	items, _, err := krm.ReadDocuments(path, data)
	if err != nil {
		return false
	}
	return slices.ContainsFunc(items, func(it *krm.Item) bool {
		return it.GroupVersionKind().Group == api.Group && (it.Kind == api.Kind || it.Kind == api.AppKind)
	})
}

// kustomization is what discovery reads of a kustomization: the fields
// that name what it reads objects from (kustomize's own type would link
// kustomize's API, and through it the OpenAPI and HTTP packages, into the
// binary and the WebAssembly module).
type kustomization struct {
	Resources    []string `json:"resources"`
	Bases        []string `json:"bases"`
	Components   []string `json:"components"`
	Generators   []string `json:"generators"`
	Transformers []string `json:"transformers"`
}

// readKustomization reads the directory's kustomization file, if any.
func readKustomization(dir string) (*kustomization, bool) {
	for _, name := range []string{"kustomization.yaml", "kustomization.yml", "Kustomization"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		var k kustomization
		return &k, yaml.Unmarshal(data, &k) == nil
	}
	return nil, false
}

// kustomizationInputs are the paths a kustomization reads objects from.
func kustomizationInputs(k *kustomization) []string {
	var refs []string
	refs = append(refs, k.Resources...)
	refs = append(refs, k.Bases...)
	refs = append(refs, k.Components...)
	refs = append(refs, k.Generators...)
	refs = append(refs, k.Transformers...)
	return refs
}
