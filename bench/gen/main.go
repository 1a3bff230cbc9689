// Command gen writes the inputs of make bench for N services into a
// directory: list.yaml (a ResourceList of N ServiceSpecs of mixed types and
// 4N passthrough objects, as corpusgen writes it), bad.yaml (the same list
// with one invalid ServiceSpec), values.yaml (the same services for the
// helm chart in bench/chart), kustomize/ (the rendered manifests for
// kustomize build) and kfn/ (a kustomization that runs servicespec as a
// transformer and saves the ResourceList kustomize sends it).
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
	if err := writeBadList(list, filepath.Join(dir, "bad.yaml")); err != nil {
		return err
	}
	if err := writeCapture(list, filepath.Join(dir, "kfn")); err != nil {
		return err
	}
	return writeKustomization(list, filepath.Join(dir, "kustomize"))
}

// writeBadList is the list with one error: the first ServiceSpec's replicas
// is negative.
func writeBadList(list, path string) error {
	in, err := os.ReadFile(list)
	if err != nil {
		return err
	}
	bad := bytes.Replace(in, []byte("    replicas: 2\n"), []byte("    replicas: -2\n"), 1)
	if bytes.Equal(bad, in) {
		return fmt.Errorf("%s has no replicas to break", list)
	}
	return os.WriteFile(path, bad, 0o644)
}

// writeCapture writes a kustomization whose transformer is a script that
// saves its stdin (the ResourceList as kustomize serializes it) as
// kustomize-input.yaml and runs servicespec on it.
func writeCapture(list, dir string) error {
	in, err := os.ReadFile(list)
	if err != nil {
		return err
	}
	nodes, err := (&kio.ByteReader{Reader: bytes.NewReader(in), OmitReaderAnnotations: true}).Read()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	err = writeFile(filepath.Join(dir, "resources.yaml"), func(f io.Writer) error {
		return kio.ByteWriter{Writer: f, ClearAnnotations: []string{kioutil.PathAnnotation, kioutil.IndexAnnotation}}.Write(nodes)
	})
	if err != nil {
		return err
	}
	files := map[string]string{
		"kustomization.yaml": "resources:\n- resources.yaml\ntransformers:\n- fn.yaml\n",
		"fn.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: servicespec\n  annotations:\n" +
			"    config.kubernetes.io/function: |\n      exec:\n        path: ./capture.sh\n",
		"capture.sh": "#!/bin/sh\ntee kustomize-input.yaml | servicespec\n",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o755); err != nil {
			return err
		}
	}
	return nil
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
