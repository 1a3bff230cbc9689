// Command sbom writes a CycloneDX 1.5 software bill of materials (JSON) of
// one built artifact: the modules it links, as its embedded build
// information lists them (what `go version -m` prints), not the whole
// module graph, so that a scanner reports only what the artifact holds.
// A WebAssembly module carries no build information Go can read back; its
// modules are those of the packages the build links for GOOS=js
// GOARCH=wasm (go list -deps), which is how the go command computes the
// build information of the other artifacts. The main component is the
// application, with the release's version; its platform and the
// artifact's file name are properties.
//
//	go run ./hack/sbom VERSION ARTIFACT [MAIN_PACKAGE] > ARTIFACT.cdx.json
package main

import (
	"bufio"
	"bytes"
	"debug/buildinfo"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
)

type component struct {
	Type       string     `json:"type"`
	BOMRef     string     `json:"bom-ref"`
	Name       string     `json:"name"`
	Version    string     `json:"version,omitempty"`
	PURL       string     `json:"purl"`
	Properties []property `json:"properties,omitempty"`
}

type property struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

func main() {
	if len(os.Args) != 3 && len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: sbom VERSION ARTIFACT [MAIN_PACKAGE]")
		os.Exit(2)
	}
	pkg := "./cmd/servicespec"
	if len(os.Args) == 4 {
		pkg = os.Args[3]
	}
	if err := write(os.Args[1], os.Args[2], pkg); err != nil {
		fmt.Fprintln(os.Stderr, "sbom:", err)
		os.Exit(1)
	}
}

func write(version, artifact, pkg string) error {
	info, err := buildinfo.ReadFile(artifact)
	if err != nil && strings.HasSuffix(artifact, ".wasm") {
		info, err = wasmBuildInfo(pkg)
	}
	if err != nil {
		return err
	}
	main := moduleComponent("application", &info.Main)
	main.Version, main.PURL = version, "pkg:golang/"+info.Main.Path+"@"+version
	main.BOMRef = main.PURL
	main.Properties = append(main.Properties, property{"servicespec:artifact", filepath.Base(artifact)})
	for _, s := range info.Settings {
		if s.Key == "GOOS" || s.Key == "GOARCH" {
			main.Properties = append(main.Properties, property{"go:" + s.Key, s.Value})
		}
	}
	main.Properties = append(main.Properties, property{"go:version", info.GoVersion})
	deps := make([]component, 0, len(info.Deps))
	refs := make([]string, 0, len(info.Deps))
	for _, d := range info.Deps {
		c := moduleComponent("library", d)
		deps = append(deps, c)
		refs = append(refs, c.BOMRef)
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

// wasmBuildInfo is the build information of pkg built for GOOS=js
// GOARCH=wasm: its module and the modules of every package it links.
func wasmBuildInfo(pkg string) (*debug.BuildInfo, error) {
	cmd := exec.Command("go", "list", "-deps", "-json=Module,Standard", pkg)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -deps %s (js/wasm): %w", pkg, err)
	}
	info := &debug.BuildInfo{GoVersion: runtime.Version(),
		Settings: []debug.BuildSetting{{Key: "GOOS", Value: "js"}, {Key: "GOARCH", Value: "wasm"}}}
	seen := map[string]bool{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p struct {
			Standard bool
			Module   *struct {
				Path, Version string
				Main          bool
				Replace       *struct{ Path, Version string }
			}
		}
		if err := dec.Decode(&p); err != nil {
			return nil, err
		}
		m := p.Module
		if p.Standard || m == nil || seen[m.Path] {
			continue
		}
		seen[m.Path] = true
		mod := debug.Module{Path: m.Path, Version: m.Version}
		if m.Replace != nil {
			mod.Replace = &debug.Module{Path: m.Replace.Path, Version: m.Replace.Version}
		}
		if m.Main {
			info.Main = mod
		} else {
			info.Deps = append(info.Deps, &mod)
		}
	}
	slices.SortFunc(info.Deps, func(a, b *debug.Module) int { return strings.Compare(a.Path, b.Path) })
	return info, nil
}

// moduleComponent is a linked module, as it was built (a replaced module
// by its replacement).
func moduleComponent(kind string, m *debug.Module) component {
	if m.Replace != nil {
		m = m.Replace
	}
	c := component{Type: kind, Name: m.Path, Version: m.Version, PURL: "pkg:golang/" + m.Path + "@" + m.Version}
	c.BOMRef = c.PURL
	return c
}
