// Command ocicheck lists what an OCI image archive (podman manifest push
// --all ... oci-archive:FILE) holds, one line per image, sorted (a
// multi-platform build adds its images in no fixed order): its platform, the
// OCI labels version, revision and source, and the ELF machine of the
// binary at PATH in its layers.
//
//	go run ./hack/ocicheck FILE /usr/local/bin/servicespec
//	linux/amd64 v1.2.3 0123abc https://github.com/servicespec/servicespec EM_X86_64
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"debug/elf"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

type descriptor struct {
	MediaType string `json:"mediaType"`
	Digest    string `json:"digest"`
	Platform  *struct {
		OS           string `json:"os"`
		Architecture string `json:"architecture"`
	} `json:"platform"`
}

type document struct {
	Manifests []descriptor `json:"manifests"` // an index
	Config    descriptor   `json:"config"`    // an image manifest
	Layers    []descriptor `json:"layers"`
}

type config struct {
	OS           string `json:"os"`
	Architecture string `json:"architecture"`
	Config       struct {
		Labels map[string]string `json:"Labels"`
	} `json:"config"`
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: ocicheck ARCHIVE PATH")
		os.Exit(2)
	}
	if err := run(os.Args[1], strings.TrimPrefix(os.Args[2], "/")); err != nil {
		fmt.Fprintln(os.Stderr, "ocicheck:", err)
		os.Exit(1)
	}
}

func run(archive, path string) error {
	files, err := readTar(archive)
	if err != nil {
		return err
	}
	var index document
	if err := json.Unmarshal(files["index.json"], &index); err != nil {
		return fmt.Errorf("index.json: %w", err)
	}
	var lines []string
	if err := walk(files, index.Manifests, path, &lines); err != nil {
		return err
	}
	slices.Sort(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
	return nil
}

// walk follows indexes down to image manifests and describes each image.
func walk(files map[string][]byte, ds []descriptor, path string, lines *[]string) error {
	for _, d := range ds {
		var doc document
		if err := json.Unmarshal(blob(files, d.Digest), &doc); err != nil {
			return fmt.Errorf("%s: %w", d.Digest, err)
		}
		if strings.HasSuffix(d.MediaType, "index.v1+json") {
			if err := walk(files, doc.Manifests, path, lines); err != nil {
				return err
			}
			continue
		}
		var c config
		if err := json.Unmarshal(blob(files, doc.Config.Digest), &c); err != nil {
			return fmt.Errorf("config %s: %w", doc.Config.Digest, err)
		}
		machine, err := binaryMachine(files, doc.Layers, path)
		if err != nil {
			return fmt.Errorf("%s/%s: %w", c.OS, c.Architecture, err)
		}
		l := c.Config.Labels
		*lines = append(*lines, fmt.Sprintf("%s/%s %s %s %s %s", c.OS, c.Architecture, l["org.opencontainers.image.version"],
			l["org.opencontainers.image.revision"], l["org.opencontainers.image.source"], machine))
	}
	return nil
}

func blob(files map[string][]byte, digest string) []byte {
	return files["blobs/"+strings.Replace(digest, ":", "/", 1)]
}

// binaryMachine finds path in the layers (the last one holding it wins)
// and reads its ELF header.
func binaryMachine(files map[string][]byte, layers []descriptor, path string) (elf.Machine, error) {
	var found []byte
	for _, l := range layers {
		var r io.Reader = bytes.NewReader(blob(files, l.Digest))
		if strings.Contains(l.MediaType, "gzip") {
			gz, err := gzip.NewReader(r)
			if err != nil {
				return 0, err
			}
			r = gz
		}
		layer, err := readTarFrom(r)
		if err != nil {
			return 0, err
		}
		if b, ok := layer[path]; ok {
			found = b
		}
	}
	if found == nil {
		return 0, errors.New("no /" + path + " in the layers")
	}
	f, err := elf.NewFile(bytes.NewReader(found))
	if err != nil {
		return 0, err
	}
	return f.Machine, nil
}

func readTar(name string) (map[string][]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }() // read only: nothing to flush
	return readTarFrom(f)
}

func readTarFrom(r io.Reader) (map[string][]byte, error) {
	out := map[string][]byte{}
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		out[strings.TrimPrefix(h.Name, "./")] = b
	}
}
