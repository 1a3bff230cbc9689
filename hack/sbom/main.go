// Command sbom writes a CycloneDX 1.5 software bill of materials (JSON) of
// servicespec's Go module graph as the build resolves it: the main module
// and every module `go list -m all` lists, each with its package URL.
//
//	go run ./hack/sbom VERSION > servicespec.cdx.json
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
)

type module struct {
	Path, Version string
	Main          bool
	Replace       *module
}

type component struct {
	Type    string `json:"type"`
	BOMRef  string `json:"bom-ref"`
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
	PURL    string `json:"purl"`
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: sbom VERSION")
		os.Exit(2)
	}
	if err := write(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "sbom:", err)
		os.Exit(1)
	}
}

func write(version string) error {
	out, err := exec.Command("go", "list", "-m", "-json", "all").Output()
	if err != nil {
		return err
	}
	var main component
	var deps []component
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var m module
		if err := dec.Decode(&m); err != nil {
			return err
		}
		if m.Replace != nil {
			m.Path, m.Version = m.Replace.Path, m.Replace.Version
		}
		if m.Main {
			m.Version = version
		}
		c := component{Type: "library", Name: m.Path, Version: m.Version, PURL: "pkg:golang/" + m.Path + "@" + m.Version}
		c.BOMRef = c.PURL
		if m.Main {
			c.Type, main = "application", c
			continue
		}
		deps = append(deps, c)
	}
	refs := make([]string, len(deps))
	for i, d := range deps {
		refs[i] = d.BOMRef
	}
	bom := map[string]any{
		"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
		"metadata":     map[string]any{"component": main},
		"components":   deps,
		"dependencies": []any{map[string]any{"ref": main.BOMRef, "dependsOn": refs}},
	}
	w := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(bom); err != nil {
		return err
	}
	return w.Flush()
}
