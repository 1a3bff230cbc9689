// Command compare checks that two CRD files describe the same schema: the
// same properties, types, required fields and extensions at every depth,
// descriptions aside. It prints each difference and exits 1 when there is
// one.
//
//	go run ./compare KUBESPHERE_FILE GENERATED_FILE
package main

import (
	"fmt"
	"os"
	"reflect"
	"slices"

	"sigs.k8s.io/yaml"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: compare KUBESPHERE_FILE GENERATED_FILE")
		os.Exit(2)
	}
	want, got := read(os.Args[1]), read(os.Args[2])
	n := diff("", want, got)
	fmt.Printf("%d differences\n", n)
	if n > 0 {
		os.Exit(1)
	}
}

// read is the CRD's spec, without descriptions and the generator's
// annotations (metadata is not compared).
func read(path string) any {
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var crd map[string]any
	if err := yaml.Unmarshal(data, &crd); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", path, err)
		os.Exit(2)
	}
	return withoutDescriptions(crd["spec"])
}

func withoutDescriptions(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if k != "description" {
				out[k] = withoutDescriptions(e)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = withoutDescriptions(e)
		}
		return out
	}
	return v
}

// diff prints where want and got differ and counts the differences.
func diff(path string, want, got any) int {
	wm, wok := want.(map[string]any)
	gm, gok := got.(map[string]any)
	if wok && gok {
		keys := map[string]bool{}
		for k := range wm {
			keys[k] = true
		}
		for k := range gm {
			keys[k] = true
		}
		n := 0
		for _, k := range slices.Sorted(func(yield func(string) bool) {
			for k := range keys {
				if !yield(k) {
					return
				}
			}
		}) {
			n += diff(path+"."+k, wm[k], gm[k])
		}
		return n
	}
	wl, wok := want.([]any)
	gl, gok := got.([]any)
	if wok && gok && len(wl) == len(gl) {
		n := 0
		for i := range wl {
			n += diff(fmt.Sprintf("%s[%d]", path, i), wl[i], gl[i])
		}
		return n
	}
	if reflect.DeepEqual(want, got) {
		return 0
	}
	fmt.Printf("%s: KubeSphere has %s, generated %s\n", path, short(want), short(got))
	return 1
}

func short(v any) string {
	if v == nil {
		return "nothing"
	}
	s := fmt.Sprint(v)
	if len(s) > 80 {
		s = s[:80] + "..."
	}
	return s
}
