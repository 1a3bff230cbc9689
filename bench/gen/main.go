// Command gen writes the inputs of make bench for N services into a
// directory: list.yaml (a ResourceList of N ServiceSpecs of mixed types and
// 4N passthrough objects, as corpusgen writes it) and values.yaml (the same
// services for the helm chart in bench/chart).
//
//	go run ./bench/gen N DIR
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"sigs.k8s.io/kustomize/kyaml/kio"
	"sigs.k8s.io/kustomize/kyaml/kio/kioutil"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/servicespec/servicespec/bench/corpusgen"
	"github.com/servicespec/servicespec/fn/cli"
	"github.com/servicespec/servicespec/fn/krm"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gen N DIR")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[1])
	if err != nil || n < 1 {
		fmt.Fprintln(os.Stderr, "gen: N must be a positive number")
		os.Exit(2)
	}
	if err := write(n, os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func write(n int, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	list := filepath.Join(dir, "list.yaml")
	for path, gen := range map[string]func(io.Writer, int, int) error{
		list:                              corpusgen.Write,
		filepath.Join(dir, "values.yaml"): corpusgen.WriteHelmValues,
	} {
		if err := writeFile(path, func(w io.Writer) error { return gen(w, n, 4*n) }); err != nil {
			return err
		}
	}
	return writeKustomization(list, filepath.Join(dir, "kustomize"))
}

// writeFile creates path and fills it with write.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// writeKustomization renders the list once and writes what a cluster gets
// as plain manifests with a kustomization: the kustomize side of make bench.
func writeKustomization(list, dir string) error {
	in, err := os.ReadFile(list)
	if err != nil {
		return err
	}
	var out, errOut bytes.Buffer
	if code := cli.Run(nil, bytes.NewReader(in), &out, &errOut); code != 0 {
		return fmt.Errorf("rendering %s: %s", list, errOut.String())
	}
	nodes, err := (&kio.ByteReader{Reader: &out, OmitReaderAnnotations: true}).Read()
	if err != nil {
		return err
	}
	var manifests []*yaml.RNode
	for _, n := range nodes {
		if !strings.HasPrefix(n.GetApiVersion(), "servicespec.dev/") {
			manifests = append(manifests, n)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	err = writeFile(filepath.Join(dir, "manifests.yaml"), func(f io.Writer) error {
		return kio.ByteWriter{Writer: f, ClearAnnotations: []string{
			kioutil.PathAnnotation, kioutil.IndexAnnotation, krm.LegacyPathAnnotation, krm.LegacyIndexAnnotation}}.Write(manifests)
	})
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "kustomization.yaml"), []byte("resources:\n- manifests.yaml\n"), 0o644)
}
